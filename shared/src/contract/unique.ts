/**
 * The memory of `unique: true`: a 64-bit hash of every distinct value in an open-addressing table (linear probing,
 * at most 87.5 % full, doubled when fuller), with the line of its first occurrence so a duplicate can point at both.
 *
 * Memory: 12 bytes per slot, the hash's two halves and the line side by side (one cache line per probe), 14 once a
 * second file is seen (2 of file index, in an array of their own; 16 past 65,535 files). The table lives in a
 * resizable ArrayBuffer that doubles in place (address space is reserved up front, pages are only touched as the
 * table fills), so a doubling holds the new table and a bitmap of one bit per slot, not the old and the new tables
 * side by side; where the runtime cannot resize in place it copies, and holds both briefly.
 *
 * Bounded memory: the table grows only up to a budget (`memory`, 16 MiB by default: 2²⁰ slots). When it is full it
 * spills: its entries (hash, file, line) are appended to a temporary file in hash order, as one sorted run, and the
 * table starts empty again. A value's home slot is the top bits of its hash, so the table is in hash order already
 * but within clusters of full slots, and a run is written in one pass, sorting cluster by cluster, without a sorted
 * copy of the table. A duplicate inside the live table is still found at once. A value whose earlier occurrence
 * went to an earlier run is found by `finish`, which writes the last table as a run too and merges the runs by
 * hash, a 64 KiB chunk of each at a time: every occurrence after the earliest (by file, then line) is a duplicate of
 * the earliest, exactly as if the table had held everything. To report such a duplicate with its value, the values
 * new to the table after the first spill are logged to a second temporary file as they come (a 1 MiB buffer). A
 * table that never fills the budget never touches the disk.
 *
 * Exact up to hash collisions: two different values share a 64-bit hash with probability about n² / 2⁶⁵ (3·10⁻⁶ for
 * ten million values), and a collision would report a false duplicate, never miss one.
 */

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hash, hashNumber } from '../hashing/hash64';
import { Progressions } from './progressions';

export interface UniqueOptions {
  /**
   * Bytes the table and its buffers may hold (default 16 MiB, 2²⁰ slots); past it the table spills
   * to disk. `Infinity`: never spill (the table grows with the data).
   */
  memory?: number;
  /** Where the temporary files go (default os.tmpdir()). */
  directory?: string;
  /** How many duplicates the caller reports (its maxFailuresPerCheck): the merge keeps the earliest this many. */
  keep?: number;
}

/** A duplicate, by file number and line, and where its value was first seen. */
export interface Duplicate {
  file: number;
  line: number;
  firstFile: number;
  firstLine: number;
  /** The value (text cut to 201 characters, enough for the report's 200 and `…`), when it was logged. */
  value?: string | number;
}

/** What only the merge of the spilled runs could tell: nothing when the table never spilled. */
export interface UniqueFinish {
  /** Duplicates whose earlier occurrence was in an earlier run: not yet counted by `add`. */
  count: number;
  /** The earliest `keep` of them, in file and line order. */
  found: Duplicate[];
  /**
   * Duplicates `add` reported (among its first `keep`) with a first occurrence in the same run, whose value was
   * seen earlier still in an earlier run: the earliest occurrence to point at instead.
   */
  repointed: Duplicate[];
}

/** 2²⁰ slots: as much as 920,000 distinct values take anyway, so past them the peak stays where it is. */
export const DEFAULT_UNIQUE_MEMORY = 16 * 2 ** 20;

/** 32-bit words per slot: the hash's high half, its low half, the line. */
const WORDS = 3;
const INITIAL_SLOTS = 1024;
/** Slots reserved up front in address space (not memory) when there is no budget: 2²⁷ slots hold 117 million distinct values in 1.5 GiB. */
const RESERVED_SLOTS = 2 ** 27;
/**
 * Bytes per slot against the budget: 12 in the table, 2 of file number, 1 for the value log's 1 MiB buffer and the
 * run writer's 64 KiB. The budget buys the largest power of two of slots at this price.
 */
