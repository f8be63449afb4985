/**
 * The one fast 64-bit hash of values, for the profile's distinct-count sketch and top values and for the contract's
 * `unique` table. Two independent 32-bit multiplicative lanes over the text's UTF-16 code units (for ASCII text
 * the same as its bytes), then cross-mixed so every input bit moves every output bit (cyrb53's construction,
 * with both 32-bit halves kept). Not cryptographic; deterministic across runs and platforms, which is what a
 * profile needs. No allocation per value: the result is left in `hash`.
 */

/** The 64-bit hash of the last `hashString`/`hashNumber` call, as two unsigned 32-bit halves. */
export const hash = { high: 0, low: 0 };

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** hashString's two lanes: seeds (each xor'd with the text's length) and multipliers, for loops that hash as they parse. */
export const LANE1_SEED = 0xdeadbeef;
export const LANE2_SEED = 0x41c6ce57;
export const LANE1_MULTIPLIER = 2654435761;
export const LANE2_MULTIPLIER = 1597334677;

/** Mixes the two lanes into the 64-bit result, left in `hash` (the end of hashString, for loops that hash as they parse). */
export function finish(a: number, b: number): void {
  let h1 = a;
  let h2 = b;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  hash.high = h1 >>> 0;
  hash.low = h2 >>> 0;
}

/** Hashes text; read the 64 bits from `hash.high` (upper 32) and `hash.low` (lower 32). */
export function hashString(text: string): void {
  const length = text.length;
  let h1 = LANE1_SEED ^ length;
  let h2 = LANE2_SEED ^ length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, LANE1_MULTIPLIER);
    h2 = Math.imul(h2 ^ c, LANE2_MULTIPLIER);
  }
  finish(h1, h2);
}

/** Hashes a number by its IEEE 754 bits (−0 as 0), so `7`, `7.0` and `7e0` are the same value. */
export function hashNumber(value: number): void {
  scratch[0] = value === 0 ? 0 : value;
  finish(Math.imul((scratchWords[0] ?? 0) ^ 0x9e3779b9, 2654435761), Math.imul((scratchWords[1] ?? 0) ^ 0x7f4a7c15, 1597334677));
}

/** The 64-bit hash of `text` as 16 hex digits (for tests and debugging). */
export function hashHex(text: string): string {
  hashString(text);
  return hash.high.toString(16).padStart(8, '0') + hash.low.toString(16).padStart(8, '0');
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
/** |m| ≤ 2^50: then 10^-d is at least 4 ulps of m / 10^d, so one d-decimal text rounds to the double, and Math.round finds it. */
const MAX_SCALED = 2 ** 50;
const digitScratch = new Uint8Array(24);
const textScratch = new Uint8Array(40);

/**
 * hashString(String(x)) without making the string, for a number whose shortest text (what String gives) is plain
 * digits with at most 15 decimals and no exponent: integers up to 2^53 and decimals such as 17065.46 (a Parquet
 * or JSON column of numbers would otherwise allocate a string per value just to hash it). Returns that text's
 * length and leaves its hash in `hash`; returns -1, hashing nothing, for anything else (exponents, NaN, ±Infinity,
 * 16+ significant digits): the caller then hashes String(x).
 *
 * Why it is String's text: the smallest d for which some integer m gives m / 10^d === x has the fewest digits
 * after the point, and for numbers in fixed notation that is the shortest round-trip text; with |m| ≤ 2^50 that m
 * is unique (the decimals are 4 ulps apart or more) and Math.round(x · 10^d) is it. Tested against String on
 * millions of values (tests/unit/profile-sketches.test.ts).
 */
export function hashNumberText(x: number): number {
  let m: number;
  let d = 0;
  if (Number.isSafeInteger(x)) {
    m = x;
  } else {
    const magnitude = Math.abs(x);
    // Below 1e-6 String writes an exponent; at 2^50 and above there is no room for decimals.
    if (!(magnitude >= 1e-6 && magnitude < MAX_SCALED)) return -1;
    for (d = 1; ; d++) {
      if (d > 15) return -1;
      const scale = POW10[d] as number;
      m = Math.round(x * scale);
      if (Math.abs(m) > MAX_SCALED) return -1;
      if (m / scale === x) break;
    }
  }
  const negative = m < 0;
  let rest = negative ? -m : m;
  // The digits of |m|, last first, at the end of the scratch: nine at a time in int32 arithmetic, where V8 divides
  // by 10 with a multiplication (a double division per digit would be most of this function's time).
  let at = digitScratch.length;
  for (;;) {
    const high = rest >= 1e9 ? Math.floor(rest / 1e9) : 0;
    let low = (rest - high * 1e9) | 0;
    if (high === 0) {
      do {
        const next = (low / 10) | 0;
        digitScratch[--at] = low - next * 10;
        low = next;
      } while (low > 0);
      break;
    }
    for (let i = 0; i < 9; i++) {
      const next = (low / 10) | 0;
      digitScratch[--at] = low - next * 10;
      low = next;
    }
    rest = high;
  }
  const count = digitScratch.length - at;
  const whole = count > d ? count - d : 0;
  const length = (negative ? 1 : 0) + (whole === 0 ? 1 : whole) + (d > 0 ? d + 1 : 0);
  // The text's characters, in order, into the scratch's front: sign, whole digits (or 0), point, decimals.
  let n = 0;
  if (negative) textScratch[n++] = 45;
  if (whole === 0) textScratch[n++] = 48;
  for (let i = 0; i < whole; i++) textScratch[n++] = 48 + (digitScratch[at + i] as number);
  if (d > 0) {
    textScratch[n++] = 46;
    for (let i = count; i < d; i++) textScratch[n++] = 48;
    for (let i = whole; i < count; i++) textScratch[n++] = 48 + (digitScratch[at + i] as number);
  }
  let h1 = LANE1_SEED ^ length;
  let h2 = LANE2_SEED ^ length;
  for (let i = 0; i < n; i++) {
    const c = textScratch[i] as number;
    h1 = Math.imul(h1 ^ c, LANE1_MULTIPLIER);
    h2 = Math.imul(h2 ^ c, LANE2_MULTIPLIER);
  }
  finish(h1, h2);
  return length;
}
