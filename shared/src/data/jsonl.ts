import { RowBatch, rowsPerBatch } from './batch';
import { ConfigurationError, quote } from '../errors';
import { describeBytes, lineError, MAX_RECORD_BYTES } from './csv';
import { InvalidUtf8Error, readTextChunks } from './text-source';
import type { RecordBatch, Value } from './types';
import { toValue } from './values';

/**
 * JSON Lines (.jsonl, .ndjson): one JSON object per line, LF or CRLF. Blank lines are skipped but counted, so
 * each row's line is the line of its object in the file.
 *
 * Columns, since the file is streamed: a batch's `columns` are the keys seen so far in the file, in the order
 * they first appeared, so a later batch may have more columns than an earlier one (never fewer, never in
 * another order: an earlier batch's columns are a prefix of a later one's). A record without a key has null
 * there. Values: strings, numbers, booleans and null as they are; an object or an array as its JSON text. Each
 * row's parsed object is in `records`, for the contract's records JSON Schema.
 *
 * Bad input is a one-line error at the file and line: invalid JSON (with the column where it goes wrong), a line
 * that is not an object, a record that names a key twice (JSON.parse would keep the last value silently), invalid
 * UTF-8, a line longer than `maxRecordBytes` (MAX_RECORD_BYTES of UTF-8: a line with no end is not held whole
 * in memory), and with `requireRows` a file with no records (empty, or blank lines only).
 */
export interface JsonLinesReadOptions {
  gzip: boolean;
  batchRows: number;
  /** Bytes per read (tests use tiny chunks to cross every boundary); default CHUNK_BYTES. */
  chunkBytes?: number;
  onProgress?: (bytes: number, rows: number) => void;
  /** A file with no records (empty, or only blank lines) is an error; without it, it gives one batch with no rows. */
  requireRows?: boolean;
  /** The most UTF-8 bytes one line may take; default MAX_RECORD_BYTES (tests set less). */
  maxRecordBytes?: number;
}

export async function* readJsonLinesFile(absolutePath: string, name: string, options: JsonLinesReadOptions): AsyncGenerator<RecordBatch> {
  const columns: string[] = [];
  const indexOf = new Map<string, number>();
  let rows: Value[][] = [];
  let lines: number[] = [];
  let records: unknown[] = [];
  let yielded = false;
  // The line cut off by the last chunk's end, in parts (one concatenation when its end comes, not one per chunk).
  let pending: string[] = [];
  let pendingLength = 0;
  let line = 1;
  let parsedRows = 0;
  let sawText = false;
  const maxLine = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const ready: RecordBatch[] = [];

  const close = (): void => {
    const width = columns.length;
    for (const row of rows) while (row.length < width) row.push(null);
    ready.push(new RowBatch({ file: name, columns: columns.slice(), rows, lines, records }));
    rows = [];
    lines = [];
    records = [];
  };
  const parseLine = (text: string): void => {
    let start = 0;
    let end = text.length;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (start === end) return;
    let record: unknown;
    const json = start === 0 && end === text.length ? text : text.slice(start, end);
    try {
      record = JSON.parse(json);
    } catch (error) {
      throw lineError(name, line, `invalid JSON (${jsonProblem((error as Error).message, start)}); expected one JSON object per line`);
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw lineError(name, line, `expected a JSON object, found ${record === null ? 'null' : Array.isArray(record) ? 'an array' : `a ${typeof record}`}`);
    }
    const row: Value[] = [];
    let keys = 0;
    for (const key in record) {
      keys++;
      let index = indexOf.get(key);
      if (index === undefined) {
        index = columns.length;
        columns.push(key);
        indexOf.set(key, index);
      }
      while (row.length < index) row.push(null);
      row[index] = toValue((record as Record<string, unknown>)[key]);
    }
    // A key named twice leaves fewer keys than the text names: looked for only when the text has more colons after
    // a quote than the record has keys, nested objects' keys counted too (a string holding `":` is then looked at
    // for nothing).
    const colons = colonsAfterQuotes(json);
    if (colons > keys && colons > keys + nestedKeys(record)) {
      const twice = duplicateKey(json);
      if (twice !== undefined) throw lineError(name, line, `the record names key ${quote(twice)} twice; expected unique keys`);
    }
    rows.push(row);
    lines.push(line);
    records.push(record);
    parsedRows++;
    if (rows.length >= rowsPerBatch(options.batchRows, columns.length)) close();
  };
  /** Parses the complete lines of `text` (all of it when `final`) and keeps the rest for the next chunk. */
  const parse = (text: string, final: boolean): void => {
    if (text.length > 0) sawText = true;
    let position = 0;
    let newline = text.indexOf('\n');
    if (newline !== -1 && pendingLength > 0) {
      // The cut-off line ends here.
      pending.push(text.slice(0, newline));
      parseLine(pending.join(''));
      pending = [];
      pendingLength = 0;
      line++;
      position = newline + 1;
      newline = text.indexOf('\n', position);
    }
    for (; newline !== -1; newline = text.indexOf('\n', position)) {
      parseLine(text.slice(position, newline));
      line++;
      position = newline + 1;
    }
    if (position < text.length) {
      const part = position === 0 ? text : text.slice(position);
      pending.push(part);
      // In bytes, as the file holds it (once a chunk, not per character).
      pendingLength += Buffer.byteLength(part, 'utf8');
      if (pendingLength > maxLine) {
        const limit = describeBytes(maxLine);
        throw lineError(name, line, `a line starts here and runs past ${limit} without a line end; expected one JSON object per line, each of at most ${limit}`);
      }
    }
    if (final && pendingLength > 0) {
      parseLine(pending.join(''));
      pending = [];
      pendingLength = 0;
    }
  };

  try {
    for await (const chunk of readTextChunks(absolutePath, name, options.gzip, options.chunkBytes)) {
      const before = parsedRows;
      parse(chunk.text, false);
      options.onProgress?.(chunk.bytes, parsedRows - before);
      while (ready.length > 0) {
        yielded = true;
        yield ready.shift() as RecordBatch;
      }
    }
  } catch (error) {
    // The text before the invalid byte was parsed: `line` is the line it is on (pending holds no LF).
    if (error instanceof InvalidUtf8Error) throw lineError(name, line, `${error.message}; expected UTF-8 text`);
    throw error;
  }
  const before = parsedRows;
  parse('', true);
  options.onProgress?.(0, parsedRows - before);
  if (parsedRows === 0 && options.requireRows) {
    throw new ConfigurationError(
      `${quote(name)} ${sawText ? 'has only blank lines' : 'is empty'}; expected at least one JSON object, one per line`,
      { file: name },
    );
  }
  if (rows.length > 0 || !yielded) close();
  for (const batch of ready) yield batch;
}