const BUDGET_BYTES_PER_SLOT = 12 + 2 + 1;
const MIN_SLOTS = 64;
/** 32-bit words per record of a run: hash high, hash low, file, line. */
const RECORD = 4;
/** Records read from a run at a time in the merge: 64 KiB. */
const CHUNK_RECORDS = 4096;
/** Words of the value log buffered before a write: 1 MiB. */
const LOG_WORDS = 2 ** 18;
/** Characters of a value logged: the report shows 200 and `…` for more. */
const LOGGED_CHARS = 201;
/** Value log tags, above a text's length (at most 201). */
const TAG_NUMBER = 1 << 16;
const TAG_WIDE = 1 << 17;
const TAG_FILE = 1 << 18;

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

/** The spill directories not yet removed: removed when the process exits, should a check throw before `finish`. */
const spillDirectories = new Set<string>();
let exitHook = false;

function track(directory: string): void {
  spillDirectories.add(directory);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const dir of spillDirectories) rmSync(dir, { recursive: true, force: true });
  });
}

interface Spill {
  dir: string;
  /** The run file: every run's records, one run after another. */
  runs: number | undefined;
  /** The value log. */
  values: number | undefined;
  /** Each run's byte offset and record count. */
  runList: Array<[offset: number, count: number]>;
  runBytes: number;
  valueBytes: number;
}

/** A duplicate `add` reported after the first spill, and where it said the value was first seen. */
interface Watched {
  low: number;
  file: number;
  line: number;
  firstFile: number;
  firstLine: number;
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** (file, line) order: the order rows are read in. */
function earlier(fileA: number, lineA: number, fileB: number, lineB: number): boolean {
  return fileA < fileB || (fileA === fileB && lineA < lineB);
}

const byPosition = (a: Duplicate, b: Duplicate): number => a.file - b.file || a.line - b.line;

/** A sorted run being merged: its records read in chunks from the run file. */
class RunCursor {
  high = 0;
  low = 0;
  file = 0;
  line = 0;
  private at = 0;
  private end = 0;
  private readonly chunk = new Uint32Array(CHUNK_RECORDS * RECORD);

  constructor(
    private readonly fd: number,
    private offset: number,
    private remaining: number,
  ) {}

  /** Moves to the next record; false when the run is done. */
  next(): boolean {
    if (this.at >= this.end && !this.refill()) return false;
    const chunk = this.chunk;
    const at = this.at;
    this.high = chunk[at] as number;
    this.low = chunk[at + 1] as number;
    this.file = chunk[at + 2] as number;
    this.line = chunk[at + 3] as number;
    this.at = at + RECORD;
    return true;
  }

  private refill(): boolean {
    if (this.remaining === 0) return false;
    const count = Math.min(this.remaining, CHUNK_RECORDS);
    readFully(this.fd, new Uint8Array(this.chunk.buffer, 0, count * RECORD * 4), this.offset);
    this.offset += count * RECORD * 4;
    this.remaining -= count;
    this.at = 0;
    this.end = count * RECORD;
    return true;
  }
}

/** Appends records to the run file through a 64 KiB buffer. */
class RunWriter {
  private readonly buffer = new Uint32Array(CHUNK_RECORDS * RECORD);
  private at = 0;
  private written = 0;

  constructor(
    private readonly fd: number,
    private position: number,
  ) {}

  /** Appends records [from, from + count) of `records`. */
  put(records: Uint32Array, from: number, count: number): void {
    let next = from * RECORD;
    const end = (from + count) * RECORD;
    while (next < end) {
      const take = Math.min(end - next, this.buffer.length - this.at);
      this.buffer.set(records.subarray(next, next + take), this.at);
      this.at += take;
      next += take;
      if (this.at === this.buffer.length) this.flush();
    }
  }

  /** Writes what is buffered; returns the records written in all. */
  finish(): number {
    this.flush();
    return this.written;
  }

