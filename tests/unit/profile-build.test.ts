import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordBatch, Value } from '../../shared/src/data/types';
import { ConfigurationError } from '../../shared/src/errors';
import { RowBatch } from '../../shared/src/data/batch';
import {
  binEdges,
  categoricalDistribution,
  checkProfile,
  inferType,
  mergeProfiles,
  numericDistribution,
  Profiler,
  readProfile,
  referenceBinEdges,
  writeProfile,
  type KindCounts,
  type Profile,
  type ProfileColumn,
} from '../../shared/src/profile';

const dir = mkdtempSync(path.join(os.tmpdir(), 'profile-'));

function batch(columns: string[], rows: Value[][], file = 'data.csv'): RecordBatch {
  return new RowBatch({ file, columns, rows, lines: rows.map((_, i) => i + 2) });
}

function profileOf(...batches: RecordBatch[]): Profile {
  const profiler = new Profiler();
  for (const b of batches) profiler.add(b);
  return profiler.result();
}

function column(profile: Profile, name: string): ProfileColumn {
  const found = profile.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

async function errorOf(promise: Promise<unknown>): Promise<ConfigurationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

/** A CSV-like dataset: id (integer), score (number), city (string), ok (boolean), at (timestamp), with nulls. */
function rows(from: number, to: number): Value[][] {
  const cities = ['Lyon', 'Oslo', 'Lima', 'Pune'];
  const result: Value[][] = [];
  for (let i = from; i < to; i++) {
    result.push([
      String(i),
      i % 11 === 0 ? null : ((i * 37) % 1000 / 10).toFixed(1),
      cities[(i * i) % 4] as string,
      i % 3 === 0 ? 'TRUE' : 'false',
      `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z`,
    ]);
  }
  return result;
}
const COLUMNS = ['id', 'score', 'city', 'ok', 'at'];

describe('type inference', () => {
  const kinds = (k: Partial<KindCounts>): KindCounts => ({ integer: 0, decimal: 0, boolean: 0, timestamp: 0, text: 0, ...k });
  it('follows the lattice integer ⊑ number ⊑ string, boolean ⊑ string, timestamp ⊑ string', () => {
    expect(inferType(kinds({ integer: 5 }))).toEqual({ type: 'integer', invalid: 0 });
    expect(inferType(kinds({ integer: 5, decimal: 1 }))).toEqual({ type: 'number', invalid: 0 });
    expect(inferType(kinds({ boolean: 5 }))).toEqual({ type: 'boolean', invalid: 0 });
    expect(inferType(kinds({ timestamp: 5 }))).toEqual({ type: 'timestamp', invalid: 0 });
    expect(inferType(kinds({ integer: 5, boolean: 5 }))).toEqual({ type: 'string', invalid: 0 });
    expect(inferType(kinds({ timestamp: 5, decimal: 5 }))).toEqual({ type: 'string', invalid: 0 });
    expect(inferType(kinds({ text: 1 }))).toEqual({ type: 'string', invalid: 0 });
    expect(inferType(kinds({}))).toEqual({ type: 'string', invalid: 0 });
  });

  it('keeps a column typed when at most 1 % of its values do not fit, counting them invalid', () => {
    expect(inferType(kinds({ integer: 990, text: 10 }))).toEqual({ type: 'integer', invalid: 10 });
    expect(inferType(kinds({ integer: 989, text: 11 }))).toEqual({ type: 'string', invalid: 0 });
    expect(inferType(kinds({ integer: 900, decimal: 95, boolean: 5 }))).toEqual({ type: 'number', invalid: 5 });
    expect(inferType(kinds({ timestamp: 995, integer: 5 }))).toEqual({ type: 'timestamp', invalid: 5 });
  });

  it('reads values as the types they are, and never fails on a value that does not fit', () => {
    const profile = profileOf(
      batch(
        ['i', 'n', 'b', 't', 's', 'nulls'],
        [
          ['1', '1.5', 'true', '2024-01-01', 'x', null],
          ['-20', '2', 'FALSE', '2024-01-02T03:04:05Z', '12', null],
          ['+3', '-.5', 'True', '2024-01-03 10:00', '0x10', null],
          ['007', '1e3', 'false', '2024-02-30', 'Infinity', null],
        ],
      ),
    );
    expect(profile.columns.map((c) => [c.name, c.type])).toEqual([
      ['i', 'integer'],
      ['n', 'number'],
      ['b', 'boolean'],
      ['t', 'string'], // 2024-02-30 is not a date: 1 of 4 does not fit
      ['s', 'string'],
      ['nulls', 'string'],
    ]);
    expect(column(profile, 'i').numeric).toMatchObject({ count: 4, min: -20, max: 7, mean: -9 / 4 });
    expect(column(profile, 'n').numeric).toMatchObject({ count: 4, min: -0.5, max: 1000 });
    expect(column(profile, 'n').kinds).toEqual({ integer: 1, decimal: 3, boolean: 0, timestamp: 0, text: 0 }); // 1e3 has an exponent: a decimal
    expect(column(profile, 'b').top.items).toEqual([
      ['false', 2],
      ['true', 2],
    ]);
    expect(column(profile, 't').kinds).toMatchObject({ timestamp: 3, text: 1 });
    expect(column(profile, 's').kinds).toEqual({ integer: 1, decimal: 0, boolean: 0, timestamp: 0, text: 3 });
    expect(column(profile, 'nulls')).toMatchObject({ count: 4, nulls: 4, length: null, numeric: null, distinct: { estimate: 0 } });
  });

  it('counts a stray string in a big numeric column as invalid, and JSON values by their kind', () => {
    const values: Value[][] = Array.from({ length: 200 }, (_, i) => [i === 7 ? 'N/A' : i * 1.5, i % 2 === 0, i]);
    const profile = profileOf(batch(['x', 'flag', 'n'], values, 'data.jsonl'));
    expect(column(profile, 'x')).toMatchObject({ type: 'number', invalid: 1, nulls: 0 });
    expect(column(profile, 'x').numeric?.count).toBe(199);
    expect(column(profile, 'flag')).toMatchObject({ type: 'boolean', invalid: 0 });
    expect(column(profile, 'n')).toMatchObject({ type: 'integer', length: { min: 1, max: 3 } });
    expect(numericDistribution(column(profile, 'x'))?.count).toBe(199);
  });
});

describe('the profile', () => {
  const data = rows(0, 500);
  const profile = profileOf(batch(COLUMNS, data.slice(0, 200)), batch(COLUMNS, data.slice(200), 'more.csv'));

  it('is exact on small data: counts, moments, quantiles, distinct, top values', () => {
    expect(profile.rows).toBe(500);
    expect(profile.files).toEqual([
      { path: 'data.csv', rows: 200 },
      { path: 'more.csv', rows: 300 },
    ]);
    expect(profile.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['score', 'number'],
      ['city', 'string'],
      ['ok', 'boolean'],
      ['at', 'timestamp'],
    ]);
    const scores = data.map((row) => row[1]).filter((v): v is string => v !== null).map(Number);
    const sorted = [...scores].sort((a, b) => a - b);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const score = column(profile, 'score');
    expect(score).toMatchObject({ count: 500, nulls: 46, invalid: 0, length: { min: 3, max: 4 } });
    const distribution = numericDistribution(score)!;
    expect(distribution.count).toBe(454);
    expect(distribution.nulls).toBe(46);
    expect(distribution.mean).toBeCloseTo(mean, 10);
    expect(distribution.std).toBeCloseTo(Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length), 10);
    expect([distribution.min, distribution.max]).toEqual([sorted[0], sorted[sorted.length - 1]]);
    for (const p of [0.05, 0.1, 0.3, 0.5, 0.9]) expect(distribution.quantile(p)).toBe(sorted[Math.ceil(p * sorted.length - 1e-9) - 1]);
    expect(distribution.cdf(50)).toBe(sorted.filter((x) => x <= 50).length / sorted.length);
    expect(score.distinct).toMatchObject({ estimate: new Set(scores).size, exact: true });
    const city = column(profile, 'city');
    const counts = new Map<string, number>();
    for (const row of data) counts.set(row[2] as string, (counts.get(row[2] as string) ?? 0) + 1);
    expect(new Map(city.top.items)).toEqual(counts);
    expect(categoricalDistribution(city)).toEqual({ count: 500, nulls: 0, counts, otherCount: 0 });
    expect(column(profile, 'ok').top.items).toEqual([
      ['false', 333],
      ['true', 167],
    ]);
    const at = column(profile, 'at');
    expect(at.timestamps).toMatchObject({ count: 500, minIso: '2024-01-01T00:00:00.000Z', maxIso: '2024-01-28T23:00:00.000Z' });
    expect(numericDistribution(at)?.min).toBe(Date.UTC(2024, 0, 1));
    expect(categoricalDistribution(at)).toBeUndefined();
    expect(numericDistribution(city)).toBeUndefined();
  });

  it('counts a JSON Lines key first seen in a later batch as null in the file\'s earlier records', () => {
    const profile = profileOf(batch(['id'], [[1], [2], [3]], 'd.jsonl'), batch(['id', 'late'], [[4, null], [5, 7]], 'd.jsonl'), batch(['id'], [[6]], 'e.jsonl'));
    const late = profile.columns.find((c) => c.name === 'late');
    // Rows of d.jsonl: 3 before the key, then a null and a 7; e.jsonl never has it (a missing column, not nulls).
    expect([late?.count, late?.nulls, late?.numeric?.count]).toEqual([5, 4, 1]);
  });

  it('counts a NaN held as a number (a Parquet float) as a null, as the checks do', () => {
    const x = profileOf(batch(['x'], [[1.5], [Number.NaN], [2.5]])).columns[0];
    expect([x?.count, x?.nulls, x?.kinds.text, x?.numeric?.count]).toEqual([3, 1, 0, 2]);
  });

  it('is the same for the same data, and valid against its schema through a JSON round trip', () => {
    expect(profileOf(batch(COLUMNS, data.slice(0, 200)), batch(COLUMNS, data.slice(200), 'more.csv'))).toEqual(profile);
    expect(profile).not.toHaveProperty('createdAt');
    const copy = JSON.parse(JSON.stringify(profile)) as unknown;
    expect(checkProfile(copy, 'p.json', 'reference')).toEqual(profile);
    expect(mergeProfiles([checkProfile(copy, 'p.json', 'reference')])).toEqual(profile);
    expect(new Profiler({ createdAt: '2024-05-01T00:00:00Z' }).result()).toMatchObject({ createdAt: '2024-05-01T00:00:00Z', rows: 0, columns: [] });
  });
});

