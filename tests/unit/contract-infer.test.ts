import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractChecker, inferContract, loadContract, parseContract, writeContract, type CheckResult, type ColumnSummary, type DatasetSummary } from '../../shared/src/contract';
import type { ColumnContract } from '../../shared/src/contract/types';
import { widenNumbers } from '../../shared/src/contract/infer';
import { parseBoolean, parseDecimal, parseTimestamp } from '../../shared/src/data/values';
import type { RecordBatch, Value } from '../../shared/src/data/types';
import { uniforms } from '../fixtures/random';
import { RowBatch } from '../../shared/src/data/batch';

const COLUMNS = ['id', 'age', 'score', 'email', 'plan', 'signup', 'active', 'note', 'delta'];

/** CSV-like rows: every value text, an empty field null. */
function dataset(rows: number, seed = 7): RecordBatch[] {
  const next = uniforms(seed);
  const plans = ['free', 'pro', 'team'];
  const all: Value[][] = [];
  for (let i = 0; i < rows; i++) {
    all.push([
      String(1000 + i),
      String(18 + Math.floor(next() * 70)),
      next() < 0.03 ? null : (next() * 10 - 2).toFixed(3),
      `user${i}@example.org`,
      plans[Math.floor(next() * 3)] ?? 'free',
      new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 150) * 86_400_000 + Math.floor(next() * 86_400) * 1000).toISOString(),
      next() < 0.5 ? 'true' : 'false',
      null,
      String(-1 - Math.floor(next() * 50)),
    ]);
  }
  const batches: RecordBatch[] = [];
  for (let start = 0; start < rows; start += 1000) {
    const slice = all.slice(start, start + 1000);
    batches.push(new RowBatch({ file: 'data/train.csv', columns: COLUMNS, rows: slice, lines: slice.map((_, k) => start + k + 2) }));
  }
  return batches;
}

/**
 * What a profile gives, computed here: counts exact while there are at most 1,000 distinct values, as the
 * profile's; past that, estimates (the top values then a few, with an error).
 */
function summarize(batches: RecordBatch[], types: ColumnSummary['type'][]): DatasetSummary {
  const rows = batches.reduce((sum, b) => sum + b.rows.length, 0);
  const columns = COLUMNS.map((name, j): ColumnSummary => {
    const type = types[j] ?? 'string';
    const counts = new Map<string, number>();
    let nulls = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let minLength = Number.POSITIVE_INFINITY;
    let maxLength = 0;
    let numbersAndBooleans = 0;
    for (const b of batches) {
      for (const row of b.rows) {
        const v = row[j];
        if (v === null || v === undefined) {
          nulls++;
          continue;
        }
        const text = String(v);
        counts.set(text, (counts.get(text) ?? 0) + 1);
        if (parseDecimal(text) === parseDecimal(text) || parseBoolean(text) >= 0) numbersAndBooleans++;
        const x = type === 'timestamp' ? parseTimestamp(text) : Number(text);
        min = Math.min(min, x);
        max = Math.max(max, x);
        minLength = Math.min(minLength, text.length);
        maxLength = Math.max(maxLength, text.length);
      }
    }
    const exact = counts.size <= 1000;
    const all = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const topValues = exact ? all : all.slice(0, 50);
    const summary: ColumnSummary = { name, type, count: rows - nulls, nulls, invalid: 0, numbersAndBooleans, distinct: counts.size, distinctExact: exact, topValues, topError: exact ? 0 : 1 };
    if (type === 'integer' || type === 'number' || type === 'timestamp') Object.assign(summary, { min, max });
    if (type === 'string') Object.assign(summary, { minLength, maxLength });
    return summary;
  });
  return { rows, columns };
}

/** The fields of a summary whose counts are exact and whose values are all text of the column's type. */
const exact = { invalid: 0, numbersAndBooleans: 0, distinctExact: true, topError: 0 } as const;

/** Top values of the integers from..to, each seen once, as a profile lists them. */
function ids(from: number, to: number): Array<{ value: string; count: number }> {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ value: String(from + i), count: 1 }));
}

const TYPES: ColumnSummary['type'][] = ['integer', 'integer', 'number', 'string', 'string', 'timestamp', 'boolean', 'unknown', 'integer'];

