import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import schemaJson from '../../schemas/contract.schema.json';
import { parseTimestamp } from '../data/values';
import { ConfigurationError, quote } from '../errors';
import { describeValue, TYPE_WORDS } from '../files/describe';
import { parseStructured, readTextFile } from '../files/structured';
import { Contract, formatPath, pathKey, type ContractPath } from './contract';
import { compileRecordsSchema, RECORD_FORMATS } from './records';
import { didYouMean } from './suggest';
import { type ColumnContract, type ColumnType, type ContractSpec, type DatasetContract, type DriftSetting, type Severity } from './types';
import { parseDuration } from './values';

/** The subset of JSON Schema that the contract's schema uses, interpreted here so messages can name lines. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  required?: string[];
  items?: SchemaNode;
  minItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  anyOf?: SchemaNode[];
  description?: string;
  default?: unknown;
  definitions?: Record<string, SchemaNode>;
}

export const contractSchema = schemaJson as SchemaNode;

/** What a pattern in the schema means, for messages. */
const PATTERN_HINTS: Record<string, string> = {
  '^[0-9]+(\\.[0-9]+)?(s|m|h|d|w)$': 'a duration such as 7d or 36h (a number and s, m, h, d or w)',
};

export function resolveSchema(schema: SchemaNode): SchemaNode {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/definitions/', '');
  const target = contractSchema.definitions?.[name];
  if (!target) throw new Error(`contract schema: unknown $ref ${schema.$ref}`);
  return resolveSchema(target);
}

/**
 * Reads a contract file (.yaml, .yml or .json). Every mistake is a ConfigurationError naming the file and line, at
 * that position (for the annotation). `shown`: the file as messages and annotations name it (relative to the
 * workspace), and as the contract records it.
 */
export async function loadContract(file: string, label = 'contract', shown = file): Promise<Contract> {
  return parseContract(await readTextFile(file, label, shown), shown, label);
}

/** Parses a contract's text; `file` names it in messages and decides the format (.json is JSON, else YAML). */
export function parseContract(text: string, file: string, label = 'contract'): Contract {
  const extension = path.extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(extension)) {
    throw new ConfigurationError(`${label}: ${quote(file)} has no known extension; expected .yaml, .yml or .json`, { file });
  }
  const body = text.replace(/^\uFEFF/, '');
  // JSON's own parser decides what is valid JSON; YAML's parser, which reads JSON too, gives the positions.
  if (extension === '.json') parseStructured(body, 'json', file, label);
  const lineCounter = new LineCounter();
  const document = parseDocument(body, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const fail = (line: number, message: string): never => {
    throw new ConfigurationError(`${label}: ${quote(file)} line ${line}: ${message}`, { file, line });
  };
  const [first] = document.errors;
  if (first) {
    const what = extension === '.json' ? 'JSON' : 'YAML';
    fail(lineAt(first.pos[0]), `not valid ${what}: ${first.message.split('\n')[0] ?? first.code}`);
  }
  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) {
    throw new ConfigurationError(`${label}: ${quote(file)} is empty; expected a mapping with version and columns`, { file });
  }
  const lines = new Map<string, number>();
  const walker = new Walker(document, lineAt, fail, lines);
  const data = walker.walk(document.contents, contractSchema, [], 1) as Record<string, unknown>;
  const spec = buildSpec(data, (p) => lines.get(pathKey(p)) ?? 1, fail);
  return new Contract(spec, file, lines);
}

type Kind = 'null' | 'string' | 'number' | 'boolean' | 'object' | 'array';

function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

function accepts(types: string[], value: unknown): boolean {
  const kind = kindOf(value);
  return types.some((type) => type === kind || (type === 'integer' && kind === 'number' && Number.isInteger(value)));
}

function enumText(values: unknown[]): string {
  return values.map((value) => (typeof value === 'string' && /^[a-z][a-z0-9-]*$/.test(value) ? value : JSON.stringify(value))).join(', ');
}

/** Set by the walker on each mapping it reads: its keys in the file's order. */
const KEY_ORDER = Symbol('key order');

/** A mapping's keys in the file's order. */
function keysInOrder(mapping: object): string[] {
  return (mapping as { [KEY_ORDER]?: string[] })[KEY_ORDER] ?? Object.keys(mapping);
}

