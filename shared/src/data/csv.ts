import { isUtf8 } from 'node:buffer';
import { ConfigurationError, quote } from '../errors';
import { rowsPerBatch } from './batch';
import { CsvBatch, fieldText } from './csv-bytes';
import { completeLength, firstInvalidUtf8, InvalidUtf8Error, readByteChunks } from './text-source';
import type { RecordBatch, Value } from './types';

/**
 * Bytes read per chunk. The reader makes no string per chunk or per field, so larger reads than the text
 * readers' 64 KiB save per-chunk work: on a 100 MiB CSV of 20 columns reading alone takes about 25 % less time with
 * 1 MiB chunks than with 64 KiB ones. But each batch keeps its chunk alive until the next collection, and with
 * 1 MiB chunks the peak RSS of a 1 GiB file was 1.22× that of a 100 MiB one (the aim is at most 1.25×), with
 * 256 KiB 1.08×, for about 5 % more time reading (none measurable in the whole action).
 */
export const CSV_CHUNK_BYTES = 1 << 18;

/** A record carried from one chunk to the next (with the unfinished batch before it) past this size makes reads grow to its size, so a huge batch is not copied once per chunk. */
const LARGE_CARRY = 1 << 20;

/** {@link RecordScanner.scan}'s answer when the bytes end before the record does and more may come. */
const INCOMPLETE = -1;

/**
 * The most bytes one record (one line, or several inside a quoted field) may take: 64 MiB. A record cut off by a
 * chunk's end is carried to the next chunk, so without a cap a stray `"` (or a file with no line ends) would carry
 * the rest of the file in memory; past the cap the read fails at the line where the record (or its unclosed quoted
 * field) starts. Checked once per chunk, not per byte. docs/contract.md states this limit.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const BARE_CR = 'bare CR line endings (a CR not followed by LF); expected LF or CRLF line endings';

/** The limit as text for messages: "64 MiB", or bytes for the small limits tests set. */
export function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * An RFC 4180 scanner for CSV and TSV over UTF-8 bytes, one record at a time. It finds where each field lies
 * and makes no strings:
 *
 * - Fields are separated by the delimiter; records end with LF or CRLF (a lone CR is data).
 * - A field that starts with `"` is quoted: it runs to the next `"` that is not doubled (`""` is one `"`), and may
 *   hold delimiters, CR and LF. After its closing quote comes a delimiter, the end of the line or of the file;
 *   anything else is an error. A `"` inside an unquoted field is kept as it is (as pandas and Excel do).
 * - An empty field, quoted or not, is null. A blank line (nothing, or a lone CR, before the LF) is skipped, but
 *   counted: each record carries the 1-based line where it starts, counting the LFs inside quoted fields.
 * - An unterminated quote at the end of the file is an error naming the line where that quoted field starts.
 *
 * The delimiter, LF, CR and `"` are ASCII, and no byte of a multibyte UTF-8 sequence is ASCII, so scanning the
 * bytes finds the same fields as scanning the decoded text.
 */
