// The action metadata and the repository's own workflow: valid against SchemaStore's schemas, and each action
// has exactly the inputs and outputs agreed in DESIGN.md's interface table.
import { Ajv, type ValidateFunction } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaDir = path.join(root, 'tests', 'schemastore');

/** DESIGN.md, "Interfaces (action inputs and outputs)": the agreed names, in the table's order. */
const INTERFACE: Record<string, { inputs: string[]; outputs: string[] }> = {
  'validate-data': {
    // Added to the table's inputs: `artifact-store` and `github-token`, to fetch the production version's profile.
    inputs: ['data', 'contract', 'reference', 'profile', 'report', 'fail-on', 'shard', 'merge', 'infer-contract', 'model-name', 'registry', 'artifact-store', 'github-token'],
    outputs: ['passed', 'rows', 'errors', 'warnings', 'drifted-columns', 'profile', 'report'],
  },
  train: {
    inputs: ['command', 'working-directory', 'params', 'inputs', 'model', 'metrics', 'predictions', 'cache', 'cache-key-prefix', 'timeout-minutes', 'run-record', 'artifact-name'],
    outputs: ['cache-hit', 'run-id', 'model-digest', 'metrics', 'run-record', 'duration-seconds'],
  },
  'evaluate-gate': {
    // Added to the table's inputs: `artifact-store` (where baseline-command downloads the production model from, as
    // promote stored it) and `test-set` (whose digest tells a baseline measured on other rows).
    inputs: ['candidate', 'candidate-predictions', 'baseline', 'baseline-predictions', 'baseline-command', 'policy', 'model-name', 'registry', 'artifact-store', 'test-set', 'validation-report', 'comment', 'github-token', 'report'],
    outputs: ['passed', 'verdict', 'report', 'markdown', 'comment-url'],
  },
  promote: {
    // `profile` was added to the table's inputs ("add inputs where users need them"): the drift reference stored with a version.
    inputs: ['model-name', 'stage', 'gate-report', 'run-record', 'model', 'profile', 'version', 'bump', 'registry', 'artifact-store', 'rollback', 'to-version', 'require-stage', 'github-token'],
    outputs: ['version', 'tag', 'stage-tag', 'previous-version', 'artifact-url', 'model-digest'],
  },
};

interface Field {
  description?: unknown;
  required?: unknown;
  default?: unknown;
}
interface ActionMetadata {
  name?: unknown;
  description?: unknown;
  branding?: { icon?: unknown; color?: unknown };
  inputs?: Record<string, Field>;
  outputs?: Record<string, Field>;
  runs?: { using?: unknown; main?: unknown };
}

// SchemaStore's schemas are draft-07 and use keywords Ajv's strict mode rejects (see tests/schemastore/SOURCE.md).
function compile(file: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as object);
}

function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('\n');
}

const actionNames = readdirSync(path.join(root, 'actions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'actions', entry.name, 'action.yml')))
  .map((entry) => entry.name)
  .sort();

function load(name: string): ActionMetadata {
  return parse(readFileSync(path.join(root, 'actions', name, 'action.yml'), 'utf8')) as ActionMetadata;
}

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

describe('action metadata', () => {
  const validateAction = compile('github-action.json');

  it('has the four actions of the design, and no others', () => {
    expect(actionNames).toEqual(Object.keys(INTERFACE).sort());
  });

  describe.each(actionNames)('actions/%s/action.yml', (name) => {
    const meta = load(name);

    it("validates against SchemaStore's github-action schema", () => {
      const valid = validateAction(meta);
      expect(valid, errorsOf(validateAction)).toBe(true);
    });

    it('runs dist/index.js on node24', () => {
      expect(meta.runs?.using).toBe('node24');
      expect(meta.runs?.main).toBe('dist/index.js');
    });

    it('has a name, a description and branding', () => {
      expect(nonEmpty(meta.name)).toBe(true);
      expect(nonEmpty(meta.description)).toBe(true);
      expect(nonEmpty(meta.branding?.icon)).toBe(true);
      expect(nonEmpty(meta.branding?.color)).toBe(true);
    });

    it('describes every input and output', () => {
      const undescribed = [
        ...Object.entries(meta.inputs ?? {}).filter(([, field]) => !nonEmpty(field?.description)).map(([key]) => `input ${key}`),
        ...Object.entries(meta.outputs ?? {}).filter(([, field]) => !nonEmpty(field?.description)).map(([key]) => `output ${key}`),
      ];
      expect(undescribed).toEqual([]);
    });

    it('has exactly the inputs and outputs agreed in DESIGN.md', () => {
      const agreed = INTERFACE[name];
      expect(agreed, `${name} is not in the interface table`).toBeDefined();
      expect(Object.keys(meta.inputs ?? {}).sort()).toEqual([...(agreed?.inputs ?? [])].sort());
      expect(Object.keys(meta.outputs ?? {}).sort()).toEqual([...(agreed?.outputs ?? [])].sort());
    });
  });

  it('train requires `command`, and only `command`', () => {
    const required = Object.entries(load('train').inputs ?? {})
      .filter(([, field]) => field?.required === true)
      .map(([key]) => key);
    expect(required).toEqual(['command']);
  });
});

describe('.github/workflows/ci.yml', () => {
  const validateWorkflow = compile('github-workflow.json');
  const file = path.join(root, '.github', 'workflows', 'ci.yml');
  const workflow = parse(readFileSync(file, 'utf8')) as {
    permissions?: unknown;
    jobs?: Record<string, { steps?: Array<{ uses?: string; run?: string }> }>;
  };

  it("validates against SchemaStore's github-workflow schema", () => {
    const valid = validateWorkflow(workflow);
    expect(valid, errorsOf(validateWorkflow)).toBe(true);
  });

  it('reads the repository only', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('pins every action by a full commit SHA with its version in a comment', () => {
    const text = readFileSync(file, 'utf8');
    const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [line, ref, rest] of uses) {
      expect(ref, line).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest, line).toMatch(/^\s+#\s*v\d+(\.\d+){0,2}\s*$/);
    }
  });

  it('runs the dist check, lint, typecheck and the tests', () => {
    const runs = Object.values(workflow.jobs ?? {}).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? ''));
    for (const command of ['npm ci', 'npm run check-dist', 'npm run lint', 'npm run typecheck', 'npm test']) {
      expect(runs, command).toContain(command);
    }
  });
});
