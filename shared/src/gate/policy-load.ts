import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from '../../schemas/gate-policy.schema.json';
import { formatPath } from '../contract/contract';
import { didYouMean } from '../contract/suggest';
import { ConfigurationError, quote } from '../errors';
import { describeValue, TYPE_WORDS } from '../files/describe';
import { describeSchemaError } from '../files/schema';
import { parseStructured, readTextFile, type StructuredFormat } from '../files/structured';
import { KeyLines, type PolicyPath } from './policy-lines';
import {
  isComputableMetric,
  metricDirection,
  POLICY_DEFAULTS,
  type ChangeLimit,
  type ComputableMetric,
  type FirstRun,
  type GatePolicy,
  type MetricPolicy,
  type SliceRule,
  type TestMethod,
  type Thresholds,
  type TooSmall,
} from './policy';
import type { Direction } from './types';

export const GATE_POLICY_SCHEMA = schemaJson;

const FORMATS: Record<string, StructuredFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

// All errors, so the one that explains the others (an unknown key, usually a typo) can be reported first; verbose,
// so each error carries the bad value and the schema it broke.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
let validate: ValidateFunction | undefined;

/**
 * Reads a gate policy (.yaml, .yml or .json). Every mistake is a ConfigurationError naming the file and line; `label`
 * is the input it came from, `shown` how messages name the file (the path the user gave; the path read by default).
 */
export async function loadGatePolicy(file: string, label = 'policy', shown = file): Promise<GatePolicy> {
  // Named as the user wrote it (relative to the workspace), not as the action resolved it.
  return parseGatePolicy(await readTextFile(file, label, shown), shown, label);
}

/** Parses a policy's text; `file` names it in messages and decides the format by its extension. */
export function parseGatePolicy(text: string, file: string, label = 'policy'): GatePolicy {
  const format = FORMATS[path.extname(file).toLowerCase()];
  if (!format) throw new ConfigurationError(`${label}: ${quote(file)} has no known extension; expected .yaml, .yml or .json`, { file });
  const data = parseStructured(text, format, file, label);
  const lines = new KeyLines(text);
  const fail = (at: PolicyPath, message: string): never => {
    const line = lines.lineOf(at);
    throw new ConfigurationError(`${label}: ${quote(file)} line ${line}: ${message}`, { file, line });
  };
  if (data === null || data === undefined) {
    throw new ConfigurationError(`${label}: ${quote(file)} is empty; expected a mapping with metrics`, { file });
  }
  validate ??= ajv.compile(GATE_POLICY_SCHEMA);
  if (!validate(data)) {
    const error = mostTelling(validate.errors ?? [], data, lines);
    const { at, message } = describeError(error, data);
    fail(at, message);
  }
  return buildPolicy(data as PolicyDocument, file, fail);
}

/** The policy as written (after the schema check), keys as in the file. */
interface ChangeDocument {
  abs?: number;
  rel?: number;
}
interface ThresholdsDocument {
  min?: number;
  max?: number;
  'max-regression'?: ChangeDocument;
  'min-improvement'?: ChangeDocument;
}
interface SliceDocument extends ThresholdsDocument {
  column: string;
  values?: Array<string | number | boolean>;
  'min-rows'?: number;
  'too-small'?: TooSmall;
}
interface MetricDocument extends ThresholdsDocument {
  direction: Direction;
  test?: TestMethod;
  compute?: ComputableMetric;
  slices?: SliceDocument[];
}
interface PolicyDocument {
  version?: 1;
  'first-run'?: FirstRun;
  resamples?: number;
  confidence?: number;
  seed?: number;
  'compare-across-test-sets'?: boolean;
  metrics: Record<string, MetricDocument>;
}

type Fail = (at: PolicyPath, message: string) => never;

/** The rules the schema cannot say, and the defaults. */
function buildPolicy(document: PolicyDocument, file: string, fail: Fail): GatePolicy {
  const metrics: MetricPolicy[] = [];
  for (const [name, metric] of Object.entries(document.metrics)) {
    const at: PolicyPath = ['metrics', name];
    if (name.trim() === '') fail(at, `metrics has an empty metric name; expected the name in the metrics file, such as accuracy`);
    const compute = metric.compute ?? (isComputableMetric(name) ? name : null);
    if (compute !== null) {
      const natural = metricDirection(compute);
      if (metric.direction !== natural) {
        fail([...at, 'direction'], `${formatPath([...at, 'direction'])} is ${quote(metric.direction)}, but ${compute} is better when ${natural}; expected direction: ${natural}`);
      }
    }
    if (metric.test === 'mcnemar' && compute !== 'accuracy') {
      const what = compute === null ? 'not one the gate computes' : compute;
      fail([...at, 'test'], `${formatPath([...at, 'test'])} is "mcnemar", which applies to accuracy only (this metric is ${what}); expected paired-bootstrap or none`);
    }
    const thresholds = readThresholds(metric);
    checkBounds(thresholds, at, fail);
    const slices: SliceRule[] = [];
    const columns = new Map<string, number>();
    (metric.slices ?? []).forEach((slice, index) => {
      const sliceAt: PolicyPath = [...at, 'slices', index];
      const before = columns.get(slice.column);
      if (before !== undefined) {
        fail([...sliceAt, 'column'], `${formatPath([...sliceAt, 'column'])} ${quote(slice.column)} has a rule already (${formatPath([...at, 'slices', before])}); list its values in one rule`);
      }
      columns.set(slice.column, index);
      const merged: Thresholds = { ...thresholds, ...readThresholds(slice) };
      checkBounds(merged, sliceAt, fail);
      slices.push({
        column: slice.column,
        values: slice.values ? slice.values.map(String) : null,
        minRows: slice['min-rows'] ?? POLICY_DEFAULTS.sliceMinRows,
        tooSmall: slice['too-small'] ?? POLICY_DEFAULTS.sliceTooSmall,
        thresholds: merged,
      });
    });
    metrics.push({ name, direction: metric.direction, thresholds, ...(metric.test ? { test: metric.test } : {}), compute, slices });
  }
  return {
    file,
    firstRun: document['first-run'] ?? POLICY_DEFAULTS.firstRun,
    resamples: document.resamples ?? POLICY_DEFAULTS.resamples,
    confidence: document.confidence ?? POLICY_DEFAULTS.confidence,
    seed: document.seed ?? POLICY_DEFAULTS.seed,
    compareAcrossTestSets: document['compare-across-test-sets'] ?? POLICY_DEFAULTS.compareAcrossTestSets,
    metrics,
  };
}

