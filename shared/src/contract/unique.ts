/**
 * The memory of `unique: true`: a 64-bit hash of every distinct value in an open-addressing table (linear probing,
 * at most 70 % full, doubled when fuller), with the line of its first occurrence so a duplicate can point at both.
 *
 * Memory: 12 bytes per slot (8 of hash, 4 of line), 14 once a second file is seen (2 of file index); with the table
 * 35–70 % full that is 17–40 bytes per distinct value (10 million distinct values: 2²⁴ slots, 201 MB).
 * Exact up to hash collisions: two different values share a 64-bit hash with probability about n² / 2⁶⁵ (3·10⁻⁶ for
 * ten million values), and a collision would report a false duplicate, never miss one.
 */

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** The 64-bit hash of the last `hashText`/`hashNumber` call, as two 32-bit halves (no allocation per value). */
export const hash = { high: 0, low: 0 };

function finish(a: number, b: number): void {
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

/** Hashes text (two independent 32-bit multiplicative hashes over its UTF-16 code units, then mixed). */
export function hashText(text: string): void {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  finish(h1, h2);
}

/** Hashes a number by its IEEE 754 bits (−0 as 0), so `7`, `7.0` and `7e0` are the same value. */
export function hashNumber(value: number): void {
  scratch[0] = value === 0 ? 0 : value;
  finish(Math.imul((scratchWords[0] ?? 0) ^ 0x9e3779b9, 2654435761), Math.imul((scratchWords[1] ?? 0) ^ 0x7f4a7c15, 1597334677));
}

export class UniqueTable {
  private high = new Uint32Array(1024);
  private low = new Uint32Array(1024);
  private lines = new Uint32Array(1024);
  private files: Uint16Array | undefined;
  private size = 0;
  /** Where the last duplicate found by `add` was first seen. */
  firstLine = 0;
  firstFile = 0;

  get distinct(): number {
    return this.size;
  }

  /** Bytes held by the table now. */
  get bytes(): number {
    return this.high.byteLength + this.low.byteLength + this.lines.byteLength + (this.files?.byteLength ?? 0);
  }

  /**
   * Adds the value last hashed (`hash`), seen at `line` of file number `file`. Returns false when the
   * value was already there (then firstLine and firstFile say where), true when it is new.
   */
  add(line: number, file: number): boolean {
    const high = hash.high;
    const low = hash.high === 0 && hash.low === 0 ? 1 : hash.low; // (0, 0) marks an empty slot
    const mask = this.high.length - 1;
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask;
    for (;;) {
      const h = this.high[slot] ?? 0;
      const l = this.low[slot] ?? 0;
      if (h === 0 && l === 0) break;
      if (h === high && l === low) {
        this.firstLine = this.lines[slot] ?? 0;
        this.firstFile = this.files?.[slot] ?? 0;
        return false;
      }
      slot = (slot + 1) & mask;
    }
    this.high[slot] = high;
    this.low[slot] = low;
    this.lines[slot] = line;
    if (file !== 0) {
      this.files ??= new Uint16Array(this.high.length);
      this.files[slot] = Math.min(file, 65535);
    }
    this.size++;
    if (this.size * 10 > this.high.length * 7) this.grow();
    return true;
  }

  private grow(): void {
    const { high, low, lines, files } = this;
    const capacity = high.length * 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.lines = new Uint32Array(capacity);
    this.files = files ? new Uint16Array(capacity) : undefined;
    const mask = capacity - 1;
    for (let i = 0; i < high.length; i++) {
      const h = high[i] ?? 0;
      const l = low[i] ?? 0;
      if (h === 0 && l === 0) continue;
      let slot = (l ^ Math.imul(h, 0x9e3779b1)) & mask;
      while ((this.high[slot] ?? 0) !== 0 || (this.low[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
      this.high[slot] = h;
      this.low[slot] = l;
      this.lines[slot] = lines[i] ?? 0;
      if (files && this.files) this.files[slot] = files[i] ?? 0;
    }
  }
}
