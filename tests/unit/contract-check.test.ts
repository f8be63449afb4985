import { describe, expect, it } from 'vitest';
import { ContractChecker, parseContract, type CheckResult, type FinishContext } from '../../shared/src/contract';
import { parseTimestamp } from '../../shared/src/data/values';
import type { RecordBatch, Value } from '../../shared/src/data/types';
import { RowBatch } from '../../shared/src/data/batch';

const NOW = Date.UTC(2024, 5, 1);

function batch(columns: string[], rows: Value[][], options: { file?: string; firstLine?: number; records?: unknown[] } = {}): RecordBatch {
  const firstLine = options.firstLine ?? 2;
  const result: RecordBatch = new RowBatch({ file: options.file ?? 'data.csv', columns, rows, lines: rows.map((_, i) => firstLine + i), ...(options.records ? { records: options.records } : {}) });
  return result;
}

function run(contractYaml: string, batches: RecordBatch[], context: Partial<FinishContext> = {}, maxFailuresPerCheck?: number): Record<string, CheckResult> {
  const contract = parseContract(`version: 1\n${contractYaml}`, 'contract.yaml');
  const checker = new ContractChecker(contract, maxFailuresPerCheck === undefined ? {} : { maxFailuresPerCheck });
  for (const b of batches) checker.add(b);
  const rows = batches.reduce((sum, b) => sum + b.rows.length, 0);
  const results = checker.finish({ rows, now: NOW, ...context });
  return Object.fromEntries(results.map((result) => [result.id, result]));
}

/** One column of values, one row each, lines from 2. */
function column(name: string, values: Value[]): RecordBatch {
  return batch([name], values.map((value) => [value]));
}

const failedValues = (result: CheckResult | undefined): Array<string | undefined> => (result?.failures ?? []).map((f) => f.value);

describe('a JSON Lines key first seen in a later batch of its file', () => {
  it('is present for required and forbidden columns, and the earlier records count as its nulls', () => {
    const early = batch(['id'], [[1], [2], [3]], { file: 'd.jsonl', firstLine: 1 });
    const late = batch(['id', 'late', 'ssn'], [[4, null, null], [5, 7, 'x']], { file: 'd.jsonl', firstLine: 4 });
    const results = run('columns:\n  id: { type: integer }\n  late: { type: integer, nullable: false }\ndataset:\n  forbidden-columns: [ssn]\n', [early, late]);
    expect(results['dataset.required-columns']?.passed).toBe(true);
    expect(results['dataset.forbidden-columns']?.passed).toBe(false);
    expect(results['dataset.forbidden-columns']?.failures).toEqual([{ file: 'd.jsonl', line: 1, column: 'ssn' }]);
    const nulls = results['columns.late.nullable'];
    expect([nulls?.evaluated, nulls?.failed]).toEqual([5, 4]);
    // The first of the earlier records stands for them, then the null in the later batch.
    expect(nulls?.failures.map((f) => f.line)).toEqual([1, 4]);
  });

  it('is still missing from a file that never has it, judged file by file', () => {
    const a = batch(['id', 'late'], [[1, 2]], { file: 'a.jsonl', firstLine: 1 });
    const b = batch(['id'], [[3]], { file: 'b.jsonl', firstLine: 1 });
    const results = run('columns:\n  id: { type: integer }\n  late: { type: integer }\n', [a, b]);
    expect(results['dataset.required-columns']?.failures).toEqual([{ file: 'b.jsonl', line: 1, column: 'late' }]);
    expect(results['columns.late.type']?.evaluated).toBe(1);
  });
});

describe('unique on integers past 2^53 (64-bit ids)', () => {
  it('tells apart ids a double would round together, and still finds a repeat', () => {
    const ids = ['9007199254740993', '9007199254740992', '12345678901234567890', '12345678901234567891', '7', '8'];
    expect(run('columns:\n  id: { type: integer, unique: true }\n', [column('id', ids)])['columns.id.unique']?.passed).toBe(true);
    const repeated = run('columns:\n  id: { type: integer, unique: true }\n', [column('id', [...ids, '12345678901234567891'])])['columns.id.unique'];
    expect([repeated?.failed, repeated?.failures[0]?.line, repeated?.failures[0]?.value]).toEqual([1, 8, '12345678901234567891']);
  });
});