function check(contract: ReturnType<typeof parseContract>, batches: RecordBatch[]): CheckResult[] {
  const checker = new ContractChecker(contract);
  for (const b of batches) checker.add(b);
  return checker.finish({ rows: checker.rows, now: Date.UTC(2024, 6, 1) });
}

describe('inferring a contract', () => {
  const batches = dataset(5000);
  const summary = summarize(batches, TYPES);
  const inferred = inferContract(summary, { source: 'data/train.csv', date: '2024-07-01' });

  it('widens what it saw into tolerances', () => {
    const byName = Object.fromEntries(inferred.columns.map((c) => [c.name, c]));
    // ids 1000..5999: range 4999, widened by 500 on each side. Not unique: 5,000 distinct values are past exact
    // counts, and an estimate cannot prove that no value repeats.
    expect(byName.id).toEqual({ name: 'id', type: 'integer', nullable: false, min: 500, max: 6499 });
    // ages 18..87: never below 0 although 10 % of the range is 6.9.
    expect(byName.age).toMatchObject({ type: 'integer', nullable: false, min: 11, max: 94 });
    expect(byName.age?.unique).toBeUndefined();
    const score = byName.score;
    expect(score?.type).toBe('number');
    expect(score?.nullable).toBeUndefined();
    expect(score?.maxNullFraction).toBeGreaterThan(0.06);
    expect(score?.maxNullFraction).toBeLessThan(0.08);
    expect(Number(score?.min)).toBeLessThan(-2);
    expect(Number(score?.max)).toBeGreaterThan(8);
    expect(byName.email).toMatchObject({ type: 'string', nullable: false });
    expect(byName.email?.unique).toBeUndefined();
    expect(byName.email).toMatchObject({ minLength: 15, maxLength: 22 }); // observed 17..20, widened by 10 % of 20
    expect(byName.plan).toEqual({ name: 'plan', type: 'category', nullable: false, allowed: ['free', 'pro', 'team'] });
    expect(byName.signup).toEqual({ name: 'signup', type: 'timestamp', nullable: false, min: '2023-12-17' });
    expect(byName.active).toEqual({ name: 'active', type: 'boolean', nullable: false });
    expect(byName.note).toEqual({ name: 'note' });
    expect(byName.delta).toMatchObject({ type: 'integer', max: 0 });
    expect(inferred.spec.dataset).toEqual({ rows: { min: 2500, max: 10000 }, requiredColumns: COLUMNS });
  });

  it('writes YAML with a header saying what it was inferred from and when', () => {
    const text = writeContract(inferred);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/mlops-actions/mlops-actions/v1/shared/schemas/contract.schema.json',
      '# Data contract inferred by mlops-actions (validate-data, infer-contract) on 2024-07-01',
      '# from data/train.csv: 5000 rows, 9 columns.',
    ]);
    expect(text).toContain('  plan:\n    type: category\n    nullable: false\n    allowed: [free, pro, team]\n');
    expect(text).toContain('  note: {}\n');
    expect(text).toContain('dataset:\n  rows:\n    min: 2500\n    max: 10000\n  required-columns: [id, age, score, email, plan, signup, active, note, delta]\n');
  });

  it('round-trips: load(write(contract)) has the same checks', () => {
    const loaded = parseContract(writeContract(inferred), 'inferred.yaml');
    expect(loaded.spec).toEqual(inferred.spec);
  });

  it('the data it was inferred from passes it', () => {
    const loaded = parseContract(writeContract(inferred), 'inferred.yaml');
    const results = check(loaded, batches);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(results.length).toBeGreaterThan(20);
    // and more data of the same kind passes too
    const more = dataset(4000, 11);
    expect(check(loaded, more).filter((r) => !r.passed).map((r) => r.id)).toEqual([]);
  });

  it('does not call a column of few values a category when one is seen only once, nor unique when small', () => {
    const small = inferContract(
      {
        rows: 10,
        columns: [
          { ...exact, name: 'c', type: 'string', count: 10, nulls: 0, distinct: 3, topValues: [{ value: 'a', count: 8 }, { value: 'b', count: 1 }, { value: 'c', count: 1 }], minLength: 1, maxLength: 1 },
          { ...exact, name: 'id', type: 'integer', count: 10, nulls: 0, distinct: 10, topValues: ids(1, 10), min: 1, max: 10 },
        ],
      },
      { source: 'x', date: '2024-01-01' },
    );
    expect(small.column('c')).toEqual({ name: 'c', type: 'string', nullable: false, maxLength: 2 });
    expect(small.column('id')?.unique).toBeUndefined();
  });

  it('calls a column unique when the counts are exact and no value repeats', () => {
    const few = dataset(800);
    const contract = inferContract(summarize(few, TYPES), { source: 'data/train.csv', date: '2024-07-01' });
    expect(contract.column('id')).toMatchObject({ type: 'integer', unique: true });
    expect(contract.column('email')).toMatchObject({ type: 'string', unique: true });
    expect(contract.column('age')?.unique).toBeUndefined();
    expect(check(parseContract(writeContract(contract), 'inferred.yaml'), few).filter((r) => !r.passed)).toEqual([]);
  });

  it('widens numeric bounds outward, rounding, never across zero', () => {
    expect(widenNumbers(0, 100, true)).toEqual([0, 110]);
    expect(widenNumbers(3, 3, true)).toEqual([2, 4]);
    // An all-negative column's max rounds up to -0, written as 0.
    expect(Object.is(widenNumbers(-5, -1, true)[1], 0)).toBe(true);
    expect(widenNumbers(-50, -1, true)).toEqual([-55, 0]);
    expect(widenNumbers(-5, 5, true)).toEqual([-6, 6]);
    expect(widenNumbers(0.1234, 0.9876, false)).toEqual([0.036, 1.075]);
    expect(widenNumbers(1234.5, 1234.5, false)).toEqual([1110, 1360]);
    expect(widenNumbers(0.5, 0.5, false)).toEqual([0, 1.5]);
  });
});

