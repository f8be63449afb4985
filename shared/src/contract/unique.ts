/**
 * The memory of `unique: true`: a 64-bit hash of every distinct value in an open-addressing table (linear probing,
 * at most 70 % full, doubled when fuller), with the line of its first occurrence so a duplicate can point at both.
 *
 * Memory: 12 bytes per slot (8 of hash, 4 of line), 14 once a second file is seen (2 of file index); with the table
 * 35–70 % full that is 17–40 bytes per distinct value (10 million distinct values: 2²⁴ slots, 201 MB).
 * Exact up to hash collisions: two different values share a 64-bit hash with probability about n² / 2⁶⁵ (3·10⁻⁶ for
 * ten million values), and a collision would report a false duplicate, never miss one.
 */

import { hash } from '../hashing/hash64';

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
   * Adds the value last hashed (`hashString` / `hashNumber` of hashing/hash64), seen at `line` of file number `file`. Returns false when the
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