describe('type conformance', () => {
  const cases: Array<[string, Value[], Value[]]> = [
    ['integer', ['42', '-7', '+3', '3.0', '1e3', 5, -0, '9007199254740993'], ['4.5', 'abc', '0x1F', ' 12', '', 'Infinity', 4.5, true]],
    // A JSON 1e400 or a Parquet infinity is held as a number, but not a finite one: it fails as the text 1e999 does.
    ['number', ['1.5', '-1e-3', '.5', '7.', 7, 1e300, '0'], ['NaN', 'inf', '1,5', '1.5.2', '--1', false, '1e999', Infinity, -Infinity]],
    ['boolean', ['true', 'FALSE', 'True', 'tRuE', '1', '0', true, false, 1, 0], ['yes', 'no', '2', 2, 't', 'truee']],
    [
      'timestamp',
      ['2024-01-31', '2024-01-31T12:00:00Z', '2024-01-31 12:00:00.123+02:00', '2024-01-31T12:00', '2024-02-29T23:59:59.999999-0530', '2024-01-31t00:00:00z', '2016-12-31T23:59:60Z'],
      ['2023-02-29', '31/01/2024', '2024-01-31T25:00:00Z', '2024-1-31', '2024-01-31T12', '2024-01-31T12:00:00+2', '2024-01-31T12:00:00.Z', 1700000000, '2024-01-31 '],
    ],
    ['string', ['x', '', '42'], [5, true]],
    ['category', ['a', 5, true], []],
  ];
  it.each(cases)('%s', (type, good, bad) => {
    const results = run(`columns:\n  v: { type: ${type} }\n`, [column('v', [...good, ...bad, null])]);
    const result = results['columns.v.type'];
    expect(result?.evaluated).toBe(good.length + bad.length);
    expect(result?.failed).toBe(bad.length);
    expect(failedValues(result)).toEqual(bad.map(String));
    expect(result?.passed).toBe(bad.length === 0);
  });

  it('parses timestamps to the instant Date.parse gives', () => {
    for (const text of ['2024-01-31T12:34:56.789Z', '2024-01-31T12:34:56+05:30', '1999-12-31T23:59:59-08:00', '2000-02-29', '2100-03-01', '1970-01-01T00:00:00Z', '1969-07-20T20:17:40Z']) {
      expect(parseTimestamp(text), text).toBe(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text));
    }
    expect(parseTimestamp('0099-01-01')).toBe(new Date('0099-01-01T00:00:00Z').getTime());
    expect(parseTimestamp('2024-01-31T12:00:00.5Z')).toBe(Date.UTC(2024, 0, 31, 12, 0, 0, 500));
  });

  it('does not type-check a column without a type, and checks its values as text', () => {
    const results = run("columns:\n  v: { regex: '^[0-9]+$' }\n", [column('v', ['12', 34, 'x'])]);
    expect(results['columns.v.type']).toBeUndefined();
    expect(failedValues(results['columns.v.regex'])).toEqual(['x']);
  });
});