class RecordScanner {
  /** The line of the next byte to scan (moved on only by a record scanned whole). */
  line = 1;
  /** Of the last record scanned: how many fields it has (0: none, the file ended), and its first line. */
  fields = 0;
  recordLine = 1;
  /** When scan returned INCOMPLETE: the line where the unfinished record starts, and (0 when none) where its unclosed quoted field does. */
  incompleteLine = 1;
  incompleteQuoteLine = 0;
  private readonly delimiterCode: number;
  /** `bytes` of the last scan, and a view of it for reading 4 bytes at a time. */
  private wordsOf: Buffer | undefined;
  private words: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    private readonly delimiter: string,
    private readonly fail: (line: number, message: string) => never,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new Error(`bad delimiter ${quote(delimiter)}`);
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /**
   * Scans the record that starts at `from` (after any blank lines) in bytes[from, limit); with `final`, the input
   * ends at `limit`. `bytes[limit]` must be an LF, a sentinel that ends the search through an unquoted field, and
   * 3 bytes more must follow it (that search reads 4 bytes at a time). The record's first `capacity` fields go to
   * `offsets` as (start, end) pairs minus `base`, the first at `at` and the next ones `stride` apart (see CsvBatch:
   * a quoted field is the bytes between its quotes, with ~end for its end when it holds `""`). Returns where the
   * next record starts, or INCOMPLETE (then nothing changed but those pairs).
   */
  scan(bytes: Buffer, from: number, limit: number, final: boolean, offsets: Int32Array, at: number, stride: number, capacity: number, base: number): number {
    // skipBlankLines stops at a record, at the end, or at a CR that may lead a CRLF: bytes to come decide.
    let p = skipBlankLines(bytes, from, limit);
    let line = p === from ? this.line : this.line + countLineFeeds(bytes, from, p);
    if (p >= limit || (bytes[p] === 13 && p + 1 >= limit)) {
      if (!final) return this.incomplete(line, 0);
      // Only blank lines (or a lone CR) up to the end.
      this.line = line;
      this.fields = 0;
      return limit;
    }
    const delimiter = this.delimiterCode;
    const delimiterWord = Math.imul(delimiter, 0x01010101);
    if (this.wordsOf !== bytes) {
      // Made once per buffer, not per record.
      this.wordsOf = bytes;
      this.words = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    }
    const words = this.words;
    const recordLine = line;
    let fields = 0;
    for (;;) {
      let start = p;
      let end: number;
      // What ends the field: the delimiter, LF, or (-1) the end of the input.
      let after: number;
      let c = bytes[p] as number;
      if (c !== 34) {
        // An unquoted field: up to the next delimiter or LF (the sentinel LF at `limit` ends the loop there),
        // looked for 4 bytes at a time: a byte of v ^ mask is 0 where v has that byte, and (x - 0x01010101) & ~x
        // sets the high bit of x's lowest zero byte (higher ones may be wrong, the lowest never is).
        if (c !== delimiter && c !== 10) {
          for (;;) {
            const v = words.getInt32(p, true);
            const x = v ^ delimiterWord;
            const y = v ^ 0x0a0a0a0a;
            const found = (((x - 0x01010101) & ~x) | ((y - 0x01010101) & ~y)) & 0x80808080;
            if (found !== 0) {
              p += (31 - Math.clz32(found & -found)) >> 3;
              break;
            }
            p += 4;
          }
          c = bytes[p] as number;
        }
        if (p >= limit) {
          if (!final) return this.incomplete(recordLine, 0);
          after = -1;
        } else {
          after = c;
        }
        // A CR before the end of the line is the line's end, not data.
        end = after !== delimiter && p > start && bytes[p - 1] === 13 ? p - 1 : p;
      } else {
        const openedOn = line;
        let escaped = false;
        let q = p + 1;
        for (;;) {
          while (q < limit) {
            c = bytes[q] as number;
            if (c === 34) break;
            if (c === 10) line++;
            q++;
          }
          if (q + 1 >= limit && !final) return this.incomplete(recordLine, openedOn);
          if (q >= limit) this.fail(openedOn, `a quoted field starts here and has no closing quote before the end of the file; expected a closing " (a " inside a quoted field is written "")`);
          if (bytes[q + 1] !== 34) break;
          // `""`: one `"` of the text.
          escaped = true;
          q += 2;
        }
        start = p + 1;
        end = escaped ? ~q : q;
        p = q + 1;
        after = p >= limit ? -1 : (bytes[p] as number);
        if (after === 13) {
          if (p + 1 >= limit) {
            if (!final) return this.incomplete(recordLine, 0);
            after = -1;
            p++;
          } else if (bytes[p + 1] === 10) {
            after = 10;
            p++;
          }
        }
        if (after !== delimiter && after !== 10 && after !== -1) {
          this.fail(line, `unexpected ${quote(bytes.toString('utf8', p, Math.min(limit, p + 4)).charAt(0))} after the closing quote of a quoted field; expected ${this.describeDelimiter()} or the end of the line (a " inside a quoted field is written "")`);
        }
      }
      if (fields < capacity) {
        offsets[at + stride * fields] = start - base;
        offsets[at + stride * fields + 1] = end < 0 ? ~(~end - base) : end - base;
      }
      fields++;
      if (after === delimiter) {
        p++;
        continue;
      }
      if (after === 10) {
        p++;
        line++;
      }
      break;
    }
    this.line = line;
    this.fields = fields;
    this.recordLine = recordLine;
    return p;
  }

  /** Notes where the unfinished record (and its open quoted field) starts; once per chunk, not per record. */
  private incomplete(recordLine: number, quoteLine: number): number {
    this.incompleteLine = recordLine;
    this.incompleteQuoteLine = quoteLine;
    return INCOMPLETE;
  }

  private describeDelimiter(): string {
    return this.delimiter === '\t' ? 'a tab' : `the delimiter ${quote(this.delimiter)}`;
  }
}