describe('merging profiles', () => {
  it('lists a file that shards split once, with its rows summed', () => {
    const shard = (rows: Value[][]) => profileOf(batch(['x'], rows, 'd.csv'), batch(['x'], [[9]], 'e.csv'));
    const merged = mergeProfiles([shard([[1], [2]]), shard([[3]])]);
    expect(merged.files).toEqual([{ path: 'd.csv', rows: 3 }, { path: 'e.csv', rows: 2 }]);
    expect(merged.rows).toBe(5);
  });

  it('of shards gives the profile of the whole (exact parts exactly), in any grouping', () => {
    const data = rows(0, 3000);
    const whole = profileOf(batch(COLUMNS, data, 'all.csv'));
    const [a, b, c] = [profileOf(batch(COLUMNS, data.slice(0, 900), 'all.csv')), profileOf(batch(COLUMNS, data.slice(900, 1000), 'all.csv')), profileOf(batch(COLUMNS, data.slice(1000), 'all.csv'))];
    const left = mergeProfiles([mergeProfiles([a!, b!]), c!]);
    const right = mergeProfiles([a!, mergeProfiles([b!, c!])]);
    const flat = mergeProfiles([c!, a!, b!]);
    for (const merged of [left, right, flat]) {
      expect(merged.rows).toBe(3000);
      expect(merged.files.map((f) => f.rows).reduce((x, y) => x + y)).toBe(3000);
      for (const expected of whole.columns) {
        const got = column(merged, expected.name);
        expect({ ...got, numeric: null, timestamps: null, distinct: null, top: null }).toEqual({ ...expected, numeric: null, timestamps: null, distinct: null, top: null });
        if (expected.top.error === 0) expect(got.top).toEqual(expected.top);
        else expect(got.top.error).toBeLessThanOrEqual(3000 / 1001);
        expect(got.distinct.estimate).toBe(expected.distinct.estimate); // id: 3000 distinct, past the exact set: the same HLL registers
        for (const key of ['numeric', 'timestamps'] as const) {
          const g = got[key];
          const e = expected[key];
          if (!e || !g) {
            expect(g).toBe(e);
            continue;
          }
          expect([g.count, g.min, g.max]).toEqual([e.count, e.min, e.max]);
          expect(Math.abs((g.mean ?? NaN) - (e.mean ?? NaN)) / Math.abs(e.mean ?? NaN)).toBeLessThan(1e-12);
          expect((g.m2 ?? NaN) / (e.m2 ?? NaN)).toBeCloseTo(1, 10);
          const gd = numericDistribution({ ...got, type: key === 'numeric' ? 'number' : 'timestamp' })!;
          const ed = numericDistribution({ ...expected, type: key === 'numeric' ? 'number' : 'timestamp' })!;
          for (const p of [0.1, 0.25, 0.5, 0.75, 0.9]) expect(Math.abs(ed.cdf(gd.quantile(p)) - p)).toBeLessThanOrEqual(0.01);
        }
      }
    }
    // Left and right groupings agree on every exact part and on the merged sketches' answers.
    expect(column(left, 'city')).toEqual(column(right, 'city'));
    expect(column(left, 'ok')).toEqual(column(right, 'ok'));
  });

  it('joins types across shards and matches columns by name', () => {
    const ints = profileOf(batch(['x', 'only-a'], [['1'], ['2']].map((r) => [...r, 'a'])));
    const decimals = profileOf(batch(['x'], [['2.5'], ['3.5']]));
    const words = profileOf(batch(['x'], [['hello'], ['world']]));
    expect(column(mergeProfiles([ints, decimals]), 'x').type).toBe('number');
    expect(column(mergeProfiles([ints, decimals, words]), 'x').type).toBe('string');
    const merged = mergeProfiles([ints, decimals]);
    expect(merged.columns.map((c) => c.name)).toEqual(['x', 'only-a']);
    expect(column(merged, 'only-a').count).toBe(2);
    expect(column(merged, 'x').numeric).toMatchObject({ count: 4, min: 1, max: 3.5, mean: 2.25 });
    expect(mergeProfiles([])).toEqual({ schemaVersion: 1, rows: 0, files: [], columns: [] });
  });
});

