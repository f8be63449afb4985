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
