/**
 * Number formatting for the gate report. One rule everywhere so columns read alike: values with 4 significant
 * digits, changes and interval bounds always signed, and the two bounds of an interval with the same number of
 * decimals (3 significant digits of the larger bound), so `[-0.0123, +0.0201]` lines up and compares at a glance.
 * Numbers are ours (computed), not user text, so they need no escaping; minus is ASCII `-` so the text can be
 * copied into code.
 */

/** Shown where a number is absent (no baseline, metric missing). */
export const NONE = '—';

const SIGNIFICANT = 4;

/** A metric value: 4 significant digits, integers of 4+ digits in full, exponent only for the very small or large. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e9 || abs < 1e-6) return value.toExponential(SIGNIFICANT - 1).replace('e+', 'e');
  if (abs >= 10 ** SIGNIFICANT) return Math.round(value).toString();
  return value.toPrecision(SIGNIFICANT);
}

/** A signed value (a difference): `+0.01230`, `-1.500`, `0` for no change. */
export function formatSigned(value: number): string {
  const text = formatValue(value);
  return value > 0 ? `+${text}` : text;
}

/** Decimals that give `digits` significant digits to the largest magnitude in `values` (at least 0, at most 12). */
export function decimalsFor(values: number[], digits = 3): number {
  const largest = Math.max(...values.map((v) => Math.abs(v)).filter(Number.isFinite), 0);
  if (largest === 0) return digits - 1;
  return Math.min(12, Math.max(0, digits - 1 - Math.floor(Math.log10(largest))));
}

/** A signed number with fixed decimals; `-0.000` becomes `0.000` so rounding never shows a sign it has not got. */
export function signedFixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  if (Number(text) === 0) return (0).toFixed(decimals);
  return value > 0 ? `+${text}` : text;
}

/** The interval of the difference: `[-0.0123, +0.0201]`, both bounds with the same decimals (given, or their own). */
export function formatInterval(low: number, high: number, decimals = decimalsFor([low, high])): string {
  return `[${signedFixed(low, decimals)}, ${signedFixed(high, decimals)}]`;
}

/** A relative change in percent: `+1.23 %`, `-12.3 %`, `+123 %` (3 significant digits, at most 2 decimals). */
export function formatPercent(relative: number): string {
  const percent = relative * 100;
  const abs = Math.abs(percent);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return `${signedFixed(percent, decimals)} %`;
}

/** A confidence level as a percentage: 0.95 -> `95 %`, 0.975 -> `97.5 %`. */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(2))} %`;
}

/** A count with thousands separators: 12,345. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** `1 row`, `2 rows`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : nouns}`;
}

