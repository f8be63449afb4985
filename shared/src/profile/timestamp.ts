/**
 * ISO 8601 dates and timestamps to epoch milliseconds, without Date.parse (which reads a timestamp without a
 * zone in the machine's local time zone: a profile must not depend on where it was made).
 *
 * Accepted: `YYYY-MM-DD`, then optionally `T`, `t` or a space, `hh:mm`, optional `:ss`, optional `.fraction`
 * (any number of digits, read to the millisecond), optional zone `Z`, `z`, `±hh`, `±hhmm` or `±hh:mm`. A date or
 * timestamp without a zone is read as UTC. Anything else (or an impossible date such as 2023-02-30) is NaN.
 */

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : -100;
}

function two(text: string, at: number): number {
  const value = digit(text, at) * 10 + digit(text, at + 1);
  return value >= 0 ? value : -1;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseTimestamp(text: string): number {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  if (year < 100 || month < 1 || month > 12 || day < 1) return NaN;
  const leap = month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 1 : 0;
  if (day > (DAYS[month - 1] as number) + leap) return NaN;
  const date = Date.UTC(year, month - 1, day);
  if (length === 10) return date;
  const separator = text.charCodeAt(10);
  if ((separator !== 84 && separator !== 116 && separator !== 32) || length < 16 || text.charCodeAt(13) !== 58) return NaN;
  const hour = two(text, 11);
  const minute = two(text, 14);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  let at = 16;
  let second = 0;
  let millisecond = 0;
  if (at < length && text.charCodeAt(at) === 58) {
    second = two(text, at + 1);
    if (second < 0 || second > 60) return NaN;
    at += 3;
    if (at < length && text.charCodeAt(at) === 46) {
      at++;
      const start = at;
      let scale = 100;
      while (at < length && digit(text, at) >= 0) {
        millisecond += digit(text, at) * scale;
        scale /= 10;
        at++;
      }
      if (at === start) return NaN;
      millisecond = Math.floor(millisecond);
    }
  }
  let offset = 0;
  if (at < length) {
    const zone = text.charCodeAt(at);
    if (zone === 90 || zone === 122) {
      at++;
    } else if (zone === 43 || zone === 45) {
      const hours = two(text, at + 1);
      if (hours < 0 || hours > 23) return NaN;
      at += 3;
      let minutes = 0;
      if (at < length) {
        if (text.charCodeAt(at) === 58) at++;
        minutes = two(text, at);
        if (minutes < 0 || minutes > 59) return NaN;
        at += 2;
      }
      offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes) * 60_000;
    } else {
      return NaN;
    }
  }
  if (at !== length) return NaN;
  return date + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond - offset;
}
