import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ContractChecker, parseContract, type CheckResult } from '../../shared/src/contract';
import { UniqueTable } from '../../shared/src/contract/unique';
import type { RecordBatch, Value } from '../../shared/src/data/types';
import { hashNumber, hashString } from '../../shared/src/hashing/hash64';
import { uniforms } from '../fixtures/random';
import { RowBatch } from '../../shared/src/data/batch';

describe('UniqueTable', () => {
  it('finds every duplicate with its first line and file across many doublings', () => {
    const table = new UniqueTable();
    const next = uniforms(7);
    const first = new Map<number, [number, number]>();
    let duplicates = 0;
    const wrong: unknown[] = [];
    for (let line = 1; line <= 300_000; line++) {
      const value = Math.floor(next() * 200_000);
      const file = line < 100_000 ? 0 : line < 200_000 ? 1 : 2;
      hashNumber(value);
      const fresh = table.add(line, file);
      const seen = first.get(value);
      if (fresh !== (seen === undefined)) wrong.push({ value, line, fresh });
      if (seen === undefined) first.set(value, [line, file]);
      else {
        duplicates++;
        if (table.firstLine !== seen[0] || table.firstFile !== seen[1]) wrong.push({ value, line, first: [table.firstLine, table.firstFile], expected: seen });
      }
    }
    expect(table.distinct).toBe(first.size);
    expect(duplicates).toBe(300_000 - first.size);
    // Every value is still found after the doublings, with where it was first seen.
    for (const [value, [line, file]] of first) {
      hashNumber(value);
      if (table.add(0, 0) || table.firstLine !== line || table.firstFile !== file) wrong.push({ value, first: [table.firstLine, table.firstFile], expected: [line, file] });
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('addNumber finds what add finds, with progressions of ids kept out of the table', () => {
    const next = uniforms(11);
    const table = new UniqueTable();
    const reference = new Map<number, [number, number]>();
    const wrong: unknown[] = [];
    let line = 1;
    let file = 0;
    let id = 1;
    for (let k = 0; k < 200_000; k++) {
      const u = next();
      // Mostly the next id on the next line; sometimes a gap, a skipped line, a new file, a step of 10, an old
      // id again, a decimal, a negative, or a value far out.
      let value: number;
      if (u < 0.9) value = id++;
      else if (u < 0.93) value = id += 1 + Math.floor(next() * 50);
      else if (u < 0.95) value = Math.floor(next() * id);
      else if (u < 0.96) value = id += 10;
      else if (u < 0.97) value = Math.floor(next() * id) + 0.5;
      else if (u < 0.98) value = -Math.floor(next() * 100);
      else if (u < 0.99) value = 2 ** 60 + Math.floor(next() * 4) * 2 ** 10;
      else value = id;
      line += next() < 0.05 ? 2 : 1;
      if (next() < 0.0005) file++;
      const fresh = table.addNumber(value, line, file);
      const seen = reference.get(value);
      if (fresh !== (seen === undefined)) wrong.push({ value, line, fresh });
      if (seen === undefined) reference.set(value, [line, file]);
      else if (table.firstLine !== seen[0] || table.firstFile !== seen[1]) wrong.push({ value, line, first: [table.firstLine, table.firstFile], expected: seen });
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('keeps ids in order out of the table, a few numbers a run of them', () => {
    const table = new UniqueTable();
    let id = 0;
    let duplicates = 0;
    for (let line = 2; line < 1_000_002; line++) {
      id += line % 1000 === 0 ? 7 : 1; // a gap every 1,000 rows starts a new run
      if (!table.addNumber(id, line, 0)) duplicates++;
    }
    expect(duplicates).toBe(0);
    expect(table.distinct).toBe(0);
    expect(table.addNumber(500, 9, 0)).toBe(false);
    expect(table.firstLine).toBe(501);
  });

  it('holds 12 bytes per slot, 7/8 full before it doubles', () => {
    const table = new UniqueTable();
    const slots = 2 ** 14;
    for (let i = 0; i < (slots * 7) / 8; i++) {
      hashString(`value-${i}`);
      table.add(i + 2, 0);
    }
    expect(table.bytes).toBe(slots * 12);
    hashString('one more');
    table.add(1, 0);
    expect(table.bytes).toBe(2 * slots * 12);
    hashString('value-5');
    expect(table.add(99, 0)).toBe(false);
    expect(table.firstLine).toBe(7);
  });

  it('adds 2 bytes per slot once a second file is seen', () => {
    const table = new UniqueTable();
    hashString('a');
    table.add(2, 0);
    expect(table.bytes).toBe(1024 * 12);
    hashString('b');
    table.add(2, 1);
    expect(table.bytes).toBe(1024 * 14);
    hashString('a');
    expect(table.add(3, 1)).toBe(false);
    expect([table.firstLine, table.firstFile]).toEqual([2, 0]);
    hashString('b');
    expect(table.add(4, 0)).toBe(false);
    expect([table.firstLine, table.firstFile]).toEqual([2, 1]);
  });
});

/** A scratch directory for a table's temporary files, so a test can see what is left in it. */
function scratchDirectory(): string {
  return mkdtempSync(path.join(tmpdir(), 'unique-test-'));
}

interface Occurrence {
  file: number;
  line: number;
  firstFile: number;
  firstLine: number;
  value: number;
}

/** Every duplicate of a stream, by a Map: what the table, spilled or not, must find. */
function expectedDuplicates(stream: Array<[value: number, file: number, line: number]>): Occurrence[] {
  const first = new Map<number, [number, number]>();
  const duplicates: Occurrence[] = [];
  for (const [value, file, line] of stream) {
    const seen = first.get(value);
    if (seen) duplicates.push({ file, line, firstFile: seen[0], firstLine: seen[1], value });
    else first.set(value, [file, line]);
  }
  return duplicates;
}

/** A stream of values over three files, a fifth of them repeats, many far apart (in different runs). */
function stream(count: number, seed: number): Array<[number, number, number]> {
  const next = uniforms(seed);
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < count; i++) {
    const file = i < count / 3 ? 0 : i < (2 * count) / 3 ? 1 : 2;
    out.push([Math.floor(next() * count * 4), file, i + 2]);
  }
  return out;
}

// A budget buys 15 bytes a slot (12 in the table, 2 of file number, 1 of buffers), in powers of two: `n * 15` is n slots.
describe('UniqueTable within a memory budget', () => {
  it('spills sorted runs and finds, at the end, every duplicate whose first occurrence went to disk', () => {
    const dir = scratchDirectory();
    try {
      const data = stream(20_000, 11);
      const table = new UniqueTable({ memory: 2048 * 15, directory: dir, keep: 25 });
      const live: Occurrence[] = [];
      for (const [value, file, line] of data) {
        hashNumber(value);
        if (!table.add(line, file, value)) live.push({ file, line, firstFile: table.firstFile, firstLine: table.firstLine, value });
      }
      expect(table.runs).toBeGreaterThan(3);
      expect(readdirSync(dir)).toHaveLength(1);
      const result = table.finish();
      const expected = expectedDuplicates(data);
      expect(live.length + result.count).toBe(expected.length);
      // Which duplicates the merge found: those `add` did not report, the earliest 25 of them, each with its value.
      const reported = new Set(live.map((d) => `${d.file}:${d.line}`));
      const merged = expected.filter((d) => !reported.has(`${d.file}:${d.line}`));
      expect(merged.length).toBe(result.count);
      expect(result.found).toEqual(merged.slice(0, 25));
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts every duplicate at any budget, whatever clusters wrap round the table when it spills', () => {
    const wrong: unknown[] = [];
    for (const slots of [64, 256, 1024]) {
      for (let seed = 1; seed <= 6; seed++) {
        const data = stream(slots * (2 + seed), seed);
        const table = new UniqueTable({ memory: slots * 15, keep: 5 });
        let count = 0;
        for (const [value, file, line] of data) {
          hashNumber(value);
          if (!table.add(line, file, value)) count++;
        }
        count += table.finish().count;
        const expected = expectedDuplicates(data).length;
        if (count !== expected) wrong.push({ slots, seed, count, expected });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('points the duplicates add reported after a spill at the earliest occurrence, in an earlier run', () => {
    const dir = scratchDirectory();
    try {
      const table = new UniqueTable({ memory: 64 * 15, directory: dir, keep: 20 });
      const add = (value: string, line: number): boolean => {
        hashString(value);
        return table.add(line, 0, value);
      };
      add('x', 2);
      for (let i = 0; i < 100; i++) add(`fill-${i}`, 3 + i); // more than one table of 64 slots: a spill
      expect(table.runs).toBe(1);
      expect(add('x', 200)).toBe(true); // new to the live table
      expect(add('x', 201)).toBe(false);
      expect(table.firstLine).toBe(200); // all add can know
      const result = table.finish();
      expect(result.count).toBe(1);
      expect(result.found).toEqual([{ file: 0, line: 200, firstFile: 0, firstLine: 2, value: 'x' }]);
      expect(result.repointed).toEqual([{ file: 0, line: 201, firstFile: 0, firstLine: 2 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never touches the disk within its budget', () => {
    const dir = scratchDirectory();
    try {
      const table = new UniqueTable({ memory: 1 << 20, directory: dir });
      for (let i = 0; i < 20_000; i++) {
        hashNumber(i % 15_000);
        table.add(i + 2, 0, i % 15_000);
      }
      expect(table.runs).toBe(0);
      expect(readdirSync(dir)).toEqual([]);
      expect(table.finish()).toEqual({ count: 0, found: [], repointed: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes its temporary files when a spill fails', () => {
    const dir = scratchDirectory();
    try {
      const table = new UniqueTable({ memory: 64 * 15, directory: dir });
      let line = 2;
      while (table.runs === 0) {
        hashNumber(line);
        table.add(line++, 0, line);
      }
      expect(readdirSync(dir)).toHaveLength(1);
      // Pull the run file from under it: the next spill's write fails.
      closeSync((table as unknown as { spill: { runs: number } }).spill.runs);
      expect(() => {
        for (let i = 0; i < 1000; i++) {
          hashNumber(line);
          table.add(line++, 0, line);
        }
      }).toThrow();
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes its temporary files when the process ends on an error before finish', () => {
    const dir = scratchDirectory();
    try {
      // A process of its own that spills and then dies on an uncaught error, as a check that throws would.
      const script = path.join(dir, 'dies.mjs');
      const source = [
        `import { UniqueTable } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../shared/src/contract/unique.ts'))};`,
        `import { hashNumber } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../shared/src/hashing/hash64.ts'))};`,
        `const table = new UniqueTable({ memory: 64 * 15, directory: ${JSON.stringify(path.join(dir, 'spill'))} });`,
        'for (let i = 0; i < 1000; i++) { hashNumber(i); table.add(i + 2, 0, i); }',
        "if (table.runs === 0) process.exit(3);",
        "throw new Error('the check failed');",
      ].join('\n');
      buildSync({ stdin: { contents: source, resolveDir: dir, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: script, logLevel: 'silent' });
      mkdirSync(path.join(dir, 'spill'));
      const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('the check failed');
      expect(readdirSync(path.join(dir, 'spill'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps file numbers past 65,535', () => {
    const table = new UniqueTable();
    hashString('a');
    table.add(5, 70_000);
    expect(table.bytes).toBe(1024 * 16);
    hashString('a');
    expect(table.add(6, 70_001)).toBe(false);
    expect([table.firstLine, table.firstFile]).toEqual([5, 70_000]);
  });
});

describe('the unique check, spilled or not', () => {
  const contract = parseContract(
    'version: 1\ncolumns:\n  id: { type: integer, unique: true }\n  email: { type: string, unique: true }\n  code: { unique: true }\n',
    'contract.yaml',
  );

  /** Three files of rows with ids, emails and codes that repeat near and far, nulls among them. */
  function batches(): RecordBatch[] {
    const next = uniforms(3);
    const out: RecordBatch[] = [];
    for (let f = 0; f < 3; f++) {
      for (let b = 0; b < 4; b++) {
        const rows: Value[][] = [];
        const lines: number[] = [];
        for (let r = 0; r < 2500; r++) {
          const u = next();
          const id: Value = u < 0.05 ? null : u < 0.5 ? String(Math.floor(next() * 200_000)) : Math.floor(next() * 200_000);
          const e = next();
          const n = Math.floor(next() * 100_000);
          // Mostly Latin-1 text, some wider (logged two bytes a character), some longer than a report shows.
          const email: Value = e < 0.05 ? null : e < 0.8 ? `user-${n}@example.org` : e < 0.9 ? `ユーザー${n}@例え.jp` : `${'x'.repeat(230)}-${n}@example.org`;
          const code: Value = next() < 0.1 ? null : next() < 0.5 ? Math.floor(next() * 50_000) : `c${Math.floor(next() * 50_000)}`;
          rows.push([id, email, code]);
          lines.push(2 + b * 2500 + r);
        }
        out.push(new RowBatch({ file: `part-${f}.csv`, columns: ['id', 'email', 'code'], rows, lines }));
      }
    }
    return out;
  }

  function uniqueResults(options: { maxFailuresPerCheck?: number; unique?: { memory: number; directory?: string } }): CheckResult[] {
    const checker = new ContractChecker(contract, options);
    for (const batch of batches()) checker.add(batch);
    return checker.finish({ rows: 30_000, now: 0 }).filter((result) => result.check === 'unique');
  }

  it('finds the same duplicates of sequential ids, spilled or not, as a plain count', () => {
    const sequential = parseContract('version: 1\ncolumns:\n  id: { type: integer, unique: true }\n', 'contract.yaml');
    const next = uniforms(5);
    const all: RecordBatch[] = [];
    const seen = new Map<number, number>();
    const expected: Array<{ line: number; first: number }> = [];
    let id = 1;
    for (let b = 0; b < 20; b++) {
      const rows: Value[][] = [];
      const lines: number[] = [];
      for (let r = 0; r < 1000; r++) {
        const line = 2 + b * 1000 + r;
        // Ids in order, with a repeat of an old one now and then (shuffled ids, as text or number).
        const value = next() < 0.02 ? 1 + Math.floor(next() * (id - 1)) : id++;
        rows.push([next() < 0.5 ? String(value) : value]);
        lines.push(line);
        const first = seen.get(value);
        if (first === undefined) seen.set(value, line);
        else expected.push({ line, first });
      }
      all.push(new RowBatch({ file: 'ids.csv', columns: ['id'], rows, lines }));
    }
    const dir = scratchDirectory();
    try {
      for (const unique of [{ memory: Number.POSITIVE_INFINITY }, { memory: 512 * 15, directory: dir }]) {
        const checker = new ContractChecker(sequential, { maxFailuresPerCheck: 1000, unique });
        for (const batch of all) checker.add(batch);
        const result = checker.finish({ rows: 20_000, now: 0 }).find((r) => r.check === 'unique') as CheckResult;
        expect(result.failed).toBe(expected.length);
        expect(result.failures.map((f) => ({ line: f.line, first: f.firstOccurrence?.line }))).toEqual(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([20, 3, 500])('reports the same counts, failures and first occurrences (%i failures kept)', (maxFailuresPerCheck) => {
    const dir = scratchDirectory();
    try {
      const inMemory = uniqueResults({ maxFailuresPerCheck, unique: { memory: Number.POSITIVE_INFINITY } });
      // 512 slots a table: about 450 values a run, dozens of runs a column.
      const spilled = uniqueResults({ maxFailuresPerCheck, unique: { memory: 512 * 15, directory: dir } });
      expect(inMemory.map((result) => result.failed).every((failed) => failed > 1000)).toBe(true);
      expect(inMemory[0]?.failures).toHaveLength(maxFailuresPerCheck);
      expect(spilled).toEqual(inMemory);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
