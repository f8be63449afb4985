import { describe, expect, it } from 'vitest';
import { UniqueTable } from '../../shared/src/contract/unique';
import { hashNumber, hashString } from '../../shared/src/hashing/hash64';
import { uniforms } from '../fixtures/random';

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
