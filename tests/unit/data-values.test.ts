import { describe, expect, it } from 'vitest';
import { ContractChecker, parseContract } from '../../shared/src/contract';
import type { Value } from '../../shared/src/data/types';
import { parseBoolean, parseDecimal, parseDecimalHashed, parseTimestamp, writtenAsInteger } from '../../shared/src/data/values';
import { hash, hashString } from '../../shared/src/hashing/hash64';
import { ColumnAccumulator } from '../../shared/src/profile';
import { RowBatch } from '../../shared/src/data/batch';

describe('value recognition shared by the profile and the contract', () => {
  it('reads timestamps to the millisecond, truncating finer fractions, for years 0000 to 9999', () => {
    expect(parseTimestamp('2024-01-31T12:00:00.1239Z')).toBe(Date.UTC(2024, 0, 31, 12, 0, 0, 123));
    expect(parseTimestamp('2024-01-31T12:00:00.9999999Z')).toBe(Date.UTC(2024, 0, 31, 12, 0, 0, 999));
    expect(parseTimestamp('0000-02-29')).toBe(new Date('0000-02-29T00:00:00Z').getTime());
    expect(parseTimestamp('0050-06-01T00:00:00Z')).toBe(new Date('0050-06-01T00:00:00Z').getTime());
    expect(parseTimestamp('1900-02-29')).toBeNaN();
    for (const bad of ['2024-01-31T12:00:00,5Z', '675 -02-17', '20x4-01-01', '2024-01-31T12:00:', '2024-01-31T12:00:00+05:']) expect(parseTimestamp(bad), bad).toBeNaN();
  });

  it('reads decimals and tells integers written as such', () => {
    expect(parseDecimal('1.2e-10000')).toBe(0);
    expect(writtenAsInteger).toBe(false);
    expect(parseDecimal('-12345678901234567890')).toBe(Number('-12345678901234567890'));
    expect(writtenAsInteger).toBe(true);
    expect(parseDecimal('7.')).toBe(7);
    expect(writtenAsInteger).toBe(false);
    for (const bad of ['', '-', '.', '0x1F', ' 1', '1 ', 'Infinity', '1e999', '1_000']) expect(parseDecimal(bad), bad).toBeNaN();
    expect([parseBoolean('tRuE'), parseBoolean('FALSE'), parseBoolean('0'), parseBoolean('green'), parseBoolean('truee')]).toEqual([1, 0, 0, -1, -1]);
  });

  it('reads and hashes in one pass exactly as parseDecimal and hashString do', () => {
    const texts = ['', '0', '-0', '+3', '007', '42', '-7', '1.5', '-.5', '.5', '7.', '.', '-', '+', '1e3', '-1.5E-3', '1e', '1.2.3', '12a', 'a12',
      '1234567890123456', '12345678901234567890', '0.1234567890123456789', '2024-03-01', '2024-03-01T12:00:00Z', '1.5e-10000', 'true', 'N/A', 'é1', ' 12', '1 ', 'Infinity', '0x10',
      // Around the 9 digits read in int32 and the 15 of the fast path.
      '123456789', '-999999999', '1234567890', '12345.67891', '999999999999999', '-100000000000000', '99999999.9999999', '1234567890123.45', '0.000000001234567'];
    for (const text of texts) {
      const expected = parseDecimal(text);
      const expectedInteger = writtenAsInteger;
      hashString(text);
      const { high, low } = hash;
      hash.high = hash.low = 0;
      const x = parseDecimalHashed(text);
      expect([text, x, hash.high, hash.low]).toEqual([text, expected, high, low]);
      if (x === x) expect([text, writtenAsInteger]).toEqual([text, expectedInteger]);
    }
  });

  it('reads and hashes random number-like texts exactly as parseDecimal and hashString do', () => {
    let state = 0x2545f491;
    const next = (n: number): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    const alphabet = '0123456789012345678901234567890123456789..--+eEa ';
    const wrong: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      let text = '';
      for (let n = next(22); n > 0; n--) text += alphabet[next(alphabet.length)];
      const expected = parseDecimal(text);
      const expectedInteger = writtenAsInteger;
      hashString(text);
      const { high, low } = hash;
      const x = parseDecimalHashed(text);
      if (!Object.is(x, expected) || hash.high !== high || hash.low !== low || (x === x && writtenAsInteger !== expectedInteger)) wrong.push(text);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('profiles a value as the type whose contract check accepts it', () => {
    const cases: Array<[string, Value[]]> = [
      ['timestamp', ['0099-01-01', '2024-01-31T12:00:00.123456Z', '2016-12-31T23:59:60Z', '2024-01-31 12:00+0530']],
      ['integer', ['42', '-7', '+3', '12345678901234567890']],
      ['number', ['1e3', '.5', '7.', '1.2e-10000', '-1.5E-3']],
      ['boolean', ['true', 'FALSE', 'tRuE']],
    ];
    for (const [type, values] of cases) {
      const column = new ColumnAccumulator('v');
      for (const value of values) column.add(value);
      expect(column.toJSON().type, type).toBe(type);
      const checker = new ContractChecker(parseContract(`version: 1\ncolumns:\n  v: { type: ${type} }\n`, 'contract.yaml'), {});
      checker.add(new RowBatch({ file: 'data.csv', columns: ['v'], rows: values.map((value) => [value]), lines: values.map((_, i) => i + 2) }));
      const result = checker.finish({ rows: values.length, now: 0 }).find((r) => r.id === 'columns.v.type');
      expect(result?.failed, type).toBe(0);
    }
  });
});
