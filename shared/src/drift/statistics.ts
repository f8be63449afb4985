/**
 * The drift effect sizes between a reference distribution and the current one. Formulas and their scipy
 * equivalents are in docs/statistics.md; the tests check them against scipy on the fixtures.
 */
import type { CategoricalDistribution, NumericDistribution, QuantileKnots } from './distributions';

/**
 * PSI floors each side's bin fractions at max(PSI_EPSILON, 1/(2·N)), N that side's count: half a value, so an
 * empty bin of a small sample is not read as a probability of 1e-4 (which made n = 30 samples of one distribution
 * cross the noise floor 14% of the time), and 1e-4 once N ≥ 5,000.
 */
export const PSI_EPSILON = 1e-4;

/** The fraction floor PSI uses for a side with `count` values. */
export function psiFloor(count: number): number {
  return Math.max(PSI_EPSILON, 0.5 / count);
}

/** How many quantile points stand in for a view's support when it has no `support()`. */
export const FALLBACK_SUPPORT_POINTS = 1000;

/**
 * The reference's decile edges: its lower empirical quantiles at 0.1, 0.2, …, 0.9 (p = k/10), duplicates dropped.
 * The bins are (−∞, e0], (e0, e1], …, (e_last, +∞): at most 10, fewer when the reference has ties.
 */
export function decileEdges(reference: NumericDistribution): number[] {
  const edges: number[] = [];
  for (let k = 1; k <= 9; k++) {
    const edge = reference.quantile(k / 10);
    if (!Number.isFinite(edge)) continue;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
}

function total(counts: readonly number[]): number {
  let sum = 0;
  for (const c of counts) sum += c;
  return sum;
}

/**
 * Population stability index over matching bins of counts: Σ (q_i − p_i)·ln(q_i / p_i), p = reference fractions,
 * q = current fractions, each side floored at psiFloor(its count). Natural log. 0 for a bin empty on both sides.
 */
export function psi(reference: readonly number[], current: readonly number[]): number {
  if (reference.length !== current.length) throw new RangeError('psi: the two sides need the same bins');
  const n = total(reference);
  const m = total(current);
  const floorP = psiFloor(n);
  const floorQ = psiFloor(m);
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = Math.max(reference[i]! / n, floorP);
    const q = Math.max(current[i]! / m, floorQ);
    sum += (q - p) * Math.log(q / p);
  }
  return sum;
}

/**
 * Jensen–Shannon distance in base 2 (so in [0, 1]) over matching bins of counts (or probabilities), no epsilon:
 * sqrt(½·KL(p‖m) + ½·KL(q‖m)) / sqrt(ln 2) with m = (p + q)/2, = scipy.spatial.distance.jensenshannon(p, q, base=2).
 */
export function jensenShannonDistance(reference: readonly number[], current: readonly number[]): number {
  if (reference.length !== current.length) throw new RangeError('jensenShannon: the two sides need the same bins');
  const n = total(reference);
  const m = total(current);
  let divergence = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = reference[i]! / n;
    const q = current[i]! / m;
    const mid = (p + q) / 2;
    if (p > 0) divergence += p * Math.log(p / mid);
    if (q > 0) divergence += q * Math.log(q / mid);
  }
  return Math.sqrt(Math.max(0, divergence / 2 / Math.LN2));
}

/** The points where a view's CDF may change: its `support()`, or its quantiles at p = k/1000 for k = 0..1000. */
export function supportOf(distribution: NumericDistribution): readonly number[] {
  if (distribution.support) return distribution.support();
  const points: number[] = [];
  for (let k = 0; k <= FALLBACK_SUPPORT_POINTS; k++) {
    const x = distribution.quantile(k / FALLBACK_SUPPORT_POINTS);
    if (Number.isFinite(x) && (points.length === 0 || x > points[points.length - 1]!)) points.push(x);
  }
  return points;
}

/** The sorted union of two increasing arrays, without duplicates. */
function mergeSupports(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.length === 0 || x > out[out.length - 1]!) out.push(x);
  }
  return out;
}

export interface CdfComparison {
  /** KS D = max |F_ref(x) − F_cur(x)| over the union of both supports. */
  ks: number;
  /**
   * Wasserstein-1 = ∫|F_ref − F_cur| dx, the CDFs taken as steps between the support points when both views have
   * `support()`; otherwise from the views' quantile curves (sketchWasserstein).
   */
  wasserstein: number;
}

