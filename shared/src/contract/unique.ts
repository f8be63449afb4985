/**
 * The memory of `unique: true`: a 64-bit hash of every distinct value in an open-addressing table (linear probing,
 * at most 87.5 % full, doubled when fuller), with the line of its first occurrence so a duplicate can point at both.
 *
 * Memory: 12 bytes per slot, the hash's two halves and the line side by side (one cache line per probe), 14 once a
 * second file is seen (2 of file index, in an array of their own). With the table 43.75–87.5 % full that is 14–28
 * bytes per distinct value (16–32 with several files): 5.9 million distinct values fit 2²³ slots, 96 MiB; ten million
 * take 2²⁴ slots, 192 MiB. The table lives in a resizable ArrayBuffer that doubles in place (address space is
 * reserved up front, pages are only touched as the table fills), so a doubling holds the new table and a bitmap of
 * one bit per slot, not the old and the new tables side by side; where the runtime cannot resize in place it copies,
 * and holds both briefly.
 * Exact up to hash collisions: two different values share a 64-bit hash with probability about n² / 2⁶⁵ (3·10⁻⁶ for
 * ten million values), and a collision would report a false duplicate, never miss one.
 */

import { hash } from '../hashing/hash64';

/** 32-bit words per slot: the hash's high half, its low half, the line. */
const WORDS = 3;
const INITIAL_SLOTS = 1024;
/** Slots reserved up front in address space (not memory): 2²⁷ slots hold 117 million distinct values in 1.5 GiB. */
const RESERVED_SLOTS = 2 ** 27;

interface ResizableBuffer extends ArrayBuffer {
  readonly resizable?: boolean;
  readonly maxByteLength?: number;
  resize?(bytes: number): void;
}

/** An ArrayBuffer of `bytes` that can grow in place to `maxBytes` where the runtime supports it, else a plain one. */
function allocate(bytes: number, maxBytes: number): ResizableBuffer {
  if (maxBytes > bytes) {
    try {
      const Resizable = ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => ResizableBuffer;
      const buffer = new Resizable(bytes, { maxByteLength: maxBytes });
      if (buffer.resizable === true) return buffer;
    } catch {
      // No resizable buffers here, or no address space for the reservation: grow by copying.
    }
  }
  return new ArrayBuffer(bytes);
}

/** `buffer` grown to `bytes` (new bytes zero): in place when it can, else a copy. */
function enlarge(buffer: ResizableBuffer, bytes: number, maxBytes: number): ResizableBuffer {
  if (buffer.resize && buffer.resizable === true && (buffer.maxByteLength ?? 0) >= bytes) {
    buffer.resize(bytes);
    return buffer;
  }
  const copy = allocate(bytes, Math.max(maxBytes, bytes));
  new Uint8Array(copy).set(new Uint8Array(buffer));
  return copy;
}

export class UniqueTable {
  /** Slot i at words 3i (hash high), 3i + 1 (hash low), 3i + 2 (line); a (0, 0) hash marks an empty slot. */
  private slots: Uint32Array;
  private slotBuffer: ResizableBuffer;
  private files: Uint16Array | undefined;
  private fileBuffer: ResizableBuffer | undefined;
  private mask = INITIAL_SLOTS - 1;
  /** Grow once size passes this: 7/8 of the slots. */
  private limit = (INITIAL_SLOTS * 7) / 8;
  private size = 0;
  /** Where the last duplicate found by `add` was first seen. */
  firstLine = 0;
  firstFile = 0;

  constructor() {
    this.slotBuffer = allocate(INITIAL_SLOTS * WORDS * 4, RESERVED_SLOTS * WORDS * 4);
    this.slots = new Uint32Array(this.slotBuffer, 0, INITIAL_SLOTS * WORDS);
  }

  get distinct(): number {
    return this.size;
  }

  /** Bytes held by the table now. */
  get bytes(): number {
    return this.slots.byteLength + (this.files?.byteLength ?? 0);
  }

