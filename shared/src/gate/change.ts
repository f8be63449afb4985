/**
 * The change between candidate and baseline, and what a limit on it allows. One formula everywhere (report, decision,
 * docs/gate-policy.md):
 *
 *   absolute = candidate − baseline
 *   relative = (candidate − baseline) / |baseline|        null when baseline = 0
 *
 * Dividing by |baseline| keeps the sign meaning "the value went up" for negative baselines too (R² of −0.5 → −0.4
 * is +0.2 relative, not −0.2). Whether up is good is the metric's direction, applied by `gain`.
 *
 * A limit `{ abs, rel }` is turned into one amount in the metric's units: `abs`, and `rel × |baseline|`; both must
 * hold, so the smaller allowance (or the larger requirement) wins.
 *
 * A zero baseline has no relative change, so only `abs` applies. A limit with `rel` alone then falls back to the
 * direction of the change: a relative `max-regression` allows no worsening at all (the candidate must not be worse),
 * and a relative `min-improvement` requires some improvement (any gain over 0 is an unbounded relative gain, no gain
 * is none).
 */
import type { ChangeLimit } from './policy';
import type { Direction } from './types';

export interface Change {
  absolute: number;
  relative: number | null;
}

export function computeChange(candidate: number, baseline: number): Change {
  const absolute = candidate - baseline;
  return { absolute, relative: baseline === 0 ? null : absolute / Math.abs(baseline) };
}

/** A difference (candidate − baseline) oriented so that positive is better: as is for `higher`, negated for `lower`. */
export function gain(difference: number, direction: Direction): number {
  return direction === 'higher' ? difference : -difference;
}

/**
 * Rounding slack for comparing a change with a limit: 0.90 − 0.91 is −0.010000000000000009 in floating point, and
 * a limit of 0.01 is meant to allow it (limits are inclusive).
 */
export function tolerance(...values: number[]): number {
  return 1e-12 * Math.max(1, ...values.map(Math.abs));
}

/**
 * Whether a gain (positive = better) stays within `max-regression` of `baseline`: gain ≥ −abs and gain ≥ −rel·|baseline|;
 * on a zero baseline gain ≥ −abs, or gain ≥ 0 for `rel` alone. Returns the allowed worsening that binds.
 */
export function withinRegression(gainValue: number, baseline: number, limit: ChangeLimit): { allowed: number; holds: boolean } {
  const relative = baseline === 0 ? (limit.abs === undefined ? 0 : Number.POSITIVE_INFINITY) : limit.rel === undefined ? Number.POSITIVE_INFINITY : limit.rel * Math.abs(baseline);
  const allowed = Math.min(limit.abs ?? Number.POSITIVE_INFINITY, relative);
  return { allowed, holds: gainValue >= -allowed - tolerance(baseline, allowed) };
}

/**
 * Whether a gain reaches `min-improvement` over `baseline`: gain ≥ abs and gain ≥ rel·|baseline|; on a zero baseline
 * gain ≥ abs, or gain > 0 for `rel` alone (rel > 0). Returns the required gain that binds.
 */
export function reachesImprovement(gainValue: number, baseline: number, limit: ChangeLimit): { required: number; holds: boolean } {
  const relativeOnly = baseline === 0 && limit.abs === undefined;
  const required = Math.max(limit.abs ?? 0, baseline === 0 ? 0 : (limit.rel ?? 0) * Math.abs(baseline));
  const slack = tolerance(baseline, required);
  const strictlyBetter = relativeOnly && (limit.rel ?? 0) > 0;
  return { required, holds: gainValue >= required - slack && (!strictlyBetter || gainValue > slack) };
}
