// columnDrift's contract: settings, kinds, empty sides, the null-rate check, views without a support, top-k counts.
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/src/errors';
import {
  columnDrift,
  DEFAULT_ALPHA,
  exactCategorical,
  exactNumeric,
  type CategoricalDistribution,
  type DriftMethod,
  type NumericDistribution,
} from '../../shared/src/drift/index';
import { lowerQuantileIndex } from '../../shared/src/drift/exact';
import { compareCdfs } from '../../shared/src/drift/statistics';
import { normals } from '../fixtures/random';

const reference = exactNumeric(normals(11, 5000));
const current = exactNumeric(normals(12, 4000, 0.5));

describe('settings', () => {
  it('default to W1/std at 0.1 for numeric columns, PSI at 0.2 for categorical ones, α = 0.001', () => {
    const numeric = columnDrift(reference, current);
    expect(numeric).toMatchObject({ kind: 'numeric', method: 'wasserstein', threshold: 0.1, alpha: DEFAULT_ALPHA });
    expect(numeric.value).toBe(numeric.statistics.wasserstein);
    expect(numeric.noiseFloor).toBe(numeric.noiseFloors.wasserstein);
    const categorical = columnDrift(exactCategorical(['a', 'b']), exactCategorical(['a', 'a']));
    expect(categorical).toMatchObject({ kind: 'categorical', method: 'psi', threshold: 0.2 });
    expect(categorical.nullRate.threshold).toBe(0.05);
  });

  it('pick the primary statistic and its threshold', () => {
    const drift = columnDrift(reference, current, { method: 'ks', threshold: 0.5 });
    expect(drift.value).toBe(drift.statistics.ks);
    expect(drift.threshold).toBe(0.5);
    expect(drift.value!).toBeGreaterThan(0.15);
    expect(drift.drifted).toBe(false);
    expect(columnDrift(reference, current, { method: 'ks' }).drifted).toBe(true);
  });

  it('off judges nothing but still reports the statistics', () => {
    const drift = columnDrift(reference, exactNumeric([...normals(13, 100, 9), null, null, null]), { method: 'off' });
    expect(drift).toMatchObject({ method: 'off', value: null, threshold: null, noiseFloor: null, drifted: false });
    expect(drift.nullRate.drifted).toBe(false);
    expect(drift.statistics.ks!).toBeGreaterThan(0.9);
  });

  it.each([
    [{ method: 'chi2' as DriftMethod }, /drift method "chi2" is not one of psi, ks, js, wasserstein, off/],
    [{ threshold: -1 }, /drift threshold "-1" must be a finite number ≥ 0/],
    [{ alpha: 0 }, /drift alpha "0" must be a number between 0 and 1/],
    [{ alpha: 1.5 }, /drift alpha "1.5"/],
    [{ nullRateThreshold: 2 }, /null-rate threshold "2"/],
  ])('refuse %j with one clear line', (settings, message) => {
    expect(() => columnDrift(reference, current, settings)).toThrow(ConfigurationError);
    expect(() => columnDrift(reference, current, settings)).toThrow(message);
  });

  it('refuse KS and Wasserstein on categorical columns', () => {
    const a = exactCategorical(['x']);
    for (const method of ['ks', 'wasserstein'] as const) {
      expect(() => columnDrift(a, a, { method })).toThrow(
        `drift method "${method}" does not apply to a categorical column; use one of psi, jensen-shannon, off`,
      );
    }
  });

  it('refuse to compare a numeric view with a categorical one', () => {
    expect(() => columnDrift(reference, exactCategorical(['x']))).toThrow(ConfigurationError);
    expect(() => columnDrift(exactCategorical(['x']), reference)).toThrow(
      /reference is categorical and the current data numeric/,
    );
  });
});

