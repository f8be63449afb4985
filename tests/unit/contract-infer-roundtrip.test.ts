/**
 * infer-contract's promise, end to end through the real pieces: the readers, the profile, the summary the action
 * reads off it, inference, the YAML writer, the loader and the checker. For each small dataset the contract
 * inferred from it, written and loaded back, must pass the same data; and it must stay strict where the data
 * allows (clean integers keep `type: integer`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetSummary } from '../../actions/validate-data/src/inference';
import { ContractChecker, inferContract, loadContract, writeContract, type CheckResult, type Contract } from '../../shared/src/contract';
import type { ColumnContract } from '../../shared/src/contract/types';
import { readDataset } from '../../shared/src/data/read-dataset';
import { Profiler, type Profile } from '../../shared/src/profile';
import { everyTypeParquet } from '../fixtures/data/every-type';
import { silentLogger } from '../harness/logger';

const root = mkdtempSync(path.join(tmpdir(), 'contract-infer-roundtrip-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NOW = Date.UTC(2024, 6, 1);

/** A folder of its own holding `files` (name → content). */
function folder(name: string, files: Record<string, string | Uint8Array>): string {
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function csv(header: string, rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return [header, ...rows.map((row) => row.join(','))].join('\n') + '\n';
}

function jsonLines(records: ReadonlyArray<Record<string, unknown>>): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}

function range<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