describe('inferring from what the profile can and cannot prove', () => {
  const infer = (column: ColumnSummary, rows = column.count + column.nulls): ColumnContract | undefined =>
    inferContract({ rows, columns: [column] }, { source: 'x', date: '2024-01-01' }).column(column.name);
  const integers = { ...exact, name: 'n', type: 'integer', count: 200, nulls: 0, distinct: 200, topValues: ids(1, 200), min: 1, max: 200 } as const;

  it('lets the stray values of a typed column pass: mostly from their share, doubled and rounded up', () => {
    // 199 integers and one N/A: a share of 0.5 %, allowed 1 %.
    expect(infer({ ...integers, invalid: 1, numbersAndBooleans: 199 })).toMatchObject({ type: 'integer', mostly: 0.99 });
    // 3 of 1,000: 0.6 % allowed.
    expect(infer({ ...integers, count: 1000, invalid: 3, distinct: 1000, distinctExact: false })).toMatchObject({ mostly: 0.994 });
    // 2 of 199: 2.01 % rounds up to 3 %.
    expect(infer({ ...integers, type: 'timestamp', count: 199, invalid: 2 })?.mostly).toBe(0.97);
    expect(infer({ ...integers, type: 'boolean', invalid: 1 })?.mostly).toBe(0.99);
    expect(infer(integers)?.mostly).toBeUndefined();
  });

  it('takes the nulls from the profile, which counts a float NaN as one as the checks do; strays are no nulls', () => {
    expect(infer({ ...integers, type: 'number', invalid: 1 })?.nullable).toBe(false);
    const text = { ...exact, name: 's', type: 'string', count: 200, nulls: 0, distinct: 200, topValues: [{ value: 'NaN', count: 10 }, ...ids(1, 190)], minLength: 1, maxLength: 3 } as const;
    // The text NaN is text (a JSON string, a CSV field), not a null.
    expect(infer(text)?.nullable).toBe(false);
    expect(infer({ ...integers, nulls: 10 })?.maxNullFraction).toBe(0.11);
  });

  it('leaves out type: string when values read as numbers or booleans (JSON ones fail it)', () => {
    const mixed = { ...exact, name: 'code', type: 'string', count: 60, nulls: 0, distinct: 60, numbersAndBooleans: 30, topValues: ids(1, 60), minLength: 1, maxLength: 3 } as const;
    expect(infer(mixed)).toEqual({ name: 'code', nullable: false, maxLength: 4 });
    expect(infer({ ...mixed, numbersAndBooleans: 0 })?.type).toBe('string');
    // A category compares every value as its text, so it stays one.
    const few = { ...mixed, distinct: 2, topValues: [{ value: '1', count: 30 }, { value: 'x', count: 30 }] };
    expect(infer(few)).toMatchObject({ type: 'category', allowed: ['1', 'x'] });
  });

  it('infers unique only from exact counts', () => {
    expect(infer(integers)?.unique).toBe(true);
    // An estimated distinct count, or approximate top values, prove nothing (a count of 1 may be 1 + error).
    expect(infer({ ...integers, distinctExact: false })?.unique).toBeUndefined();
    expect(infer({ ...integers, topError: 2 })?.unique).toBeUndefined();
    expect(infer({ ...integers, distinct: 199 })?.unique).toBeUndefined();
    expect(infer({ ...integers, topValues: ids(1, 50) })?.unique).toBeUndefined();
    expect(infer({ ...integers, topValues: [{ value: '1', count: 2 }, ...ids(2, 199)] })?.unique).toBeUndefined();
    expect(infer({ ...integers, count: 99, distinct: 99, topValues: ids(1, 99) })?.unique).toBeUndefined();
  });

  it('infers unique on integers only when the texts are distinct as numbers', () => {
    for (const [a, b] of [['007', '7'], ['+7', '7'], ['-0', '0']]) {
      const topValues = [{ value: a as string, count: 1 }, { value: b as string, count: 1 }, ...ids(10, 207)];
      expect(infer({ ...integers, topValues })?.unique, `${a} and ${b}`).toBeUndefined();
      // As strings they are distinct.
      expect(infer({ ...integers, type: 'string', minLength: 1, maxLength: 16, topValues })?.unique).toBe(true);
    }
    // Past 2^53 the check compares digits as written: ids a double would round together are distinct to it.
    expect(infer({ ...integers, topValues: [{ value: '9007199254740993', count: 1 }, { value: '9007199254740992', count: 1 }, ...ids(10, 207)] })?.unique).toBe(true);
    // A stray text is not checked by unique on an integer column, and does not stop it.
    expect(infer({ ...integers, invalid: 1, topValues: [{ value: 'N/A', count: 1 }, ...ids(1, 199)] })?.unique).toBe(true);
  });

  it('never writes a timestamp min before 0000-01-01 (a 0001-01-01 sentinel in the data)', () => {
    const stamps = { ...exact, name: 't', type: 'timestamp', count: 300, nulls: 0, distinct: 300, topValues: ids(1, 300), min: Date.UTC(2001, 0, 1) - 2000 * 365.25 * 86_400_000, max: Date.UTC(2024, 4, 2) } as const;
    expect(infer(stamps)?.min).toBe('0000-01-01');
    expect(infer({ ...stamps, min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 0, 11) })?.min).toBe('2023-12-31');
  });

  it('requires only the columns every file had', () => {
    // `late` was in 200 of the 300 rows: a file without it would fail required-columns.
    const all = { ...integers, count: 250, nulls: 50, distinct: 250, topValues: ids(1, 250) };
    const contract = inferContract({ rows: 300, columns: [all, { ...integers, name: 'late' }] }, { source: 'x', date: '2024-01-01' });
    expect(contract.spec.dataset?.requiredColumns).toEqual(['n']);
  });
});

