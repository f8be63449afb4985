/**
 * Noise floors: the value each statistic stays below, with probability about 1 − α, when the reference and the
 * current samples (n and m values) come from the same distribution. A column drifts only above both its threshold
 * and its floor. Derivations in docs/statistics.md.
 */
import { chiSquareUpperQuantile, normalTwoSidedCritical } from './special';

/** n·m/(n + m): the sample size that two-sample statistics behave as. */
export function effectiveSize(n: number, m: number): number {
  return (n * m) / (n + m);
}

/** Kolmogorov's c(α) = sqrt(−ln(α/2)/2): P(sup|B| > c) ≤ 2·e^(−2c²) = α for a Brownian bridge B. */
export function kolmogorovCritical(alpha: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2);
}

/** KS: c(α)·sqrt((n + m)/(n·m)), plus the two views' rank errors (sketches). */
export function ksNoiseFloor(n: number, m: number, alpha: number, rankErrors = 0): number {
  return kolmogorovCritical(alpha) / Math.sqrt(effectiveSize(n, m)) + rankErrors;
}

/** PSI: N_eff·PSI ≈ Pearson's two-sample χ² ~ χ²(B − 1) under no change, so χ²₁₋α(B − 1)/N_eff. */
export function psiNoiseFloor(bins: number, n: number, m: number, alpha: number): number {
  return chiSquareUpperQuantile(alpha, Math.max(bins - 1, 1)) / effectiveSize(n, m);
}

/** JS distance (base 2): 8·ln2·N_eff·JS² ≈ the same χ²(B − 1), so sqrt(χ²₁₋α(B − 1)/(8·ln2·N_eff)). */
export function jsNoiseFloor(bins: number, n: number, m: number, alpha: number): number {
  return Math.sqrt(chiSquareUpperQuantile(alpha, Math.max(bins - 1, 1)) / (8 * Math.LN2 * effectiveSize(n, m)));
}

/**
 * Wasserstein-1, in the units of the data: (sqrt(2/π)·∫sqrt(F(1−F))dx + σ·sqrt(2·ln(1/α)))/sqrt(N_eff) — the mean
 * of ∫|B(F(x))|dx plus the Borell–TIS deviation bound with the process's largest variance σ². Divide by the same
 * scale as W1.
 */
export function wassersteinNoiseFloor(spread: number, std: number, n: number, m: number, alpha: number): number {
  return (Math.sqrt(2 / Math.PI) * spread + std * Math.sqrt(2 * Math.log(1 / alpha))) / Math.sqrt(effectiveSize(n, m));
}

/**
 * Null-rate change: the two-proportion z-test's critical difference, z₁₋α/₂·sqrt(p̂(1 − p̂)(1/N_ref + 1/N_cur)), p̂ the
 * pooled null rate, N the row counts including nulls.
 */
export function nullRateNoiseFloor(
  referenceNulls: number,
  referenceRows: number,
  currentNulls: number,
  currentRows: number,
  alpha: number,
): number {
  if (referenceRows === 0 || currentRows === 0) return Number.POSITIVE_INFINITY;
  const pooled = (referenceNulls + currentNulls) / (referenceRows + currentRows);
  return normalTwoSidedCritical(alpha) * Math.sqrt(pooled * (1 - pooled) * (1 / referenceRows + 1 / currentRows));
}
