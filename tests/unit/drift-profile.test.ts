// Drift between two profiles as validate-data measures it: columns whose type changed or that became empty, methods
// that no longer apply, `drift: off`, the null rate's denominators, and the profile views' support and rank error
// (KS and W1 on exact profiles are scipy's; a compacted sketch's rank error is in the KS floor).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileDrift } from '../../actions/validate-data/src/drift';
import { parseContract } from '../../shared/src/contract';
import type { Value } from '../../shared/src/data/types';
import { columnDrift, DEFAULT_ALPHA } from '../../shared/src/drift';
import { ksNoiseFloor } from '../../shared/src/drift/noise';
import { compareCdfs } from '../../shared/src/drift/statistics';
import { numericDistribution, type Profile, type ProfileColumn } from '../../shared/src/profile';
import { SKETCH_RANK_ERROR } from '../../shared/src/profile/views';
import { normals, uniforms } from '../fixtures/random';
import { profileOfColumns } from '../fixtures/profiles';

/** A profile of columns given as arrays of equal length. */
function profileOf(columns: Record<string, Value[]>): Profile {
  // One batch, as the tests' small columns were read before.
  return profileOfColumns(columns, { batchRows: Number.MAX_SAFE_INTEGER });
}

function column(profile: Profile, name: string): ProfileColumn {
  const found = profile.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

const pick = <T>(seed: number, values: readonly T[], count: number): T[] => {
  const next = uniforms(seed);
  return Array.from({ length: count }, () => values[Math.floor(next() * values.length)]!);
};

const reference = profileOf({ x: Array.from(normals(1, 1000, 10, 2)), c: pick(2, ['a', 'b', 'c'], 1000) });

describe('profileDrift: columns that changed type or became empty', () => {
  it('judges the null rate of a column that became all null, and says why it has no effect size', () => {
    const entries = profileDrift(reference, profileOf({ x: Array(1000).fill(null), c: Array(1000).fill(null) }), undefined);
    expect(entries.map((e) => e.column)).toEqual(['x', 'c']);
    for (const { drift } of entries) {
      expect(drift).toMatchObject({ value: null, effectDrifted: false, drifted: true, reason: 'the current data has no non-null values', currentCount: 0 });
      expect(drift.nullRate).toMatchObject({ reference: 0, current: 1, change: 1, drifted: true });
    }
    expect(entries[0]!.drift.kind).toBe('numeric');
    expect(entries[1]!.drift.kind).toBe('categorical');
  });

  it('compares a numeric column now read as text on its numbers, and says how many values were left out', () => {
    const shifted = Array.from(normals(3, 1000, 30, 2));
    const x: Value[] = shifted.map((v, i) => (i % 10 === 0 ? 'oops' : v));
    const current = profileOf({ x, c: pick(4, ['a', 'b', 'c'], 1000) });
    expect(column(current, 'x').type).toBe('string');
    const entry = profileDrift(reference, current, undefined).find((e) => e.column === 'x')!;
    expect(entry.drift).toMatchObject({ kind: 'numeric', method: 'wasserstein', effectDrifted: true, drifted: true, currentCount: 900 });
    expect(entry.drift.value!).toBeGreaterThan(9); // the mean moved by 10 standard deviations
    expect(entry.note).toBe('the current data reads it as string: compared on its 900 values that read as numbers, 100 other values left out');
  });

  it('reports text against numbers as not comparable, with both types named', () => {
    const current = profileOf({ x: pick(5, ['low', 'high'], 1000), c: pick(6, ['a', 'b', 'c'], 1000) });
    const entry = profileDrift(reference, current, undefined).find((e) => e.column === 'x')!;
    expect(entry.drift).toMatchObject({ kind: 'numeric', method: 'wasserstein', value: null, threshold: 0.1, drifted: false });
    expect(entry.drift.reason).toBe('the reference reads it as number and the current data as string, and one side has no values that read as numbers');
    expect(entry.drift.statistics).toEqual({ psi: null, js: null, ks: null, wasserstein: null, nullRateChange: 0 });
  });

  it('does not throw when the contract method does not apply to how the column is compared', () => {
    const contract = parseContract('version: 1\ncolumns:\n  flag:\n    drift: { method: ks }\n', 'contract.yaml');
    const before = profileOf({ flag: pick(7, [true, false], 1000) });
    const after = profileOf({ flag: [...pick(8, [true, true, true, false], 900), ...Array(100).fill(null)] });
    const [entry] = profileDrift(before, after, contract);
    expect(entry!.drift).toMatchObject({ kind: 'categorical', method: 'ks', value: null, noiseFloor: null, effectDrifted: false });
    expect(entry!.drift.reason).toBe('drift method "ks" does not apply to a categorical column; use one of psi, jensen-shannon, off');
    // What applies is still measured and reported: PSI and JS, and the null rate, judged.
    expect(entry!.drift.statistics.psi!).toBeGreaterThan(0.1);
    expect(entry!.drift.nullRate).toMatchObject({ current: 0.1, drifted: true });
    expect(entry!.drift.drifted).toBe(true);
  });

  it('measures and reports `drift: off` columns without judging them', () => {
    const contract = parseContract('version: 1\ncolumns:\n  x: { drift: off }\n', 'contract.yaml');
    const current = profileOf({ x: Array.from(normals(9, 1000, 20, 2)), c: pick(10, ['a', 'b', 'c'], 1000) });
    const entry = profileDrift(reference, current, contract).find((e) => e.column === 'x')!;
    expect(entry.drift).toMatchObject({ method: 'off', value: null, drifted: false });
    expect(entry.drift.statistics.wasserstein!).toBeGreaterThan(4);
    expect(entry.contractLine).toBe(3);
  });

  it('takes null rates as fractions of all rows, invalid values included', () => {
    const before = profileOf({ k: Array.from({ length: 1000 }, (_, i) => i % 10) });
    // 100 nulls, 8 `N/A` (under 1 % of the values, so the column stays integer), 892 integers.
    const values: Value[] = Array.from({ length: 1000 }, (_, i) => (i < 100 ? null : i < 108 ? 'N/A' : i % 10));
    const after = profileOf({ k: values });
    expect(column(after, 'k')).toMatchObject({ type: 'integer', invalid: 8, nulls: 100 });
    const [entry] = profileDrift(before, after, undefined);
    expect(entry!.drift.nullRate.current).toBe(0.1);
  });
});

describe('profile views: support and rank error', () => {
  interface NumericCase {
    name: string;
    kind: 'numeric';
    reference: (number | null)[];
    current: (number | null)[];
    expected: { ks: number; wassersteinRaw: number };
  }
  const golden = JSON.parse(readFileSync(new URL('../fixtures/drift/golden.json', import.meta.url), 'utf8')) as { cases: Array<NumericCase | { kind: 'categorical' }> };
  const numericCases = golden.cases.filter((c): c is NumericCase => c.kind === 'numeric');

  it.each(numericCases.map((c) => [c.name, c] as const))('exact profiles give scipy’s KS D and W1 (%s)', (_name, c) => {
    const before = numericDistribution(column(profileOf({ v: c.reference }), 'v'))!;
    const after = numericDistribution(column(profileOf({ v: c.current }), 'v'))!;
    expect(before.rankError).toBe(0);
    const { ks, wasserstein } = compareCdfs(before, after);
    expect(Math.abs(ks - c.expected.ks)).toBeLessThan(1e-12);
    expect(Math.abs(wasserstein - c.expected.wassersteinRaw)).toBeLessThan(1e-9 * Math.max(1, c.expected.wassersteinRaw));
  });

  it('add a compacted sketch’s rank error to the KS floor, so two samples of one distribution do not drift on it', () => {
    const n = 20_000;
    const before = numericDistribution(column(profileOf({ v: Array.from(normals(11, n)) }), 'v'))!;
    const after = numericDistribution(column(profileOf({ v: Array.from(normals(12, n)) }), 'v'))!;
    expect(before.rankError).toBe(SKETCH_RANK_ERROR);
    expect(before.support).toBeUndefined(); // a compacted sketch: its quantiles stand in
    const drift = columnDrift(before, after, { method: 'ks', threshold: 0.005 });
    expect(drift.noiseFloor).toBeCloseTo(ksNoiseFloor(n, n, DEFAULT_ALPHA) + 2 * SKETCH_RANK_ERROR, 12);
    expect(drift.drifted).toBe(false);
  });
});