class Walker {
  constructor(
    private readonly document: Document,
    private readonly lineAt: (offset: number) => number,
    private readonly fail: (line: number, message: string) => never,
    private readonly lines: Map<string, number>,
  ) {}

  private lineOf(node: Node | null, fallback: number): number {
    return node?.range ? this.lineAt(node.range[0]) : fallback;
  }

  /** Checks `node` against `schema` and returns its value; `line` is the line of its key, for empty values. */
  walk(input: unknown, rawSchema: SchemaNode, at: ContractPath, keyLine: number): unknown {
    let node = (input ?? null) as Node | null;
    if (node && isAlias(node)) node = (node.resolve(this.document) ?? null) as Node | null;
    const schema = resolveSchema(rawSchema);
    const line = node && !(isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1]) ? this.lineOf(node, keyLine) : keyLine;
    const where = formatPath(at) || 'the contract';
    const scalar = node === null ? null : isScalar(node) ? (node.value as unknown) : undefined;

    if (schema.anyOf) {
      const branch = schema.anyOf.find((option) => this.branchAccepts(option, node, scalar));
      if (!branch) {
        const wanted = schema.anyOf.map((option) => (option.enum ? enumText(option.enum) : option.type ? [option.type].flat().map((t) => TYPE_WORDS[t] ?? t).join(' or ') : '')).join(' or ');
        return this.fail(line, `${where} must be ${wanted}, got ${describeValue(this.plain(node))}`);
      }
      return this.walk(node, branch, at, keyLine);
    }

    if (schema.type !== undefined) {
      const types = [schema.type].flat();
      const value = scalar === undefined ? (isMap(node) ? {} : isSeq(node) ? [] : undefined) : scalar;
      if (!accepts(types, value)) {
        const wanted = types.filter((type) => type !== 'null').map((type) => TYPE_WORDS[type] ?? type).join(' or ');
        return this.fail(line, `${where} must be ${wanted}, got ${describeValue(this.plain(node))}`);
      }
    }