  /**
   * Adds the value last hashed (`hashString` / `hashNumber` of hashing/hash64), seen at `line` of file number `file`. Returns false when the
   * value was already there (then firstLine and firstFile say where), true when it is new.
   */
  add(line: number, file: number): boolean {
    const high = hash.high;
    const low = high === 0 && hash.low === 0 ? 1 : hash.low; // (0, 0) marks an empty slot
    const slots = this.slots;
    const mask = this.mask;
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask;
    let at = slot * WORDS;
    for (;;) {
      const h = slots[at] as number;
      const l = slots[at + 1] as number;
      if (l === low && h === high) {
        this.firstLine = slots[at + 2] as number;
        this.firstFile = this.files ? (this.files[slot] as number) : 0;
        return false;
      }
      if (h === 0 && l === 0) break;
      slot = (slot + 1) & mask;
      at = slot * WORDS;
    }
    slots[at] = high;
    slots[at + 1] = low;
    slots[at + 2] = line;
    if (file !== 0) {
      if (!this.files) {
        const capacity = mask + 1;
        this.fileBuffer = allocate(capacity * 2, RESERVED_SLOTS * 2);
        this.files = new Uint16Array(this.fileBuffer, 0, capacity);
      }
      this.files[slot] = Math.min(file, 65535);
    }
    if (++this.size > this.limit) this.grow();
    return true;
  }

  /**
   * Doubles the table where it is (khash's in-place rehash): the old slots stay in the lower half, and every entry
   * not yet placed in the new table is taken out and inserted again, kicking out any old entry still in its way (which is
   * then inserted in turn). A bitmap marks the slots the new table has filled, so every probe path stays full.
   */
  private grow(): void {
    const old = this.mask + 1;
    const capacity = old * 2;
    this.slotBuffer = enlarge(this.slotBuffer, capacity * WORDS * 4, RESERVED_SLOTS * WORDS * 4);
    this.slots = new Uint32Array(this.slotBuffer, 0, capacity * WORDS);
    if (this.fileBuffer) {
      this.fileBuffer = enlarge(this.fileBuffer, capacity * 2, RESERVED_SLOTS * 2);
      this.files = new Uint16Array(this.fileBuffer, 0, capacity);
    }
    this.mask = capacity - 1;
    this.limit = (capacity * 7) / 8;
    const slots = this.slots;
    const files = this.files;
    const mask = this.mask;
    const placed = new Int32Array(capacity >>> 5);
    for (let j = 0; j < old; j++) {
      if (((placed[j >>> 5] as number) & (1 << (j & 31))) !== 0) continue;
      let at = j * WORDS;
      let h = slots[at] as number;
      let l = slots[at + 1] as number;
      if (h === 0 && l === 0) continue;
      let line = slots[at + 2] as number;
      let file = files ? (files[j] as number) : 0;
      slots[at] = 0;
      slots[at + 1] = 0;
      slots[at + 2] = 0;
      if (files) files[j] = 0;
      for (;;) {
        let slot = (l ^ Math.imul(h, 0x9e3779b1)) & mask;
        while (((placed[slot >>> 5] as number) & (1 << (slot & 31))) !== 0) slot = (slot + 1) & mask;
        placed[slot >>> 5] = (placed[slot >>> 5] as number) | (1 << (slot & 31));
        at = slot * WORDS;
        const kickedHigh = slots[at] as number;
        const kickedLow = slots[at + 1] as number;
        const kickedLine = slots[at + 2] as number;
        slots[at] = h;
        slots[at + 1] = l;
        slots[at + 2] = line;
        if (files) {
          const kickedFile = files[slot] as number;
          files[slot] = file;
          file = kickedFile;
        }
        if (kickedHigh === 0 && kickedLow === 0) break;
        h = kickedHigh;
        l = kickedLow;
        line = kickedLine;
      }
    }
  }
}
