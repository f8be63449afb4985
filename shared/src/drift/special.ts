/**
 * The special functions the noise floors need: log-gamma, the regularized incomplete gamma functions, and the
 * chi-square and standard normal quantiles built on them. Written for the arguments drift uses (degrees of
 * freedom from 1 to tens of thousands, tail probabilities down to 1e-12), checked against scipy in the tests.
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(a) for a > 0: shifted up to a ≥ 15, then Stirling's series (absolute error below 1e-14). */
export function lnGamma(a: number): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`lnGamma needs a finite a > 0, got ${a}`);
  let shift = 0;
  let x = a;
  let product = 1;
  while (x < 15) {
    product *= x;
    x += 1;
    // Keep the product in range; fold it into the shift now and then.
    if (product > 1e280) {
      shift += Math.log(product);
      product = 1;
    }
  }
  shift += Math.log(product);
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680))));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series - shift;
}

const EPS = 1e-16;
const TINY = 1e-300;

/** The regularized lower incomplete gamma function P(a, x) by its power series (use for x < a + 1). */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 100_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** The regularized upper incomplete gamma function Q(a, x) by its continued fraction (use for x ≥ a + 1). */
function upperFraction(a: number, x: number): number {
  // Modified Lentz evaluation of Q(a, x) = e^{-x} x^a / Γ(a) · 1/(x+1-a- 1·(1-a)/(x+3-a- 2·(2-a)/(x+5-a- …))).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** Q(a, x) = Γ(a, x) / Γ(a), the upper tail; accurate in relative terms where it is small. */
export function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x);
}

/** P(X > x) for X ~ χ²(df). */
export function chiSquareSurvival(x: number, df: number): number {
  return upperGamma(df / 2, x / 2);
}

/**
 * The chi-square quantile with upper tail `alpha`: the x with P(X > x) = alpha for X ~ χ²(df), i.e. scipy's
 * `chi2.ppf(1 - alpha, df)` (computed from the upper tail, so a tiny alpha keeps its precision). By bisection.
 */
export function chiSquareUpperQuantile(alpha: number, df: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`df must be a finite number > 0, got ${df}`);
  let lo = 0;
  let hi = Math.max(df, 1) * 2 + 10;
  while (chiSquareSurvival(hi, df) > alpha) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (chiSquareSurvival(mid, df) > alpha) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The two-sided standard normal critical value z with P(|Z| > z) = alpha (scipy: `norm.ppf(1 - alpha / 2)`). */
export function normalTwoSidedCritical(alpha: number): number {
  // Z² ~ χ²(1), so P(|Z| > z) = P(χ²(1) > z²).
  return Math.sqrt(chiSquareUpperQuantile(alpha, 1));
}
