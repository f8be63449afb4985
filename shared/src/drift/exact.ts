/**
 * Exact distribution views over raw values in memory: what the tests compare with scipy, and what small data can
 * use as is. Nulls are `null`, `undefined` and, for numbers, NaN (counted in `nulls`, left out of everything else).
 */
import type { CategoricalDistribution, NumericDistribution } from './distributions';

/**
 * The lower empirical quantile: the smallest value x with F(x) ≥ p, i.e. sorted[ceil(p·n) − 1] (numpy's
 * `method='inverted_cdf'`). p·n is taken 1e-9 down before the ceiling so that 0.3·10 = 3.0000000000000004 is 3.
 */
export function lowerQuantileIndex(p: number, n: number): number {
  const k = Math.ceil(p * n - 1e-9);
  return Math.min(n - 1, Math.max(0, k - 1));
}

/** Count of sorted values ≤ x (the number of values before the first one above x). */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ExactNumericDistribution extends NumericDistribution {
  support(): readonly number[];
  /** The sorted non-null values. */
  readonly sorted: Float64Array;
}

/** The exact numeric distribution of `values`. */
export function exactNumeric(values: Iterable<number | null | undefined>): ExactNumericDistribution {
  const kept: number[] = [];
  let nulls = 0;
  for (const value of values) {
    if (value === null || value === undefined || Number.isNaN(value)) nulls++;
    else kept.push(value);
  }
  const sorted = Float64Array.from(kept).sort();
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const mean = n > 0 ? sum / n : Number.NaN;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (sorted[i]! - mean) ** 2;
  const std = n > 0 ? Math.sqrt(squares / n) : Number.NaN;
  let support: number[] | undefined;
  return {
    count: n,
    nulls,
    mean,
    std,
    min: n > 0 ? sorted[0]! : Number.NaN,
    max: n > 0 ? sorted[n - 1]! : Number.NaN,
    sorted,
    quantile(p: number): number {
      if (n === 0) return Number.NaN;
      return sorted[lowerQuantileIndex(p, n)]!;
    },
    cdf(x: number): number {
      return n === 0 ? Number.NaN : countAtMost(sorted, x) / n;
    },
    histogram(edges: readonly number[]): number[] {
      const counts: number[] = [];
      let below = 0;
      for (const edge of edges) {
        const atMost = countAtMost(sorted, edge);
        counts.push(Math.max(0, atMost - below));
        below = Math.max(below, atMost);
      }
      counts.push(n - below);
      return counts;
    },
    support(): readonly number[] {
      if (!support) {
        support = [];
        for (let i = 0; i < n; i++) {
          const x = sorted[i]!;
          if (i === 0 || x !== sorted[i - 1]) support.push(x);
        }
      }
      return support;
    },
  };
}

/** The exact categorical distribution of `values` (every value counted, so `otherCount` is 0). */
export function exactCategorical(values: Iterable<string | null | undefined>): CategoricalDistribution {
  const counts = new Map<string, number>();
  let count = 0;
  let nulls = 0;
  for (const value of values) {
    if (value === null || value === undefined) {
      nulls++;
      continue;
    }
    count++;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { count, nulls, counts, otherCount: 0 };
}
