import { describe, expect, it } from 'vitest';
import type { Logger } from '../../shared/src/ports';
import { ProgressReporter, formatBytes } from '../../shared/src/progress';

function recorder(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger: Logger = { debug() {}, info: (m) => lines.push(m), warning() {}, error() {}, group: (_n, fn) => fn(), mask() {} };
  return { logger, lines };
}

describe('ProgressReporter', () => {
  it('says nothing for work that ends within the first interval', () => {
    const { logger, lines } = recorder();
    let now = 0;
    const progress = new ProgressReporter('Hashing', 100e6, logger, { now: () => now });
    now = 4_999;
    progress.add(100e6);
    expect(lines).toEqual([]);
  });

  it('reports amount, share, throughput and time left every interval', () => {
    const { logger, lines } = recorder();
    let now = 0;
    const progress = new ProgressReporter('Hashing model', 1e9, logger, { now: () => now });
    now = 5_000;
    progress.add(250e6);
    now = 6_000;
    progress.add(50e6); // within the interval of the last report: silent
    now = 10_000;
    progress.add(200e6);
    expect(lines).toEqual([
      'Hashing model: 250.0 MB of 1.0 GB (25%), 50.0 MB/s, about 15 s left',
      'Hashing model: 500.0 MB of 1.0 GB (50%), 50.0 MB/s, about 10 s left',
    ]);
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect([0, 999, 1000, 1_500_000, 2e12].map(formatBytes)).toEqual(['0 B', '999 B', '1.0 KB', '1.5 MB', '2.0 TB']);
  });
});
