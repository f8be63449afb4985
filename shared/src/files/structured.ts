import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseDocument } from 'yaml';
import { ConfigurationError, quote } from '../errors';
import { jsonErrorOffset } from './json-error-offset';

export type StructuredFormat = 'json' | 'yaml' | 'toml';

const FORMATS: Record<string, StructuredFormat> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml', '.toml': 'toml' };

/** The format of a file, from its extension. `label` names the input it came from, for the error. */
export function formatOf(file: string, label: string): StructuredFormat {
  const format = FORMATS[path.extname(file).toLowerCase()];
  if (!format) {
    throw new ConfigurationError(`${label}: ${quote(file)} has no known extension; expected .json, .yaml, .yml or .toml`);
  }
  return format;
}

/**
 * Reads a JSON, YAML or TOML file. A missing file or a syntax error is a ConfigurationError that names the input,
 * the file and, for syntax errors, the line.
 */
export async function readStructuredFile(file: string, label: string): Promise<unknown> {
  const format = formatOf(file, label);
  return parseStructured(await readTextFile(file, label), format, file, label);
}

/** Reads a UTF-8 file. A missing file, a folder or a read error is a ConfigurationError naming the input and the file. */
export async function readTextFile(file: string, label: string, shown = file): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code})`;
    throw new ConfigurationError(`${label}: ${quote(shown)} ${why}`);
  }
}

export function parseStructured(text: string, format: StructuredFormat, file: string, label: string): unknown {
  const fail = (line: number | undefined, message: string): never => {
    const where = line === undefined ? quote(file) : `${quote(file)} line ${line}`;
    throw new ConfigurationError(`${label}: ${where} is not valid ${format.toUpperCase()}: ${message}`, { file, ...(line === undefined ? {} : { line }) });
  };
  const body = text.replace(/^\uFEFF/, '');
  switch (format) {
    case 'json':
      try {
        return JSON.parse(body) as unknown;
      } catch {
        // Node's messages differ between versions; ours names the line and the character in the same words on all.
        const offset = jsonErrorOffset(body);
        const found = offset < body.length ? `unexpected ${JSON.stringify(body[offset])}` : 'unexpected end of text';
        return fail(lineAt(body, offset), found);
      }
    case 'yaml': {
      const document = parseDocument(body, { prettyErrors: false, uniqueKeys: true });
      const [first] = document.errors;
      if (first) return fail(lineAt(body, first.pos[0]), first.message.split('\n')[0] ?? first.code);
      return document.toJS() as unknown;
    }
    case 'toml':
      try {
        return parseToml(body) as unknown;
      } catch (error) {
        if (error instanceof TomlError) return fail(error.line, error.message.split('\n')[0] ?? 'syntax error');
        throw error;
      }
  }
}

/** Flattens nested objects into dot-separated keys (DVC's convention); arrays and scalars are leaves. */
export function flatten(value: unknown, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) {
    into[prefix] = value instanceof Date ? value.toISOString() : value;
  }
  return into;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