describe('round trip of a written contract', () => {
  it('load(write(load(file))) has the same spec and gives the same results', async () => {
    const original = await loadContract(path.join(import.meta.dirname, '../fixtures/contract/full.yaml'));
    const text = writeContract(original);
    const again = parseContract(text, 'again.yaml');
    expect(again.spec).toEqual(original.spec);
    expect(parseContract(writeContract(again), 'third.yaml').spec).toEqual(original.spec);
    const batch: RecordBatch = new RowBatch({
      file: 'data.csv',
      columns: ['age', 'email', 'plan', 'signup', 'score', 'ssn'],
      rows: [
        ['30', 'a@b', 'free', '2024-05-30', '0.5', '1'],
        ['-3', 'nope', 'gold', 'soon', 'x', '2'],
        [null, 'a@b', 'pro', null, null, null],
      ],
      lines: [2, 3, 4],
    });
    const strip = (results: CheckResult[]): unknown => results.map(({ contractLine: _line, ...rest }) => rest);
    const run = (contract: typeof original): CheckResult[] => {
      const checker = new ContractChecker(contract);
      checker.add(batch);
      return checker.finish({ rows: 3, now: Date.UTC(2024, 5, 1), referenceRows: 2 });
    };
    expect(strip(run(again))).toEqual(strip(run(original)));
    expect(run(original).filter((r) => !r.passed).length).toBeGreaterThan(8);
  });
});