  private flush(): void {
    if (this.at === 0) return;
    writeFully(this.fd, new Uint8Array(this.buffer.buffer, 0, this.at * 4), this.position);
    this.position += this.at * 4;
    this.written += this.at / RECORD;
    this.at = 0;
  }
}

function readFully(fd: number, into: Uint8Array, position: number): number {
  let done = 0;
  while (done < into.length) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}

function before(a: RunCursor, b: RunCursor): boolean {
  return a.high < b.high || (a.high === b.high && a.low < b.low);
}

/** A binary min-heap of cursors by their current hash. */
function siftDown(heap: RunCursor[], from: number): void {
  const n = heap.length;
  const item = heap[from] as RunCursor;
  let i = from;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap[child + 1] as RunCursor, heap[child] as RunCursor)) child++;
    if (!before(heap[child] as RunCursor, item)) break;
    heap[i] = heap[child] as RunCursor;
    i = child;
  }
  heap[i] = item;
}

/** The earliest `keep` duplicates of many, without holding them all: pruned to `keep` whenever twice as many pile up. */
class Earliest {
  readonly items: Duplicate[] = [];
  private worst: Duplicate | undefined;

  constructor(private readonly keep: number) {}

  offer(file: number, line: number, firstFile: number, firstLine: number): void {
    if (this.keep === 0) return;
    const worst = this.worst;
    if (worst && !earlier(file, line, worst.file, worst.line)) return;
    this.items.push({ file, line, firstFile, firstLine });
    if (this.items.length >= 2 * this.keep + 16) this.prune();
  }

  done(): Duplicate[] {
    this.prune();
    return this.items;
  }

  private prune(): void {
    this.items.sort(byPosition);
    if (this.items.length > this.keep) this.items.length = this.keep;
    if (this.items.length === this.keep) this.worst = this.items[this.keep - 1];
  }
}

export class UniqueTable {
  /** Slot i at words 3i (hash high), 3i + 1 (hash low), 3i + 2 (line); a (0, 0) hash marks an empty slot. */
  private slots: Uint32Array;
  private slotBuffer: ResizableBuffer;
  private files: Uint16Array | Uint32Array | undefined;
  private fileBuffer: ResizableBuffer | undefined;
  /** The largest file number `files` holds: 0 before it exists, 65535 while it has 16 bits. */
  private fileMax = 0;
  private mask: number;
  /**
   * A value's home slot is the top bits of its hash (`high >>> shift`), so the table in slot order is nearly in hash
   * order: sorting a run for a spill is then a sequential pass, not a scatter over the whole buffer.
   */
  private shift: number;
  /** Grow once size passes this: 7/8 of the slots. */
  private limit: number;
  private size = 0;
  /** Where the last duplicate found by `add` was first seen. */
  firstLine = 0;
  firstFile = 0;

  /** The most slots the budget allows: past them the table spills instead of doubling. */
  private readonly maxSlots: number;
  private readonly reservedSlots: number;
  private readonly keep: number;
  private readonly directory: string | undefined;
  /** Duplicates `add` has reported. */
  private reported = 0;
  /** The values addNumber keeps out of the table. */
  private readonly progressions = new Progressions();
  /**
   * Of the first `keep` duplicates reported, those after the first spill: hash halves, file, line, and where `add`
   * saw it first. The value may have been seen earlier still, in an earlier run: the merge tells.
   */
  private readonly watched: number[] = [];
  private spill: Spill | undefined;
  /** One cluster of the table as records, for sorting while a run is written; as long as the longest cluster. */
  private cluster = new Uint32Array(256 * RECORD);
  private log: Uint32Array | undefined;
  private logAt = 0;
  /** The file of the last value logged: the log names a file once, before its first value. */
  private logFile = 0;
  private finished = false;
  private runCount = 0;