/**
 * KS D and Wasserstein-1. When both views have `support()` (exact views), one pass over the union of both supports:
 * these are scipy.stats.ks_2samp(...).statistic and scipy.stats.wasserstein_distance. Otherwise KS D is taken at
 * the union of the support points (supportOf), and W1, which is also ∫₀¹|Q_ref(p) − Q_cur(p)| dp, is computed in
 * that form (sketchWasserstein): a sketch's rank error then moves W1 by Q's change over a rank error's width of p,
 * where the two sketches' step CDFs at 1,001 points each were apart by their resolution over whole stretches of x
 * (0.1σ and more on heavy tails, so two samples of one lognormal drifted; docs/statistics.md).
 */
export function compareCdfs(reference: NumericDistribution, current: NumericDistribution): CdfComparison {
  const points = mergeSupports(supportOf(reference), supportOf(current));
  const exact = reference.support !== undefined && current.support !== undefined;
  let ks = 0;
  let wasserstein = 0;
  for (let i = 0; i < points.length; i++) {
    const x = points[i]!;
    const gap = Math.abs(reference.cdf(x) - current.cdf(x));
    if (gap > ks) ks = gap;
    if (exact && i + 1 < points.length) wasserstein += gap * (points[i + 1]! - x);
  }
  if (!exact) wasserstein = sketchWasserstein(reference, current);
  return { ks, wasserstein };
}

/**
 * A view's quantile function as knots: its `quantileKnots()`; else, with `support()`, its exact step function
 * (Q(p) = x_j for F(x_{j−1}) < p ≤ F(x_j)); else linear through its quantiles at p = 0, 1/1000, …, 1.
 */
export function quantileCurve(distribution: NumericDistribution): QuantileKnots {
  if (distribution.quantileKnots) return distribution.quantileKnots();
  const p: number[] = [];
  const x: number[] = [];
  if (distribution.support) {
    let below = 0;
    for (const point of distribution.support()) {
      const at = distribution.cdf(point);
      p.push(below, at);
      x.push(point, point);
      below = at;
    }
    if (p.length > 0) p[p.length - 1] = 1;
  } else {
    for (let k = 0; k <= FALLBACK_SUPPORT_POINTS; k++) {
      const value = distribution.quantile(k / FALLBACK_SUPPORT_POINTS);
      if (!Number.isFinite(value)) continue;
      p.push(k / FALLBACK_SUPPORT_POINTS);
      x.push(value);
    }
  }
  return { p, x };
}

/**
 * W1 when a view is not exact (a compacted sketch): ∫|Q_ref − Q_cur| dp over their quantile curves on [τ, 1 − τ],
 * τ the larger of the two views' rank errors (1 % at the default k), plus, for the two tails [0, τ) and (1 − τ, 1]
 * together, |∫(Q_ref − Q_cur) dp| over them, which is the difference of the exact means less the middle's signed
 * integral. A sketch's tails are a few heavy items (one can stand for 0.2 % of the values and be the maximum), so
 * their own curves there would make two samples of one heavy-tailed distribution differ by a tenth of σ or more;
 * the exact means do not. Tails that move one way (a shift, a scale change of positive values) count in full; a
 * scale change of a symmetric column loses its 2τ of tails (W1 of N(0, 1) against N(0, 1.2²): 0.146σ for 0.160σ).
 */
export function sketchWasserstein(reference: NumericDistribution, current: NumericDistribution): number {
  const tail = Math.min(0.25, Math.max(reference.rankError ?? 0, current.rankError ?? 0));
  const { absolute, signed } = quantileDistance(quantileCurve(reference), quantileCurve(current), tail, 1 - tail);
  return absolute + Math.abs(reference.mean - current.mean - signed);
}

/**
 * ∫|A(p) − B(p)| dp and ∫(A(p) − B(p)) dp over [from, to] ⊆ [0, 1] for two piecewise-linear quantile curves, exactly:
 * between consecutive knots of either curve both are linear, and where the difference changes sign the two
 * triangles are integrated separately.
 */
