// Drift statistics against scipy's numbers on the fixtures that tests/fixtures/drift/make_golden.py wrote.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnDrift, DEFAULT_ALPHA, exactCategorical, exactNumeric, PSI_EPSILON } from '../../shared/src/drift/index';
import { chiSquareUpperQuantile, lnGamma, normalTwoSidedCritical } from '../../shared/src/drift/special';
import { compareCdfs, decileEdges } from '../../shared/src/drift/statistics';

interface Floors {
  ks?: number;
  psi: number;
  js: number;
  wasserstein?: number;
  nullRateChange: number;
}
interface NumericCase {
  name: string;
  kind: 'numeric';
  reference: (number | null)[];
  current: (number | null)[];
  expected: {
    referenceCount: number;
    currentCount: number;
    referenceStd: number;
    edges: number[];
    referenceHistogram: number[];
    currentHistogram: number[];
    bins: number;
    psi: number;
    js: number;
    ks: number;
    wassersteinRaw: number;
    wasserstein: number;
    nullRateChange: number;
    noiseFloors: Floors;
  };
}
interface CategoricalCase {
  name: string;
  kind: 'categorical';
  reference: (string | null)[];
  current: (string | null)[];
  expected: {
    referenceCount: number;
    currentCount: number;
    bins: number;
    psi: number;
    js: number;
    nullRateChange: number;
    newCategories: string[];
    vanishedCategories: string[];
    noiseFloors: Floors;
  };
}
interface Golden {
  alpha: number;
  psiEpsilon: number;
  cases: (NumericCase | CategoricalCase)[];
  special: {
    chiSquareUpperQuantile: { alpha: number; df: number; value: number }[];
    normalTwoSidedCritical: { alpha: number; value: number }[];
    lnGamma: { a: number; value: number }[];
  };
}

const golden = JSON.parse(
  readFileSync(new URL('../fixtures/drift/golden.json', import.meta.url), 'utf8'),
) as Golden;

/** Within 1e-9, relative for values above 1. */
function close(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  expect(actual).toBeTypeOf('number');
  const a = actual as number;
  if (Math.abs(a - expected) > tolerance * Math.max(1, Math.abs(expected))) {
    expect.fail(`${a} is not within ${tolerance} of ${expected}`);
  }
}

describe('the golden file', () => {
  it('was made with the α and PSI epsilon the code uses', () => {
    expect(golden.alpha).toBe(DEFAULT_ALPHA);
    expect(golden.psiEpsilon).toBe(PSI_EPSILON);
    expect(golden.cases.length).toBeGreaterThanOrEqual(7);
  });
});

describe.each(golden.cases.filter((c): c is NumericCase => c.kind === 'numeric'))('numeric: $name', (fixture) => {
  const reference = exactNumeric(fixture.reference);
  const current = exactNumeric(fixture.current);
  const e = fixture.expected;

  it('bins on the reference deciles as numpy does', () => {
    expect(reference.count).toBe(e.referenceCount);
    expect(current.count).toBe(e.currentCount);
    close(reference.std, e.referenceStd);
    const edges = decileEdges(reference);
    expect(edges).toEqual(e.edges);
    expect(reference.histogram(edges)).toEqual(e.referenceHistogram);
    expect(current.histogram(edges)).toEqual(e.currentHistogram);
  });

  it("matches scipy's ks_2samp statistic and wasserstein_distance", () => {
    const { ks, wasserstein } = compareCdfs(reference, current);
    close(ks, e.ks);
    close(wasserstein, e.wassersteinRaw);
  });

  it('matches PSI (numpy) and jensenshannon(base=2), the null-rate change and every noise floor', () => {
    const drift = columnDrift(reference, current);
    expect(drift.kind).toBe('numeric');
    expect(drift.bins).toBe(e.bins);
    expect(drift.edges).toEqual(e.edges);
    close(drift.statistics.psi, e.psi);
    close(drift.statistics.js, e.js);
    close(drift.statistics.ks, e.ks);
    close(drift.statistics.wasserstein, e.wasserstein);
    close(drift.statistics.nullRateChange, e.nullRateChange);
    for (const key of ['ks', 'psi', 'js', 'wasserstein', 'nullRateChange'] as const) {
      close(drift.noiseFloors[key], e.noiseFloors[key]!);
    }
    expect(drift.referenceCount).toBe(e.referenceCount);
    expect(drift.currentCount).toBe(e.currentCount);
  });
});

describe.each(golden.cases.filter((c): c is CategoricalCase => c.kind === 'categorical'))(
  'categorical: $name',
  (fixture) => {
    it('matches PSI, jensenshannon(base=2), new and vanished categories, the null-rate change and the floors', () => {
      const e = fixture.expected;
      const drift = columnDrift(exactCategorical(fixture.reference), exactCategorical(fixture.current));
      expect(drift.kind).toBe('categorical');
      expect(drift.method).toBe('psi');
      expect(drift.bins).toBe(e.bins);
      close(drift.statistics.psi, e.psi);
      close(drift.statistics.js, e.js);
      close(drift.statistics.nullRateChange, e.nullRateChange);
      expect(drift.statistics.ks).toBeUndefined();
      expect(drift.newCategories).toEqual(e.newCategories);
      expect(drift.vanishedCategories).toEqual(e.vanishedCategories);
      for (const key of ['psi', 'js', 'nullRateChange'] as const) close(drift.noiseFloors[key], e.noiseFloors[key]);
      expect(drift.referenceCount).toBe(e.referenceCount);
      expect(drift.currentCount).toBe(e.currentCount);
    });
  },
);

describe('special functions against scipy', () => {
  it('chi2.isf(alpha, df)', () => {
    for (const { alpha, df, value } of golden.special.chiSquareUpperQuantile) {
      close(chiSquareUpperQuantile(alpha, df), value, 1e-11);
    }
  });
  it('norm.isf(alpha / 2)', () => {
    for (const { alpha, value } of golden.special.normalTwoSidedCritical) {
      close(normalTwoSidedCritical(alpha), value, 1e-11);
    }
  });
  it('gammaln(a)', () => {
    for (const { a, value } of golden.special.lnGamma) close(lnGamma(a), value, 1e-13);
  });
});