  constructor(options: UniqueOptions = {}) {
    const memory = options.memory ?? DEFAULT_UNIQUE_MEMORY;
    this.maxSlots = Number.isFinite(memory) ? Math.max(MIN_SLOTS, 2 ** Math.floor(Math.log2(Math.max(1, memory / BUDGET_BYTES_PER_SLOT)))) : Number.POSITIVE_INFINITY;
    this.reservedSlots = Math.min(RESERVED_SLOTS, this.maxSlots);
    this.keep = options.keep ?? 20;
    this.directory = options.directory;
    const initial = Math.min(INITIAL_SLOTS, this.maxSlots);
    this.mask = initial - 1;
    this.shift = Math.clz32(this.mask);
    this.limit = (initial * 7) / 8;
    this.slotBuffer = allocate(initial * WORDS * 4, this.reservedSlots * WORDS * 4);
    this.slots = new Uint32Array(this.slotBuffer, 0, initial * WORDS);
  }

  /** Distinct values in the live table (since the last spill). */
  get distinct(): number {
    return this.size;
  }

  /** Bytes held by the table now (a spill adds the 1 MiB value log and a 64 KiB write buffer). */
  get bytes(): number {
    return this.slots.byteLength + (this.files?.byteLength ?? 0);
  }

  /** Whether the table has spilled: only then does `add` log (and need) the value it is given. */
  get spilled(): boolean {
    return this.spill !== undefined;
  }

  /** Sorted runs written to disk so far. */
  get runs(): number {
    return this.runCount;
  }