describe('value checks', () => {
  it('nullable: false fails on every null, NaN included, with its line', () => {
    const results = run('columns:\n  a: { type: number, nullable: false }\n', [column('a', ['1', null, 2, Number.NaN])]);
    const result = results['columns.a.nullable'];
    expect(result).toMatchObject({ check: 'nullable', passed: false, evaluated: 4, failed: 2, threshold: 'no nulls', contractLine: 3 });
    expect(result?.failures).toEqual([
      { file: 'data.csv', line: 3, column: 'a' },
      { file: 'data.csv', line: 5, column: 'a' },
    ]);
    expect(result?.message).toBe('column "a": 2 of 4 rows (50%) are null; expected none; first: at "data.csv" line 3');
    expect(run('columns:\n  a: { nullable: false }\n', [column('a', ['1'])])['columns.a.nullable']?.passed).toBe(true);
  });

  it('max-null-fraction allows that fraction of the rows', () => {
    const values = (nulls: number): Value[] => Array.from({ length: 100 }, (_, i) => (i < nulls ? null : 'x'));
    expect(run('columns:\n  a: { max-null-fraction: 0.05 }\n', [column('a', values(5))])['columns.a.max-null-fraction']).toMatchObject({ passed: true, failed: 5, evaluated: 100 });
    const failing = run('columns:\n  a: { max-null-fraction: 0.05 }\n', [column('a', values(6))])['columns.a.max-null-fraction'];
    expect(failing).toMatchObject({ passed: false, failed: 6, threshold: '<= 5% null' });
    expect(failing?.message).toBe('column "a": 6 of 100 rows (6%) are null; more than the 5% allowed');
  });

  it('min and max are inclusive, for numbers and for timestamps as instants', () => {
    const numbers = run('columns:\n  n: { type: integer, min: 0, max: 120 }\n', [column('n', ['0', '120', '-1', 121, 'x', null])]);
    expect(numbers['columns.n.min']).toMatchObject({ passed: false, evaluated: 4, failed: 1, threshold: '>= 0' });
    expect(failedValues(numbers['columns.n.min'])).toEqual(['-1']);
    expect(failedValues(numbers['columns.n.max'])).toEqual(['121']);
    expect(numbers['columns.n.min']?.message).toBe('column "n": 1 of 4 values (25%) are below the minimum 0; first: "-1" at "data.csv" line 4');
    const times = run("columns:\n  t: { type: timestamp, min: '2024-01-01', max: '2024-01-31T23:59:59Z' }\n", [
      column('t', ['2024-01-01T00:00:00Z', '2024-01-01T01:00:00+02:00', '2024-01-31T23:59:59Z', '2024-02-01T00:59:59+01:00', '2024-02-01']),
    ]);
    expect(failedValues(times['columns.t.min'])).toEqual(['2024-01-01T01:00:00+02:00']);
    expect(failedValues(times['columns.t.max'])).toEqual(['2024-02-01']);
  });

  it('regex, allowed and length bounds', () => {
    const contract = "columns:\n  email: { type: string, regex: '^[^@]+@[^@]+$', min-length: 3, max-length: 10 }\n  plan: { type: category, allowed: [free, pro, 1] }\n  level: { type: integer, allowed: [1, 2] }\n";
    const results = run(contract, [
      batch(
        ['email', 'plan', 'level'],
        [
          ['a@b', 'free', '1'],
          ['ab', 'pro', '2.0'],
          ['someone@example.org', 'Pro', '3'],
          ['a@b@c', 1, 2],
        ],
      ),
    ]);
    expect(failedValues(results['columns.email.regex'])).toEqual(['ab', 'a@b@c']);
    expect(failedValues(results['columns.email.min-length'])).toEqual(['ab']);
    expect(failedValues(results['columns.email.max-length'])).toEqual(['someone@example.org']);
    expect(failedValues(results['columns.plan.allowed'])).toEqual(['Pro']);
    expect(results['columns.plan.allowed']?.message).toBe('column "plan": 1 of 4 values (25%) are not one of "free", "pro", "1"; first: "Pro" at "data.csv" line 4');
    expect(failedValues(results['columns.level.allowed'])).toEqual(['3']);
    expect(results['columns.email.regex']?.threshold).toBe('matches "^[^@]+@[^@]+$"');
  });

  it('allowed texts are matched as written (a boolean also as true/false), by hash for short lists and by text for long ones', () => {
    const short = "columns:\n  c: { type: category, allowed: [true, yes, 'é', '日本', '1.50', '7'] }\n";
    const long = `columns:\n  c: { type: category, allowed: [true, yes, 'é', '日本', '1.50', '7', ${Array.from({ length: 20 }, (_, i) => `v${i}`).join(', ')}] }\n`;
    const values: Value[] = ['true', 'TRUE', 'yes', 'Yes', 'é', 'e', '日本', '日', '1.50', '1.5', 7, '7', 7.5, true, false, 'v3'];
    for (const contract of [short, long]) {
      const failed = failedValues(run(contract, [column('c', values)])['columns.c.allowed']);
      // TRUE reads as the boolean true, which the list allows (a YAML TRUE would be that boolean too).
      expect(failed).toEqual(['Yes', 'e', '日', '1.5', '7.5', 'false', ...(contract === short ? ['v3'] : [])]);
    }
  });

  it('unique compares texts as written, booleans in any case too, and a number by its text', () => {
    const values: Value[] = ['TRUE', 'true', 'True', true, 'TRUE', 7, '7', '7.0', 'é', 'é'];
    const result = run('columns:\n  c: { unique: true }\n', [column('c', values)])['columns.c.unique'];
    expect(result?.failures.map((f) => [f.value, f.line, f.firstOccurrence?.line])).toEqual([
      ['true', 5, 3],
      ['TRUE', 6, 2],
      ['7', 8, 7],
      ['é', 11, 10],
    ]);
  });

  it('value checks count only the values of the column type', () => {
    const results = run('columns:\n  n: { type: number, min: 0 }\n', [column('n', ['1', 'x', null, '-1'])]);
    expect(results['columns.n.type']).toMatchObject({ evaluated: 3, failed: 1 });
    expect(results['columns.n.min']).toMatchObject({ evaluated: 2, failed: 1 });
  });

  it('a column the file lacks has nothing to check, and is reported missing when required', () => {
    const results = run('columns:\n  a: { type: integer, min: 0 }\n  b: { type: integer }\n', [column('a', ['1'])]);
    expect(results['columns.b.type']).toMatchObject({ passed: true, evaluated: 0, message: 'column "b": no values to check' });
    expect(results['dataset.required-columns']).toMatchObject({ passed: false, evaluated: 2, failed: 1, contractLine: 2 });
    expect(results['dataset.required-columns']?.failures).toEqual([{ file: 'data.csv', line: 1, column: 'b' }]);
  });
});

