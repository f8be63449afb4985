/**
 * The views of a column that drift statistics need. The profile's sketches implement them (approximately, within
 * their stated error); tests implement them exactly from raw arrays, so the statistics can be checked against
 * scipy on the same data.
 */

/** A numeric column's distribution. */
export interface NumericDistribution {
  /** Non-null values. */
  count: number;
  nulls: number;
  /**
   * Optional: rows of the column, nulls and values that are not numbers included; the null rate's denominator.
   * Absent: count + nulls.
   */
  rows?: number;
  mean: number;
  /** Population standard deviation of the non-null values. */
  std: number;
  min: number;
  max: number;
  /** The p-quantile (0 ≤ p ≤ 1) of the non-null values, as the lower empirical quantile. */
  quantile(p: number): number;
  /** The fraction of non-null values ≤ x. */
  cdf(x: number): number;
  /**
   * Counts of the non-null values in the bins (−∞, e0], (e0, e1], …, (e_last, +∞): edges.length + 1 counts. When
   * the edges are the ones the profile was built with, exact; otherwise estimated from the sketch.
   */
  histogram(edges: readonly number[]): number[];
  /**
   * Optional: the increasing points where the distribution's CDF is known to change, for exact views (every
   * distinct value). KS D (and, when both views have it, Wasserstein-1) evaluate both CDFs at the union of both
   * supports. Without it, KS uses the quantiles at p = 0, 1/1000, …, 1, and W1 `quantileKnots()` (see
   * docs/statistics.md).
   */
  support?(): readonly number[];
  /**
   * Optional, for views without `support()` (compacted sketches): the view's best estimate of its quantile function
   * p ↦ Q(p) on [0, 1], as a piecewise-linear curve through `knots()` (see QuantileKnots). Wasserstein-1 from such
   * views is ∫₀¹|Q_ref(p) − Q_cur(p)| dp over these curves (docs/statistics.md). Absent: the quantiles at
   * p = 0, 1/1000, …, 1 stand in (linear between them), or, with `support()`, the exact step function. W1 also
   * reads `mean` and `rankError` there.
   */
  quantileKnots?(): QuantileKnots;
  /**
   * Optional: a bound on |cdf(x) − true CDF(x)| (a sketch's rank error as a fraction; 0 or absent when exact). It is
   * added to the KS noise floor, since D from two sketches can be off by the sum of their errors.
   */
  rankError?: number;
}

/**
 * A quantile function as knots: Q(p) is linear between (p[i], x[i]) and (p[i + 1], x[i + 1]). p runs from 0 to 1 and
 * never decreases, x never decreases; two knots at the same p make a jump (the value left of it, then right of it),
 * so steps are representable too.
 */
export interface QuantileKnots {
  readonly p: ArrayLike<number>;
  readonly x: ArrayLike<number>;
}

/** A categorical column's distribution: counts of its values; values beyond those counted are lumped together. */
export interface CategoricalDistribution {
  count: number;
  nulls: number;
  /** Optional: rows of the column, nulls included; the null rate's denominator. Absent: count + nulls. */
  rows?: number;
  /** Count of each value tracked (all of them, while the column has few distinct values). */
  counts: ReadonlyMap<string, number>;
  /** How many values were not tracked one by one (0 when every value is in `counts`). */
  otherCount: number;
}
