import type { Clock, Logger } from './ports';

/**
 * Logs the progress of long work every few seconds: amount done, throughput and time left. Silent for work
 * that finishes before the first interval, so short runs keep a clean log.
 */
export class ProgressReporter {
  private done = 0;
  private items = 0;
  private counted = false;
  private readonly started: number;
  private lastReport: number;

  constructor(
    private readonly what: string,
    private readonly total: number | undefined,
    private readonly logger: Logger,
    private readonly clock: Clock = { now: () => Date.now() },
    private readonly intervalMs = 5000,
  ) {
    this.started = clock.now();
    this.lastReport = this.started;
  }

  /**
   * Adds work done: `bytes`, and optionally `rows` (or other items) that the progress line then counts too
   * (`Reading data.csv: 1,200,000 rows, 250.0 MB of 1.0 GB (25%), …`).
   */
  add(bytes: number, rows?: number): void {
    this.done += bytes;
    if (rows !== undefined) {
      this.items += rows;
      this.counted = true;
    }
    const now = this.clock.now();
    if (now - this.lastReport < this.intervalMs) return;
    this.lastReport = now;
    const seconds = (now - this.started) / 1000;
    const rate = this.done / seconds;
    let line = `${this.what}: `;
    if (this.counted) line += `${this.items.toLocaleString('en-US')} rows, `;
    line += formatBytes(this.done);
    if (this.total) line += ` of ${formatBytes(this.total)} (${((100 * this.done) / this.total).toFixed(0)}%)`;
    line += `, ${formatBytes(rate)}/s`;
    if (this.total && rate > 0) line += `, about ${Math.ceil((this.total - this.done) / rate)} s left`;
    this.logger.info(line);
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
