/**
 * The contract's own readings (durations) and the text of values in reports. What a number, a boolean or a
 * timestamp is, the contract and the profile read alike: data/values.ts.
 */

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `7d`, `36h`, `1.5w` in ms, else NaN. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(text);
  if (!match) return Number.NaN;
  return Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
}

/** A value as text for a report: at most 200 characters, then `…`. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** An instant as ISO 8601 text, for messages. */
export function isoOf(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