    if (isMap(node)) return this.walkMap(node, schema, at, line, keyLine);
    if (isSeq(node)) return this.walkSeq(node, schema, at);
    if (node !== null && !isScalar(node)) return this.fail(line, `${where} is not a plain value`);
    const value = scalar ?? null;
    if (schema.const !== undefined && value !== schema.const) {
      return this.fail(line, `${where} must be ${JSON.stringify(schema.const)}, got ${describeValue(value)}`);
    }
    if (schema.enum && !schema.enum.includes(value)) {
      const hint = typeof value === 'string' ? didYouMean(value, schema.enum.filter((v): v is string => typeof v === 'string')) : '';
      return this.fail(line, `${where} must be one of ${enumText(schema.enum)}, got ${describeValue(value)}${hint}`);
    }
    if (typeof value === 'number') this.checkRange(value, schema, where, line);
    if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value)) {
      return this.fail(line, `${where} must be ${PATTERN_HINTS[schema.pattern] ?? `text matching ${schema.pattern}`}, got ${describeValue(value)}`);
    }
    return value;
  }

  private branchAccepts(option: SchemaNode, node: Node | null, scalar: unknown): boolean {
    const resolved = resolveSchema(option);
    const value = scalar === undefined ? (isMap(node) ? {} : isSeq(node) ? [] : undefined) : scalar;
    if (resolved.enum) return resolved.enum.some((allowed) => kindOf(allowed) === kindOf(value));
    return resolved.type === undefined || accepts([resolved.type].flat(), value);
  }

  private checkRange(value: number, schema: SchemaNode, where: string, line: number): void {
    const low = schema.exclusiveMinimum ?? schema.minimum;
    const high = schema.exclusiveMaximum ?? schema.maximum;
    const lowOk = schema.exclusiveMinimum !== undefined ? value > schema.exclusiveMinimum : schema.minimum === undefined || value >= schema.minimum;
    const highOk = schema.exclusiveMaximum !== undefined ? value < schema.exclusiveMaximum : schema.maximum === undefined || value <= schema.maximum;
    if (lowOk && highOk) return;
    const lowText = low === undefined ? '' : schema.exclusiveMinimum !== undefined ? `greater than ${low}` : `at least ${low}`;
    const highText = high === undefined ? '' : schema.exclusiveMaximum !== undefined ? `less than ${high}` : `at most ${high}`;
    this.fail(line, `${where} must be ${[lowText, highText].filter(Boolean).join(' and ')}, got ${value}`);
  }

  private walkMap(node: Node, schema: SchemaNode, at: ContractPath, line: number, keyLine: number): Record<string, unknown> {
    if (!isMap(node)) throw new Error('not a map');
    // No prototype, so a column may be named `__proto__`; KEY_ORDER keeps the file's order, which an object would
    // not for names such as `1`.
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const order: string[] = [];
    Object.defineProperty(result, KEY_ORDER, { value: order });
    const known = Object.keys(schema.properties ?? {});
    for (const pair of node.items) {
      const keyNode = (pair.key ?? null) as Node | null;
      const itemLine = this.lineOf(keyNode, line);
      const keyValue = keyNode && isScalar(keyNode) ? keyNode.value : undefined;
      if (keyValue === undefined || keyValue === null || typeof keyValue === 'object') {
        this.fail(itemLine, `${formatPath(at) || 'the contract'} has a key that is not plain text`);
      }
      const key = String(keyValue);
      const keyPath = [...at, key];
      this.lines.set(pathKey(keyPath), itemLine);
      let child = schema.properties?.[key];
      if (!child) {
        if (schema.additionalProperties === false || schema.additionalProperties === undefined) {
          const hint = didYouMean(key, known) || (known.length > 0 ? `; expected one of: ${known.join(', ')}` : '');
          this.fail(itemLine, `${formatPath(keyPath)} is not a known key${hint}`);
        }
        child = schema.additionalProperties === true ? {} : (schema.additionalProperties as SchemaNode);
      }
      order.push(key);
      // A JSON Schema is taken whole; ajv checks it when it is compiled.
      result[key] = Object.keys(child).length === 0 || (at.length === 0 && key === 'records') ? this.checkedPlain(pair.value as Node | null, child, keyPath, itemLine) : this.walk(pair.value, child, keyPath, itemLine);
    }
    for (const required of schema.required ?? []) {
      if (!(required in result)) this.fail(keyLine, `${formatPath(at) || 'the contract'} lacks the required key ${quote(required)}`);
    }
    return result;
  }

  private checkedPlain(node: Node | null, schema: SchemaNode, at: ContractPath, keyLine: number): unknown {
    const value = this.plain(node);
    if (schema.type !== undefined && !accepts([schema.type].flat(), value)) {
      const wanted = [schema.type].flat().map((type) => TYPE_WORDS[type] ?? type).join(' or ');
      this.fail(this.lineOf(node, keyLine), `${formatPath(at)} must be ${wanted}, got ${describeValue(value)}`);
    }
    return value;
  }

  private walkSeq(node: Node, schema: SchemaNode, at: ContractPath): unknown[] {
    if (!isSeq(node)) throw new Error('not a sequence');
    const line = this.lineOf(node, 1);
    if (schema.minItems !== undefined && node.items.length < schema.minItems) {
      this.fail(line, `${formatPath(at)} must list at least ${schema.minItems} value${schema.minItems === 1 ? '' : 's'}`);
    }
    const result: unknown[] = [];
    const seen = new Map<string, number>();
    node.items.forEach((item, index) => {
      const itemLine = this.lineOf(item as Node | null, line);
      this.lines.set(pathKey([...at, index]), itemLine);
      const value = this.walk(item, schema.items ?? {}, [...at, index], itemLine);
      if (schema.uniqueItems) {
        const key = JSON.stringify(value);
        const before = seen.get(key);
        if (before !== undefined) this.fail(itemLine, `${formatPath([...at, index])} ${describeValue(value)} is listed twice (also ${formatPath([...at, before])})`);
        seen.set(key, index);
      }
      result.push(value);
    });
    return result;
  }

  private plain(node: Node | null): unknown {
    if (node === null) return null;
    return node.toJS(this.document) as unknown;
  }
}

type Fail = (line: number, message: string) => never;

