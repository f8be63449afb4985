import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { planShard, readDataset, type ReadDatasetOptions } from '../../shared/src/data/read-dataset';
import type { RecordBatch } from '../../shared/src/data/types';
import type { Logger } from '../../shared/src/ports';

const dir = mkdtempSync(path.join(tmpdir(), 'data-dataset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), content);
}

function recorder(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger: Logger = { debug() {}, info: (m) => lines.push(m), warning() {}, error() {}, group: (_n, fn) => fn(), mask() {} };
  return { logger, lines };
}

async function read(patterns: string[], options: Partial<ReadDatasetOptions> = {}): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  for await (const batch of readDataset(patterns, { cwd: dir, logger: recorder().logger, ...options })) batches.push(batch);
  return batches;
}

async function failure(patterns: string[], options: Partial<ReadDatasetOptions> = {}): Promise<string> {
  try {
    await read(patterns, options);
  } catch (error) {
    expect((error as Error).name).toBe('ConfigurationError');
    return (error as Error).message;
  }
  throw new Error('read without an error');
}

// Files of one column `n`, numbered through the whole input in sorted order: a/1.csv has 0-2, a/2.tsv 3-4, …
file('a/1.csv', 'n\n0\n1\n2\n');
file('a/2.tsv', 'n\n3\n4\n');
file('a/3.jsonl.gz', gzipSync('{"n":"5"}\n{"n":"6"}\n{"n":"7"}\n'));
file('a/B.ndjson', '{"n":"8"}\n');
file('a/skip.csv', 'n\n99\n');
file('other/x.txt', 'not data');

describe('readDataset', () => {
  it('reads every format the globs match, file after file in byte order, excluding ! patterns', async () => {
    const batches = await read(['a/*', '!a/skip.csv']);
    expect(batches.map((b) => b.file)).toEqual(['a/1.csv', 'a/2.tsv', 'a/3.jsonl.gz', 'a/B.ndjson']);
    expect(batches.flatMap((b) => b.rows.map((r) => r[0]))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(batches[2]?.records).toEqual([{ n: '5' }, { n: '6' }, { n: '7' }]);
  });

  it('reads a file once when two globs match it', async () => {
    const batches = await read(['a/1.csv', 'a/*.csv', '!a/skip.csv']);
    expect(batches.map((b) => b.file)).toEqual(['a/1.csv']);
  });

  it('a glob that matches nothing, and an unknown extension, are configuration errors', async () => {
    expect(await failure(['a/*.csv', 'x/*.csv'])).toBe(`data: "x/*.csv" matches no file under ${JSON.stringify(dir)}`);
    expect(await failure(['other/*'], { label: 'reference-data' })).toBe(
      'reference-data: "other/x.txt" is not a data file this action reads; expected a name ending in .csv, .tsv, .jsonl, .ndjson, .parquet (the text formats also with .gz)',
    );
  });

  it('logs rows, MB/s and time left for a long file', async () => {
    const { logger, lines } = recorder();
    let now = 0;
    const clock = { now: () => (now += 1000) };
    file('long.csv', `n\n${'1\n'.repeat(100_000)}`);
    await read(['long.csv'], { logger, clock, progressIntervalMs: 1 });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(/^Reading long\.csv: [\d,]+ rows, [\d.]+ KB of 200\.0 KB \(\d+%\), [\d.]+ KB\/s, about \d+ s left$/);
  });
});

describe('shards', () => {
  const all = ['a/1.csv', 'a/2.tsv', 'a/3.jsonl.gz', 'a/B.ndjson'];

  it('deals whole files round-robin when there are at least as many files as shards', () => {
    expect(planShard(all, { index: 1, count: 3 })).toEqual({ files: ['a/1.csv', 'a/B.ndjson'] });
    expect(planShard(all, { index: 2, count: 3 })).toEqual({ files: ['a/2.tsv'] });
    expect(planShard(all, { index: 3, count: 3 })).toEqual({ files: ['a/3.jsonl.gz'] });
    expect(planShard(all, { index: 1, count: 1 })).toEqual({ files: all });
  });

  it('deals rows by their number in the whole input when there are fewer files than shards', () => {
    expect(planShard(all, { index: 2, count: 5 })).toEqual({ files: all, rows: { modulus: 5, remainder: 1 } });
  });

  it('refuses a shard that is not i/n', () => {
    expect(() => planShard(all, { index: 4, count: 3 })).toThrow('shard: "4/3" is not a shard; expected i/n with whole numbers 1 ≤ i ≤ n');
  });

  for (const count of [2, 4, 5, 9]) {
    it(`${count} shards are disjoint and their union is the whole input`, async () => {
      const seen: string[] = [];
      for (let index = 1; index <= count; index++) {
        const batches = await read(['a/*', '!a/skip.csv'], { shard: { index, count }, batchRows: 2 });
        for (const batch of batches) {
          for (const [i, row] of batch.rows.entries()) seen.push(`${row[0]}@${batch.file}:${batch.lines[i]}`);
          if (batch.records) expect(batch.records).toHaveLength(batch.rows.length);
        }
      }
      expect(seen.sort()).toEqual(
        ['0@a/1.csv:2', '1@a/1.csv:3', '2@a/1.csv:4', '3@a/2.tsv:2', '4@a/2.tsv:3', '5@a/3.jsonl.gz:1', '6@a/3.jsonl.gz:2', '7@a/3.jsonl.gz:3', '8@a/B.ndjson:1'].sort(),
      );
    });
  }

  it('with fewer files than shards, shard i keeps rows i-1, i-1+n, … of the whole input', async () => {
    const batches = await read(['a/*', '!a/skip.csv'], { shard: { index: 2, count: 5 } });
    expect(batches.flatMap((b) => b.rows.map((r) => r[0]))).toEqual(['1', '6']);
  });
});
