import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { readDelimitedFile, type DelimitedReadOptions } from '../../shared/src/data/csv';
import { duplicateKey, readJsonLinesFile, type JsonLinesReadOptions } from '../../shared/src/data/jsonl';
import { readParquetFile } from '../../shared/src/data/parquet';
import { readDataset } from '../../shared/src/data/read-dataset';
import type { RecordBatch } from '../../shared/src/data/types';
import { ConfigurationError, type FilePosition } from '../../shared/src/errors';
import type { Logger } from '../../shared/src/ports';
import { NATIVE, NULL, TEXT } from '../../shared/src/data/typed-column';

/**
 * Bad input to the data readers: each is one line naming the file (and the line when there is one) and what was
 * expected, and carries the position the run wrapper annotates.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'data-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURES = path.resolve(__dirname, '../fixtures/data');

function file(name: string, content: string | Buffer | Uint8Array | ArrayBuffer): string {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), content instanceof ArrayBuffer ? new Uint8Array(content) : content);
  return name;
}

const logger: Logger = { debug() {}, info() {}, warning() {}, error() {}, group: (_n, fn) => fn(), mask() {} };

async function drain(batches: AsyncGenerator<RecordBatch>): Promise<RecordBatch[]> {
  const all: RecordBatch[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

/** The ConfigurationError a read ends with: its one-line message and its position. */
async function failure(run: () => AsyncGenerator<RecordBatch>): Promise<{ message: string; position: FilePosition | undefined }> {
  try {
    await drain(run());
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const { message, position } = error as ConfigurationError;
    expect(message).not.toContain('\n');
    return { message, position };
  }
  throw new Error('read without an error');
}

const dataset = (pattern: string) => () => readDataset([pattern], { cwd: dir, logger });
const csv =
  (name: string, options: Partial<DelimitedReadOptions> = {}) =>
  () =>
    readDelimitedFile(path.join(dir, name), name, { delimiter: name.includes('.tsv') ? '\t' : ',', gzip: name.endsWith('.gz'), batchRows: 8192, ...options });
const jsonl =
  (name: string, options: Partial<JsonLinesReadOptions> = {}) =>
  () =>
    readJsonLinesFile(path.join(dir, name), name, { gzip: name.endsWith('.gz'), batchRows: 8192, ...options });

describe('a file with no rows is an error in readDataset', () => {
  const headerOnly = 'data: "%s" line %d: the file has a header and no data rows; expected at least one data row after the header';

  for (const [name, content, line] of [
    ['h.csv', 'id,name,score\n', 1],
    ['crlf.csv', 'id,name\r\n\r\n\r\n', 1],
    ['bom.csv', '\ufeffid,name\n', 1],
    ['late.csv', '\n\nid,name\n\n', 3],
    ['h.tsv.gz', gzipSync('a\tb\n'), 1],
    ['bom.csv.gz', gzipSync('\ufeffa,b'), 1],
  ] as const) {
    it(`a header alone: ${name}`, async () => {
      file(name, content);
      expect(await failure(dataset(name))).toEqual({ message: headerOnly.replace('%s', name).replace('%d', String(line)), position: { file: name, line } });
    });
  }

  it('an empty or blank-only JSON Lines file, also gzip’d', async () => {
    file('e.jsonl', '');
    expect(await failure(dataset('e.jsonl'))).toEqual({ message: 'data: "e.jsonl" is empty; expected at least one JSON object, one per line', position: { file: 'e.jsonl' } });
    file('b.jsonl', '\n \r\n\n');
    expect((await failure(dataset('b.jsonl'))).message).toBe('data: "b.jsonl" has only blank lines; expected at least one JSON object, one per line');
    file('e.jsonl.gz', gzipSync(''));
    expect((await failure(dataset('e.jsonl.gz'))).message).toBe('data: "e.jsonl.gz" is empty; expected at least one JSON object, one per line');
    file('b.ndjson.gz', gzipSync('\n\n'));
    expect((await failure(dataset('b.ndjson.gz'))).message).toBe('data: "b.ndjson.gz" has only blank lines; expected at least one JSON object, one per line');
  });

  it('a Parquet file of 0 rows', async () => {
    file('z.parquet', readFileSync(path.join(FIXTURES, 'empty-rows.parquet')));
    expect(await failure(dataset('z.parquet'))).toEqual({
      message: 'data: "z.parquet" has no rows (its schema names 1 column); expected at least one row',
      position: { file: 'z.parquet' },
    });
    file('z2.parquet', parquetWriteBuffer({ columnData: [{ name: 'f', data: [], type: 'DOUBLE' }] }));
    expect((await failure(dataset('z2.parquet'))).message).toBe('data: "z2.parquet" has no rows (its schema names 1 column); expected at least one row');
  });

  it('the readers alone still give an empty batch (the gate’s predictions reader has its own message)', async () => {
    file('alone.csv', 'a,b\n');
    expect(await drain(csv('alone.csv')())).toEqual([{ file: 'alone.csv', columns: ['a', 'b'], rows: [], lines: [] }]);
    file('alone.jsonl', '\n');
    expect(await drain(jsonl('alone.jsonl')())).toEqual([{ file: 'alone.jsonl', columns: [], rows: [], lines: [], records: [] }]);
  });

  it('a file with one row is read', async () => {
    file('one.csv', 'a\n1\n');
    expect((await drain(dataset('one.csv')())).map((b) => b.rows)).toEqual([[['1']]]);
  });
});

