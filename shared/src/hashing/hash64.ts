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

/**
 * hashString of a text held one byte a character (ASCII, or Latin-1) in bytes[start, end), without making the
 * string: for code that writes a text's characters (a number's digits, a timestamp's ISO form) only to hash them.
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): void {
  const length = end - start;
  let h1 = LANE1_SEED ^ length;
  let h2 = LANE2_SEED ^ length;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
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
/**
 * The text is written right to left into this scratch, ending at TEXT_END, as char codes: the digits come out of
 * the arithmetic last first, and the hash needs them first first. 40 bytes hold the longest text handled
 * ("-" + 16 whole digits + "." + 15 decimals).
 */
const textScratch = new Uint8Array(40);
const TEXT_END = textScratch.length;
/** The char codes of "00" to "99", two per entry: halves the divisions of writing digits. */
const DIGIT_PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGIT_PAIRS[2 * i] = 48 + Math.floor(i / 10);
  DIGIT_PAIRS[2 * i + 1] = 48 + (i % 10);
}
/**
 * The number of decimals of the last number the search below found: a column of decimals mostly has one fixed
 * number of them (prices have 2), so trying it first usually replaces the search's division per decimal by one.
 */
let decimalsHint = 1;
/** How many values in a row had two or more decimals fewer than decimalsHint. */
let hintTooLong = 0;
/**
 * Integers 0 to SMALL_INTEGERS − 1 (counts, ages, codes: the commonest numbers in data) are remembered once
 * hashed: three loads instead of writing and hashing the digits. A length of 0 means not hashed yet.
 */
const SMALL_INTEGERS = 10_000;
const smallLengths = new Uint8Array(SMALL_INTEGERS);
const smallHighs = new Uint32Array(SMALL_INTEGERS);
const smallLows = new Uint32Array(SMALL_INTEGERS);

/**
 * Writes the int32 `chunk` (0 ≤ chunk < 10^count) as exactly `count` digits, leading zeros included, to end just
 * before `end`, two digits per step; returns where they start. Callers pass int32s (`| 0`): then the division by
 * 100 is a multiplication in V8, where a double would make it a division (and be boxed for the call).
 */