/** Past the blank lines (LF or CRLF alone) at `from`: where a record (or a CR that the next byte may make CRLF) starts. */
function skipBlankLines(bytes: Uint8Array, from: number, limit: number): number {
  let p = from;
  while (p < limit) {
    if (bytes[p] === 10) p++;
    else if (bytes[p] === 13 && p + 1 < limit && bytes[p + 1] === 10) p += 2;
    else break;
  }
  return p;
}

function countLineFeeds(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let p = from; p < to; p++) if (bytes[p] === 10) count++;
  return count;
}

/** A ConfigurationError `"<file>" line <n>: <message>`. */
export function lineError(name: string, line: number, message: string): ConfigurationError {
  return new ConfigurationError(`${quote(name)} line ${line}: ${message}`, { file: name, line });
}

export interface DelimitedReadOptions {
  delimiter: string;
  gzip: boolean;
  batchRows: number;
  /** Bytes per read (tests use tiny chunks to cross every boundary); default CSV_CHUNK_BYTES. */
  chunkBytes?: number;
  /** Called before each batch with its rows and its share of the bytes read (compressed for .gz), and after a read that made no batch. */
  onProgress?: (bytes: number, rows: number) => void;
  /**
   * A file with a header and no data row is an error (readDataset: the data must have rows). Without it such a
   * file gives one batch with no rows, so its columns are known (a caller with its own message for it).
   */
  requireRows?: boolean;
  /** The most bytes one record may take; default MAX_RECORD_BYTES (tests set less). */
  maxRecordBytes?: number;
}

/**
 * The records of one CSV or TSV file in batches (of `batchRows` rows, fewer for wide files: see batch.ts). The first record is the header: it must
 * name every column once; every later record must have as many fields. A file with a header and no records
 * gives one batch with no rows, so its columns are known all the same (with `requireRows`, an error instead).
 * A record over `maxRecordBytes` (MAX_RECORD_BYTES) is an error, so memory stays bounded whatever the file.
 *
 * The file is read as bytes and never decoded as a whole: each batch ({@link CsvBatch}) holds its records' bytes
 * and where its fields lie, and reads a column's values from them when asked.
 */
export async function* readDelimitedFile(absolutePath: string, name: string, options: DelimitedReadOptions): AsyncGenerator<RecordBatch> {
  const reader = new DelimitedReader(name, options);
  const chunkBytes = options.chunkBytes ?? CSV_CHUNK_BYTES;
  let fresh: Buffer[] = [];
  let freshBytes = 0;
  let read = 0;
  for await (const chunk of readByteChunks(absolutePath, name, options.gzip, chunkBytes)) {
    fresh.push(chunk.bytes);
    freshBytes += chunk.bytes.length;
    read += chunk.read;
    if (freshBytes < reader.wantedBytes(chunkBytes)) continue;
    yield* pushed(reader, fresh, freshBytes, read, options.onProgress);
    fresh = [];
    freshBytes = 0;
    read = 0;
  }
  if (freshBytes > 0) yield* pushed(reader, fresh, freshBytes, read, options.onProgress);
  reader.end();
  yield* withProgress(reader.takeReady(), 0, options.onProgress);
}

/** Pushes the chunks, gives out the batches they complete, then throws the error of invalid UTF-8 they hold, if any. */
function* pushed(reader: DelimitedReader, chunks: Buffer[], size: number, read: number, onProgress: DelimitedReadOptions['onProgress']): Generator<CsvBatch> {
  reader.push(chunks, size);
  yield* withProgress(reader.takeReady(), read, onProgress);
  reader.throwIfInvalid();
}

/**
 * The batches one read made, each after reporting its rows and its share of the bytes read: a chunk holds many
 * batches, and a progress line per batch keeps the log moving on files of a few chunks.
 */
function* withProgress(batches: CsvBatch[], read: number, onProgress: DelimitedReadOptions['onProgress']): Generator<CsvBatch> {
  if (batches.length === 0) onProgress?.(read, 0);
  for (let k = 0; k < batches.length; k++) {
    const batch = batches[k] as CsvBatch;
    onProgress?.(Math.round((read * (k + 1)) / batches.length) - Math.round((read * k) / batches.length), batch.size);
    yield batch;
  }
}

/**
 * The state of one file's read: the bytes not yet given to a batch, the scanner, and the batch being filled.
 * Each push makes a new Buffer of the bytes carried over (the unfinished batch's records and the record cut off
 * by the chunk's end) followed by the new bytes, so a batch given out keeps bytes nothing writes to again.
 */
