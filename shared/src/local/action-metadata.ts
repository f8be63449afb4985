/**
 * An action's interface as its action.yml declares it: the local runner validates `--with` keys against it,
 * applies its defaults, and generates `--help` from it, so the command line can never drift from the action.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigurationError, quote } from '../errors';

export interface InputDefinition {
  description: string;
  required: boolean;
  /** The default as written, `${{ }}` and all; undefined when there is none. */
  default: string | undefined;
}

export interface ActionMetadata {
  /** The folder name under actions/. */
  id: string;
  name: string;
  description: string;
  inputs: Record<string, InputDefinition>;
  outputs: Record<string, { description: string }>;
  /** The bundle the runner starts (runs.main). */
  main: string;
}

/** The actions with a bundle under `actionsRoot`, sorted. */
export function listActions(actionsRoot: string): string[] {
  if (!existsSync(actionsRoot)) return [];
  return readdirSync(actionsRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(actionsRoot, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort();
}

export function readActionMetadata(actionsRoot: string, id: string): ActionMetadata {
  const file = path.join(actionsRoot, id, 'action.yml');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !existsSync(file)) {
    throw new ConfigurationError(`${quote(id)} is not one of the actions; expected one of: ${listActions(actionsRoot).join(', ')}`);
  }
  const raw = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as {
    name?: unknown;
    description?: unknown;
    inputs?: Record<string, { description?: unknown; required?: unknown; default?: unknown } | null> | null;
    outputs?: Record<string, { description?: unknown } | null> | null;
    runs?: { main?: unknown };
  };
  const inputs: Record<string, InputDefinition> = {};
  for (const [name, definition] of Object.entries(raw.inputs ?? {})) {
    inputs[name] = {
      description: String(definition?.description ?? ''),
      required: definition?.required === true,
      default: definition?.default === undefined || definition.default === null ? undefined : String(definition.default),
    };
  }
  const outputs: Record<string, { description: string }> = {};
  for (const [name, definition] of Object.entries(raw.outputs ?? {})) outputs[name] = { description: String(definition?.description ?? '') };
  return {
    id,
    name: String(raw.name ?? id),
    description: String(raw.description ?? ''),
    inputs,
    outputs,
    main: path.join(actionsRoot, id, String(raw.runs?.main ?? 'dist/index.js')),
  };
}

/** `INPUT_` + the name with spaces as underscores, upper-cased; hyphens stay (INPUT_WORKING-DIRECTORY), as the runner does. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Thrown for a `with:` key the action does not declare; `source` says where the key came from (`--with`, a workflow step). */
export class UnknownInputError extends ConfigurationError {
  constructor(
    readonly action: string,
    readonly unknown: string[],
    declared: string[],
    source?: string,
  ) {
    const names = unknown.map((u) => JSON.stringify(u)).join(', ');
    super(`${source ? `${source}: ` : ''}actions/${action}/action.yml declares no input ${names}; it declares: ${declared.join(', ')}`);
  }
}

/**
 * INPUT_* for every declared input: the given value, else the default with its `${{ }}` evaluated by
 * `evaluateDefault` (the runner evaluates defaults as expressions; ours only use github.token).
 */
export function inputEnvironment(
  metadata: ActionMetadata,
  given: Readonly<Record<string, string>>,
  evaluateDefault: (text: string) => string,
  source?: string,
): Record<string, string> {
  const declared = Object.keys(metadata.inputs);
  const unknown = Object.keys(given).filter((input) => !(input in metadata.inputs));
  if (unknown.length > 0) throw new UnknownInputError(metadata.id, unknown, declared, source);
  const variables: Record<string, string> = {};
  for (const [input, definition] of Object.entries(metadata.inputs)) {
    const value = given[input];
    variables[inputVariable(input)] = value !== undefined ? value : definition.default === undefined ? '' : evaluateDefault(definition.default);
  }
  return variables;
}