function writeFixedDigits(chunk: number, count: number, end: number): number {
  let v = chunk;
  let at = end;
  const start = end - count;
  while (at - start >= 2) {
    const next = (v / 100) | 0;
    const pair = (v - next * 100) << 1;
    textScratch[--at] = DIGIT_PAIRS[pair + 1] as number;
    textScratch[--at] = DIGIT_PAIRS[pair] as number;
    v = next;
  }
  if (at > start) textScratch[--at] = 48 + v;
  return at;
}

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
  let whole: number;
  let at = TEXT_END;
  let end = TEXT_END;
  if (Number.isSafeInteger(x)) {
    if (x >= 0 && x < SMALL_INTEGERS) {
      const i = x | 0; // −0 is 0, as String(−0) is "0"
      const known = smallLengths[i] as number;
      if (known > 0) {
        hash.high = smallHighs[i] as number;
        hash.low = smallLows[i] as number;
        return known;
      }
    }
    whole = x < 0 ? -x : x;
  } else {
    const magnitude = Math.abs(x);
    // Below 1e-6 String writes an exponent; at 2^50 and above there is no room for decimals.
    if (!(magnitude >= 1e-6 && magnitude < MAX_SCALED)) return -1;
    // The hint first: d = decimalsHint works (as in the search below) when m = Math.round(x · 10^d) has |m| ≤ 2^50
    // and m / 10^d === x; then the smallest d that works is d less the trailing zeros of m (cut from the text
    // below), the d the search from 1 would find. Why: (1) m / 10^d divides exact operands, so x is the double
    // nearest m / 10^d, and ulp(x) ≤ 10^-d / 4 since |m| ≤ 2^50. (2) Any d' < d that works likewise makes x the
    // double nearest m' / 10^d', also a number with d decimals; two different ones are 10^-d apart, more than the
    // span of the numbers that round to x (one ulp), so m' / 10^d' = m / 10^d and m = m' · 10^(d−d') ends in
    // d − d' zeros. (3) With the zeros cut, d'' = d − zeros and m'' = m / 10^zeros work: m'' / 10^d'' is the same
    // number, so the division gives x, and x · 10^d'' is within 1/8 + 1/8 (x's error times 10^d'', the product's
    // rounding) of m'', so Math.round gives m''. (4) The search stops at no d below d'' with -1:
    // |Math.round(x · 10^d)| only grows with d, so it is not beyond |m''| ≤ 2^50 there.
    let d = decimalsHint;
    let scale = POW10[d] as number;
    let m = Math.round(x * scale);
    if (!(Math.abs(m) <= MAX_SCALED && m / scale === x)) {
      // The search: the smallest d with Math.round(x · 10^d) / 10^d === x.
      for (d = 1; ; d++) {
        if (d > 15) return -1;
        scale = POW10[d] as number;
        m = Math.round(x * scale);
        if (Math.abs(m) > MAX_SCALED) return -1;
        if (m / scale === x) break;
      }
      decimalsHint = d;
      hintTooLong = 0;
    }
    // |m| / 10^d is x's magnitude without the rounding: its whole part is Math.trunc(magnitude), since x cannot
    // round across an integer (10^-d is 4 ulps or more), and its decimals are |m| − whole · 10^d, exactly.
    whole = Math.trunc(magnitude);
    const decimals = (m < 0 ? -m : m) - whole * scale;
    // The decimals as d digits, zero-padded, eight at a time beyond int32.
    if (d > 9) {
      const high = Math.floor(decimals / 1e8);
      at = writeFixedDigits((decimals - high * 1e8) | 0, 8, at);
      at = writeFixedDigits(high | 0, d - 8, at);
    } else {
      at = writeFixedDigits(decimals | 0, d, at);
    }
    // Trailing zeros are there only when the hint had more decimals than x needs. decimals > 0 (x is no integer),
    // so the cut stops before the point.
    while (textScratch[end - 1] === 48) end--;
    // One zero cut is a value of the column's usual decimals that ends in 0 (12.50 is 12.5). Two or more on many
    // values in a row mean the hint came from a column with more decimals, whose extra zeros would be written and
    // cut for every value of this one: the hint then becomes this value's decimals. Not at the first such value:
    // rows of JSON Lines interleave columns, and a hint that suits all of them should stay.
    if (TEXT_END - end < 2) {
      hintTooLong = 0;
    } else if (++hintTooLong === 16) {
      hintTooLong = 0;
      decimalsHint = d - (TEXT_END - end);
    }
    textScratch[--at] = 46;
  }
  // The whole part's digits: eight at a time while beyond int32, then as many as it has (at least one), two per step
  // in int32 arithmetic (see writeFixedDigits), inline here as it is the hottest loop.
  while (whole > 0x7fffffff) {
    const high = Math.floor(whole / 1e8);
    at = writeFixedDigits((whole - high * 1e8) | 0, 8, at);
    whole = high;
  }
  let v = whole | 0;
  while (v >= 100) {
    const next = (v / 100) | 0;
    const pair = (v - next * 100) << 1;
    textScratch[--at] = DIGIT_PAIRS[pair + 1] as number;
    textScratch[--at] = DIGIT_PAIRS[pair] as number;
    v = next;
  }
  if (v >= 10) {
    textScratch[--at] = DIGIT_PAIRS[(v << 1) + 1] as number;
    textScratch[--at] = DIGIT_PAIRS[v << 1] as number;
  } else {
    textScratch[--at] = 48 + v;
  }
  if (x < 0) textScratch[--at] = 45;
  const length = end - at;
  hashBytes(textScratch, at, end);
  if (x >= 0 && x < SMALL_INTEGERS && Number.isInteger(x)) {
    const i = x | 0;
    smallLengths[i] = length;
    smallHighs[i] = hash.high;
    smallLows[i] = hash.low;
  }
  return length;
}