describe('histograms and bin edges', () => {
  it('counts exactly on the reference deciles, and estimates other edges from the sketch', () => {
    const reference = profileOf(batch(['v'], Array.from({ length: 1000 }, (_, i) => [String(i)])));
    const edges = binEdges(column(reference, 'v'));
    expect(edges).toEqual([99, 199, 299, 399, 499, 599, 699, 799, 899]); // lower empirical deciles
    expect(referenceBinEdges(reference)).toEqual({ v: edges });
    const current = new Profiler({ binEdges: referenceBinEdges(reference) });
    current.add(batch(['v'], Array.from({ length: 500 }, (_, i) => [String(i * 2)])));
    const v = column(current.result(), 'v');
    expect(v.numeric?.histogram).toEqual({ edges, counts: [50, 50, 50, 50, 50, 50, 50, 50, 50, 50] });
    const distribution = numericDistribution(v)!;
    expect(distribution.histogram(edges)).toEqual([50, 50, 50, 50, 50, 50, 50, 50, 50, 50]);
    expect(distribution.histogram([499.5])).toEqual([250, 250]);
    // Shards on the same edges merge exactly; a histogram on other edges is dropped, not mixed.
    const other = new Profiler({ binEdges: { v: [1, 2] } });
    other.add(batch(['v'], [['1'], ['3']]));
    expect(column(mergeProfiles([current.result(), current.result()]), 'v').numeric?.histogram?.counts).toEqual(Array(10).fill(100));
    expect(column(mergeProfiles([current.result(), other.result()]), 'v').numeric?.histogram).toBeNull();
    expect(binEdges(column(profileOf(batch(['v'], [['1'], ['1'], ['2']])), 'v'))).toEqual([1, 2]);
    expect(() => new Profiler({ binEdges: { v: [2, 1] } })).toThrow(/increase strictly/);
  });
});