class DelimitedReader {
  private readonly scanner: RecordScanner;
  private readonly fail: (line: number, message: string) => never;
  /** The bytes, then the scanner's sentinel LF at `bytes[length]` and 3 bytes of padding (see RecordScanner.scan). */
  private bytes = Buffer.from([10]);
  private length = 0;
  /** The file offset of bytes[0]. */
  private fileOffset = 0;
  /** In `bytes`: where the batch being filled starts, where the scan goes on, and how far the UTF-8 is checked. */
  private base = 0;
  private position = 0;
  private validated = 0;
  private bomChecked = false;
  private columns: string[] | undefined;
  private width = 0;
  private capacity = 0;
  // The batch being filled.
  private offsets = new Int32Array(0);
  private lines: number[] = [];
  private rows = 0;
  private ready: CsvBatch[] = [];
  /** Where in `bytes` the last push met invalid UTF-8, or -1. */
  private invalidUtf8 = -1;
  /** Whether a batch was made (an empty file of a header alone makes one, empty). */
  private made = false;
  /** The header's line. */
  private headerLine = 1;
  private readonly maxRecordBytes: number;

  constructor(
    private readonly name: string,
    private readonly options: DelimitedReadOptions,
  ) {
    this.fail = (line, message) => {
      throw lineError(name, line, message);
    };
    this.scanner = new RecordScanner(options.delimiter, this.fail);
    this.maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  }

  /** How many new bytes to gather before a push: more than a large carry, so a carry is copied a bounded number of times. */
  wantedBytes(chunkBytes: number): number {
    const carry = this.length - this.base;
    return carry > LARGE_CARRY ? Math.max(chunkBytes, carry) : chunkBytes;
  }

  /** Adds the chunks' bytes and scans the records they complete. */
  push(chunks: Buffer[], size: number): void {
    const carried = this.length - this.base;
    // The sentinel, and 3 bytes more so that a 4-byte read at the sentinel stays inside (see RecordScanner.scan).
    const bytes = Buffer.allocUnsafeSlow(carried + size + 4);
    let at = this.bytes.copy(bytes, 0, this.base, this.length);
    for (const chunk of chunks) at += chunk.copy(bytes, at);
    bytes[at] = 10;
    this.bytes = bytes;
    this.length = at;
    this.fileOffset += this.base;
    this.position -= this.base;
    this.validated -= this.base;
    this.base = 0;
    // A UTF-8 sequence cut off at the end is checked with the bytes that complete it.
    const bad = this.validate(completeLength(bytes.subarray(0, at)));
    if (bad === undefined) {
      this.scanRecords(at, false);
      this.checkRecordSize();
      return;
    }
    // The records before the invalid byte (the sentinel stands in for it meanwhile), then the error, thrown once
    // their batches are given out.
    const byte = bytes[bad] as number;
    bytes[bad] = 10;
    this.scanRecords(bad, false);
    bytes[bad] = byte;
    this.invalidUtf8 = bad;
  }

  /**
   * After a push: the record the scan stopped in (cut off by the chunk's end) must stay under the cap, else the
   * rest of the file would pile up behind a stray quote or a file with no line ends.
   */
  private checkRecordSize(): void {
    if (this.length - this.position <= this.maxRecordBytes) return;
    const scanner = this.scanner;
    const limit = describeBytes(this.maxRecordBytes);
    if (scanner.incompleteQuoteLine > 0) {
      this.fail(
        scanner.incompleteQuoteLine,
        `a quoted field starts here and runs past ${limit} without its closing quote; expected a closing " (a " inside a quoted field is written "") and records of at most ${limit}`,
      );
    }
    this.fail(scanner.incompleteLine, `a record starts here and runs past ${limit} without a line end; expected records of at most ${limit}, each ending with LF or CRLF`);
  }

  /** Throws the error of invalid UTF-8 that the last push met, if it met one. */
  throwIfInvalid(): void {
    if (this.invalidUtf8 >= 0) this.failUtf8(this.invalidUtf8);
  }

  /** At the end of the file: the last bytes, the last record, and the last batch (or the only, empty, one). */
  end(): void {
    if (this.validated < this.length) this.failUtf8(this.validated);
    this.scanRecords(this.length, true);
    if (!this.columns) throw new ConfigurationError(`${quote(this.name)} has no header row; expected a first line naming the columns`, { file: this.name });
    const noRows = this.rows === 0 && !this.made && this.ready.length === 0;
    if (noRows && this.options.requireRows) this.fail(this.headerLine, 'the file has a header and no data rows; expected at least one data row after the header');
    if (this.rows > 0 || (!this.made && this.ready.length === 0)) this.emit();
  }

