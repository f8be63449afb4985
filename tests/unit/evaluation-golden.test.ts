// The gate's statistics against scikit-learn and scipy, on the fixtures tests/fixtures/evaluation/make_golden.py wrote.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  binomialHalfCdf,
  computeMetric,
  evaluatePaired,
  mcnemarExact,
  pairPredictions,
  readPredictions,
  type PairedPredictions,
} from '../../shared/src/evaluation/index';

const DIR = path.resolve('tests/fixtures/evaluation');

interface Golden {
  generator: string;
  cases: Record<
    string,
    {
      candidate: string;
      baseline: string;
      rows: number;
      metrics: { candidate: Record<string, number>; baseline: Record<string, number> };
      mcnemar: { b: number; c: number; pValue: number } | null;
    }
  >;
  bootstrap: { case: string; metric: string; resamples: number; level: number; low: number; high: number; standardError: number }[];
  mcnemar: { b: number; c: number; pValue: number }[];
}

const golden = JSON.parse(readFileSync(path.join(DIR, 'golden.json'), 'utf8')) as Golden;

/** Relative 1e-12: sklearn sums with numpy's pairwise summation, we sum in row order; both round ~1e-16 per row. */
function expectClose(actual: number, expected: number, relative = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(Math.abs(expected), 1e-300));
}

const paired = new Map<string, PairedPredictions>();
beforeAll(async () => {
  for (const [name, entry] of Object.entries(golden.cases)) {
    const candidate = await readPredictions(entry.candidate, { cwd: DIR, input: 'candidate-predictions', columns: name === 'binary' ? { slices: ['region'] } : {} });
    const baseline = await readPredictions(entry.baseline, { cwd: DIR, input: 'baseline-predictions' });
    paired.set(name, pairPredictions(candidate, baseline));
  }
});

describe('metrics equal scikit-learn', () => {
  for (const [name, entry] of Object.entries(golden.cases)) {
    for (const model of ['candidate', 'baseline'] as const) {
      for (const [metric, expected] of Object.entries(entry.metrics[model])) {
        it(`${name} ${model} ${metric}`, () => {
          const pair = paired.get(name) as PairedPredictions;
          expect(pair.rows).toBe(entry.rows);
          expectClose(computeMetric(metric, pair[model]), expected);
        });
      }
    }
  }
});

describe('the paired evaluation', () => {
  for (const [name, entry] of Object.entries(golden.cases)) {
    it(`${name}: point values and difference match sklearn's, McNemar matches scipy's binomtest`, () => {
      const pair = paired.get(name) as PairedPredictions;
      const metric = name === 'regression' ? 'rmse' : 'accuracy';
      const result = evaluatePaired(metric, pair, { resamples: 200 });
      expectClose(result.candidate, entry.metrics.candidate[metric] as number);
      expectClose(result.baseline, entry.metrics.baseline[metric] as number);
      expect(result.difference).toBe(result.candidate - result.baseline);
      expect(result.rows).toBe(entry.rows);
      if (entry.mcnemar) {
        expect(result.mcnemar).not.toBeNull();
        expect(result.mcnemar?.candidateOnlyCorrect).toBe(entry.mcnemar.b);
        expect(result.mcnemar?.baselineOnlyCorrect).toBe(entry.mcnemar.c);
        expectClose(result.mcnemar?.pValue as number, entry.mcnemar.pValue);
      } else {
        expect(result.mcnemar).toBeNull();
      }
    });
  }
});

/**
 * Monte Carlo tolerance. Ours and scipy's are two independent estimates (different random draws) of the same ideal
 * bootstrap quantile. A q-quantile estimated from B replicates has standard deviation ≈ sqrt(q(1 − q)/B) / f(x_q),
 * f the replicates' density there; for a near-normal bootstrap distribution with standard deviation SE,
 * f(x_q) = φ(z_q)/SE. For q = 0.025 and B = 10,000 that is 0.0267·SE per estimate, 0.0378·SE for the difference of
 * two; we allow 4 of those (≈ 0.15·SE; a false failure about 1 in 16,000 per endpoint), plus one step of the
 * metric's lattice (1/rows) for the count-based metrics, whose replicates sit on a grid, so an interpolated
 * percentile may land a step apart.
 */
const B = 10_000;
function endpointTolerance(standardError: number, level: number, lattice: number): number {
  const q = (1 - level) / 2;
  const z = 1.959963984540054; // norm.ppf(0.975), for level 0.95
  const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return 4 * Math.SQRT2 * (Math.sqrt((q * (1 - q)) / B) / density) * standardError + lattice;
}

describe('paired bootstrap intervals agree with scipy.stats.bootstrap(paired=True, method=percentile) within Monte Carlo error', () => {
  for (const expected of golden.bootstrap) {
    it(`${expected.case} ${expected.metric}`, () => {
      const pair = paired.get(expected.case) as PairedPredictions;
      const result = evaluatePaired(expected.metric, pair, { resamples: expected.resamples, level: expected.level, seed: 7 });
      const lattice = ['accuracy', 'f1', 'f1_macro'].includes(expected.metric) ? 1 / pair.rows : 0;
      const tolerance = endpointTolerance(expected.standardError, expected.level, lattice);
      expect(Math.abs(result.interval.low - expected.low)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(result.interval.high - expected.high)).toBeLessThanOrEqual(tolerance);
      // A standard deviation from B replicates has relative error ≈ 1/sqrt(2B) = 0.7 %; two estimates, 4 of those.
      expect(Math.abs(result.standardError / expected.standardError - 1)).toBeLessThanOrEqual(4 * Math.SQRT2 * Math.sqrt(1 / (2 * B)));
      expect(result.mde).toBeCloseTo(2.801585218 * result.standardError, 9);
      expect(result.interval).toMatchObject({ method: 'paired-bootstrap', resamples: B, level: 0.95, seed: 7 });
    });
  }
});

describe("McNemar's exact test", () => {
  for (const { b, c, pValue } of golden.mcnemar) {
    it(`b = ${b}, c = ${c}: p = ${pValue.toPrecision(6)} as scipy.stats.binomtest`, () => {
      const result = mcnemarExact(b, c);
      expectClose(result.pValue, pValue);
      expectClose(mcnemarExact(c, b).pValue, pValue);
      expect(result).toMatchObject({ candidateOnlyCorrect: b, baselineOnlyCorrect: c });
    });
  }
  it('is 1 without discordant rows, and the CDF is exact on small cases', () => {
    expect(mcnemarExact(0, 0).pValue).toBe(1);
    expect(binomialHalfCdf(0, 3)).toBe(1 / 8);
    expect(binomialHalfCdf(1, 4)).toBe(5 / 16);
    expect(binomialHalfCdf(4, 4)).toBe(1);
  });
});
