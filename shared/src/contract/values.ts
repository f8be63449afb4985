/**
 * Parsing of the values the contract checks, written for the hot path: no allocation per value, results as
 * numbers (NaN when the text is not of the type).
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number's text (`-1.5e3`, `.5`, `7.`), else NaN. No hex, no `Infinity`, no surrounding spaces. */
export function parseDecimal(text: string): number {
  if (!DECIMAL.test(text)) return Number.NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** 1 for true, 0 for false, -1 when the text is not a boolean: true/false in any case, 1 or 0. */
export function parseBoolean(text: string): number {
  switch (text.length) {
    case 1:
      return text === '1' ? 1 : text === '0' ? 0 : -1;
    case 4:
      return text === 'true' || text === 'True' || text === 'TRUE' || text.toLowerCase() === 'true' ? 1 : -1;
    case 5:
      return text === 'false' || text === 'False' || text === 'FALSE' || text.toLowerCase() === 'false' ? 0 : -1;
    default:
      return -1;
  }
}

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * An ISO 8601 / RFC 3339 timestamp as ms since the epoch, else NaN: `YYYY-MM-DD`, or that followed by `T` (or `t`
 * or a space) and `HH:MM`, optional `:SS` and fraction, and an optional `Z` or `±HH:MM` / `±HHMM` / `±HH` offset.
 * Without an offset the time is taken as UTC.
 */
export function parseTimestamp(text: string): number {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  let ms = daysFromCivil(year, month, day) * 86_400_000;
  if (n === 10) return ms;
  const sep = text.charCodeAt(10);
  if ((sep !== 84 && sep !== 116 && sep !== 32) || n < 16 || text.charCodeAt(13) !== 58) return Number.NaN;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  ms += hour * 3_600_000 + minute * 60_000;
  let i = 16;
  if (i < n && text.charCodeAt(i) === 58) {
    const second = digits(text, i + 1, 2);
    if (i + 3 > n || second < 0 || second > 60) return Number.NaN;
    ms += second * 1000;
    i += 3;
    if (i < n && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44)) {
      i++;
      const start = i;
      let scale = 100;
      while (i < n) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        i++;
      }
      if (i === start) return Number.NaN;
    }
  }
  if (i === n) return ms;
  const zone = text.charCodeAt(i);
  if (zone === 90 || zone === 122) return i + 1 === n ? ms : Number.NaN;
  if (zone !== 43 && zone !== 45) return Number.NaN;
  const sign = zone === 43 ? 1 : -1;
  const offsetHours = digits(text, i + 1, 2);
  if (i + 3 > n || offsetHours < 0 || offsetHours > 23) return Number.NaN;
  let offsetMinutes = 0;
  i += 3;
  if (i < n) {
    if (text.charCodeAt(i) === 58) i++;
    offsetMinutes = digits(text, i, 2);
    if (i + 2 !== n || offsetMinutes < 0 || offsetMinutes > 59) return Number.NaN;
  }
  return ms - sign * (offsetHours * 3_600_000 + offsetMinutes * 60_000);
}

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