describe('unique', () => {
  it('finds duplicates across batches and files, with the line of the first occurrence', () => {
    const results = run('columns:\n  id: { type: integer, unique: true }\n', [
      batch(['id'], [['1'], ['2'], ['3']], { file: 'a.csv' }),
      batch(['id'], [['4'], ['2.0'], [null], [null]], { file: 'a.csv', firstLine: 5 }),
      batch(['id'], [['5'], [3], ['1e0']], { file: 'b.csv' }),
    ]);
    const result = results['columns.id.unique'];
    expect(result).toMatchObject({ passed: false, evaluated: 8, failed: 3 });
    expect(result?.failures).toEqual([
      { file: 'a.csv', line: 6, column: 'id', value: '2.0', firstOccurrence: { file: 'a.csv', line: 3 } },
      { file: 'b.csv', line: 3, column: 'id', value: '3', firstOccurrence: { file: 'a.csv', line: 4 } },
      { file: 'b.csv', line: 4, column: 'id', value: '1e0', firstOccurrence: { file: 'a.csv', line: 2 } },
    ]);
    expect(result?.message).toBe('column "id": 3 of 8 values (37.5%) repeat an earlier value; first: "2.0" at "a.csv" line 6 (first seen at "a.csv" line 3)');
  });

  it('holds a hundred thousand distinct strings without a false duplicate', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => [`user-${i}@example.org`] as Value[]);
    const results = run('columns:\n  email: { type: string, unique: true }\n', [batch(['email'], values), batch(['email'], [['user-99999@example.org']])]);
    expect(results['columns.email.unique']).toMatchObject({ evaluated: 100_001, failed: 1 });
    expect(results['columns.email.unique']?.failures[0]?.firstOccurrence).toEqual({ file: 'data.csv', line: 100_001 });
  });
});

describe('mostly and severity', () => {
  const values = (bad: number): Value[] => Array.from({ length: 100 }, (_, i) => (i < bad ? '-1' : '1'));

  it('a check passes while failed / evaluated ≤ 1 − mostly', () => {
    const contract = 'columns:\n  n: { type: integer, min: 0, mostly: 0.99 }\n';
    const one = run(contract, [column('n', values(1))])['columns.n.min'];
    expect(one).toMatchObject({ passed: true, failed: 1, evaluated: 100, threshold: '>= 0 for 99% of values' });
    expect(one?.message).toBe('column "n": 1 of 100 values (1%) are below the minimum 0; within the 1 that mostly 0.99 allows; first: "-1" at "data.csv" line 2');
    expect(run(contract, [column('n', values(2))])['columns.n.min']?.passed).toBe(false);
    expect(run('columns:\n  n: { type: integer, min: 0, mostly: 0.9 }\n', [column('n', values(10))])['columns.n.min']?.passed).toBe(true);
    expect(run('columns:\n  n: { type: integer, mostly: 0.98 }\n', [column('n', [...values(0).slice(2), 'x', 'y'])])['columns.n.type']?.passed).toBe(true);
  });

  it('carries the column severity, error by default', () => {
    const results = run('columns:\n  a: { type: integer, min: 0, severity: warn, nullable: false }\n  b: { type: integer }\n', [batch(['a', 'b'], [['-1', 'x']])]);
    expect(results['columns.a.min']).toMatchObject({ severity: 'warn', passed: false });
    expect(results['columns.a.nullable']?.severity).toBe('warn');
    expect(results['columns.b.type']).toMatchObject({ severity: 'error', passed: false });
  });
});

describe('failing rows kept for the report', () => {
  it('keeps the first N, counts them all, and cuts long values at 200 characters', () => {
    const long = 'x'.repeat(300);
    const results = run('columns:\n  n: { type: integer }\n', [column('n', [long, ...Array.from({ length: 50 }, () => 'y')])], {}, 5);
    const result = results['columns.n.type'];
    expect(result?.failed).toBe(51);
    expect(result?.failures).toHaveLength(5);
    expect(result?.failures[0]?.value).toBe(`${'x'.repeat(200)}…`);
  });
});