describe('profile files', () => {
  const profile = profileOf(batch(COLUMNS, rows(0, 50)));

  it('are written atomically and read back equal', async () => {
    const file = path.join(dir, 'out', 'profile.json');
    await writeProfile(file, profile);
    expect(await readProfile(file, 'reference')).toEqual(profile);
  });

  it('of another schema version, or not matching the schema, are refused in one line', async () => {
    const v2 = path.join(dir, 'p.json');
    writeFileSync(v2, JSON.stringify({ ...profile, schemaVersion: 2 }));
    const error = await errorOf(readProfile(v2, 'reference'));
    expect(error.message).toBe(`reference: ${JSON.stringify(v2)} has schemaVersion 2; this version reads 1 (profile the data again with this version)`);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...profile, columns: [{ ...profile.columns[0], nulls: -1 }] }));
    expect((await errorOf(readProfile(bad, 'reference'))).message).toMatch(/^reference: ".*bad.json" field "\/columns\/0\/nulls" must be >= 0$/);
    const inconsistent = path.join(dir, 'inconsistent.json');
    const first = JSON.parse(readFileSync(path.join(dir, 'out', 'profile.json'), 'utf8')) as Profile;
    first.columns[0]!.nulls += 1;
    writeFileSync(inconsistent, JSON.stringify(first));
    expect((await errorOf(readProfile(inconsistent, 'reference'))).message).toMatch(/column "id" is inconsistent: its kinds count 50 values, but count − nulls is 49/);
    writeFileSync(path.join(dir, 'broken.json'), '{"schemaVersion": 1,');
    expect((await errorOf(readProfile(path.join(dir, 'broken.json'), 'reference'))).message).toMatch(/is not valid JSON/);
    expect((await errorOf(readProfile(path.join(dir, 'missing.json'), 'reference'))).message).toMatch(/does not exist/);
    for (const message of [error.message]) expect(message).not.toContain('\n');
  });
});

describe('values too large for a double variance', () => {
  it('writes a profile whose moments say they overflowed, instead of an invalid one', async () => {
    const { Profiler, checkProfile } = await import('../../shared/src/profile');
    const profiler = new Profiler();
    profiler.add(new RowBatch({ file: 'big.csv', columns: ['x'], rows: [[1e300], [-1e300], [2]], lines: [2, 3, 4] }));
    const profile = JSON.parse(JSON.stringify(profiler.result())) as unknown;
    const checked = checkProfile(profile, 'big.json', 'test');
    expect(checked.columns[0]?.numeric).toMatchObject({ count: 3, min: -1e300, max: 1e300, m2: null, std: null });
    const { numericDistribution } = await import('../../shared/src/profile');
    expect(numericDistribution(checked.columns[0] as (typeof checked.columns)[number])).toBeUndefined();
  });
});
