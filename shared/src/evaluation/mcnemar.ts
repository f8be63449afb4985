/**
 * McNemar's exact test for paired accuracy: of the rows where exactly one model is right, is the candidate right
 * as often as the baseline? Under the null each discordant row goes either way with probability ½, so the count
 * b (candidate-only correct) is Binomial(b + c, ½). The two-sided p-value is statsmodels'
 * `mcnemar([[·, b], [c, ·]], exact=True)`: min(1, 2·P(X ≤ min(b, c))), which for p = ½ equals scipy's
 * `binomtest(b, b + c, 0.5).pvalue`. With no discordant rows it is 1.
 */
import type { McNemarResult } from '../gate/types';

export function mcnemarExact(candidateOnlyCorrect: number, baselineOnlyCorrect: number): McNemarResult {
  const n = candidateOnlyCorrect + baselineOnlyCorrect;
  const k = Math.min(candidateOnlyCorrect, baselineOnlyCorrect);
  return { pValue: Math.min(1, 2 * binomialHalfCdf(k, n)), candidateOnlyCorrect, baselineOnlyCorrect };
}

/** From two models' per-row class predictions and the labels. */
export function mcnemarFromPredictions(labels: Int32Array, candidate: Int32Array, baseline: Int32Array): McNemarResult {
  let candidateOnly = 0;
  let baselineOnly = 0;
  for (let i = 0; i < labels.length; i++) {
    const a = candidate[i] === labels[i];
    const b = baseline[i] === labels[i];
    if (a && !b) candidateOnly++;
    else if (b && !a) baselineOnly++;
  }
  return mcnemarExact(candidateOnly, baselineOnly);
}

/**
 * P(X ≤ k) for X ~ Binomial(n, ½): Σ_{i≤k} C(n, i), each term from the last by C(n, i+1) = C(n, i)·(n − i)/(i + 1),
 * smallest first, times 2⁻ⁿ. The sum is kept below 2⁵¹² by moving powers of two into an exponent, so large n
 * neither overflows nor underflows before the end; a term's relative error grows like √i ulps, about 1e-13 at
 * i = 10⁶ (checked against scipy in the tests). Cost O(k), once per gate.
 */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const SCALE = 2 ** 512;
  let term = 1;
  let sum = 1;
  let exponent = 0;
  for (let i = 0; i < k; i++) {
    term = (term * (n - i)) / (i + 1);
    sum += term;
    if (sum > SCALE) {
      sum /= SCALE;
      term /= SCALE;
      exponent += 512;
    }
  }
  return timesPowerOfTwo(sum, exponent - n);
}

/** x·2^e without the intermediate 2^e overflowing or underflowing. */
function timesPowerOfTwo(x: number, e: number): number {
  let value = x;
  let rest = e;
  while (rest < -1000) {
    value *= 2 ** -1000;
    rest += 1000;
    if (value === 0) return 0;
  }
  while (rest > 1000) {
    value *= 2 ** 1000;
    rest -= 1000;
  }
  return value * 2 ** rest;
}