describe('records schema', () => {
  const contract = 'columns:\n  age: { type: integer }\n  vip: { type: boolean }\nrecords:\n  type: object\n  required: [age]\n  properties:\n    age: { type: integer, minimum: 0 }\n    vip: { type: boolean }\n    tags: { type: array }\n';

  it('checks JSON Lines records as read', () => {
    const records = [{ age: 5, tags: [] }, { age: -1 }, { vip: true }, { age: 3, tags: 'x' }];
    const results = run(contract, [batch(['age', 'vip', 'tags'], [[5, null, '[]'], [-1, null, null], [null, true, null], [3, null, 'x']], { file: 'data.jsonl', records, firstLine: 1 })]);
    const result = results.records;
    expect(result).toMatchObject({ passed: false, evaluated: 4, failed: 3, contractLine: 5 });
    expect(result?.failures).toEqual([
      { file: 'data.jsonl', line: 2, value: '/age must be >= 0' },
      { file: 'data.jsonl', line: 3, value: "must have required property 'age'" },
      { file: 'data.jsonl', line: 4, value: '/tags must be array' },
    ]);
  });

  it('checks CSV rows as objects of their non-null values, typed by the contract', () => {
    const results = run(contract, [batch(['age', 'vip'], [['5', 'true'], ['', '0'], [null, '1'], ['-2', 'maybe']])]);
    expect(failedValues(results.records)).toEqual(['/age must be integer', "must have required property 'age'", '/age must be >= 0']);
  });
});

describe('file checks', () => {
  it('required, forbidden and order, once per file however many batches it comes in', () => {
    const contract = 'columns:\n  a: {}\n  b: {}\n  c: {}\ndataset:\n  required-columns: [a, b]\n  forbidden-columns: [ssn]\n  column-order: true\n';
    const results = run(contract, [
      batch(['a', 'x', 'b'], [['1', '1', '1']], { file: 'good.csv' }),
      batch(['a', 'x', 'b'], [['1', '1', '1']], { file: 'good.csv' }),
      batch(['c', 'a', 'ssn'], [['1', '1', '1']], { file: 'bad.csv' }),
      batch(['c', 'a', 'ssn'], [['1', '1', '1']], { file: 'bad.csv' }),
    ]);
    expect(results['dataset.required-columns']).toMatchObject({ evaluated: 4, failed: 1, passed: false, contractLine: 7 });
    expect(results['dataset.required-columns']?.message).toBe('1 required column is missing: "b" in "bad.csv"');
    expect(results['dataset.forbidden-columns']).toMatchObject({ evaluated: 2, failed: 1, passed: false });
    expect(results['dataset.forbidden-columns']?.failures).toEqual([{ file: 'bad.csv', line: 1, column: 'ssn' }]);
    expect(results['dataset.column-order']).toMatchObject({ evaluated: 2, failed: 1, passed: false });
    expect(results['dataset.column-order']?.message).toBe('the columns of 1 file are not in the contract\'s order: in "bad.csv" "c" comes before "a"; the file\'s columns are "c", "a", "ssn"');
  });
});

