/**
 * validate-data as a user runs it: the bundle under Node 24 with the runner's protocol, on the example project's
 * breast-cancer data and on files made to fail, reading what GitHub would show (annotations, the job summary,
 * outputs) and the files it writes (profile.json, validation.json, an inferred contract).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import validationSchema from '../../shared/schemas/validation.schema.json';
import { assertMatchesSchema } from '../../shared/src/files/schema';
import { readProfile } from '../../shared/src/profile';
import { EXAMPLE_DIR, REPO_ROOT, runAction, type ActionResult } from '../harness';

const DATA = path.join(EXAMPLE_DIR, 'data', 'breast_cancer.csv');
const workspaces: string[] = [];
afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A workspace holding the example's data as data/train.csv, plus any files given. */
function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'validate-it-'));
  workspaces.push(dir);
  mkdirSync(path.join(dir, 'data'));
  copyFileSync(DATA, path.join(dir, 'data', 'train.csv'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function validate(cwd: string, inputs: Record<string, string>): Promise<ActionResult> {
  return runAction('validate-data', { cwd, inputs });
}

/** The example data with its rows changed by `edit` (0-based data row index → row cells). */
function editedData(edit: (row: string[], index: number, header: string[]) => void): string {
  const [header, ...rows] = readFileSync(DATA, 'utf8').trimEnd().split(/\r?\n/).map((line) => line.split(','));
  rows.forEach((row, index) => edit(row, index, header as string[]));
  return `${[header, ...rows].map((row) => row?.join(',')).join('\n')}\n`;
}

function report(dir: string, file = 'validation.json'): Record<string, unknown> & { checks: Array<Record<string, unknown>>; drift: Array<Record<string, unknown>> } {
  const data: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  assertMatchesSchema(validationSchema, data, file, 'test');
  return data as ReturnType<typeof report>;
}

const errors = (result: ActionResult) => result.annotations.filter((a) => a.level === 'error');
const warnings = (result: ActionResult) => result.annotations.filter((a) => a.level === 'warning');

/** One `::error::` line, exit code 1, and no stack trace anywhere in the log. */
function expectOneLineFailure(result: ActionResult, message: RegExp): void {
  expect(result.exitCode, result.stdout + result.stderr).toBe(1);
  expect(errors(result).map((a) => a.message)).toEqual([expect.stringMatching(message)]);
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

describe('validate-data: a new user starts in one step', () => {
  it('infers a contract from the data, which the same data then passes, and writes the profile', async () => {
    const dir = workspace();
    const result = await validate(dir, { data: 'data/*.csv', 'infer-contract': 'contract.yaml' });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({ passed: 'true', rows: '569', errors: '0', warnings: '0', 'drifted-columns': '[]', profile: 'profile.json', report: 'validation.json' });
    const contract = readFileSync(path.join(dir, 'contract.yaml'), 'utf8');
    expect(contract).toMatch(/^# yaml-language-server: \$schema=/);
    expect(contract).toMatch(/diagnosis:\n {4}type: category\n(.*\n)*? {4}allowed: \[benign, malignant\]\n/);
    // Tolerances, not the observed extremes: the observed mean_radius range is 6.981 to 28.11.
    expect(contract).toMatch(/mean_radius:\n(.*\n)*? {4}min: (\d+(\.\d+)?)\n/);
    const min = Number(/mean_radius:\n(?:.*\n)*? {4}min: ([\d.]+)\n/.exec(contract)?.[1]);
    expect(min).toBeLessThan(6.981);
    const validation = report(dir);
    expect(validation.checks.length).toBeGreaterThan(60);
    expect(validation.checks.every((check) => check['passed'])).toBe(true);
    const profile = await readProfile(path.join(dir, 'profile.json'), 'test');
    expect(profile.rows).toBe(569);
    expect(profile.columns.map((c) => c.name)).toContain('diagnosis');
    expect(result.summary).toContain('### Data validation ✅ passed');

    // And the next run checks against it, as a contract of the user's own.
    const again = await validate(dir, { data: 'data/*.csv', contract: 'contract.yaml' });
    expect(again.exitCode).toBe(0);
    expect(again.outputs['passed']).toBe('true');
  });
});

describe('validate-data: failing data', () => {
  const contract = [
    'version: 1',
    'columns:',
    '  id: { type: integer, unique: true }',
    '  mean_radius:',
    '    type: number',
    '    min: 5',
    '    max: 30',
    '  diagnosis:',
    '    type: category',
    '    allowed: [benign, malignant]',
    '  texture_error: { type: number, max: 4, severity: warn }',
    'dataset:',
    '  rows: { min: 100 }',
    '',
  ].join('\n');

  it('points annotations at the failing data rows and the contract lines, and fails the step', async () => {
    const data = editedData((row, index, header) => {
      if (index === 9) row[header.indexOf('mean_radius')] = '-3';
      if (index === 20) row[header.indexOf('diagnosis')] = 'unknown';
      if (index === 30) row[header.indexOf('id')] = '5';
    });
    const dir = workspace({ 'contract.yaml': contract, 'data/train.csv': data });
    const result = await validate(dir, { data: 'data/train.csv', contract: 'contract.yaml' });
    expect(result.exitCode).toBe(1);
    const at = (file: string, line: number) => errors(result).find((a) => a.properties['file'] === file && a.properties['line'] === String(line));
    // Data row 9 is on line 11 (the header is line 1).
    expect(at('data/train.csv', 11)?.message).toMatch(/mean_radius.*below the minimum 5.*"-3"/);
    expect(at('contract.yaml', 6)?.properties['title']).toBe('columns.mean_radius.min failed');
    expect(at('data/train.csv', 22)?.message).toMatch(/diagnosis.*"unknown"/);
    expect(at('contract.yaml', 10)).toBeDefined();
    expect(at('data/train.csv', 32)?.message).toMatch(/id/);
    expect(result.outputs['passed']).toBe('false');
    expect(Number(result.outputs['errors'])).toBe(3);
    expect(errors(result).at(-1)?.message).toBe('The data failed validation: 3 errors and 1 warning with fail-on: error; see validation.json');

    const checks = report(dir).checks;
    const unique = checks.find((c) => c['id'] === 'columns.id.unique') as { failures: Array<Record<string, unknown>>; passed: boolean };
    expect(unique.passed).toBe(false);
    expect(unique.failures[0]).toMatchObject({ file: 'data/train.csv', line: 32, value: '5', firstOccurrence: { file: 'data/train.csv', line: 7 } });
    const warn = checks.find((c) => c['id'] === 'columns.texture_error.max') as Record<string, unknown>;
    expect(warn).toMatchObject({ severity: 'warn', passed: false });
    expect(result.summary).toContain('#### Failed checks');
    expect(result.summary).toContain('<code>data/train\\.csv\\:11</code> <code>\\-3</code>');
  });

  it('lets fail-on decide: warnings pass with fail-on error, fail with warning, and nothing fails with never', async () => {
    const dir = workspace({ 'contract.yaml': contract });
    const onError = await validate(dir, { data: 'data/train.csv', contract: 'contract.yaml' });
    expect(onError.exitCode).toBe(0);
    expect(onError.outputs).toMatchObject({ passed: 'true', errors: '0', warnings: '1' });
    expect(warnings(onError).map((a) => a.properties['file'])).toEqual(['data/train.csv', 'contract.yaml']);
    const onWarning = await validate(dir, { data: 'data/train.csv', contract: 'contract.yaml', 'fail-on': 'warning' });
    expect(onWarning.exitCode).toBe(1);
    expect(onWarning.outputs['passed']).toBe('false');
    const never = await validate(dir, { data: 'data/train.csv', contract: 'contract.yaml', 'fail-on': 'never' });
    expect(never.exitCode).toBe(0);
  });

  it('escapes text from the data before it goes into the summary', async () => {
    const hostile = 'name,note\n<img src=x onerror=alert(1)>,"a | b"\n@octocat,`code`\n';
    const dir = workspace({
      'data/hostile.csv': hostile,
      'contract.yaml': 'version: 1\ncolumns:\n  name: { type: string, max-length: 3 }\n  note: { type: string, max-length: 3 }\n',
    });
    const result = await validate(dir, { data: 'data/hostile.csv', contract: 'contract.yaml' });
    expect(result.exitCode).toBe(1);
    expect(result.summary).not.toContain('<img');
    expect(result.summary).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    // GitHub finds mentions in the rendered text, inside <code> too: every @ is followed by a zero-width space.
    expect(result.summary).toContain('<code>@&#8203;octocat</code>');
    expect(result.summary).not.toMatch(/@(?!&#8203;)/);
    const failedRows = result.summary.split('\n').filter((l) => l.startsWith('| <code>columns\\.') && l.includes(' | error | '));
    expect(failedRows).toHaveLength(2);
    // Every row of the failed-checks table keeps its five cells: no pipe from the data splits a row.
    for (const line of failedRows) expect(line.split(' | ')).toHaveLength(5);
  });
});

describe('validate-data: drift against a reference', () => {
  it('reports the columns that moved beyond threshold and noise, and not the others', async () => {
    const dir = workspace({ 'data/new.csv': editedData((row, _i, header) => {
      const at = header.indexOf('mean_area');
      row[at] = String(Number(row[at]) * 1.5);
    }) });
    const reference = await validate(dir, { data: 'data/train.csv', profile: 'reference.json', report: 'reference-validation.json' });
    expect(reference.exitCode).toBe(0);
    const result = await validate(dir, { data: 'data/new.csv', reference: 'reference.json' });
    expect(result.exitCode).toBe(0); // drift is a warning, and fail-on is error
    expect(JSON.parse(result.outputs['drifted-columns'] ?? '')).toEqual(['mean_area']);
    expect(warnings(result).map((a) => a.message)).toEqual([expect.stringMatching(/^column "mean_area" drifted: wasserstein [\d.]+ is above the threshold 0\.100 and the noise floor [\d.]+$/)]);
    const drift = report(dir).drift;
    expect(drift).toHaveLength(32);
    expect(drift.filter((d) => d['drifted']).map((d) => d['column'])).toEqual(['mean_area']);
    expect(result.summary).toContain('#### ⚠️ Drifted columns');
    // The same data against itself: nothing moves.
    const same = await validate(dir, { data: 'data/train.csv', reference: 'reference.json', 'fail-on': 'warning' });
    expect(same.exitCode).toBe(0);
    expect(same.outputs['drifted-columns']).toBe('[]');
  });

  it('turns drift off per column, and fails on it with fail-on warning', async () => {
    const dir = workspace({
      'data/new.csv': editedData((row, _i, header) => {
        for (const name of ['mean_area', 'mean_radius']) row[header.indexOf(name)] = String(Number(row[header.indexOf(name)]) * 1.5);
      }),
      'contract.yaml': 'version: 1\ncolumns:\n  mean_area: { type: number, drift: off }\n  mean_radius: { type: number, drift: { method: ks, threshold: 0.2 } }\n',
    });
    await validate(dir, { data: 'data/train.csv', profile: 'reference.json', report: 'r.json' });
    const result = await validate(dir, { data: 'data/new.csv', reference: 'reference.json', contract: 'contract.yaml', 'fail-on': 'warning' });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.outputs['drifted-columns'] ?? '')).toEqual(['mean_radius']);
    const drift = report(dir).drift;
    expect(drift.find((d) => d['column'] === 'mean_area')).toMatchObject({ method: 'off', value: null, drifted: false });
    expect(drift.find((d) => d['column'] === 'mean_radius')).toMatchObject({ method: 'ks', threshold: 0.2, drifted: true });
    expect(warnings(result).find((a) => a.message.includes('mean_radius'))?.properties).toMatchObject({ file: 'contract.yaml', line: '4' });
  });
});

describe('validate-data: shards and merge', () => {
  it('validates parts in shards and merges their profiles into the profile of the whole', async () => {
    const dir = workspace({ 'contract.yaml': 'version: 1\ncolumns:\n  id: { type: integer }\ndataset:\n  rows: { min: 500 }\n' });
    const whole = await validate(dir, { data: 'data/train.csv', profile: 'whole.json', report: 'whole-validation.json', contract: 'contract.yaml' });
    expect(whole.exitCode).toBe(0);
    for (const shard of ['1/3', '2/3', '3/3']) {
      const result = await validate(dir, { data: 'data/train.csv', shard, profile: `shards/${shard[0]}.profile.json`, report: `shards/${shard[0]}-validation.json`, contract: 'contract.yaml' });
      expect(result.exitCode).toBe(0);
      // A third of the rows is below the dataset's 500: the row count is judged at the merge, not in a shard.
      expect(Number(result.outputs['rows'])).toBeLessThan(200);
      expect(report(dir, `shards/${shard[0]}-validation.json`).checks.map((c) => c['id'])).not.toContain('dataset.rows');
    }
    const merged = await validate(dir, { merge: 'shards/*.profile.json', contract: 'contract.yaml', profile: 'merged.json', report: 'merged-validation.json' });
    expect(merged.exitCode, merged.stdout).toBe(0);
    expect(merged.outputs['rows']).toBe('569');
    expect(report(dir, 'merged-validation.json').checks.map((c) => c['id'])).toEqual(['dataset.rows']);
    const [a, b] = await Promise.all([readProfile(path.join(dir, 'whole.json'), 'test'), readProfile(path.join(dir, 'merged.json'), 'test')]);
    expect(b.rows).toBe(a.rows);
    for (const column of a.columns) {
      const other = b.columns.find((c) => c.name === column.name);
      expect(other).toMatchObject({ count: column.count, nulls: column.nulls, type: column.type });
      expect(other?.numeric?.min).toBe(column.numeric?.min);
      expect(other?.numeric?.max).toBe(column.numeric?.max);
      if (column.numeric) expect(other?.numeric?.mean).toBeCloseTo(column.numeric.mean ?? NaN, 9);
    }
  });
});

describe('validate-data: other formats', () => {
  it('reads JSON Lines (gzip) and checks records against the contract\'s JSON Schema', async () => {
    const { gzipSync } = await import('node:zlib');
    const lines = ['{"user": "a", "age": 31, "tags": ["x"]}', '{"user": "b", "age": "old"}', '', '{"user": "c"}'].join('\n');
    const dir = workspace({
      'events.jsonl.gz': gzipSync(`${lines}\n`),
      'contract.yaml': 'version: 1\ncolumns:\n  user: { type: string }\nrecords:\n  type: object\n  required: [age]\n  properties:\n    age: { type: integer }\n',
    });
    const result = await validate(dir, { data: 'events.jsonl.gz', contract: 'contract.yaml' });
    expect(result.exitCode).toBe(1);
    const records = report(dir).checks.find((c) => c['id'] === 'records') as { failures: Array<{ line: number; value: string }>; failed: number };
    expect(records.failed).toBe(2);
    expect(records.failures.map((f) => f.line)).toEqual([2, 4]);
  });

  it('reads Parquet', async () => {
    const dir = workspace();
    copyFileSync(path.join(REPO_ROOT, 'tests/fixtures/data/typed.snappy.parquet'), path.join(dir, 'typed.parquet'));
    const result = await validate(dir, { data: 'typed.parquet' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['rows']).toBe('5');
  });
});

describe('validate-data: bad input gets one line, never a stack or a hang', () => {
  const cases: Array<[string, Record<string, string | Buffer>, Record<string, string>, RegExp]> = [
    ['a glob that matches nothing', {}, { data: 'data/*.parquet' }, /^data: "data\/\*\.parquet" matches no file under ".+"$/],
    ['a ragged row', { 'd.csv': 'a,b,c\n1,2,3\n4,5\n' }, { data: 'd.csv' }, /^data: "d\.csv" line 3: 2 fields; expected 3, as the header has/],
    ['an unterminated quote', { 'd.csv': 'a,b\n1,"open\n2,3\n' }, { data: 'd.csv' }, /^data: "d\.csv" line 2: .*quote/],
    ['invalid UTF-8', { 'd.csv': Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xe9]), Buffer.from('\n')]) }, { data: 'd.csv' }, /^data: "d\.csv" line 3: invalid UTF-8/],
    ['an empty file', { 'd.csv': '' }, { data: 'd.csv' }, /^data: "d\.csv" has no header row/],
    ['duplicate column names', { 'd.csv': 'a,b,a\n1,2,3\n' }, { data: 'd.csv' }, /^data: "d\.csv" line 1: .*"a"/],
    ['invalid JSON on one line', { 'd.jsonl': '{"a": 1}\n{"a": \n' }, { data: 'd.jsonl' }, /^data: "d\.jsonl" line 2: /],
    ['a truncated Parquet file', { 'd.parquet': readFileSync(path.join(REPO_ROOT, 'tests/fixtures/data/bad/truncated.parquet')) }, { data: 'd.parquet' }, /^data: "d\.parquet" is not a valid Parquet file/],
    ['a reference profile of another schema version', { 'ref.json': '{"schemaVersion": 2}' }, { data: 'data/train.csv', reference: 'ref.json' }, /^reference: "ref\.json" has schemaVersion 2; this version reads 1 \(profile the data again with this version\)$/],
    ['a contract key with a typo', { 'c.yaml': 'version: 1\ncolumns:\n  id:\n    type: integer\n    mni: 0\n' }, { data: 'data/train.csv', contract: 'c.yaml' }, /^contract: "c\.yaml" line 5: columns\.id\.mni is not a known key; did you mean "min"\?$/],
    ['reference: production without a model name', {}, { data: 'data/train.csv', reference: 'production' }, /^model-name: the input is required with reference: production; give the registered model name whose production profile is the reference$/],
    ['a bad shard', {}, { data: 'data/train.csv', shard: '3/2' }, /^shard: "3\/2" is not a shard; expected i\/n with 1 ≤ i ≤ n, such as 2\/4$/],
    ['a bad fail-on', {}, { data: 'data/train.csv', 'fail-on': 'errors' }, /^fail-on: "errors" is not one of error, warning, never; did you mean "error"\?$/],
    ['no data and no merge', {}, {}, /^data: the input is required/],
  ];
  for (const [what, files, inputs, message] of cases) {
    it(what, async () => {
      const result = await validate(workspace(files), inputs);
      expectOneLineFailure(result, message);
      expect(result.durationMs).toBeLessThan(20_000);
    });
  }

  // The annotation is at the file and line the message names, so GitHub shows it there.
  const positions: Array<[string, Record<string, string>, Record<string, string>, Record<string, string>]> = [
    ['a contract typo', { 'c.yaml': 'version: 1\ncolumns:\n  id:\n    type: integer\n    mni: 0\n' }, { data: 'data/train.csv', contract: 'c.yaml' }, { file: 'c.yaml', line: '5' }],
    ['a ragged row', { 'd.csv': 'a,b,c\n1,2,3\n4,5\n' }, { data: 'd.csv' }, { file: 'd.csv', line: '3' }],
    ['a reference of another version', { 'ref.json': '{"schemaVersion": 2}' }, { data: 'data/train.csv', reference: 'ref.json' }, { file: 'ref.json' }],
  ];
  for (const [what, files, inputs, position] of positions) {
    it(`annotates ${what} at its file and line`, async () => {
      const result = await validate(workspace(files), inputs);
      expect(result.exitCode).toBe(1);
      expect(errors(result)[0]?.properties).toEqual(position);
    });
  }
});