describe('JSON Lines: a key named twice', () => {
  it('is an error naming the key, the file and the line', async () => {
    file('d.jsonl', '{"score":1}\n\n{"score":500,"score":1}\n');
    expect(await failure(jsonl('d.jsonl'))).toEqual({
      message: '"d.jsonl" line 3: the record names key "score" twice; expected unique keys',
      position: { file: 'd.jsonl', line: 3 },
    });
  });

  it('is found with spaces before the colon, escapes in the key, and nested objects beside it', async () => {
    file('s.jsonl', '{"a": 1}\n{ "b" : 1 , "b" : 2 }\n');
    expect((await failure(jsonl('s.jsonl'))).message).toBe('"s.jsonl" line 2: the record names key "b" twice; expected unique keys');
    file('e.jsonl', '{"x":{"y":1,"y":2},"q\\"k":1,"n":[{"a":1}],"q\\u0022k":2}\n');
    expect((await failure(jsonl('e.jsonl'))).message).toBe('"e.jsonl" line 1: the record names key "q\\"k" twice; expected unique keys');
  });

  it('is not claimed for nested keys, or strings holding `":`', async () => {
    file('ok.jsonl', '{"a":{"a":1,"b":{"a":2}},"b":"x\\":y","c":["\\"a\\":"],"d":"\\\\"}\n');
    expect((await drain(jsonl('ok.jsonl')())).flatMap((b) => b.rows)).toEqual([['{"a":1,"b":{"a":2}}', 'x":y', '["\\"a\\":"]', '\\']]);
    expect(duplicateKey('{"a":{"a":1},"b":"\\\\","c":2}')).toBeUndefined();
    expect(duplicateKey('{"a":"\\\\","a":2}')).toBe('a');
  });
});

describe('CSV: bare CR line endings', () => {
  it('are an error at the header line', async () => {
    file('cr.csv', 'id,name,score\r1,a,2\r2,b,300\r');
    expect(await failure(csv('cr.csv'))).toEqual({
      message: '"cr.csv" line 1: bare CR line endings (a CR not followed by LF); expected LF or CRLF line endings',
      position: { file: 'cr.csv', line: 1 },
    });
    file('cr1.csv', 'x\r1\r2\r');
    expect((await failure(csv('cr1.csv', { chunkBytes: 2 }))).message).toBe('"cr1.csv" line 1: bare CR line endings (a CR not followed by LF); expected LF or CRLF line endings');
  });

  it('CRLF, and a CRLF inside a quoted header name, are fine', async () => {
    file('crlf.csv', '"a\r\nb",c\r\n1,2\r\n');
    expect((await drain(csv('crlf.csv')())).map((b) => [b.columns, b.rows])).toEqual([[['a\r\nb', 'c'], [['1', '2']]]]);
  });
});

