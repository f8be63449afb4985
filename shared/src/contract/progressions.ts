/**
 * The common shape of a `unique` numeric column, kept without a hash table: values that arrive in arithmetic
 * progression on lines in arithmetic progression (ids 1, 2, 3 … one per line; timestamps every second). A run
 * (first value, value step, first line, line step, count, file) stands for all its values, so a column of a
 * million sequential ids takes a few numbers, not a million table slots, each a cache miss.
 *
 * Only values larger than every value before them (in runs or not) start or extend a run, so the runs' values are
 * distinct, ascending run after run, and disjoint from every value kept elsewhere: a smaller value is either in a
 * run (a duplicate, whose first occurrence the run computes) or is for the hash table to judge. Safe integers only,
 * so every step and position is exact.
 */

/** Runs kept at most: 4,096 runs are 160 KiB; past them new values go to the hash table. */
export const MAX_RUNS = 4096;

export class Progressions {
  /** The largest value added (here or to the table beside): a larger one cannot be a duplicate. */
  max = Number.NEGATIVE_INFINITY;
  /** Where the value `find` found was first seen. */
  foundLine = 0;
  foundFile = 0;
  private size = 0;
  private readonly starts = new Float64Array(MAX_RUNS);
  private readonly steps = new Float64Array(MAX_RUNS);
  private readonly counts = new Float64Array(MAX_RUNS);
  private readonly lines = new Float64Array(MAX_RUNS);
  private readonly lineSteps = new Float64Array(MAX_RUNS);
  private readonly files = new Float64Array(MAX_RUNS);

  /**
   * Takes x, larger than every value before it (the caller checked x > max and moved max), seen at `line` of file
   * number `file`: true when a run holds it now, false when there is no room for a new run (the table takes it).
   */
  append(x: number, line: number, file: number): boolean {
    if (!Number.isSafeInteger(x)) return false;
    const last = this.size - 1;
    if (last >= 0 && this.files[last] === file) {
      const count = this.counts[last] as number;
      const start = this.starts[last] as number;
      const firstLine = this.lines[last] as number;
      if (count === 1) {
        // A run of one takes any second value on a later line: the two fix its steps.
        const step = x - start;
        if (line > firstLine && Number.isSafeInteger(step)) {
          this.steps[last] = step;
          this.lineSteps[last] = line - firstLine;
          this.counts[last] = 2;
          return true;
        }
      } else if (x === start + count * (this.steps[last] as number) && line === firstLine + count * (this.lineSteps[last] as number)) {
        this.counts[last] = count + 1;
        return true;
      }
    }
    if (this.size === MAX_RUNS) return false;
    const run = this.size++;
    this.starts[run] = x;
    this.steps[run] = 0;
    this.counts[run] = 1;
    this.lines[run] = line;
    this.lineSteps[run] = 0;
    this.files[run] = file;
    return true;
  }

  /** Whether a run holds x (then foundLine and foundFile say where it was first seen). */
  find(x: number): boolean {
    if (!Number.isSafeInteger(x)) return false;
    // The last run that starts at or below x: runs start in ascending order.
    let low = 0;
    let high = this.size - 1;
    if (high < 0 || x < (this.starts[0] as number)) return false;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.starts[middle] as number) <= x) low = middle;
      else high = middle - 1;
    }
    const offset = x - (this.starts[low] as number);
    const count = this.counts[low] as number;
    if (offset === 0) {
      this.foundLine = this.lines[low] as number;
      this.foundFile = this.files[low] as number;
      return true;
    }
    if (count === 1) return false;
    const step = this.steps[low] as number;
    const k = offset / step;
    if (!Number.isInteger(k) || k >= count || (this.starts[low] as number) + k * step !== x) return false;
    this.foundLine = (this.lines[low] as number) + k * (this.lineSteps[low] as number);
    this.foundFile = this.files[low] as number;
    return true;
  }
}