/** The rules the schema cannot say: a check that does not fit the column's type, min above max, a bad regex. */
function buildSpec(data: Record<string, unknown>, lineOf: (path: ContractPath) => number, fail: Fail): ContractSpec {
  const at = (p: ContractPath, message: string): never => fail(lineOf(p), `${formatPath(p)} ${message}`);
  const columnsData = (data.columns ?? {}) as Record<string, Record<string, unknown> | null>;
  const columns: ColumnContract[] = [];
  for (const name of keysInOrder(columnsData)) {
    const raw = columnsData[name] ?? null;
    const c = raw ?? {};
    const base = ['columns', name];
    const type = c.type as ColumnType | undefined;
    const column: ColumnContract = { name };
    if (type !== undefined) column.type = type;
    const key = (k: string): ContractPath => [...base, k];
    const numeric = type === 'integer' || type === 'number';
    const textual = type === undefined || type === 'string' || type === 'category';

    for (const bound of ['min', 'max'] as const) {
      const value = c[bound] as number | string | undefined;
      if (value === undefined) continue;
      if (numeric) {
        if (typeof value !== 'number') at(key(bound), `must be a number, got ${describeValue(value)}`);
      } else if (type === 'timestamp') {
        if (typeof value !== 'string' || Number.isNaN(parseTimestamp(value))) {
          at(key(bound), `must be a timestamp such as 2024-01-31 or 2024-01-31T12:00:00Z, got ${describeValue(value)}`);
        }
      } else {
        at(key(bound), `applies to integer, number and timestamp columns; this column's type is ${type ?? 'not set'}`);
      }
      column[bound] = value;
    }
    if (column.min !== undefined && column.max !== undefined) {
      const low = typeof column.min === 'number' ? column.min : parseTimestamp(column.min);
      const high = typeof column.max === 'number' ? column.max : parseTimestamp(column.max);
      if (low > high) at(key('min'), `(${describeValue(column.min)}) is greater than ${formatPath(key('max'))} (${describeValue(column.max)})`);
    }

    for (const k of ['regex', 'min-length', 'max-length'] as const) {
      if (c[k] !== undefined && !textual) at(key(k), `applies to string, category and untyped columns; this column's type is ${type}`);
    }
    if (typeof c.regex === 'string') {
      try {
        new RegExp(c.regex);
      } catch (error) {
        const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
        at(key('regex'), `is not a valid regular expression (${reason}), got ${describeValue(c.regex)}`);
      }
      column.regex = c.regex;
    }
    if (c['min-length'] !== undefined) column.minLength = c['min-length'] as number;
    if (c['max-length'] !== undefined) column.maxLength = c['max-length'] as number;
    if (column.minLength !== undefined && column.maxLength !== undefined && column.minLength > column.maxLength) {
      at(key('min-length'), `(${column.minLength}) is greater than ${formatPath(key('max-length'))} (${column.maxLength})`);
    }

    if (Array.isArray(c.allowed)) {
      const allowed = c.allowed as Array<string | number | boolean>;
      allowed.forEach((value, index) => {
        const problem = allowedProblem(type, value);
        if (problem) at([...base, 'allowed', index], `must be ${problem}, got ${describeValue(value)}`);
      });
      column.allowed = allowed;
    }

    if (c.nullable !== undefined) column.nullable = c.nullable as boolean;
    if (c['max-null-fraction'] !== undefined) {
      if (column.nullable === false) at(key('max-null-fraction'), `cannot be set on a column with nullable: false`);
      column.maxNullFraction = c['max-null-fraction'] as number;
    }
    if (c.unique !== undefined) column.unique = c.unique as boolean;
    if (c.mostly !== undefined) column.mostly = c.mostly as number;
    if (c.severity !== undefined) column.severity = c.severity as Severity;
    if (c.drift !== undefined) column.drift = c.drift === false ? 'off' : (c.drift as DriftSetting);
    // KS and Wasserstein compare numbers: on a column typed as text they could only fail after the data is read.
    const method = typeof column.drift === 'object' ? column.drift.method : undefined;
    if ((method === 'ks' || method === 'wasserstein') && (type === 'category' || type === 'string' || type === 'boolean')) {
      at([...base, 'drift', 'method'], `is ${method}, which compares numbers, but the column's type is ${type}; expected psi or jensen-shannon`);
    }
    if (c.description !== undefined) column.description = c.description as string;
    columns.push(column);
  }

  const d = (data.dataset ?? {}) as Record<string, Record<string, unknown> | string[] | boolean>;
  const dataset: DatasetContract = {};
  if (d.rows !== undefined) {
    const rows = d.rows as { min?: number; max?: number; severity?: Severity };
    if (rows.min !== undefined && rows.max !== undefined && rows.min > rows.max) {
      at(['dataset', 'rows', 'min'], `(${rows.min}) is greater than dataset.rows.max (${rows.max})`);
    }
    dataset.rows = { ...rows };
  }
  if (d['rows-change'] !== undefined) {
    const change = d['rows-change'] as { 'max-relative': number; severity?: Severity };
    dataset.rowsChange = { maxRelative: change['max-relative'], ...(change.severity ? { severity: change.severity } : {}) };
  }
  if (d.freshness !== undefined) {
    const freshness = d.freshness as { column: string; 'max-age': string; severity?: Severity };
    const target = columns.find((column) => column.name === freshness.column);
    if (!target) {
      const hint = didYouMean(freshness.column, columns.map((column) => column.name));
      at(['dataset', 'freshness', 'column'], `${quote(freshness.column)} is not a column of the contract${hint}`);
    } else if (target.type !== 'timestamp') {
      at(['dataset', 'freshness', 'column'], `${quote(freshness.column)} must be a column of type timestamp; its type is ${target.type ?? 'not set'}`);
    }
    if (!(parseDuration(freshness['max-age']) > 0)) at(['dataset', 'freshness', 'max-age'], `must be longer than 0, got ${quote(freshness['max-age'])}`);
    dataset.freshness = { column: freshness.column, maxAge: freshness['max-age'], ...(freshness.severity ? { severity: freshness.severity } : {}) };
  }
  if (d['required-columns'] !== undefined) {
    dataset.requiredColumns = [...(d['required-columns'] as string[])];
    // A name one slip away from a column the contract describes is a typo of it, not another column.
    const described = columns.map((column) => column.name);
    dataset.requiredColumns.forEach((name, index) => {
      const hint = described.includes(name) ? '' : didYouMean(name, described);
      if (hint) at(['dataset', 'required-columns', index], `${quote(name)} is not one of the columns under columns${hint}`);
    });
  }
  if (d['forbidden-columns'] !== undefined) {
    const forbidden = d['forbidden-columns'] as string[];
    forbidden.forEach((name, index) => {
      if (columns.some((column) => column.name === name)) at(['dataset', 'forbidden-columns', index], `${quote(name)} is also a column of the contract`);
      if (dataset.requiredColumns?.includes(name)) at(['dataset', 'forbidden-columns', index], `${quote(name)} is also a required column`);
    });
    dataset.forbiddenColumns = [...forbidden];
  }
  if (d['column-order'] !== undefined) dataset.columnOrder = d['column-order'] as boolean;

  const spec: ContractSpec = { version: 1, columns, dataset };
  if (data.records !== undefined) {
    const records = data.records as Record<string, unknown> | boolean;
    try {
      compileRecordsSchema(records);
    } catch (error) {
      // ajv says an unknown format is "ignored", yet refuses the schema: say what it takes instead.
      const message = (error as Error).message.split('\n')[0] ?? '';
      const format = /^unknown format "([^"]*)"/.exec(message)?.[1];
      at(['records'], format !== undefined ? `uses the format ${quote(format)}, which is not one of ${RECORD_FORMATS.join(', ')}` : `is not a valid JSON Schema: ${message}`);
    }
    spec.records = records;
  }
  return spec;
}

function allowedProblem(type: ColumnType | undefined, value: string | number | boolean): string | undefined {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : 'an integer';
    case 'number':
      return typeof value === 'number' ? undefined : 'a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'timestamp':
      return typeof value === 'string' && !Number.isNaN(parseTimestamp(value)) ? undefined : 'a timestamp such as 2024-01-31';
    case 'string':
      return typeof value === 'string' ? undefined : 'a string (quote it)';
    default:
      return undefined;
  }
}