  /** The batches made since the last call. */
  takeReady(): CsvBatch[] {
    const ready = this.ready;
    if (ready.length > 0) this.made = true;
    this.ready = [];
    return ready;
  }

  /** Checks bytes[validated, to) are UTF-8; returns where the first invalid byte is, if any. */
  private validate(to: number): number | undefined {
    if (to <= this.validated) return undefined;
    const span = this.bytes.subarray(this.validated, to);
    if (isUtf8(span)) {
      this.validated = to;
      return undefined;
    }
    return this.validated + firstInvalidUtf8(span);
  }

  /** Invalid UTF-8 at bytes[at]: an error naming its line (the records before it were scanned). */
  private failUtf8(at: number): never {
    const line = this.scanner.line + countLineFeeds(this.bytes, this.position, at);
    const error = new InvalidUtf8Error(this.bytes[at] ?? 0, this.fileOffset + at, this.options.gzip);
    return this.fail(line, `${error.message}; expected UTF-8 text`);
  }

  /** Scans the records in bytes[position, limit) (the last one only with `final`; bytes[limit] is LF). */
  private scanRecords(limit: number, final: boolean): void {
    if (!this.bomChecked) {
      // Wait for three bytes (or the end) to know whether the file starts with a UTF-8 byte order mark.
      if (limit - this.position < 3 && !final) return;
      if (limit >= 3 && this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf) this.position = this.base = 3;
      this.bomChecked = true;
    }
    if (!this.columns && !this.scanHeader(limit, final)) return;
    const scanner = this.scanner;
    const width = this.width;
    for (;;) {
      const next = scanner.scan(this.bytes, this.position, limit, final, this.offsets, 2 * this.rows, 2 * this.capacity, width, this.base);
      if (next === INCOMPLETE) break;
      this.position = next;
      if (scanner.fields === 0) break;
      if (scanner.fields !== width) this.fail(scanner.recordLine, `${scanner.fields} ${scanner.fields === 1 ? 'field' : 'fields'}; expected ${width}, as the header has`);
      this.lines.push(scanner.recordLine);
      if (++this.rows === this.capacity) this.emit();
    }
  }

  /** Scans the header record; false when the bytes end before it does. */
  private scanHeader(limit: number, final: boolean): boolean {
    const scanner = this.scanner;
    const lineBefore = scanner.line;
    let offsets = new Int32Array(2 * 256);
    let next = scanner.scan(this.bytes, this.position, limit, final, offsets, 0, 2, 256, 0);
    if (next !== INCOMPLETE && scanner.fields > 256) {
      // A header of more than 256 columns: scanned again with room for them all.
      scanner.line = lineBefore;
      offsets = new Int32Array(2 * scanner.fields);
      next = scanner.scan(this.bytes, this.position, limit, final, offsets, 0, 2, scanner.fields, 0);
    }
    if (next === INCOMPLETE) return false;
    this.position = next;
    if (scanner.fields === 0) return false;
    const header: Value[] = [];
    for (let f = 0; f < scanner.fields; f++) header.push(fieldText(this.bytes, offsets[2 * f] as number, offsets[2 * f + 1] as number));
    // Records end only at LF: a file whose lines end with a bare CR (classic Mac, some Excel exports) reads as one
    // header line with CRs inside its names. Looked for in the header alone, so the data's scan does no more work.
    if (header.some((name) => typeof name === 'string' && /\r(?!\n)/.test(name))) this.fail(scanner.recordLine, BARE_CR);
    this.headerLine = scanner.recordLine;
    this.columns = headerColumns(header, scanner.recordLine, this.fail);
    this.width = this.columns.length;
    this.capacity = rowsPerBatch(this.options.batchRows, this.width);
    this.startBatch();
    return true;
  }

  private startBatch(): void {
    this.base = this.position;
    // Not zeroed (allocUnsafeSlow): every pair is written before it is read.
    const count = 2 * this.capacity * this.width;
    this.offsets = new Int32Array(Buffer.allocUnsafeSlow(4 * count).buffer, 0, count);
    this.lines = [];
    this.rows = 0;
  }

  /** The batch being filled, to be given out; the next one starts where the scan is. */
  private emit(): void {
    this.ready.push(
      new CsvBatch({
        file: this.name,
        columns: this.columns as string[],
        bytes: this.bytes.subarray(this.base, this.position),
        offsets: this.offsets,
        lines: this.lines,
        size: this.rows,
        capacity: this.capacity,
      }),
    );
    this.startBatch();
  }
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
