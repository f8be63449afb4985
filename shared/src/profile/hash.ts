/**
 * A fast 64-bit hash of a string, as two 32-bit halves, for the distinct-count sketch. It reads the string's
 * UTF-16 code units two at a time (for ASCII text that is the same as its bytes), runs two Murmur3-style lanes
 * with different rotations and multipliers over them, then cross-mixes the lanes and finishes each with the
 * Murmur3 avalanche, so every input bit moves every output bit. Not cryptographic; deterministic across runs
 * and platforms, which is what a profile needs. No allocation: the result is left in `hashHigh` / `hashLow`.
 */

export let hashHigh = 0;
export let hashLow = 0;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes `text`; read the 64 bits from `hashHigh` (upper 32) and `hashLow` (lower 32), both unsigned. */
export function hashString(text: string): void {
  let a = 0x9747b28c;
  let b = 0x5bd1e995;
  const length = text.length;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    let k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    a ^= k;
    a = (a << 13) | (a >>> 19);
    a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    b ^= k;
    b = (b << 17) | (b >>> 15);
    b = (Math.imul(b, 9) + 0x38495ab5) | 0;
  }
  if (i < length) {
    let k = text.charCodeAt(i);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    a ^= k;
    b ^= (k << 7) | (k >>> 25);
  }
  a ^= length;
  b ^= Math.imul(length, 0x27d4eb2f);
  a = (a + b) | 0;
  b = (b + Math.imul(a, 0x165667b1)) | 0;
  hashHigh = avalanche(a);
  hashLow = avalanche(b ^ hashHigh);
}

/** The 64-bit hash of `text` as 16 hex digits (for tests and debugging). */
export function hashHex(text: string): string {
  hashString(text);
  return hashHigh.toString(16).padStart(8, '0') + hashLow.toString(16).padStart(8, '0');
}