describe('one record is capped, so a stray quote or a file without line ends does not fill memory', () => {
  const tail = `${'x'.repeat(99)}\n`.repeat(200);

  it('a quoted field that never closes fails at the line where it opens, long before the end', async () => {
    file('uq.csv', `id,name,score\n1,a,2\n2,"${tail}`);
    for (const chunkBytes of [64, 1000]) {
      expect(await failure(csv('uq.csv', { chunkBytes, maxRecordBytes: 4096 }))).toEqual({
        message:
          '"uq.csv" line 3: a quoted field starts here and runs past 4096 bytes without its closing quote; expected a closing " (a " inside a quoted field is written "") and records of at most 4096 bytes',
        position: { file: 'uq.csv', line: 3 },
      });
    }
  });

  it('a record with no line end fails at the line where it starts', async () => {
    file('long.csv', `a,b\n1,2\n\n3,${'y'.repeat(10_000)}\n`);
    expect((await failure(csv('long.csv', { chunkBytes: 100, maxRecordBytes: 2000 }))).message).toBe(
      '"long.csv" line 4: a record starts here and runs past 2000 bytes without a line end; expected records of at most 2000 bytes, each ending with LF or CRLF',
    );
    // Under the cap, the same record is read.
    expect((await drain(csv('long.csv', { chunkBytes: 100, maxRecordBytes: 20_000 })())).flatMap((b) => b.lines)).toEqual([2, 4]);
  });

  it('the default cap is 64 MiB', async () => {
    file('q.csv', `a\n"${'z'.repeat(70 * 1024 * 1024)}`);
    expect((await failure(csv('q.csv'))).message).toBe(
      '"q.csv" line 2: a quoted field starts here and runs past 64 MiB without its closing quote; expected a closing " (a " inside a quoted field is written "") and records of at most 64 MiB',
    );
  });

  it('a JSON Lines line with no end fails at its line', async () => {
    file('long.jsonl', `{"a":1}\n{"a":"${'w'.repeat(10_000)}"}\n`);
    expect(await failure(jsonl('long.jsonl', { chunkBytes: 64, maxRecordBytes: 1000 }))).toEqual({
      message: '"long.jsonl" line 2: a line starts here and runs past 1000 bytes without a line end; expected one JSON object per line, each of at most 1000 bytes',
      position: { file: 'long.jsonl', line: 2 },
    });
    // Under the cap, read across many chunks.
    expect((await drain(jsonl('long.jsonl', { chunkBytes: 64, maxRecordBytes: 20_000 })())).flatMap((b) => b.lines)).toEqual([1, 2]);
  });
});

describe('non-finite numbers the file holds as numbers', () => {
  it('are read as TEXT | NATIVE (not INTEGER or DECIMAL), which type: number fails; a NaN is a null, for the profile too', async () => {
    file('inf.jsonl', '{"x":1e400}\n{"x":-1e400}\n{"x":1.5}\n');
    const [fromJson] = await drain(jsonl('inf.jsonl')());
    expect(Array.from(fromJson?.column(0).kinds ?? [])).toEqual([TEXT | NATIVE, TEXT | NATIVE, 2 | NATIVE]);
    file('inf.parquet', parquetWriteBuffer({ columnData: [{ name: 'x', data: [Infinity, -Infinity, Number.NaN, 2], type: 'DOUBLE' }] }));
    const [fromParquet] = await drain(readParquetFile(path.join(dir, 'inf.parquet'), 'inf.parquet', { batchRows: 10 }));
    const column = fromParquet?.column(0);
    expect(Array.from(column?.kinds ?? [])).toEqual([TEXT | NATIVE, TEXT | NATIVE, NULL, 1 | NATIVE]);
    expect(Array.from(column?.numbers ?? [])).toEqual([Infinity, -Infinity, Number.NaN, 2]);
  });
});

