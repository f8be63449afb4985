import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { readParquetFile } from '../../shared/src/data/parquet';
import { hashWritten, isoTimestamp, writeTimestamp, written } from '../../shared/src/data/parquet-time';
import { KIND, TIMESTAMP, TypedColumn } from '../../shared/src/data/typed-column';
import type { RecordBatch, Value } from '../../shared/src/data/types';
import { parseTimestamp } from '../../shared/src/data/values';
import { hash, hashString } from '../../shared/src/hashing/hash64';
import { EVERY_TYPE_COLUMNS, everyTypeParquet } from '../fixtures/data/every-type';
import { uniforms } from '../fixtures/random';

const dir = mkdtempSync(path.join(tmpdir(), 'data-parquet-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'every-type.parquet');
writeFileSync(file, Buffer.from(everyTypeParquet()));

async function batches(batchRows: number): Promise<RecordBatch[]> {
  const all: RecordBatch[] = [];
  for await (const batch of readParquetFile(file, 'every-type.parquet', { batchRows })) all.push(batch);
  return all;
}

/** Slot i of `column` as a plain object, to compare slots whole (NaN equals NaN with toEqual). */
function slot(column: TypedColumn, i: number): { kind: number; number: number; high: number; low: number; length: number } {
  return { kind: column.kinds[i] as number, number: column.numbers[i] as number, high: column.highs[i] as number, low: column.lows[i] as number, length: column.lengths[i] as number };
}

/** What setValue reads from the row-major value: the one reading the typed columns must equal. */
function expectedSlot(value: Value): ReturnType<typeof slot> {
  const column = new TypedColumn(1, () => value);
  column.setValue(0, value);
  return slot(column, 0);
}

const FIXTURES = path.resolve(__dirname, '../fixtures/data');
const TIMESTAMP_COLUMNS = ['ms', 'us', 'ns', 'us_logical', 'date'];

describe('Parquet typed columns', () => {
  it('has dictionary-encoded columns, whose values come from each row group’s dictionary', () => {
    const dictionary = parquetMetadata(everyTypeParquet()).row_groups.flatMap((group) =>
      group.columns.filter((chunk) => chunk.meta_data?.encodings.includes('RLE_DICTIONARY')).map((chunk) => chunk.meta_data?.path_in_schema.join('.')),
    );
    expect(new Set(dictionary)).toEqual(new Set(['dict_text', 'dict_num']));
  });

  for (const batchRows of [3, 8192]) {
    it(`read each value as setValue reads its row-major value, in batches of ${batchRows} rows`, async () => {
      const all = await batches(batchRows);
      expect(all[0]?.columns).toEqual(EVERY_TYPE_COLUMNS);
      expect(all.reduce((rows, batch) => rows + batch.size, 0)).toBe(9);
      // [column, line, value, slot] read, and as setValue reads the row-major value (toEqual tells −0 from 0).
      const read: unknown[] = [];
      const expected: unknown[] = [];
      for (const batch of all) {
        const rows = batch.rows;
        for (let j = 0; j < batch.columns.length; j++) {
          const column = batch.column(j);
          expect(batch.column(j)).toBe(column);
          expect(column.size).toBe(batch.size);
          for (let i = 0; i < batch.size; i++) {
            const value = (rows[i] as Value[])[j] as Value;
            read.push([batch.columns[j], batch.lines[i], column.value(i), slot(column, i)]);
            expected.push([batch.columns[j], batch.lines[i], value, expectedSlot(value)]);
          }
        }
      }
      expect(read).toEqual(expected);
    });
  }

  it('reads timestamps and dates in years 0000–9999 as the instant of their ISO text, others as their text reads', async () => {
    const all = await batches(8192);
    let timestamps = 0;
    for (const batch of all) {
      for (const name of TIMESTAMP_COLUMNS) {
        const j = batch.columns.indexOf(name);
        const column = batch.column(j);
        for (let i = 0; i < batch.size; i++) {
          const iso = column.value(i);
          if (typeof iso !== 'string' || !/^\d{4}-/.test(iso)) {
            // Null, or a year outside 0000–9999 ('+010000-01-01', '-000001-…'), or past Date ('9223372036854775807').
            expect([name, iso, ((column.kinds[i] as number) & KIND) === TIMESTAMP]).toEqual([name, iso, false]);
            continue;
          }
          timestamps++;
          hashString(iso);
          expect([name, iso, (column.kinds[i] as number) & KIND, column.numbers[i], column.highs[i], column.lows[i], column.lengths[i]]).toEqual([
            name,
            iso,
            TIMESTAMP,
            parseTimestamp(iso),
            hash.high,
            hash.low,
            iso.length,
          ]);
        }
      }
    }
    expect(timestamps).toBe(35);
  });

  it('gives the row-major values the reader gives for every type', async () => {
    const rows = (await batches(8192)).flatMap((batch) => batch.rows);
    const byName = (name: string): Value[] => rows.map((row) => row[EVERY_TYPE_COLUMNS.indexOf(name)] as Value);
    // hyparquet-writer's dictionary keeps one zero a row group, the first it meets: −0 in the second.
    expect(byName('dict_num')).toEqual([0, 0, 0.5, Number.NaN, 0.5, -0, -0, Number.NaN, 0.5]);
    expect(byName('i64')).toEqual([1, -2, '9007199254740993', null, '-9223372036854775808', 9007199254740991, 0, 42, -9007199254740991]);
    expect(byName('u64')).toEqual(['18446744073709551615', 0, 1, null, '9007199254740992', 5, 6, 7, 8]);
    expect(byName('ms')).toEqual([
      '2023-11-14T22:13:20.123Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      null,
      '9999-12-31T23:59:59.999Z',
      '+010000-01-01T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '-000001-12-31T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
    ]);
    expect(byName('us')).toEqual([
      '2023-11-14T22:13:20.123456Z',
      '1969-12-31T23:59:59.999999Z',
      '1970-01-01T00:00:00.000000Z',
      null,
      '9223372036854775807', // past what Date holds: the count itself
      '1970-01-01T00:00:00.001000Z',
      '1970-01-01T00:00:00.000999Z',
      '1969-12-31T23:59:58.999999Z',
      '1972-03-01T00:00:00.000001Z',
    ]);
    expect(byName('ns')).toEqual([
      '2023-11-14T22:13:20.123456789Z',
      '1969-12-31T23:59:59.999999999Z',
      '1970-01-01T00:00:00.000000000Z',
      null,
      '2262-04-11T23:47:16.854775807Z',
      '1677-09-21T00:12:43.145224192Z',
      '1970-01-01T00:00:00.000999999Z',
      '1970-01-01T00:00:00.001000000Z',
      '2024-02-29T00:00:00.000000000Z',
    ]);
    expect(byName('us_logical').slice(0, 3)).toEqual(['2023-11-14T22:13:20.123456Z', null, '1969-12-31T23:59:59.999999Z']);
    expect(byName('date')).toEqual(['1970-01-01', '1969-12-31', '2024-01-02', null, '9999-12-31', '+010000-01-01', '0000-01-01', '-000001-12-31', '2000-02-29']);
    expect(byName('f32').slice(0, 5)).toEqual([0.10000000149011612, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0]);
    expect(byName('bytes').slice(0, 4)).toEqual(['x', '1.5', null, 'FALSE']);
    expect(byName('json')).toEqual(['{"a":1}', '[1,2]', '"x"', '3', null, 'true', '{"b":{"c":null}}', '[]', '"2024-01-02"']);
    expect(byName('dec')).toEqual([123.45, -0.01, 0, null, 1, 0.07, 2.5, -999.99, 0.01]);
    expect(byName('uuid').slice(0, 2)).toEqual(['00112233-4455-6677-8899-aabbccddeeff', null]);
    expect(byName('f16').slice(0, 5)).toEqual([1.5, -2, null, 0.5, 65504]);
    // Nested columns: JSON text, their timestamps ISO text inside.
    expect(byName('st').slice(0, 4)).toEqual(['{"a":1,"at":"2023-11-14T22:13:20.123Z"}', null, '{"a":2,"at":null}', '{"a":3,"at":"1969-12-31T23:59:59.999Z"}']);
    expect(byName('li').slice(0, 5)).toEqual(['[1,2]', null, '[]', '[3]', '[null]']);
  });

  it('a file without rows gives a batch whose columns are empty', async () => {
    const all: RecordBatch[] = [];
    for await (const batch of readParquetFile(path.join(FIXTURES, 'empty-rows.parquet'), 'empty-rows.parquet', { batchRows: 10 })) all.push(batch);
    expect(all.map((batch) => [batch.size, batch.column(0).size, batch.rows])).toEqual([[0, 0, []]]);
  });

  it('hashes and times a timestamp without its text exactly as its text, in every unit and year', () => {
    const next = uniforms(0x2545f491);
    const wrong: string[] = [];
    for (const digits of [0, 3, 6, 9]) {
      const scale = 10n ** BigInt(digits);
      const values = [0n, -1n, 1n, -62_167_219_200n * scale, 253_402_300_800n * scale - 1n, 951_782_400n * scale];
      for (let i = 0; i < 5000; i++) {
        const seconds = BigInt(Math.floor((next() * 2 - 1) * 62_167_219_200 + 95_000_000_000 * next()));
        values.push(seconds * scale + BigInt(Math.floor(next() * Number(scale))));
      }
      for (const value of values) {
        const iso = isoTimestamp(value, digits);
        // Both forms the reader holds a count in: a number when it is a safe integer, else a bigint.
        for (const raw of Number.isSafeInteger(Number(value)) ? [Number(value), value] : [value]) {
          const length = writeTimestamp(raw, digits);
          if (length < 0) {
            if (/^\d{4}-/.test(iso)) wrong.push(`${value} ${digits}: not written, ${iso}`);
            continue;
          }
          hashWritten(length);
          const written_ = [length, hash.high, hash.low, written.ms];
          hashString(iso);
          const expected = [iso.length, hash.high, hash.low, parseTimestamp(iso)];
          if (written_.join() !== expected.join()) wrong.push(`${value} ${digits} (${iso}): ${written_.join()} ≠ ${expected.join()}`);
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