describe('null rate', () => {
  it('drifts when the change is above 0.05 and above its noise floor, whatever the primary statistic says', () => {
    const values = Array.from(normals(21, 10_000));
    const withNulls = values.map((v, i) => (i % 10 === 0 ? null : v)); // 10% nulls
    const drift = columnDrift(exactNumeric(values), exactNumeric(withNulls));
    expect(drift.effectDrifted).toBe(false);
    expect(drift.nullRate).toMatchObject({ reference: 0, current: 0.1, drifted: true });
    expect(drift.statistics.nullRateChange).toBeCloseTo(0.1, 12);
    expect(drift.drifted).toBe(true);
  });

  it('does not drift on a small sample whose change is within the noise', () => {
    const before = exactNumeric([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const drift = columnDrift(before, exactNumeric([1, 2, 3, 4, 5, 6, 7, 8, null]));
    expect(drift.nullRate.change!).toBeCloseTo(1 / 9, 12);
    expect(drift.nullRate.noiseFloor!).toBeGreaterThan(0.2);
    expect(drift.nullRate.drifted).toBe(false);
  });

  it('leaves the statistics null, not NaN, when a side has no non-null values', () => {
    const drift = columnDrift(reference, exactNumeric([null, null]));
    expect(drift.statistics).toMatchObject({ psi: null, ks: null, js: null, wasserstein: null, nullRateChange: 1 });
    expect(drift).toMatchObject({ value: null, noiseFloor: null, effectDrifted: false, currentCount: 0 });
    expect(drift.drifted).toBe(true); // every row of the current data is null
    expect(JSON.parse(JSON.stringify(drift))).toEqual(drift);
  });
});

describe('numeric views', () => {
  it('take the lower empirical quantile (numpy inverted_cdf), robust to p·n rounding', () => {
    expect(lowerQuantileIndex(0.3, 10)).toBe(2); // 0.3·10 = 3.0000000000000004 in floating point
    expect(lowerQuantileIndex(0.25, 10)).toBe(2);
    expect(lowerQuantileIndex(0, 10)).toBe(0);
    expect(lowerQuantileIndex(1, 10)).toBe(9);
    const d = exactNumeric([5, 1, 4, 2, 3, null, Number.NaN]);
    expect([d.quantile(0.2), d.quantile(0.21), d.quantile(0.5), d.quantile(1)]).toEqual([1, 2, 3, 5]);
    expect(d).toMatchObject({ count: 5, nulls: 2, min: 1, max: 5, mean: 3 });
    expect(d.std).toBeCloseTo(Math.sqrt(2), 14);
    expect(d.histogram([2, 2, 4])).toEqual([2, 0, 2, 1]);
  });

  it('without support(), KS and W1 use 1001 quantile points, close to the exact values', () => {
    const hide = (d: NumericDistribution): NumericDistribution => ({
      count: d.count,
      nulls: d.nulls,
      mean: d.mean,
      std: d.std,
      min: d.min,
      max: d.max,
      quantile: (p) => d.quantile(p),
      cdf: (x) => d.cdf(x),
      histogram: (edges) => d.histogram(edges),
    });
    const exact = compareCdfs(reference, current);
    const approx = compareCdfs(hide(reference), hide(current));
    expect(Math.abs(approx.ks - exact.ks)).toBeLessThan(0.002);
    expect(Math.abs(approx.wasserstein - exact.wasserstein) / exact.wasserstein).toBeLessThan(0.02);
  });

  it("add the views' rank errors to the KS noise floor", () => {
    const sketchy = { ...reference, support: () => reference.support(), rankError: 0.01 };
    const exact = columnDrift(reference, current, { method: 'ks' });
    const sketchyCurrent = { ...current, support: () => current.support(), rankError: 0.01 };
    const approximate = columnDrift(sketchy, sketchyCurrent, { method: 'ks' });
    expect(approximate.noiseFloor! - exact.noiseFloor!).toBeCloseTo(0.02, 12);
  });
});

describe('categorical views with top-k counts', () => {
  const topK = (counts: Record<string, number>, otherCount: number, nulls = 0): CategoricalDistribution => {
    const map = new Map(Object.entries(counts));
    let count = otherCount;
    for (const c of map.values()) count += c;
    return { count, nulls, counts: map, otherCount };
  };

  it('report new and vanished categories only where the other side counted every value', () => {
    const full = exactCategorical(['a', 'a', 'b', 'c']);
    const drift = columnDrift(full, exactCategorical(['a', 'b', 'd']));
    expect(drift.newCategories).toEqual(['d']);
    expect(drift.vanishedCategories).toEqual(['c']);
    // The reference lumped some values into "other": "d" may be one of them, so it is not called new.
    const partial = columnDrift(topK({ a: 50, b: 30 }, 20), topK({ a: 40, d: 40 }, 0));
    expect(partial.newCategories).toEqual([]);
    expect(partial.vanishedCategories).toEqual(['b']);
  });

  it('lump a category one side did not count into the other bucket on both sides', () => {
    // Reference counted a and b, lumped 20 others; current counted a and d, lumped 10 others (b among them?).
    const drift = columnDrift(topK({ a: 50, b: 30 }, 20), topK({ a: 50, d: 40 }, 10), { method: 'js' });
    // Bins: a (known on both), other = {b, d, the rest}: reference [50, 50], current [50, 50].
    expect(drift.bins).toBe(2);
    expect(drift.statistics.psi).toBe(0);
    expect(drift.statistics.js).toBe(0);
  });
});