export function quantileDistance(a: QuantileKnots, b: QuantileKnots, from = 0, to = 1): { absolute: number; signed: number } {
  const ap = a.p;
  const bp = b.p;
  if (ap.length === 0 || bp.length === 0) return { absolute: Number.NaN, signed: Number.NaN };
  let i = 0;
  let j = 0;
  let sum = 0;
  let signed = 0;
  let u = Math.max(ap[0]!, bp[0]!, from);
  const end = Math.min(ap[ap.length - 1]!, bp[bp.length - 1]!, to);
  while (u < end) {
    // The segment of each curve that (u, v) lies in: its last knot at or before u, and the next one.
    while (i + 1 < ap.length - 1 && ap[i + 1]! <= u) i++;
    while (j + 1 < bp.length - 1 && bp[j + 1]! <= u) j++;
    const v = Math.min(ap[i + 1]!, bp[j + 1]!, end);
    if (v > u) {
      const d0 = linear(a, i, u) - linear(b, j, u);
      const d1 = linear(a, i, v) - linear(b, j, v);
      const h = v - u;
      const m0 = Math.abs(d0);
      const m1 = Math.abs(d1);
      sum += d0 * d1 >= 0 ? ((m0 + m1) / 2) * h : ((d0 * d0 + d1 * d1) / (2 * (m0 + m1))) * h;
      signed += ((d0 + d1) / 2) * h;
    }
    u = v;
  }
  return { absolute: sum, signed };
}

/** The curve's segment from knot i to i + 1, at p (within it). */
function linear(curve: QuantileKnots, i: number, p: number): number {
  const p0 = curve.p[i]!;
  const p1 = curve.p[i + 1]!;
  const x0 = curve.x[i]!;
  const x1 = curve.x[i + 1]!;
  if (p1 <= p0) return x1;
  const t = (p - p0) / (p1 - p0);
  return t <= 0 ? x0 : t >= 1 ? x1 : x0 + (x1 - x0) * t;
}

/**
 * ∫ sqrt(F(1 − F)) dx over a view's support (F as steps between the points): the scale of the Wasserstein noise,
 * since E|B(F(x))| = sqrt(2/π)·sqrt(F(x)(1 − F(x))) for a Brownian bridge B.
 */
export function cdfSpread(distribution: NumericDistribution): number {
  const points = supportOf(distribution);
  let sum = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const f = distribution.cdf(points[i]!);
    sum += Math.sqrt(Math.max(0, f * (1 - f))) * (points[i + 1]! - points[i]!);
  }
  return sum;
}

export interface CategoricalBins {
  /** One label per bin; the last one is the "other" bucket (label null). */
  labels: (string | null)[];
  reference: number[];
  current: number[];
  /** In current, not in reference (only when the reference counted every value, so absence is certain). */
  newCategories: string[];
  /** In reference, not in current (only when the current counted every value). */
  vanishedCategories: string[];
}

/**
 * The bins PSI and JS use for categories: each category known on both sides is its own bin (known = counted, or
 * the side counted every value so it is surely 0); a category one side lumped into "other" goes to the other
 * bucket on both sides, which ends the list.
 */
export function categoricalBins(reference: CategoricalDistribution, current: CategoricalDistribution): CategoricalBins {
  const known = (d: CategoricalDistribution, category: string) => d.counts.has(category) || d.otherCount === 0;
  const countOf = (d: CategoricalDistribution, category: string) => d.counts.get(category) ?? 0;
  const categories = [...new Set([...reference.counts.keys(), ...current.counts.keys()])].sort();
  const labels: (string | null)[] = [];
  const ref: number[] = [];
  const cur: number[] = [];
  let refOther = reference.otherCount;
  let curOther = current.otherCount;
  const newCategories: string[] = [];
  const vanishedCategories: string[] = [];
  for (const category of categories) {
    const r = countOf(reference, category);
    const c = countOf(current, category);
    if (known(reference, category) && known(current, category)) {
      labels.push(category);
      ref.push(r);
      cur.push(c);
      if (r === 0 && c > 0) newCategories.push(category);
      if (c === 0 && r > 0) vanishedCategories.push(category);
    } else {
      refOther += r;
      curOther += c;
    }
  }
  labels.push(null);
  ref.push(refOther);
  cur.push(curOther);
  return { labels, reference: ref, current: cur, newCategories, vanishedCategories };
}

/** Bins holding at least one value on either side: what the chi-square degrees of freedom count. */
export function occupiedBins(reference: readonly number[], current: readonly number[]): number {
  let bins = 0;
  for (let i = 0; i < reference.length; i++) if (reference[i]! + (current[i] ?? 0) > 0) bins++;
  return bins;
}
