import { readdirSync, readFileSync } from 'node:fs';

/** Ticks start fast, so that a short command is seen at all, and slow down to this as it keeps running. */
const FIRST_INTERVAL_MS = 5;
const MAX_INTERVAL_MS = 100;

/**
 * Peak resident memory of a process group, sampled from /proc (Linux only; elsewhere it reports undefined).
 *
 * Node cannot read a child's rusage, and `/usr/bin/time` is not on every runner, so the group is sampled: at
 * each tick (every 5 ms at first, slowing to every 100 ms) the resident sizes of its processes are summed, and each process's own high-water mark (VmHWM)
 * is read too. The peak is the larger of the highest sum and the highest single high-water mark, so one big
 * process is measured exactly and short-lived helpers between ticks may be missed.
 */
export class ProcessGroupMemorySampler {
  private peakBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly supported = process.platform === 'linux';

  constructor(private readonly groupId: number) {
    if (!this.supported) return;
    this.tick(FIRST_INTERVAL_MS);
  }

  /** Stops sampling and returns the peak in bytes. */
  stop(): number | undefined {
    if (!this.supported) return undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.peakBytes > 0 ? this.peakBytes : undefined;
  }

  private tick(interval: number): void {
    this.sample();
    this.timer = setTimeout(() => this.tick(Math.min(interval * 2, MAX_INTERVAL_MS)), interval);
    this.timer.unref();
  }

  private sample(): void {
    let residentSum = 0;
    for (const pid of this.groupMembers()) {
      const status = readOrEmpty(`/proc/${pid}/status`);
      const resident = kilobytesField(status, 'VmRSS');
      const highWater = kilobytesField(status, 'VmHWM');
      residentSum += resident;
      this.peakBytes = Math.max(this.peakBytes, highWater * 1024);
    }
    this.peakBytes = Math.max(this.peakBytes, residentSum * 1024);
  }

  private *groupMembers(): Generator<string> {
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return;
    }
    for (const pid of entries) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = readOrEmpty(`/proc/${pid}/stat`);
      // Fields after the command name, which is in parentheses and may contain spaces: state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === this.groupId) yield pid;
    }
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // the process ended between listing and reading
  }
}

function kilobytesField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}