describe('dataset rules', () => {
  const rows = (n: number): RecordBatch => column('a', Array.from({ length: n }, () => '1'));

  it('row count bounds', () => {
    const contract = 'dataset:\n  rows: { min: 10, max: 20 }\n';
    expect(run(contract, [rows(10)])['dataset.rows']).toMatchObject({ passed: true, threshold: 'between 10 and 20 rows', contractLine: 3 });
    expect(run(contract, [rows(9)])['dataset.rows']).toMatchObject({ passed: false, failed: 1, message: 'the dataset has 9 rows; expected between 10 and 20' });
    expect(run(contract, [rows(9)], { rows: 21 })['dataset.rows']?.passed).toBe(false);
  });

  it('rows against the reference, skipped without one', () => {
    const contract = 'dataset:\n  rows-change: { max-relative: 0.5 }\n';
    expect(run(contract, [rows(15)], { referenceRows: 10 })['dataset.rows-change']).toMatchObject({ passed: true, message: '15 rows against 10 in the reference (+50%); within the ±50% allowed' });
    expect(run(contract, [rows(4)], { referenceRows: 10 })['dataset.rows-change']).toMatchObject({ passed: false, message: '4 rows against 10 in the reference (−60%); more than the ±50% allowed' });
    expect(run(contract, [rows(4)])['dataset.rows-change']).toMatchObject({ passed: true, skipped: true, evaluated: 0 });
  });

  it('freshness of the newest timestamp, from the profile or from what the checker saw', () => {
    const contract = 'columns:\n  t: { type: timestamp }\ndataset:\n  freshness: { column: t, max-age: 7d }\n';
    const data = column('t', ['2024-05-20', '2024-05-26T00:00:00Z', null]);
    const fresh = run(contract, [data]);
    expect(fresh['dataset.freshness']).toMatchObject({ passed: true, column: 't', message: 'the newest "t" is 2024-05-26T00:00:00.000Z, 6 days before now; within the 7d allowed' });
    const stale = run(contract, [data], { now: NOW + 2 * 86_400_000 });
    expect(stale['dataset.freshness']).toMatchObject({ passed: false, message: 'the newest "t" is 2024-05-26T00:00:00.000Z, 8 days before now; older than the 7d allowed' });
    expect(run(contract, [data], { newestTimestamp: () => NOW - 3_600_000 })['dataset.freshness']?.passed).toBe(true);
    expect(run(contract, [column('t', [null])])['dataset.freshness']).toMatchObject({ passed: false, evaluated: 0 });
  });
});

describe('results', () => {
  it('come in a stable order with stable ids and the contract line of each check', async () => {
    const { loadContract } = await import('../../shared/src/contract');
    const contract = await loadContract(new URL('../fixtures/contract/full.yaml', import.meta.url).pathname);
    const checker = new ContractChecker(contract);
    checker.add(batch(['age', 'email', 'plan', 'signup', 'score', 'note'], [['30', 'a@b', 'free', '2024-05-30', '0.5', null]], { file: 'data.csv' }));
    const results = checker.finish({ rows: 1, now: NOW, referenceRows: 1 });
    expect(results.map((r) => `${r.id}@${r.contractLine}`)).toEqual([
      'dataset.required-columns@20',
      'dataset.forbidden-columns@21',
      'columns.age.type@5',
      'columns.age.nullable@6',
      'columns.age.min@7',
      'columns.age.max@8',
      'columns.email.type@11',
      'columns.email.regex@11',
      'columns.email.min-length@11',
      'columns.email.max-length@11',
      'columns.email.unique@11',
      'columns.plan.type@12',
      'columns.plan.allowed@12',
      'columns.signup.type@13',
      'columns.signup.max-null-fraction@13',
      'columns.score.type@14',
      'records@23',
      'dataset.rows@17',
      'dataset.rows-change@18',
      'dataset.freshness@19',
    ]);
    expect(results.filter((r) => !r.passed).map((r) => r.id)).toEqual(['dataset.rows']);
  });
});

describe('a merge step', () => {
  it('runs only the dataset rules, from the merged profile', () => {
    const contract = parseContract('version: 1\ncolumns:\n  t: { type: timestamp }\ndataset:\n  rows: { min: 10 }\n  rows-change: { max-relative: 0.1 }\n  freshness: { column: t, max-age: 1d }\n', 'c.yaml');
    const results = new ContractChecker(contract).datasetResults({ rows: 100, referenceRows: 95, now: NOW, newestTimestamp: (name) => (name === 't' ? NOW - 3_600_000 : undefined) });
    expect(results.map((r) => [r.id, r.passed])).toEqual([
      ['dataset.rows', true],
      ['dataset.rows-change', true],
      ['dataset.freshness', true],
    ]);
  });
});

describe('messages', () => {
  it('say of a column with one value that it passes, with the threshold', () => {
    const results = run('columns:\n  v: { type: integer, min: 0 }\n', [column('v', ['3'])]);
    expect(results['columns.v.type']?.message).toBe('column "v": its one value passes (integer)');
    expect(results['columns.v.min']?.message).toBe('column "v": its one value passes (>= 0)');
    expect(run('columns:\n  v: { type: integer }\n', [column('v', ['3', '4'])])['columns.v.type']?.message).toBe('column "v": all 2 values are integers');
  });

  it('never round a share of failures to 0%', () => {
    const values = Array.from({ length: 30_000 }, (_, i) => (i === 7 ? 'x' : String(i)));
    expect(run('columns:\n  v: { type: integer }\n', [column('v', values)])['columns.v.type']?.message).toMatch(/^column "v": 1 of 30000 values \(<0\.01%\) are not integers/);
  });
});
