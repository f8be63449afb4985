import { ConfigurationError, quote } from '../errors';
import { rowsPerBatch } from './batch';
import { InvalidUtf8Error, readTextChunks } from './text-source';
import type { RecordBatch, Value } from './types';

/**
 * A streaming RFC 4180 parser for CSV and TSV, fed text in chunks of any size.
 *
 * - Fields are separated by the delimiter; records end with LF or CRLF (a lone CR is data).
 * - A field that starts with `"` is quoted: it runs to the next `"` that is not doubled (`""` is one `"`), and may
 *   hold delimiters, CR and LF. After its closing quote comes a delimiter, the end of the line or of the file;
 *   anything else is an error. A `"` inside an unquoted field is kept as it is (as pandas and Excel do).
 * - An empty field, quoted or not, is null. A blank line (nothing, or a lone CR, before the LF) is skipped, but
 *   counted: each record carries the 1-based line where it starts, counting the LFs inside quoted fields.
 * - An unterminated quote at the end of the file is an error naming the line where that quoted field starts.
 *
 * Records are appended to `rows`/`lines`, which the caller drains. Most lines hold no quote: those are cut with
 * `String.prototype.split`; only lines with a quote go through the character loop.
 */
export class DelimitedParser {
  /** Parsed records not yet taken by the caller, and the line where each starts. */
  rows: Value[][] = [];
  lines: number[] = [];
  private buffer = '';
  private position = 0;
  /** The line at `position`. */
  private line = 1;
  /** The index of the next `"` at or after `position`, or -1 when the buffer has none there. */
  private nextQuote = -1;
  private readonly delimiterCode: number;