/** What the action does: profile the data, infer, write the file; then load it as a user's contract would be. */
async function inferFrom(dir: string, patterns = ['*.*']): Promise<{ contract: Contract; profile: Profile }> {
  const profiler = new Profiler();
  for await (const batch of readDataset(patterns, { cwd: dir, logger: silentLogger })) profiler.add(batch);
  const profile = profiler.result();
  const file = path.join(dir, 'inferred', 'contract.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, writeContract(inferContract(datasetSummary(profile), { source: patterns.join(', '), date: '2024-07-01' })));
  return { contract: await loadContract(file), profile };
}

/** The checks of the data against the contract, finished as the action finishes them. */
async function check(dir: string, contract: Contract, patterns = ['*.*']): Promise<CheckResult[]> {
  const checker = new ContractChecker(contract);
  const profiler = new Profiler();
  for await (const batch of readDataset(patterns, { cwd: dir, logger: silentLogger })) {
    checker.add(batch);
    profiler.add(batch);
  }
  const profile = profiler.result();
  const columns = new Map(profile.columns.map((column) => [column.name, column]));
  return checker.finish({ rows: profile.rows, now: NOW, newestTimestamp: (column) => columns.get(column)?.timestamps?.max ?? undefined });
}

/** Infers from the folder's data and checks the same data: every check must pass. */
async function roundTrip(dir: string, patterns?: string[]): Promise<Contract> {
  const { contract } = await inferFrom(dir, patterns);
  const results = await check(dir, contract, patterns);
  expect(results.length).toBeGreaterThan(0);
  expect(
    results.filter((r) => !r.passed).map((r) => r.message),
    writeContract(contract),
  ).toEqual([]);
  return contract;
}

function column(contract: Contract, name: string): ColumnContract {
  const found = contract.column(name);
  expect(found, name).toBeDefined();
  return found as ColumnContract;
}

describe('an inferred contract passes the data it was inferred from', () => {
  it('CSV: a few stray values in typed columns (audit A4)', async () => {
    // One stray in 200 values per column: within the profile's 1 %, so each keeps its type.
    const rows = range(200, (i) => [
      i === 199 ? 'N/A' : i + 1,
      i === 50 ? 'n/a' : (i * 0.37).toFixed(2),
      i === 7 ? 'yes' : i % 3 === 0 ? 'true' : 'FALSE',
      i === 120 ? 'soon' : new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      i + 1,
    ]);
    const contract = await roundTrip(folder('strays', { 'd.csv': csv('n,x,b,t,clean', rows) }));
    expect(column(contract, 'n')).toMatchObject({ type: 'integer', mostly: 0.99 });
    expect(column(contract, 'x')).toMatchObject({ type: 'number', mostly: 0.99 });
    expect(column(contract, 'b')).toMatchObject({ type: 'boolean', mostly: 0.99 });
    expect(column(contract, 't')).toMatchObject({ type: 'timestamp', mostly: 0.99 });
    // Strict where the data is clean: a type, no mostly, no nulls, unique (200 exact distinct values).
    expect(column(contract, 'clean')).toEqual({ name: 'clean', type: 'integer', nullable: false, min: 0, max: 220, unique: true });
  });

  it('JSON Lines: JSON numbers and booleans mixed with strings (audit A6)', async () => {
    const records = range(60, (i) => ({
      code: i % 2 === 0 ? i : `c${i}`,
      flag: i % 2 === 0 ? true : `note ${i}`,
      cat: i % 2 === 0 ? 1 : 'x',
      num: i % 2 === 0 ? i : String(i),
      bool: i % 3 === 0,
      name: `name ${i}`,
    }));
    const contract = await roundTrip(folder('mixed', { 'd.jsonl': jsonLines(records) }));
    expect(column(contract, 'code').type).toBeUndefined();
    expect(column(contract, 'flag').type).toBeUndefined();
    expect(column(contract, 'code')).toMatchObject({ nullable: false, maxLength: 4 });
    // A category compares JSON numbers as their text.
    expect(column(contract, 'cat')).toMatchObject({ type: 'category', allowed: ['1', 'x'] });
    // JSON numbers and numeric strings are both integers to the check.
    expect(column(contract, 'num')).toMatchObject({ type: 'integer', nullable: false });
    expect(column(contract, 'bool')).toMatchObject({ type: 'boolean', nullable: false });
    expect(column(contract, 'name')).toMatchObject({ type: 'string', nullable: false });
  });

  it('CSV: more than 1,000 distinct values and one repeat is not unique (audit A7)', async () => {
    const rows = [...range(1500, (i) => [i + 1, `u${i + 1}`]), [1, 'u1']];
    const contract = await roundTrip(folder('many', { 'd.csv': csv('id,s', rows) }));
    expect(column(contract, 'id')).toMatchObject({ type: 'integer', nullable: false });
    expect(column(contract, 'id').unique).toBeUndefined();
    expect(column(contract, 's')).toMatchObject({ type: 'string', nullable: false });
    expect(column(contract, 's').unique).toBeUndefined();
  });

  it('CSV: integers whose texts differ but whose values repeat are not unique (audit A8)', async () => {
    const rows = [['007', '+5'], ['7', '5'], ...range(103, (i) => [i + 8, i + 8])];
    const contract = await roundTrip(folder('zeros', { 'd.csv': csv('id,signed', rows) }));
    expect(column(contract, 'id')).toMatchObject({ type: 'integer', nullable: false, min: 0 });
    expect(column(contract, 'id').unique).toBeUndefined();
    expect(column(contract, 'signed').unique).toBeUndefined();
  });

  it('CSV and JSON Lines: booleans in any letter case, and as JSON', async () => {
    const cases = ['true', 'false', 'TRUE', 'False'];
    const dir = folder('booleans', {
      'a.csv': csv('b', range(40, (i) => [cases[i % 4] as string])),
      'b.jsonl': jsonLines(range(40, (i) => ({ b: i % 2 === 0 }))),
    });
    const contract = await roundTrip(dir);
    expect(column(contract, 'b')).toEqual({ name: 'b', type: 'boolean', nullable: false });
  });

  it('CSV: timestamps with offsets and dates, and nulls', async () => {
    const stamps = range(150, (i) => (i % 10 === 0 ? '' : i % 3 === 0 ? `2024-02-${String((i % 28) + 1).padStart(2, '0')}` : `2024-03-01T${String(i % 24).padStart(2, '0')}:30:00+05:30`));
    const rows = range(150, (i) => [stamps[i] as string, i % 4 === 0 ? '' : String(i * 2), '']);
    const contract = await roundTrip(folder('timestamps', { 'd.csv': csv('at,even,empty', rows) }));
    expect(column(contract, 'at')).toMatchObject({ type: 'timestamp', maxNullFraction: 0.21 });
    expect(column(contract, 'at').min).toMatch(/^2024-01-\d\d$/);
    expect(column(contract, 'even')).toMatchObject({ type: 'integer', maxNullFraction: 0.52 });
    expect(column(contract, 'empty')).toEqual({ name: 'empty' });
  });

  it('JSON Lines: ids held as JSON numbers are unique, nulls and missing keys are nulls', async () => {
    const records = range(150, (i) => (i % 5 === 0 ? { id: i + 1, score: null } : { id: i + 1, score: i / 7, tag: i % 2 === 0 ? 'even' : 'odd' }));
    const contract = await roundTrip(folder('jsonl-ids', { 'd.jsonl': jsonLines(records) }));
    expect(column(contract, 'id')).toMatchObject({ type: 'integer', nullable: false, unique: true });
    expect(column(contract, 'score')).toMatchObject({ type: 'number' });
    expect(column(contract, 'tag')).toMatchObject({ type: 'category', allowed: ['even', 'odd'] });
  });

  it('CSV: text that reads as numbers stays as written in a category', async () => {
    const rows = range(40, (i) => [['1.50', '007', 'x', 'null'][i % 4] as string, ['a', 'b'][i % 2] as string]);
    const contract = await roundTrip(folder('number-texts', { 'd.csv': csv('c,d', rows) }));
    expect(column(contract, 'c')).toMatchObject({ type: 'category', allowed: ['007', '1.50', 'null', 'x'] });
  });

  it('CSV: a column that one file lacks is not required', async () => {
    const dir = folder('two-files', {
      'a.csv': csv('x,y', range(20, (i) => [i, i * 2])),
      'b.csv': csv('x', range(20, (i) => [i + 20])),
    });
    const contract = await roundTrip(dir);
    expect(contract.spec.dataset?.requiredColumns).toEqual(['x']);
  });

  it('Parquet: every type the reader maps, NaN and ±Infinity included', async () => {
    const contract = await roundTrip(folder('every-type', { 'd.parquet': new Uint8Array(everyTypeParquet()) }));
    expect(column(contract, 'i32')).toMatchObject({ type: 'integer', nullable: false });
    // 0, −0, 0.5 and NaN: a NaN is a null to the checks.
    expect(column(contract, 'dict_num').nullable).toBeUndefined();
    expect(column(contract, 'dict_num').maxNullFraction).toBeGreaterThan(2 / 9);
  });

  it('Parquet: a float column with a NaN (a null to the checks, a stray to the profile)', async () => {
    const data = range(200, (i) => (i === 10 ? Number.NaN : i / 4));
    const file = parquetWriteBuffer({ columnData: [{ name: 'x', data, type: 'DOUBLE' }] });
    const contract = await roundTrip(folder('nan', { 'd.parquet': new Uint8Array(file) }));
    expect(column(contract, 'x')).toMatchObject({ type: 'number', maxNullFraction: 0.02 });
  });

  // Audit A5: `TRUE` in a text column is written to `allowed` as its canonical `true`, which the checker matches a
  // value that reads as a boolean against (as well as its text as written).
  it('CSV: a category of boolean-looking text written in upper case (TRUE, x) passes (audit A5, a checker fix)', async () => {
    const rows = range(40, (i) => [['TRUE', 'x', 'False', 'x'][i % 4] as string]);
    const contract = await roundTrip(folder('boolean-texts', { 'd.csv': csv('c', rows) }));
    expect(column(contract, 'c')).toMatchObject({ type: 'category', allowed: ['false', 'true', 'x'] });
  });
});
