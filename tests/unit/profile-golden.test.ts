import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeProfiles, Profiler, type Profile, type ProfileColumn } from '../../shared/src/profile';
import { goldenBatches, GOLDEN_ROWS } from '../fixtures/profile/golden-data';
import { RowBatch } from '../../shared/src/data/batch';

// The profile the code gave before its hot path was batched (see golden-data.ts). Where the algorithms are exact
// (counts, kinds, lengths, min/max, histograms, the quantile sketch's compaction schedule, exact distinct sets, top
// values of columns with ≤ 1,000 distinct values, HyperLogLog registers) the output must be the same to the bit;
// mean and m2 to float rounding; top values past 1,000 distinct values within their stated bound.
const golden = JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/profile/golden.json'), 'utf8')) as Profile;
const options = { binEdges: { age: [20, 30, 40, 50, 60], price: [100, 500], when: [1.7e12, 1.71e12] } };

function profile(batches = goldenBatches()): Profile {
  const profiler = new Profiler(options);
  for (const batch of batches) profiler.add(batch);
  return profiler.result();
}

type Summary = NonNullable<ProfileColumn['numeric']>;

function expectSameSummary(actual: Summary | null, expected: Summary | null): void {
  if (expected === null || actual === null) return expect(actual).toEqual(expected);
  const { mean, m2, std, ...rest } = actual;
  const { mean: goldenMean, m2: goldenM2, std: goldenStd, ...goldenRest } = expected;
  expect(rest).toEqual(goldenRest);
  for (const [a, b] of [
    [mean, goldenMean],
    [m2, goldenM2],
    [std, goldenStd],
  ] as Array<[number, number]>) expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
}

function expectSameColumn(actual: ProfileColumn, expected: ProfileColumn): void {
  const { numeric, timestamps, top, ...rest } = actual;
  const { numeric: goldenNumeric, timestamps: goldenTimestamps, top: goldenTop, ...goldenRest } = expected;
  expect(rest).toEqual(goldenRest);
  expectSameSummary(numeric, goldenNumeric);
  expectSameSummary(timestamps, goldenTimestamps);
  if (goldenTop.error === 0) expect(top).toEqual(goldenTop);
}

describe('the profile against its golden output', () => {
  const actual = profile();

  it('is the same where the algorithms are exact', () => {
    expect(actual.rows).toBe(GOLDEN_ROWS);
    expect(actual.columns.map((c) => c.name)).toEqual(golden.columns.map((c) => c.name));
    for (let j = 0; j < golden.columns.length; j++) expectSameColumn(actual.columns[j] as ProfileColumn, golden.columns[j] as ProfileColumn);
  });

  it('keeps the top values of a high-cardinality column within the Misra-Gries bound', () => {
    const wide = actual.columns.find((c) => c.name === 'wide') as ProfileColumn;
    const counts = new Map<string, number>();
    for (const batch of goldenBatches()) for (const row of batch.rows) counts.set(row[10] as string, (counts.get(row[10] as string) ?? 0) + 1);
    const estimated = wide.top.items.reduce((sum, [, count]) => sum + count, 0);
    expect(wide.top.error).toBeLessThanOrEqual((wide.count - wide.nulls - estimated) / (wide.top.capacity + 1));
    for (const [value, count] of wide.top.items) {
      expect(count).toBeLessThanOrEqual(counts.get(value) as number);
      expect(count).toBeGreaterThanOrEqual((counts.get(value) as number) - wide.top.error);
    }
    expect(wide.top.items.length).toBeLessThanOrEqual(wide.top.capacity);
  });

  it('is the same whether the rows come in one batch or many, and merges the same', () => {
    const rows = goldenBatches().flatMap((batch) => batch.rows);
    const one = profile([new RowBatch({ file: 'golden.csv', columns: golden.columns.map((c) => c.name), rows, lines: rows.map((_, i) => i + 2) })]);
    for (let j = 0; j < golden.columns.length; j++) expectSameColumn(one.columns[j] as ProfileColumn, golden.columns[j] as ProfileColumn);
    const halves = [goldenBatches().slice(0, 3), goldenBatches().slice(3)].map((part) => profile(part));
    const merged = mergeProfiles(halves);
    for (const column of merged.columns) {
      const expected = golden.columns.find((c) => c.name === column.name) as ProfileColumn;
      expect(column.count).toBe(expected.count);
      expect(column.kinds).toEqual(expected.kinds);
      expect(column.distinct).toEqual(expected.distinct);
      if (expected.top.error === 0) expect(column.top).toEqual(expected.top);
    }
  });
});
