import path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import schema from '../../shared/schemas/gate-policy.schema.json';
import { ConfigurationError } from '../../shared/src/errors';
import { COMPUTABLE_METRICS } from '../../shared/src/gate/policy';
import { loadGatePolicy, parseGatePolicy } from '../../shared/src/gate/policy-load';

const fixtures = path.join(import.meta.dirname, '../fixtures/gate');
const repository = path.join(import.meta.dirname, '../..');

function errorOf(text: string, file = 'policy.yaml'): string {
  try {
    parseGatePolicy(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loading a gate policy', () => {
  it('reads the YAML and the JSON form of the same policy alike, with every key', async () => {
    const yaml = await loadGatePolicy(path.join(fixtures, 'policy.yaml'), 'policy', 'policy.yaml');
    const json = await loadGatePolicy(path.join(fixtures, 'policy.json'), 'policy', 'policy.yaml');
    expect(json).toEqual(yaml);
    expect(yaml).toEqual({
      file: 'policy.yaml',
      firstRun: 'fail',
      resamples: 5000,
      confidence: 0.9,
      seed: 7,
      compareAcrossTestSets: true,
      metrics: [
        { name: 'accuracy', direction: 'higher', thresholds: { min: 0.9, maxRegression: { abs: 0.01, rel: 0.02 } }, test: 'mcnemar', compute: 'accuracy', slices: [] },
        {
          name: 'val.auc',
          direction: 'higher',
          thresholds: { max: 1, minImprovement: { abs: 0.001 } },
          compute: 'roc_auc',
          slices: [
            // The slice's own thresholds replace the metric's; the rest are inherited.
            { column: 'sex', values: ['f', 'm'], minRows: 50, tooSmall: 'fail', thresholds: { min: 0.8, max: 1, maxRegression: { rel: 0.05 }, minImprovement: { abs: 0.001 } } },
          ],
        },
        { name: 'rmse', direction: 'lower', thresholds: { maxRegression: { abs: 0.5 } }, test: 'none', compute: 'rmse', slices: [] },
      ],
    });
  });

  it('fills in the defaults', () => {
    const policy = parseGatePolicy('metrics:\n  val.loss: { direction: lower }\n  f1:\n    direction: higher\n    slices: [{ column: region, values: [1, true] }]\n', 'p.yml');
    expect(policy).toMatchObject({ firstRun: 'value-only', resamples: 2000, confidence: 0.95, seed: 20240607, compareAcrossTestSets: false });
    expect(policy.metrics[0]).toEqual({ name: 'val.loss', direction: 'lower', thresholds: {}, compute: null, slices: [] });
    // Slice values are matched as text, as they come out of a predictions file.
    expect(policy.metrics[1]?.slices).toEqual([{ column: 'region', values: ['1', 'true'], minRows: 30, tooSmall: 'warn', thresholds: {} }]);
  });

  it('loads the example project\'s policy', async () => {
    const policy = await loadGatePolicy(path.join(repository, 'examples/breast-cancer/policy.yaml'));
    expect(policy.metrics.map((metric) => [metric.name, metric.compute])).toEqual([
      ['test.accuracy', 'accuracy'],
      ['test.roc_auc', 'roc_auc'],
      ['test.f1', 'f1'],
    ]);
    expect(policy.metrics.every((metric) => metric.thresholds.min !== undefined && metric.thresholds.maxRegression !== undefined)).toBe(true);
  });

  it('names the file and line of unknown keys, with a suggestion', () => {
    expect(errorOf('metrcs:\n  accuracy: { direction: higher }\n')).toBe('policy: "policy.yaml" line 1: metrcs is not a known key; did you mean "metrics"?');
    // The misspelt key is reported, not the required key it leaves missing.
    expect(errorOf('metrics:\n  accuracy:\n    direction: higher\n  val.auc:\n    directon: higher\n')).toBe(
      'policy: "policy.yaml" line 5: metrics["val.auc"].directon is not a known key; did you mean "direction"?',
    );
    expect(errorOf('metrics:\n  f1:\n    direction: higher\n    slices:\n      - column: sex\n        too-smal: skip\n')).toBe(
      'policy: "policy.yaml" line 6: metrics.f1.slices[0].too-smal is not a known key; did you mean "too-small"?',
    );
    expect(errorOf('metrics:\n  f1:\n    direction: higher\n    max-regression: { abs: 0.1, relative: 0.1 }\n')).toBe(
      'policy: "policy.yaml" line 4: metrics.f1.max-regression.relative is not a known key; did you mean "rel"?',
    );
    expect(errorOf('{\n  "metrics": {\n    "f1": {\n      "direction": "higher",\n      "mni": 3\n    }\n  }\n}\n', 'policy.json')).toBe(
      'policy: "policy.json" line 5: metrics.f1.mni is not a known key; did you mean "min"?',
    );
    expect(errorOf('metrics:\n  f1: { direction: higher, colour: red }\n')).toMatch(/line 2: metrics\.f1\.colour is not a known key; expected one of: direction, min, max, max-regression, min-improvement, test, compute, slices$/);
  });

  it('names the file, line, field, bad value and what was expected for bad values', () => {
    const cases: Array<[string, string]> = [
      ['metrics:\n  accuracy:\n    direction: hgher\n', 'line 3: metrics.accuracy.direction must be one of higher, lower, got "hgher"; did you mean "higher"?'],
      ['metrics:\n  accuracy:\n    direction: higher\n    min: high\n', 'line 4: metrics.accuracy.min must be a number, got "high"'],
      ['metrics:\n  accuracy:\n    direction: higher\n    max-regression: {}\n', 'line 4: metrics.accuracy.max-regression must set at least one of abs, rel'],
      ['metrics:\n  accuracy:\n    direction: higher\n    max-regression: { abs: -1 }\n', 'line 4: metrics.accuracy.max-regression.abs must be at least 0, got -1'],
      ['metrics:\n  accuracy:\n    direction: higher\n    test: bootstrap\n', 'line 4: metrics.accuracy.test must be one of paired-bootstrap, mcnemar, none, got "bootstrap"'],
      ['metrics:\n  val.auc:\n    direction: higher\n    compute: auc\n', 'line 4: metrics["val.auc"].compute must be one of ' + COMPUTABLE_METRICS.join(', ') + ', got "auc"'],
      ['metrics: {}\n', 'line 1: metrics must name at least one metric, such as accuracy: { direction: higher }'],
      ['metrics:\n  accuracy:\n', 'line 2: metrics.accuracy must be a mapping, got nothing'],
      ['metrics:\n  accuracy: { min: 0.9 }\n', 'line 2: metrics.accuracy lacks the required key "direction"'],
      ['first-run: skip\nmetrics:\n  a: { direction: higher }\n', 'line 1: first-run must be one of value-only, fail, got "skip"'],
      ['confidence: 1.5\nmetrics:\n  a: { direction: higher }\n', 'line 1: confidence must be less than 1, got 1.5'],
      ['resamples: 99.5\nmetrics:\n  a: { direction: higher }\n', 'line 1: resamples must be an integer, got 99.5'],
      ['compare-across-test-sets: "yes"\nmetrics:\n  a: { direction: higher }\n', 'line 1: compare-across-test-sets must be true or false, got "yes"'],
      ['version: 2\nmetrics:\n  a: { direction: higher }\n', 'line 1: version must be 1, got 2'],
      ['metrics:\n  f1:\n    direction: higher\n    slices:\n      - column: sex\n        values: [f, m, f]\n', 'line 6: metrics.f1.slices[0].values lists "f" twice'],
      ['metrics:\n  f1:\n    direction: higher\n    slices:\n      - values: [f]\n', 'line 5: metrics.f1.slices[0] lacks the required key "column"'],
      ['metrics:\n  f1:\n    direction: higher\n    slices:\n      - column: sex\n        too-small: ignore\n', 'line 6: metrics.f1.slices[0].too-small must be one of skip, warn, fail, got "ignore"'],
    ];
    for (const [text, expected] of cases) expect(errorOf(text)).toBe(`policy: "policy.yaml" ${expected}`);
  });

  it('refuses what the schema cannot say: min above max, a direction against the metric, McNemar for other metrics, a column twice', () => {
    expect(errorOf('metrics:\n  f1:\n    direction: higher\n    min: 0.9\n    max: 0.8\n')).toBe('policy: "policy.yaml" line 4: metrics.f1.min (0.9) is greater than max (0.8); no value could pass');
    // A slice's own max against the metric's min: reported at the slice.
    expect(errorOf('metrics:\n  f1:\n    direction: higher\n    min: 0.5\n    slices:\n      - column: sex\n        max: 0.4\n')).toBe(
      'policy: "policy.yaml" line 6: metrics.f1.slices[0].min (0.5) is greater than max (0.4); no value could pass',
    );
    expect(errorOf('metrics:\n  log_loss:\n    direction: higher\n')).toBe('policy: "policy.yaml" line 3: metrics.log_loss.direction is "higher", but log_loss is better when lower; expected direction: lower');
    expect(errorOf('metrics:\n  val.err:\n    direction: higher\n    compute: mae\n')).toMatch(/line 3: metrics\["val\.err"\]\.direction is "higher", but mae is better when lower/);
    expect(errorOf('metrics:\n  f1: { direction: higher, test: mcnemar }\n')).toBe(
      'policy: "policy.yaml" line 2: metrics.f1.test is "mcnemar", which applies to accuracy only (this metric is f1); expected paired-bootstrap or none',
    );
    expect(errorOf('metrics:\n  val.acc:\n    direction: higher\n    test: mcnemar\n')).toMatch(/line 4: .*\(this metric is not one the gate computes\)/);
    expect(errorOf('metrics:\n  f1:\n    direction: higher\n    slices:\n      - column: sex\n      - column: sex\n        min: 0.5\n')).toBe(
      'policy: "policy.yaml" line 6: metrics.f1.slices[1].column "sex" has a rule already (metrics.f1.slices[0]); list its values in one rule',
    );
  });

  it('names the file for syntax errors, empty files, unknown extensions and missing files', async () => {
    expect(errorOf('{\n  "metrics": {\n    "f1": { "direction": "higher", }\n  }\n}\n', 'policy.json')).toBe('policy: "policy.json" line 3 is not valid JSON: unexpected "}"');
    expect(errorOf('metrics:\n  f1: [\n')).toMatch(/^policy: "policy\.yaml" line \d+ is not valid YAML: /);
    expect(errorOf('metrics:\n  f1: { direction: higher }\n  f1: { direction: higher }\n')).toMatch(/^policy: "policy\.yaml" line 3 is not valid YAML: .*unique/i);
    expect(errorOf('')).toBe('policy: "policy.yaml" is empty; expected a mapping with metrics');
    expect(errorOf('metrics: {}', 'policy.toml')).toBe('policy: "policy.toml" has no known extension; expected .yaml, .yml or .json');
    await expect(loadGatePolicy(path.join(fixtures, 'nothing.yaml'), 'policy', 'nothing.yaml')).rejects.toThrow('policy: "nothing.yaml" does not exist');
  });

  it('is a valid draft-07 schema with a description on every field', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    expect(() => ajv.compile(schema)).not.toThrow();
    const undocumented: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      for (const [key, child] of Object.entries((record.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        const target = typeof child.$ref === 'string' ? (schema.definitions as Record<string, Record<string, unknown>>)[child.$ref.replace('#/definitions/', '')] : child;
        if (typeof child.description !== 'string' && typeof target?.description !== 'string') undocumented.push(`${at}.${key}`);
        visit(child, `${at}.${key}`);
      }
      for (const [key, child] of Object.entries((record.definitions ?? {}) as Record<string, unknown>)) visit(child, `#${key}`);
    };
    visit(schema, '');
    expect(undocumented).toEqual([]);
    // The computable metrics are the evaluation's catalog.
    expect(schema.definitions.computable.enum).toEqual([...COMPUTABLE_METRICS]);
    // Editors validate with the schema alone: the example policy passes it.
    const example = parseYaml(readFileSync(path.join(repository, 'examples/breast-cancer/policy.yaml'), 'utf8')) as unknown;
    expect(ajv.validate(schema, example)).toBe(true);
  });
});

describe('docs/gate-policy.md', () => {
  it('has examples that load', () => {
    const text = readFileSync(path.join(repository, 'docs/gate-policy.md'), 'utf8');
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) expect(parseGatePolicy(block, 'policy.yaml').metrics.length).toBeGreaterThan(0);
  });

  it('shows error messages the loader writes', () => {
    const text = readFileSync(path.join(repository, 'docs/gate-policy.md'), 'utf8');
    expect(text).toContain(errorOf('metrcs:\n  accuracy: { direction: higher }\n', 'gate.yaml'));
    expect(text).toContain(errorOf('metrics:\n  log_loss:\n    direction: higher\n', 'gate.yaml'));
  });
});
