/**
 * The words of the decision: numbers as people read them, the policy's rule for a row, and the one-line reasons.
 * Kept apart from the decision so its logic reads without string building. Names and values from user files are
 * not escaped here; the report escapes them for markdown.
 */
import type { ChangeLimit, Thresholds } from './policy';
import type { DifferenceInterval, SliceRef } from './types';

/** A number with up to 6 significant digits and no float noise: 0.010000000000000009 → `0.01`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(6));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A change with its sign: `+0.02`, `−0.031` (a real minus sign), `0`. */
export function formatSigned(value: number): string {
  const text = formatNumber(Math.abs(value));
  if (text === '0') return '0';
  return value > 0 ? `+${text}` : `−${text}`;
}

/** A fraction as a percentage: 0.02 → `2 %`. */
export function formatPercent(fraction: number): string {
  return `${formatNumber(Number((fraction * 100).toPrecision(3)))} %`;
}

/** `≤ 0.01 and ≤ 2 %`: each part of a limit with its comparison. */
function limitText(limit: ChangeLimit, comparison: '≤' | '≥'): string {
  const parts: string[] = [];
  if (limit.abs !== undefined) parts.push(`${comparison} ${formatNumber(limit.abs)}`);
  if (limit.rel !== undefined) parts.push(`${comparison} ${formatPercent(limit.rel)}`);
  return parts.join(' and ');
}

/** The rule for a row in words, e.g. `≥ 0.9; regression ≤ 0.01 and ≤ 2 %; improvement ≥ 0.005`. */
export function describeRule(thresholds: Thresholds): string {
  const parts: string[] = [];
  if (thresholds.min !== undefined) parts.push(`≥ ${formatNumber(thresholds.min)}`);
  if (thresholds.max !== undefined) parts.push(`≤ ${formatNumber(thresholds.max)}`);
  if (thresholds.maxRegression) parts.push(`regression ${limitText(thresholds.maxRegression, '≤')}`);
  if (thresholds.minImprovement) parts.push(`improvement ${limitText(thresholds.minImprovement, '≥')}`);
  return parts.length > 0 ? parts.join('; ') : 'no threshold (reported only)';
}

/** `accuracy`, or `accuracy on sex = "f"` for a slice. */
export function rowLabel(metric: string, slice: SliceRef | null): string {
  return slice === null ? metric : `${metric} on ${slice.column} = ${JSON.stringify(slice.value)}`;
}

/** What the decision saw of the change: the interval when it judged on one, else the point change. */
export function evidenceText(difference: number, relative: number | null, interval: DifferenceInterval | null): string {
  if (interval) return `the ${formatPercent(interval.level)} interval of the change is ${formatSigned(interval.low)} to ${formatSigned(interval.high)}`;
  const percent = relative === null ? '' : ` (${relative > 0 ? '+' : relative < 0 ? '−' : ''}${formatPercent(Math.abs(relative))})`;
  return `it changed by ${formatSigned(difference)}${percent}`;
}

/**
 * The amount a limit comes to, and where it came from: `0.01`, `0.0182 (2 % of 0.91)` when the relative part
 * binds, or `0 (a relative limit on a zero baseline)`.
 */
export function amountText(amount: number, limit: ChangeLimit, baseline: number): string {
  if (limit.rel === undefined || (limit.abs !== undefined && (baseline === 0 || limit.abs === amount))) return formatNumber(amount);
  if (baseline === 0) return `${formatNumber(amount)} (a relative limit on a zero baseline)`;
  return `${formatNumber(amount)} (${formatPercent(limit.rel)} of ${formatNumber(Math.abs(baseline))})`;
}