  constructor(
    private readonly delimiter: string,
    private readonly fail: (line: number, message: string) => never,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new Error(`bad delimiter ${quote(delimiter)}`);
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The line where the text not yet parsed ends: the line of whatever comes next in the input. */
  currentLine(): number {
    let line = this.line;
    for (let i = this.buffer.indexOf('\n', this.position); i !== -1; i = this.buffer.indexOf('\n', i + 1)) line++;
    return line;
  }

  /** Parses what `text` completes; with `final`, the input ends after `text`. */
  push(text: string, final = false): void {
    const buffer = this.position < this.buffer.length ? this.buffer.slice(this.position) + text : text;
    this.buffer = buffer;
    this.position = 0;
    this.nextQuote = buffer.indexOf('"');
    const length = buffer.length;
    const delimiter = this.delimiter;
    const rows = this.rows;
    const lines = this.lines;
    let position = 0;
    let line = this.line;
    while (position < length) {
      let nextQuote = this.nextQuote;
      if (nextQuote !== -1 && nextQuote < position) nextQuote = this.nextQuote = buffer.indexOf('"', position);
      const newline = buffer.indexOf('\n', position);
      if (nextQuote === -1 || (newline !== -1 && nextQuote > newline)) {
        // A line without quotes.
        let end = newline;
        if (end === -1) {
          if (!final) break;
          end = length;
        }
        const next = end + 1;
        if (end > position && buffer.charCodeAt(end - 1) === 13) end--;
        if (end > position) {
          // Cutting at each delimiter found with indexOf is faster in V8 than slice + split + a pass for nulls.
          const fields: Value[] = [];
          let start = position;
          for (;;) {
            let cut = buffer.indexOf(delimiter, start);
            if (cut === -1 || cut > end) cut = end;
            fields.push(cut === start ? null : buffer.slice(start, cut));
            if (cut === end) break;
            start = cut + 1;
          }
          rows.push(fields);
          lines.push(line);
        }
        line++;
        position = next;
      } else {
        this.line = line;
        const after = this.parseQuotedRecord(position, final);
        if (after < 0) break;
        position = after;
        line = this.line;
      }
    }
    this.line = line;
    this.position = position;
    if (final) {
      this.buffer = '';
      this.position = 0;
    }
  }

  /**
   * The character loop, for a record with a quote in it, starting at `start` on line `this.line`. Returns where
   * the next record starts (and moves `this.line` there), or -1 when the buffer ends before the record does and
   * more text may come (then nothing changed).
   */
  private parseQuotedRecord(start: number, final: boolean): number {
    const buffer = this.buffer;
    const length = buffer.length;
    const delimiterCode = this.delimiterCode;
    const fields: Value[] = [];
    let line = this.line;
    let i = start;
    for (;;) {
      // At the start of a field.
      if (i < length && buffer.charCodeAt(i) === 34) {
        const openedOn = line;
        let value = '';
        let segment = i + 1;
        let search = segment;
        for (;;) {
          const close = buffer.indexOf('"', search);
          if (close === -1) {
            if (!final) return -1;
            this.fail(openedOn, `a quoted field starts here and has no closing quote before the end of the file; expected a closing " (a " inside a quoted field is written "")`);
          }
          for (let k = buffer.indexOf('\n', search); k !== -1 && k < close; k = buffer.indexOf('\n', k + 1)) line++;
          if (close + 1 >= length && !final) return -1;
          if (buffer.charCodeAt(close + 1) === 34) {
            value += buffer.slice(segment, close + 1);
            segment = search = close + 2;
            continue;
          }
          value += buffer.slice(segment, close);
          i = close + 1;
          break;
        }
        fields.push(value === '' ? null : value);
        if (i >= length) break; // end of the file (final, else we returned above)
        const c = buffer.charCodeAt(i);
        if (c === delimiterCode) {
          i++;
          if (i >= length && final) {
            fields.push(null);
            break;
          }
          continue;
        }
        if (c === 10) {
          i++;
          line++;
          break;
        }
        if (c === 13) {
          if (i + 1 >= length && !final) return -1;
          if (i + 1 >= length) {
            i++;
            break;
          }
          if (buffer.charCodeAt(i + 1) === 10) {
            i += 2;
            line++;
            break;
          }
        }
        this.fail(line, `unexpected ${quote(buffer[i])} after the closing quote of a quoted field; expected ${this.describeDelimiter()} or the end of the line (a " inside a quoted field is written "")`);
      }
      // An unquoted field: up to the next delimiter or LF.
      let j = buffer.indexOf(this.delimiter, i);
      const newline = buffer.indexOf('\n', i);
      if (j === -1 || (newline !== -1 && newline < j)) j = newline;
      if (j === -1) j = length;
      if (j >= length && !final) return -1;
      let end = j;
      if (j < length && buffer.charCodeAt(j) === 10 && end > i && buffer.charCodeAt(end - 1) === 13) end--;
      fields.push(end > i ? buffer.slice(i, end) : null);
      if (j >= length) {
        i = j;
        break;
      }
      i = j + 1;
      if (buffer.charCodeAt(j) === 10) {
        line++;
        break;
      }
      if (i >= length && final) {
        fields.push(null);
        break;
      }
    }
    this.rows.push(fields);
    this.lines.push(this.line);
    this.line = line;
    return i;
  }

  private describeDelimiter(): string {
    return this.delimiter === '\t' ? 'a tab' : `the delimiter ${quote(this.delimiter)}`;
  }
}

/** A ConfigurationError `"<file>" line <n>: <message>`. */
export function lineError(name: string, line: number, message: string): ConfigurationError {
  return new ConfigurationError(`${quote(name)} line ${line}: ${message}`);
}

export interface DelimitedReadOptions {
  delimiter: string;
  gzip: boolean;
  batchRows: number;
  /** Bytes per read (tests use tiny chunks to cross every boundary); default CHUNK_BYTES. */
  chunkBytes?: number;
  /** Called after each chunk with the bytes read (compressed for .gz) and the rows parsed from it. */
  onProgress?: (bytes: number, rows: number) => void;
}

/**
 * The records of one CSV or TSV file in batches (of `batchRows` rows, fewer for wide files: see batch.ts). The first record is the header: it must
 * name every column once; every later record must have as many fields. A file with a header and no records
 * gives one batch with no rows, so its columns are known all the same.
 */
export async function* readDelimitedFile(absolutePath: string, name: string, options: DelimitedReadOptions): AsyncGenerator<RecordBatch> {
  const fail = (line: number, message: string): never => {
    throw lineError(name, line, message);
  };
  const parser = new DelimitedParser(options.delimiter, fail);
  let columns: string[] | undefined;
  let rows: Value[][] = [];
  let lines: number[] = [];
  const ready: RecordBatch[] = [];
  let yielded = false;
  const take = (): number => {
    const parsedRows = parser.rows;
    const parsedLines = parser.lines;
    parser.rows = [];
    parser.lines = [];
    let k = 0;
    if (!columns && parsedRows.length > 0) {
      columns = headerColumns(parsedRows[0] as Value[], parsedLines[0] as number, fail);
      k = 1;
    }
    const width = columns?.length ?? 0;
    const limit = rowsPerBatch(options.batchRows, width);
    for (; k < parsedRows.length; k++) {
      const row = parsedRows[k] as Value[];
      if (row.length !== width) fail(parsedLines[k] as number, `${row.length} ${row.length === 1 ? 'field' : 'fields'}, the header has ${width}`);
      rows.push(row);
      lines.push(parsedLines[k] as number);
      if (rows.length >= limit) {
        ready.push({ file: name, columns: columns as string[], rows, lines });
        rows = [];
        lines = [];
      }
    }
    return parsedRows.length;
  };
  try {
    for await (const chunk of readTextChunks(absolutePath, name, options.gzip, options.chunkBytes)) {
      parser.push(chunk.text);
      const parsed = take();
      options.onProgress?.(chunk.bytes, parsed);
      while (ready.length > 0) {
        yielded = true;
        yield ready.shift() as RecordBatch;
      }
    }
  } catch (error) {
    if (error instanceof InvalidUtf8Error) fail(parser.currentLine(), `${error.message}; expected UTF-8 text`);
    throw error;
  }
  parser.push('', true);
  options.onProgress?.(0, take());
  if (!columns) throw new ConfigurationError(`${quote(name)} has no header row; expected a first line naming the columns`);
  for (const batch of ready) {
    yielded = true;
    yield batch;
  }
  if (rows.length > 0 || !yielded) yield { file: name, columns, rows, lines };
}

function headerColumns(header: Value[], line: number, fail: (line: number, message: string) => never): string[] {
  const seen = new Map<string, number>();
  return header.map((value, index) => {
    if (value === null || (value as string).trim() === '') fail(line, `column ${index + 1} of the header has an empty name; expected a name for every column`);
    const name = value as string;
    const before = seen.get(name);
    if (before !== undefined) fail(line, `the header names column ${quote(name)} twice (columns ${before + 1} and ${index + 1}); expected unique column names`);
    seen.set(name, index);
    return name;
  });
}