/**
 * V8's JSON.parse message with its position as a column of the line (`start`: the characters trimmed before the
 * JSON): V8 says "at position 19 (line 1 column 20)", whose line 1 is the JSON's own, not the file's.
 */
function jsonProblem(message: string, start: number): string {
  return message.replace(/ in JSON at position (\d+)(?: \(line \d+ column \d+\))?/, (_match, position: string) => ` at column ${start + Number(position) + 1}`);
}

/**
 * How many colons follow a `"` (maybe with JSON whitespace between): at least the keys the text names, as each key
 * is a string followed by its colon. One native search per colon; a colon inside a string (a timestamp's) is
 * mostly not after a quote and not counted, and one that is only makes the line looked at for nothing.
 */
function colonsAfterQuotes(json: string): number {
  let count = 0;
  for (let at = json.indexOf(':'); at !== -1; at = json.indexOf(':', at + 1)) {
    let back = at - 1;
    let before = json.charCodeAt(back);
    while (before === 32 || before === 9 || before === 13) before = json.charCodeAt(--back);
    if (before === 34) count++;
  }
  return count;
}

/** The keys of the objects inside `record`'s values (not its own), at any depth: the colons they account for. */
function nestedKeys(record: object): number {
  let count = 0;
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    for (const key in value) {
      count++;
      visit((value as Record<string, unknown>)[key]);
    }
  };
  for (const key in record) visit((record as Record<string, unknown>)[key]);
  return count;
}

/** The first top-level key that `json` (a valid JSON object's text) names a second time, if any. */
export function duplicateKey(json: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  let key = false;
  for (let at = 0; at < json.length; at++) {
    const code = json.charCodeAt(at);
    if (code === 34) {
      // A string: to its closing quote, the first not escaped by an odd number of backslashes.
      let end = json.indexOf('"', at + 1);
      for (;;) {
        let slashes = 0;
        while (json.charCodeAt(end - 1 - slashes) === 92) slashes++;
        if (slashes % 2 === 0) break;
        end = json.indexOf('"', end + 1);
      }
      if (key && depth === 1) {
        // A key with an escape (`\"`, `\u0022`) is compared as the text it stands for.
        const raw = json.slice(at + 1, end);
        const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (seen.has(name)) return name;
        seen.add(name);
        key = false;
      }
      at = end;
    } else if (code === 123 || code === 91) {
      depth++;
      key = code === 123 && depth === 1;
    } else if (code === 125 || code === 93) {
      depth--;
    } else if (code === 44 && depth === 1) {
      key = true;
    }
  }
  return undefined;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || code === 0xfeff;
}