  /**
   * Adds the value last hashed (`hashString` / `hashNumber` of hashing/hash64), seen at `line` of file number `file`;
   * `value` is what a duplicate report would show (logged only once the table has spilled). Returns false when the
   * value was already in the live table (then firstLine and firstFile say where), true when it is new to it.
   */
  add(line: number, file: number, value?: string | number | boolean): boolean {
    const high = hash.high;
    const low = high === 0 && hash.low === 0 ? 1 : hash.low; // (0, 0) marks an empty slot
    const slots = this.slots;
    const mask = this.mask;
    let slot = high >>> this.shift;
    let at = slot * WORDS;
    for (;;) {
      const h = slots[at] as number;
      const l = slots[at + 1] as number;
      if (l === low && h === high) {
        this.firstLine = slots[at + 2] as number;
        this.firstFile = this.files ? (this.files[slot] as number) : 0;
        if (this.spill && this.reported < this.keep) this.watched.push(high, low, file, line, this.firstFile, this.firstLine);
        this.reported++;
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
      if (file > this.fileMax) this.widenFiles(file);
      (this.files as Uint16Array | Uint32Array)[slot] = file;
    }
    // Only a value new to a run after the first can be a duplicate of an earlier run, found by the merge.
    if (this.spill) this.logValue(line, file, value);
    if (++this.size > this.limit) {
      if ((mask + 1) * 2 > this.maxSlots) this.spillRun();
      else this.grow();
    }
    return true;
  }

  /**
   * `add` for a number (hashed by hashNumber): a value larger than every one before it is new, and kept in an
   * arithmetic progression when it continues one (see Progressions), with no hash and no table slot; a smaller one
   * is looked up in the progressions, then in the table.
   */
  addNumber(x: number, line: number, file: number, value?: string | number | boolean): boolean {
    const progressions = this.progressions;
    if (x > progressions.max) {
      progressions.max = x;
      if (progressions.append(x, line, file)) return true;
    } else if (progressions.find(x)) {
      this.firstLine = progressions.foundLine;
      this.firstFile = progressions.foundFile;
      // Exact: no earlier run of the table can hold a value of a progression, so the merge need not watch it.
      this.reported++;
      return false;
    }
    hashNumber(x);
    return this.add(line, file, value);
  }

  /**
   * Merges the spilled runs and the live table: the duplicates `add` could not see. Removes the temporary files,
   * also when it throws. Nothing to do (and no disk touched) when the table never spilled; a second call finds nothing.
   */
  finish(): UniqueFinish {
    if (!this.spill || this.finished) return { count: 0, found: [], repointed: [] };
    this.finished = true;
    try {
      this.flushLog();
      this.log = undefined;
      // The last table goes to disk too: the merge then holds a chunk per run, not a sorted copy of the table.
      this.writeRun();
      this.releaseTable();
      return this.merge();
    } finally {
      this.dispose();
    }
  }

  /** Removes the temporary files (if any); the table cannot spill again. Safe to call more than once. */
  dispose(): void {
    const spill = this.spill;
    if (!spill) return;
    this.spill = undefined;
    this.finished = true;
    this.log = undefined;
    // A close that fails (the error that brought us here, say) must not keep the files on disk.
    for (const fd of [spill.runs, spill.values]) {
      try {
        if (fd !== undefined) closeSync(fd);
      } catch {
        // Already closed or unusable: nothing more to release.
      }
    }
    rmSync(spill.dir, { recursive: true, force: true });
    spillDirectories.delete(spill.dir);
  }

  /** Gives `files` room for file number `file`: 16 bits until a file number needs 32. */
  private widenFiles(file: number): void {
    const capacity = this.mask + 1;
    const wide = file > 65535;
    const bytes = wide ? 4 : 2;
    const buffer = allocate(capacity * bytes, this.reservedSlots * bytes);
    const files = wide ? new Uint32Array(buffer, 0, capacity) : new Uint16Array(buffer, 0, capacity);
    if (this.files) files.set(this.files);
    this.fileBuffer = buffer;
    this.files = files;
    this.fileMax = wide ? 0xffffffff : 65535;
  }

  /**
   * Doubles the table where it is (khash's in-place rehash): the old slots stay in the lower half, and every entry
   * not yet placed in the new table is taken out and inserted again, kicking out any old entry still in its way (which is
   * then inserted in turn). A bitmap marks the slots the new table has filled, so every probe path stays full.
   */
  private grow(): void {
    const old = this.mask + 1;
    const capacity = old * 2;
    this.slotBuffer = enlarge(this.slotBuffer, capacity * WORDS * 4, this.reservedSlots * WORDS * 4);
    this.slots = new Uint32Array(this.slotBuffer, 0, capacity * WORDS);
    if (this.fileBuffer && this.files) {
      const width = this.files.BYTES_PER_ELEMENT;
      this.fileBuffer = enlarge(this.fileBuffer, capacity * width, this.reservedSlots * width);
      this.files = width === 2 ? new Uint16Array(this.fileBuffer, 0, capacity) : new Uint32Array(this.fileBuffer, 0, capacity);
    }
    this.mask = capacity - 1;
    this.shift = Math.clz32(this.mask);
    this.limit = (capacity * 7) / 8;
    const slots = this.slots;
    const shift = this.shift;
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
        let slot = h >>> shift;
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

  /** Writes the table's entries as one sorted run and empties it; the first spill creates the temporary files. */
  private spillRun(): void {
    try {
      if (!this.spill) this.openSpill();
      this.writeRun();
    } catch (error) {
      this.dispose();
      throw error;
    }
    this.slots.fill(0);
    this.files?.fill(0);
    this.size = 0;
  }

  private openSpill(): Spill {
    const dir = mkdtempSync(path.join(this.directory ?? tmpdir(), 'mlops-unique-'));
    track(dir);
    // Set before the files open, so that dispose removes the directory should an open fail.
    const spill: Spill = { dir, runs: undefined, values: undefined, runList: [], runBytes: 0, valueBytes: 0 };
    this.spill = spill;
    spill.runs = openSync(path.join(dir, 'runs'), 'w+');
    spill.values = openSync(path.join(dir, 'values'), 'w+');
    return spill;
  }

  /**
   * Appends the live entries to the run file as one run of records (hash high, hash low, file, line) in hash order,
   * through a 64 KiB buffer. A home slot is the hash's top bits, so slot order is hash order but within a cluster
   * (a stretch of full slots between empty ones: an entry is never stored before its home, nor past an empty slot):
   * each cluster is sorted on its own, by insertion, as it is nearly in order already. The one cluster that may wrap
   * from the table's end to its start holds the smallest hashes (homes at the start) and the largest (homes at the
   * end): its smallest go first, its largest last.
   */
  private writeRun(): void {
    const spill = this.spill as Spill;
    const capacity = this.mask + 1;
    const slots = this.slots;
    let firstEmpty = 0;
    while (slots[firstEmpty * WORDS] !== 0 || slots[firstEmpty * WORDS + 1] !== 0) firstEmpty++;
    let wrapStart = capacity;
    while (wrapStart > firstEmpty && (slots[(wrapStart - 1) * WORDS] !== 0 || slots[(wrapStart - 1) * WORDS + 1] !== 0)) wrapStart--;
    const writer = new RunWriter(spill.runs as number, spill.runBytes);
    // The wrapping cluster: slots [wrapStart, capacity) and [0, firstEmpty), sorted; homes below wrapStart first.
    let n = this.gather(wrapStart, capacity, 0);
    n = this.gather(0, firstEmpty, n);
    const cluster = this.cluster;
    insertionSort(cluster, 0, n);
    let split = 0;
    while (split < n && (cluster[split * RECORD] as number) >>> this.shift < wrapStart) split++;
    writer.put(cluster, 0, split);
    const high = cluster.slice(split * RECORD, n * RECORD);
    for (let s = firstEmpty; s < wrapStart; ) {
      if (slots[s * WORDS] === 0 && slots[s * WORDS + 1] === 0) {
        s++;
        continue;
      }
      let end = s + 1;
      while (end < wrapStart && (slots[end * WORDS] !== 0 || slots[end * WORDS + 1] !== 0)) end++;
      const count = this.gather(s, end, 0);
      insertionSort(this.cluster, 0, count);
      writer.put(this.cluster, 0, count);
      s = end;
    }
    writer.put(high, 0, n - split);
    const count = writer.finish();
    spill.runList.push([spill.runBytes, count]);
    spill.runBytes += count * RECORD * 4;
    this.runCount++;
  }

  /** Copies the entries of slots [from, to) to `cluster` from record `at` on (growing it as needed); returns the new end. */
  private gather(from: number, to: number, at: number): number {
    const slots = this.slots;
    const files = this.files;
    if ((at + to - from) * RECORD > this.cluster.length) {
      const bigger = new Uint32Array(Math.max(this.cluster.length * 2, (at + to - from) * RECORD));
      bigger.set(this.cluster);
      this.cluster = bigger;
    }
    const cluster = this.cluster;
    let out = at * RECORD;
    for (let s = from; s < to; s++) {
      cluster[out] = slots[s * WORDS] as number;
      cluster[out + 1] = slots[s * WORDS + 1] as number;
      cluster[out + 2] = files ? (files[s] as number) : 0;
      cluster[out + 3] = slots[s * WORDS + 2] as number;
      out += RECORD;
    }
    return at + to - from;
  }

  /** The table is not needed once sorted for the merge: let it go (an empty small one stays, should `add` follow). */
  private releaseTable(): void {
    const initial = Math.min(INITIAL_SLOTS, this.maxSlots);
    this.slotBuffer = new ArrayBuffer(initial * WORDS * 4);
    this.slots = new Uint32Array(this.slotBuffer);
    this.files = undefined;
    this.fileBuffer = undefined;
    this.fileMax = 0;
    this.mask = initial - 1;
    this.shift = Math.clz32(this.mask);
    this.limit = (initial * 7) / 8;
    this.size = 0;
    this.cluster = new Uint32Array(0);
  }

  /**
   * Logs a value new to a run after the first, in the order read: its line and then a number's 8 bytes, or up to 201
   * characters, one byte each when all are below 256 (ids and most text), else two; a file's first value is
   * preceded by the file number. About 16 bytes for a 7-digit id.
   */
  private logValue(line: number, file: number, value: string | number | boolean | undefined): void {
    if (value === undefined) return;
    const text = typeof value === 'number' ? '' : typeof value === 'string' ? value : String(value);
    const length = Math.min(text.length, LOGGED_CHARS);
    let bits = 0;
    for (let i = 0; i < length; i++) bits |= text.charCodeAt(i);
    const wide = bits > 0xff;
    const words = 2 + (typeof value === 'number' ? 2 : wide ? (length + 1) >>> 1 : (length + 3) >>> 2);
    if (!this.log) this.log = new Uint32Array(LOG_WORDS);
    if (this.logAt + words + 2 > LOG_WORDS) this.flushLog();
    const log = this.log;
    let at = this.logAt;
    if (file !== this.logFile) {
      log[at++] = file;
      log[at++] = TAG_FILE;
      this.logFile = file;
    }
    log[at++] = line;
    if (typeof value === 'number') {
      scratch[0] = value;
      log[at++] = TAG_NUMBER;
      log[at++] = scratchWords[0] as number;
      log[at++] = scratchWords[1] as number;
    } else if (wide) {
      log[at++] = length | TAG_WIDE;
      for (let i = 0; i < length; i += 2) log[at++] = text.charCodeAt(i) | (i + 1 < length ? text.charCodeAt(i + 1) << 16 : 0);
    } else {
      log[at++] = length;
      for (let i = 0; i < length; i += 4) {
        let word = 0;
        for (let k = 0; k < 4 && i + k < length; k++) word |= text.charCodeAt(i + k) << (8 * k);
        log[at++] = word >>> 0;
      }
    }
    this.logAt = at;
  }

  private flushLog(): void {
    const spill = this.spill;
    if (!spill || !this.log || this.logAt === 0) return;
    const bytes = this.logAt * 4;
    writeFully(spill.values as number, new Uint8Array(this.log.buffer, 0, bytes), spill.valueBytes);
    spill.valueBytes += bytes;
    this.logAt = 0;
  }

  /**
   * The k-way merge of the runs on disk (the last table's too) by hash, each read a chunk at a time. A hash met in
   * more than one run is a value seen in more than one run: the earliest occurrence (by file, then line) is the
   * first, every other one a duplicate of it that `add` did not count.
   */
  private merge(): UniqueFinish {
    const spill = this.spill as Spill;
    const heap: RunCursor[] = [];
    for (const [offset, count] of spill.runList) heap.push(new RunCursor(spill.runs as number, offset, count));
    for (let i = heap.length - 1; i >= 0; i--) {
      if (!(heap[i] as RunCursor).next()) heap.splice(i, 1);
    }
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
    const watched = this.watchedByHash();
    const earliest = new Earliest(this.keep);
    const repointed: Duplicate[] = [];
    const groupFiles: number[] = [];
    const groupLines: number[] = [];
    let count = 0;
    while (heap.length > 0) {
      const top = heap[0] as RunCursor;
      const high = top.high;
      const low = top.low;
      let n = 0;
      do {
        const cursor = heap[0] as RunCursor;
        groupFiles[n] = cursor.file;
        groupLines[n] = cursor.line;
        n++;
        if (cursor.next()) siftDown(heap, 0);
        else {
          const tail = heap.pop() as RunCursor;
          if (heap.length > 0) {
            heap[0] = tail;
            siftDown(heap, 0);
          }
        }
      } while (heap.length > 0 && (heap[0] as RunCursor).high === high && (heap[0] as RunCursor).low === low);
      if (n === 1) continue;
      let first = 0;
      for (let i = 1; i < n; i++) if (earlier(groupFiles[i] as number, groupLines[i] as number, groupFiles[first] as number, groupLines[first] as number)) first = i;
      const firstFile = groupFiles[first] as number;
      const firstLine = groupLines[first] as number;
      count += n - 1;
      for (let i = 0; i < n; i++) if (i !== first) earliest.offer(groupFiles[i] as number, groupLines[i] as number, firstFile, firstLine);
      for (const w of watched.get(high) ?? []) {
        if (w.low === low && (w.firstFile !== firstFile || w.firstLine !== firstLine)) repointed.push({ file: w.file, line: w.line, firstFile, firstLine });
      }
    }
    const found = earliest.done();
    this.readValues(found);
    return { count, found, repointed };
  }

  /** The duplicates `add` reported after the first spill, by hash high half. */
  private watchedByHash(): Map<number, Watched[]> {
    const byHash = new Map<number, Watched[]>();
    const w = this.watched;
    for (let i = 0; i < w.length; i += 6) {
      const high = w[i] as number;
      const entry = { low: w[i + 1] as number, file: w[i + 2] as number, line: w[i + 3] as number, firstFile: w[i + 4] as number, firstLine: w[i + 5] as number };
      const list = byHash.get(high);
      if (list) list.push(entry);
      else byHash.set(high, [entry]);
    }
    return byHash;
  }

  /** Fills in the values of `found` (sorted by file and line) from the value log, read in order until all are met. */
  private readValues(found: Duplicate[]): void {
    const spill = this.spill as Spill;
    if (found.length === 0 || spill.valueBytes === 0) return;
    const chunk = new Uint32Array(LOG_WORDS);
    let position = 0;
    let next = 0;
    let file = 0;
    while (position < spill.valueBytes) {
      const words = readFully(spill.values as number, new Uint8Array(chunk.buffer, 0, Math.min(chunk.byteLength, spill.valueBytes - position)), position) >>> 2;
      let at = 0;
      for (;;) {
        if (at + 2 > words) break;
        const meta = chunk[at + 1] as number;
        const size = logRecordWords(meta);
        if (at + size > words) break;
        if (meta === TAG_FILE) {
          file = chunk[at] as number;
        } else {
          const line = chunk[at] as number;
          let target = found[next];
          while (target && earlier(target.file, target.line, file, line)) target = found[++next];
          if (!target) return;
          if (target.file === file && target.line === line) target.value = decodeValue(chunk, at + 1);
        }
        at += size;
      }
      if (at === 0) break;
      position += at * 4;
    }
  }
}

/** Words of a value log record, from its second word. */
function logRecordWords(meta: number): number {
  if (meta === TAG_FILE) return 2;
  if (meta === TAG_NUMBER) return 4;
  const length = meta & 0xffff;
  return 2 + ((meta & TAG_WIDE) !== 0 ? (length + 1) >>> 1 : (length + 3) >>> 2);
}

function decodeValue(words: Uint32Array, at: number): string | number {
  const meta = words[at] as number;
  if (meta === TAG_NUMBER) {
    scratchWords[0] = words[at + 1] as number;
    scratchWords[1] = words[at + 2] as number;
    return scratch[0] as number;
  }
  const length = meta & 0xffff;
  const wide = (meta & TAG_WIDE) !== 0;
  let text = '';
  for (let i = 0; i < length; i++) {
    const word = words[at + 1 + (wide ? i >>> 1 : i >>> 2)] as number;
    text += String.fromCharCode(wide ? (i & 1 ? word >>> 16 : word & 0xffff) : (word >>> (8 * (i & 3))) & 0xff);
  }
  return text;
}

/** Sorts records [start, end) by hash (high, then low). */
function insertionSort(records: Uint32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const at = i * RECORD;
    const h = records[at] as number;
    const l = records[at + 1] as number;
    const f = records[at + 2] as number;
    const n = records[at + 3] as number;
    let j = i - 1;
    while (j >= start) {
      const from = j * RECORD;
      const hj = records[from] as number;
      if (hj < h || (hj === h && (records[from + 1] as number) < l)) break;
      records[from + 4] = hj;
      records[from + 5] = records[from + 1] as number;
      records[from + 6] = records[from + 2] as number;
      records[from + 7] = records[from + 3] as number;
      j--;
    }
    const to = (j + 1) * RECORD;
    records[to] = h;
    records[to + 1] = l;
    records[to + 2] = f;
    records[to + 3] = n;
  }
}

function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}