describe('reader messages say what was expected', () => {
  it('a ragged row', async () => {
    file('ragged.csv', 'id,name,score\n1,alice,10\n2,bob,20,extra\n');
    expect(await failure(csv('ragged.csv'))).toEqual({ message: '"ragged.csv" line 3: 4 fields; expected 3, as the header has', position: { file: 'ragged.csv', line: 3 } });
  });

  it('invalid JSON gives the column on the line, not V8’s line 1', async () => {
    file('bad.jsonl', '{"a":1}\n{"a":1,"b":2 x}\n');
    expect(await failure(jsonl('bad.jsonl'))).toEqual({
      message: `"bad.jsonl" line 2: invalid JSON (Expected ',' or '}' after property value at column 14); expected one JSON object per line`,
      position: { file: 'bad.jsonl', line: 2 },
    });
    // Leading spaces count in the column.
    file('bad2.jsonl', '   {"a":"\u0001"}\n');
    expect((await failure(jsonl('bad2.jsonl'))).message).toBe('"bad2.jsonl" line 1: invalid JSON (Bad control character in string literal at column 10); expected one JSON object per line');
  });

  it('duplicate Parquet column names', async () => {
    file('dup.parquet', parquetWriteBuffer({ columnData: [{ name: 'score', data: [1, 2], type: 'DOUBLE' }, { name: 'score', data: [3, 4], type: 'DOUBLE' }] }));
    expect(await failure(() => readParquetFile(path.join(dir, 'dup.parquet'), 'dup.parquet', { batchRows: 10 }))).toEqual({
      message: '"dup.parquet" has a schema that names column "score" twice (columns 1 and 2); expected unique column names',
      position: { file: 'dup.parquet' },
    });
  });

  it('a corrupt Parquet file says what was expected, then hyparquet’s words', async () => {
    const whole = readFileSync(path.join(FIXTURES, 'typed.snappy.parquet'));
    file('cut.parquet', whole.subarray(0, whole.length - 3));
    expect(await failure(() => readParquetFile(path.join(dir, 'cut.parquet'), 'cut.parquet', { batchRows: 10 }))).toEqual({
      message:
        '"cut.parquet" is not a valid Parquet file: its footer metadata cannot be read; expected a complete Parquet file ("PAR1", the column chunks, the footer metadata and "PAR1" again) (parquet file invalid (footer != PAR1))',
      position: { file: 'cut.parquet' },
    });
    // Bytes flipped in the data pages: the row group that cannot be decoded.
    const flipped = Buffer.from(whole);
    for (let at = 8; at < 200; at++) flipped[at] = 0xff;
    file('flip.parquet', flipped);
    const { message } = await failure(() => readParquetFile(path.join(dir, 'flip.parquet'), 'flip.parquet', { batchRows: 10 }));
    expect(message).toMatch(/^"flip\.parquet" is not a valid Parquet file: .+; expected a complete Parquet file \("PAR1", the column chunks, the footer metadata and "PAR1" again\) \(.+\)$/);
  });

  it('invalid UTF-8 in a .gz file gives its offset in the decompressed text', async () => {
    const text = Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xe9]), Buffer.from('\n')]);
    file('u.csv.gz', gzipSync(text));
    expect(await failure(csv('u.csv.gz'))).toEqual({
      message: '"u.csv.gz" line 2: invalid UTF-8: byte 0xe9 at byte offset 6 of the decompressed text; expected UTF-8 text',
      position: { file: 'u.csv.gz', line: 2 },
    });
    file('u.jsonl.gz', gzipSync(Buffer.concat([Buffer.from('{"a":1}\n{"a":"'), Buffer.from([0xe9]), Buffer.from('"}\n')])));
    expect((await failure(jsonl('u.jsonl.gz'))).message).toBe('"u.jsonl.gz" line 2: invalid UTF-8: byte 0xe9 at byte offset 14 of the decompressed text; expected UTF-8 text');
    // Not in a plain file.
    file('u.csv', text);
    expect((await failure(csv('u.csv'))).message).toBe('"u.csv" line 2: invalid UTF-8: byte 0xe9 at byte offset 6; expected UTF-8 text');
  });

  it('errors that name a file carry its position', async () => {
    file('empty.csv', '');
    expect((await failure(csv('empty.csv'))).position).toEqual({ file: 'empty.csv' });
    file('notgz.csv.gz', 'a,b\n');
    expect((await failure(csv('notgz.csv.gz'))).position).toEqual({ file: 'notgz.csv.gz' });
    file('x/data.txt', 'a');
    expect(await failure(() => readDataset(['x/*'], { cwd: dir, logger }))).toMatchObject({ position: { file: 'x/data.txt' } });
  });
});
