import { RowBatch, rowsPerBatch } from './batch';
import { lineError } from './csv';
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
 */
export interface JsonLinesReadOptions {
  gzip: boolean;
  batchRows: number;
  /** Bytes per read (tests use tiny chunks to cross every boundary); default CHUNK_BYTES. */
  chunkBytes?: number;
  onProgress?: (bytes: number, rows: number) => void;
}

export async function* readJsonLinesFile(absolutePath: string, name: string, options: JsonLinesReadOptions): AsyncGenerator<RecordBatch> {
  const columns: string[] = [];
  const indexOf = new Map<string, number>();
  let rows: Value[][] = [];
  let lines: number[] = [];
  let records: unknown[] = [];
  let yielded = false;
  let pending = '';
  let line = 1;
  let parsedRows = 0;
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
    try {
      record = JSON.parse(start === 0 && end === text.length ? text : text.slice(start, end));
    } catch (error) {
      throw lineError(name, line, `invalid JSON (${(error as Error).message}); expected one JSON object per line`);
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw lineError(name, line, `expected a JSON object, found ${record === null ? 'null' : Array.isArray(record) ? 'an array' : `a ${typeof record}`}`);
    }
    const row: Value[] = [];
    for (const key in record) {
      let index = indexOf.get(key);
      if (index === undefined) {
        index = columns.length;
        columns.push(key);
        indexOf.set(key, index);
      }
      while (row.length < index) row.push(null);
      row[index] = toValue((record as Record<string, unknown>)[key]);
    }
    rows.push(row);
    lines.push(line);
    records.push(record);
    parsedRows++;
    if (rows.length >= rowsPerBatch(options.batchRows, columns.length)) close();
  };
  /** Parses the complete lines of `text` (all of it when `final`) and keeps the rest for the next chunk. */
  const parse = (text: string, final: boolean): void => {
    const buffer = pending.length > 0 ? pending + text : text;
    let position = 0;
    for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n', position)) {
      parseLine(buffer.slice(position, newline));
      line++;
      position = newline + 1;
    }
    pending = buffer.slice(position);
    if (final && pending.length > 0) {
      parseLine(pending);
      pending = '';
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
    if (error instanceof InvalidUtf8Error) {
      let at = line;
      for (let k = pending.indexOf('\n'); k !== -1; k = pending.indexOf('\n', k + 1)) at++;
      throw lineError(name, at, `${error.message}; expected UTF-8 text`);
    }
    throw error;
  }
  const before = parsedRows;
  parse('', true);
  options.onProgress?.(0, parsedRows - before);
  if (rows.length > 0 || !yielded) close();
  for (const batch of ready) yield batch;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || code === 0xfeff;
}
