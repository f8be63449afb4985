import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonLinesFile } from '../../shared/src/data/jsonl';
import { isoTimestamp, readParquetFile } from '../../shared/src/data/parquet';
import type { RecordBatch } from '../../shared/src/data/types';
import { uniforms } from '../fixtures/random';

const dir = mkdtempSync(path.join(tmpdir(), 'data-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURES = path.resolve(__dirname, '../fixtures/data');

function file(name: string, content: string | Buffer): string {
  writeFileSync(path.join(dir, name), content);
  return name;
}

async function collect(batches: AsyncGenerator<RecordBatch>): Promise<RecordBatch[]> {
  const all: RecordBatch[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

const jsonl = (name: string, options: { gzip?: boolean; batchRows?: number; chunkBytes?: number } = {}): Promise<RecordBatch[]> =>
  collect(readJsonLinesFile(path.join(dir, name), name, { gzip: options.gzip ?? false, batchRows: options.batchRows ?? 8192, ...(options.chunkBytes ? { chunkBytes: options.chunkBytes } : {}) }));

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect((error as Error).name).toBe('ConfigurationError');
    return (error as Error).message;
  }
  throw new Error('read without an error');
}

describe('JSON Lines', () => {
  const text = '{"a":1,"b":"x"}\r\n\n  \n{"b":null,"c":{"d":[1,2]},"a":true}\n{"e":[]}';

  it('gives the union of keys so far as columns, null for missing keys, JSON text for objects, and the records', async () => {
    file('r.jsonl', text);
    const [batch] = await jsonl('r.jsonl');
    expect(batch).toEqual({
      file: 'r.jsonl',
      columns: ['a', 'b', 'c', 'e'],
      rows: [
        [1, 'x', null, null],
        [true, null, '{"d":[1,2]}', null],
        [null, null, null, '[]'],
      ],
      lines: [1, 4, 5],
      records: [{ a: 1, b: 'x' }, { b: null, c: { d: [1, 2] }, a: true }, { e: [] }],
    });
  });

  it('streams batches whose columns only grow, across chunk boundaries and gzip', async () => {
    file('r.jsonl.gz', gzipSync(text));
    const batches = await jsonl('r.jsonl.gz', { gzip: true, batchRows: 1, chunkBytes: 3 });
    expect(batches.map((b) => b.columns)).toEqual([['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'e']]);
    expect(batches.map((b) => b.rows[0])).toEqual([[1, 'x'], [true, null, '{"d":[1,2]}'], [null, null, null, '[]']]);
    expect(batches.flatMap((b) => b.lines)).toEqual([1, 4, 5]);
  });

  it('an empty file is zero rows', async () => {
    file('empty.ndjson', '\n\n');
    expect(await jsonl('empty.ndjson')).toEqual([{ file: 'empty.ndjson', columns: [], rows: [], lines: [], records: [] }]);
  });

  it('invalid JSON, a line that is not an object, and invalid UTF-8 name their line', async () => {
    file('bad.jsonl', '{"a":1}\n\n{"a":2,}\n');
    expect(await failure(() => jsonl('bad.jsonl'))).toMatch(/^"bad\.jsonl" line 3: invalid JSON \(.+\); expected one JSON object per line$/);
    file('array.jsonl', '{"a":1}\n[1,2]\n');
    expect(await failure(() => jsonl('array.jsonl'))).toBe('"array.jsonl" line 2: expected a JSON object, found an array');
    file('scalar.jsonl', '"text"\n');
    expect(await failure(() => jsonl('scalar.jsonl'))).toBe('"scalar.jsonl" line 1: expected a JSON object, found a string');
    file('null.jsonl', '{}\nnull\n');
    expect(await failure(() => jsonl('null.jsonl'))).toBe('"null.jsonl" line 2: expected a JSON object, found null');
    file('latin1.jsonl', Buffer.concat([Buffer.from('{"a":1}\n{"a":"'), Buffer.from([0xff]), Buffer.from('"}\n')]));
    expect(await failure(() => jsonl('latin1.jsonl', { chunkBytes: 2 }))).toBe('"latin1.jsonl" line 2: invalid UTF-8: byte 0xff at byte offset 14; expected UTF-8 text');
  });
});

describe('Parquet', () => {
  const parquet = (name: string, batchRows = 8192): Promise<RecordBatch[]> => collect(readParquetFile(path.join(FIXTURES, name), name, { batchRows }));
  const expectedRows = [
    [1, 1.5, 'alpha', true, 1, '2024-01-02T03:04:05.678Z'],
    [2, null, 'béta', false, -2, null],
    [3, -2.25, null, null, '9007199254740993', '1970-01-01T00:00:00.000Z'],
    [4, 1e300, '', true, null, '1969-12-31T23:59:59.999Z'],
    [5, 0, 'e', false, 42, '2030-06-30T12:00:00.000Z'],
  ];

  for (const codec of ['snappy', 'gzip', 'zstd']) {
    it(`reads ${codec} row group by row group, with typed values and row numbers as lines`, async () => {
      const batches = await parquet(`typed.${codec}.parquet`);
      expect(batches.map((b) => b.rows.length)).toEqual([2, 2, 1]); // row groups of 2
      expect(batches[0]?.columns).toEqual(['id', 'amount', 'name', 'flag', 'big', 'at']);
      expect(batches.flatMap((b) => b.rows)).toEqual(expectedRows);
      expect(batches.flatMap((b) => b.lines)).toEqual([1, 2, 3, 4, 5]);
    });
  }

  it('cuts row groups into batches of batchRows', async () => {
    const batches = await parquet('typed.snappy.parquet', 1);
    expect(batches.map((b) => b.lines)).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('a file without rows gives one empty batch with its columns', async () => {
    expect(await parquet('empty-rows.parquet')).toEqual([{ file: 'empty-rows.parquet', columns: ['a'], rows: [], lines: [] }]);
  });

  it('a truncated or foreign file is not a valid Parquet file', async () => {
    expect(await failure(() => parquet('bad/truncated.parquet'))).toBe(
      '"bad/truncated.parquet" is not a valid Parquet file: its footer metadata cannot be read; expected a complete Parquet file ("PAR1", the column chunks, the footer metadata and "PAR1" again) (parquet file invalid (footer != PAR1))',
    );
    file('tiny.parquet', 'PAR1');
    const tiny = (): Promise<RecordBatch[]> => collect(readParquetFile(path.join(dir, 'tiny.parquet'), 'tiny.parquet', { batchRows: 10 }));
    expect(await failure(tiny)).toBe(
      `"tiny.parquet" is not a valid Parquet file: it has 4 bytes, fewer than Parquet's 4-byte header and 8-byte footer; expected a complete Parquet file ("PAR1", the column chunks, the footer metadata and "PAR1" again)`,
    );
  });

  it('writes timestamps as ISO 8601 with the digits of their unit', () => {
    expect(isoTimestamp(1_700_000_000_123_456n, 6)).toBe('2023-11-14T22:13:20.123456Z');
    expect(isoTimestamp(-1n, 9)).toBe('1969-12-31T23:59:59.999999999Z');
    expect(isoTimestamp(86_400n, 0)).toBe('1970-01-02T00:00:00Z');
  });

  it('formats timestamps with Number arithmetic exactly as with BigInt and Date, in every unit and year', () => {
    // The reference: the BigInt and Date.toISOString formatting isoTimestamp falls back to.
    const reference = (value: bigint, digits: number): string => {
      const scale = 10n ** BigInt(digits);
      let seconds = value / scale;
      let fraction = value % scale;
      if (fraction < 0n) {
        fraction += scale;
        seconds -= 1n;
      }
      const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, -5);
      return digits === 0 ? `${whole}Z` : `${whole}.${fraction.toString().padStart(digits, '0')}Z`;
    };
    const next = uniforms(0x12345678);
    const wrong: string[] = [];
    for (const digits of [0, 3, 6, 9]) {
      const edges = [0n, -1n, 1n, 951_782_400n, -62_167_219_200n, 253_402_300_799n, 68_256_000n, 1_709_164_800n].map((s) => s * 10n ** BigInt(digits));
      for (let i = 0; i < 20_000; i++) {
        const seconds = Math.floor((next() * 2 - 1) * 62_167_219_200) + (next() < 0.5 ? 0 : 190_000_000_000 * next());
        const value = BigInt(Math.floor(seconds)) * 10n ** BigInt(digits) + BigInt(Math.floor(next() * 10 ** digits));
        edges.push(value, value + 1n, value - 1n);
      }
      for (const value of edges) {
        const seconds = Number(value / 10n ** BigInt(digits));
        if (seconds < -62_167_219_200 || seconds >= 253_402_300_800) continue;
        if (isoTimestamp(value, digits) !== reference(value, digits)) wrong.push(`${value} ${digits}: ${isoTimestamp(value, digits)} ≠ ${reference(value, digits)}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(isoTimestamp(-62_167_219_201_000n, 3)).toBe('-000001-12-31T23:59:59.000Z');
  });
});