function readThresholds(document: ThresholdsDocument): Thresholds {
  const thresholds: Thresholds = {};
  if (document.min !== undefined) thresholds.min = document.min;
  if (document.max !== undefined) thresholds.max = document.max;
  if (document['max-regression']) thresholds.maxRegression = readChange(document['max-regression']);
  if (document['min-improvement']) thresholds.minImprovement = readChange(document['min-improvement']);
  return thresholds;
}

function readChange(document: ChangeDocument): ChangeLimit {
  return { ...(document.abs !== undefined ? { abs: document.abs } : {}), ...(document.rel !== undefined ? { rel: document.rel } : {}) };
}

/** min above max can never pass: a typo, said at the line of the min (the slice's own when it sets one). */
function checkBounds(thresholds: Thresholds, at: PolicyPath, fail: Fail): void {
  if (thresholds.min !== undefined && thresholds.max !== undefined && thresholds.min > thresholds.max) {
    fail([...at, 'min'], `${formatPath([...at, 'min'])} (${thresholds.min}) is greater than max (${thresholds.max}); no value could pass`);
  }
}

/** The path of an ajv error's instance as keys and list indexes (a JSON pointer's parts, indexes where the data is a list). */
function pathOf(pointer: string, data: unknown): PolicyPath {
  const parts: Array<string | number> = [];
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      parts.push(Number(part));
      node = node[Number(part)] as unknown;
    } else {
      parts.push(part);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    }
  }
  return parts;
}

/**
 * The error to report: an unknown key first (a misspelt key also makes a required one look missing), then the
 * first in the file. `if`/`$ref` bookkeeping errors never reach here with this schema.
 */
function mostTelling(errors: ErrorObject[], data: unknown, lines: KeyLines): ErrorObject | undefined {
  const lineOf = (error: ErrorObject): number => lines.lineOf(pathOf(error.instancePath, data));
  const unknown = errors.filter((error) => error.keyword === 'additionalProperties');
  const pool = unknown.length > 0 ? unknown : errors;
  return [...pool].sort((a, b) => lineOf(a) - lineOf(b))[0];
}

function describeError(error: ErrorObject | undefined, data: unknown): { at: PolicyPath; message: string } {
  if (!error) return { at: [], message: 'does not match the policy schema' };
  const at = pathOf(error.instancePath, data);
  const where = formatPath(at) || 'the policy';
  const schema = (error.parentSchema ?? {}) as { properties?: Record<string, unknown> };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      const hint = didYouMean(key, known) || `; expected one of: ${known.join(', ')}`;
      return { at: [...at, key], message: `${formatPath([...at, key])} is not a known key${hint}` };
    }
    case 'required':
      return { at, message: `${where} lacks the required key ${quote(params.missingProperty)}` };
    case 'type': {
      const wanted = String(params.type)
        .split(',')
        .map((type) => TYPE_WORDS[type] ?? type)
        .join(' or ');
      return { at, message: `${where} must be ${wanted}, got ${describeValue(error.data)}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return { at, message: `${where} must be one of ${allowed.join(', ')}, got ${describeValue(error.data)}${hint}` };
    }
    case 'const':
      return { at, message: `${where} must be ${JSON.stringify(params.allowedValue)}, got ${describeValue(error.data)}` };
    case 'minimum':
      return { at, message: `${where} must be at least ${String(params.limit)}, got ${describeValue(error.data)}` };
    case 'maximum':
      return { at, message: `${where} must be at most ${String(params.limit)}, got ${describeValue(error.data)}` };
    case 'exclusiveMinimum':
      return { at, message: `${where} must be greater than ${String(params.limit)}, got ${describeValue(error.data)}` };
    case 'exclusiveMaximum':
      return { at, message: `${where} must be less than ${String(params.limit)}, got ${describeValue(error.data)}` };
    case 'minProperties': {
      const known = Object.keys(schema.properties ?? {});
      const wanted = known.length > 0 ? `set at least one of ${known.join(', ')}` : 'name at least one metric, such as accuracy: { direction: higher }';
      return { at, message: `${where} must ${wanted}` };
    }
    case 'minItems':
      return { at, message: `${where} must list at least ${String(params.limit)} value` };
    case 'minLength':
      return { at, message: `${where} must not be empty` };
    case 'uniqueItems': {
      const list = Array.isArray(error.data) ? (error.data as unknown[]) : [];
      return { at: [...at, Number(params.i)], message: `${where} lists ${describeValue(list[Number(params.i)])} twice` };
    }
    default:
      return { at, message: `${where}: ${describeSchemaError(error)}` };
  }
}
