// The noise floor: large samples of one distribution do not drift, small samples do not flap, and under no change
// a statistic crosses its floor about as often as α says.
import { describe, expect, it } from 'vitest';
import {
  columnDrift,
  DEFAULT_THRESHOLD,
  exactCategorical,
  exactNumeric,
  type DriftMethod,
} from '../../shared/src/drift/index';
import { normals, uniforms } from '../fixtures/random';

const NUMERIC_METHODS = ['psi', 'ks', 'js', 'wasserstein'] as const;

describe('a million values on each side', () => {
  const million = 1_000_000;
  const reference = exactNumeric(normals(1, million));
  const same = exactNumeric(normals(2, million));
  const shifted = exactNumeric(normals(3, million, 0.2));

  it('of the same normal distribution drift on no statistic', () => {
    for (const method of NUMERIC_METHODS) {
      const drift = columnDrift(reference, same, { method });
      expect(drift.drifted, method).toBe(false);
      // Far below the thresholds too: the floors at this size are tiny.
      expect(drift.value!, method).toBeLessThan(DEFAULT_THRESHOLD[method] / 5);
      expect(drift.noiseFloor!, method).toBeLessThan(DEFAULT_THRESHOLD[method] / 5);
    }
  });

  it('drift under the default method (W1/std) when the mean moves by 0.2 standard deviations', () => {
    const drift = columnDrift(reference, shifted);
    expect(drift.method).toBe('wasserstein');
    expect(drift.value!).toBeCloseTo(0.2, 2);
    expect(drift.drifted).toBe(true);
    expect(drift.effectDrifted).toBe(true);
    // KS D for a 0.2σ shift is 2Φ(0.1) − 1 ≈ 0.080: under its default threshold, over a lower one.
    expect(drift.statistics.ks!).toBeCloseTo(0.0797, 2);
    expect(columnDrift(reference, shifted, { method: 'ks' }).drifted).toBe(false);
    expect(columnDrift(reference, shifted, { method: 'ks', threshold: 0.05 }).drifted).toBe(true);
  });
});

describe('thirty values on each side', () => {
  it('do not drift on a modest shift (0.3 standard deviations): every floor is above its threshold', () => {
    // The floors hold under no change; a real shift may rarely cross them, so count over 50 seeded pairs.
    const drifted: Record<string, number> = {};
    for (let seed = 0; seed < 50; seed++) {
      const reference = exactNumeric(normals(100 + seed, 30));
      const current = exactNumeric(normals(200 + seed, 30, 0.3));
      for (const method of NUMERIC_METHODS) {
        const drift = columnDrift(reference, current, { method });
        expect(drift.noiseFloor!, method).toBeGreaterThan(DEFAULT_THRESHOLD[method]);
        if (drift.drifted) drifted[method] = (drifted[method] ?? 0) + 1;
      }
    }
    expect(drifted).toEqual({});
  });

  it('still drift when the change is far beyond the noise (a 3 standard deviation shift)', () => {
    const drift = columnDrift(exactNumeric(normals(7, 30)), exactNumeric(normals(8, 30, 3)), { method: 'ks' });
    expect(drift.drifted).toBe(true);
  });
});

describe('under no change, with threshold 0', () => {
  // 300 seeded pairs of N(0,1) samples, n = 400 and m = 250; α = 0.05. PSI and JS floors are χ² approximations
  // (rate near α); the KS and Wasserstein floors are bounds (rate at most α, lower in practice).
  const alpha = 0.05;
  const trials = 300;
  const crossings: Record<(typeof NUMERIC_METHODS)[number], number> = { psi: 0, ks: 0, js: 0, wasserstein: 0 };
  for (let t = 0; t < trials; t++) {
    const reference = exactNumeric(normals(1000 + t, 400));
    const current = exactNumeric(normals(5000 + t, 250));
    for (const method of NUMERIC_METHODS) {
      if (columnDrift(reference, current, { method, threshold: 0, alpha }).drifted) crossings[method]++;
    }
  }

  it.each(NUMERIC_METHODS)('%s crosses its floor at a rate no higher than about α', (method) => {
    expect(crossings[method] / trials).toBeLessThanOrEqual(alpha + 0.03);
  });

  it('PSI and JS cross at close to α: their floors are not needlessly high', () => {
    expect(crossings.psi / trials).toBeGreaterThan(alpha / 3);
    expect(crossings.js / trials).toBeGreaterThan(alpha / 3);
  });
});

describe('categorical noise floor', () => {
  function draw(seed: number, count: number, weights: readonly number[]): string[] {
    const next = uniforms(seed);
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      let u = next();
      let k = 0;
      while (k < weights.length - 1 && u >= weights[k]!) u -= weights[k++]!;
      out.push(`v${k}`);
    }
    return out;
  }
  const weights = [0.5, 0.2, 0.15, 0.1, 0.05];

  it('a large sample of the same categories does not drift; a 10-point move between two of them does', () => {
    const reference = exactCategorical(draw(1, 200_000, weights));
    for (const method of ['psi', 'js'] as DriftMethod[]) {
      expect(columnDrift(reference, exactCategorical(draw(2, 200_000, weights)), { method }).drifted).toBe(false);
    }
    const moved = [0.4, 0.3, 0.15, 0.1, 0.05];
    const drift = columnDrift(reference, exactCategorical(draw(3, 200_000, moved)), { method: 'js' });
    expect(drift.value!).toBeGreaterThan(0.1);
    expect(drift.drifted).toBe(true);
  });

  it('a small sample does not flap', () => {
    const drift = columnDrift(exactCategorical(draw(4, 40, weights)), exactCategorical(draw(5, 40, weights)));
    expect(drift.noiseFloor!).toBeGreaterThan(drift.threshold!);
    expect(drift.drifted).toBe(false);
  });
});
