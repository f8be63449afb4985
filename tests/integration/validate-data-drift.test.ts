/**
 * validate-data's drift as a user meets it, through the bundle with the runner's protocol: columns that became all
 * null or partly text, a contract method that no longer applies, a drift on the null rate alone, and `drift: off`.
 * Each run must still write the profile and validation.json, and say in the annotation and the summary why.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import validationSchema from '../../shared/schemas/validation.schema.json';
import { assertMatchesSchema } from '../../shared/src/files/schema';
import { normals, uniforms } from '../fixtures/random';
import { runAction, type ActionResult } from '../harness';

const workspaces: string[] = [];
afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ROWS = 1000;
const x = normals(1, ROWS, 10, 2);
const next = uniforms(2);
const c = Array.from({ length: ROWS }, () => 'abc'[Math.floor(next() * 3)]!);

function csv(header: string, rows: (i: number) => string): string {
  return `${header}\n${Array.from({ length: ROWS }, (_, i) => `${rows(i)}\n`).join('')}`;
}

/** A workspace with the reference data, its profile written by a first run. */
async function workspace(files: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'validate-drift-'));
  workspaces.push(dir);
  writeFileSync(path.join(dir, 'ref.csv'), csv('x,c', (i) => `${x[i]},${c[i]}`));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  const reference = await runAction('validate-data', { cwd: dir, inputs: { data: 'ref.csv', profile: 'ref.json', report: 'ref.v.json' } });
  expect(reference.exitCode, reference.stdout + reference.stderr).toBe(0);
  return dir;
}

async function validate(dir: string, inputs: Record<string, string>): Promise<ActionResult> {
  const result = await runAction('validate-data', { cwd: dir, inputs: { reference: 'ref.json', profile: 'cur.json', report: 'cur.v.json', ...inputs } });
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  expect(existsSync(path.join(dir, 'cur.json'))).toBe(true);
  return result;
}

type DriftJson = Record<string, unknown> & { column: string; drifted: boolean; nullRate: Record<string, unknown> };
function driftOf(dir: string): DriftJson[] {
  const data: unknown = JSON.parse(readFileSync(path.join(dir, 'cur.v.json'), 'utf8'));
  assertMatchesSchema(validationSchema, data, 'cur.v.json', 'test');
  return (data as { drift: DriftJson[] }).drift;
}

const warnings = (result: ActionResult) => result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

describe('validate-data: drift of columns whose type changed', () => {
  it('reports columns that became all null as drifted on their null rate, with the reason', async () => {
    const dir = await workspace({ 'cur.csv': csv('x,c', () => ',') });
    const result = await validate(dir, { data: 'cur.csv' });
    expect(JSON.parse(result.outputs['drifted-columns'] ?? '')).toEqual(['x', 'c']);
    expect(driftOf(dir)).toEqual([
      expect.objectContaining({ column: 'x', value: null, drifted: true, reason: 'the current data has no non-null values', nullRate: expect.objectContaining({ reference: 0, current: 1 }) }),
      expect.objectContaining({ column: 'c', value: null, drifted: true, reason: 'the current data has no non-null values' }),
    ]);
    expect(warnings(result)[0]).toBe(
      'column "x" drifted: its null rate went from 0 to 1.00, a change of +1.00 beyond the threshold 0.0500 and the noise floor 0.0736 (the current data has no non-null values)',
    );
    expect(result.summary).toMatch(/\| <code>x<\/code> \| null rate \| wasserstein \| — \|.*\| 0 → 1\.00 \|.*the current data has no non\\-null values \|/);
  });

  it('compares a column now partly text on its numbers, and says so', async () => {
    const shifted = normals(3, ROWS, 30, 2);
    const dir = await workspace({ 'cur.csv': csv('x,c', (i) => `${i % 10 === 0 ? 'oops' : shifted[i]},${c[i]}`) });
    const result = await validate(dir, { data: 'cur.csv' });
    expect(JSON.parse(result.outputs['drifted-columns'] ?? '')).toEqual(['x']);
    const [entry] = driftOf(dir);
    expect(entry).toMatchObject({ column: 'x', method: 'wasserstein', drifted: true, currentCount: 900 });
    expect(entry!['note']).toBe('the current data reads it as string: compared on its 900 values that read as numbers, 100 other values left out');
    expect(warnings(result)).toEqual([expect.stringMatching(/^column "x" drifted: wasserstein \d+\.\d+ is above the threshold 0\.100 and the noise floor 0\.\d+ \(the current data reads it as string/)]);
  });

  it('does not fail after reading the data when the method does not apply, and still writes every report', async () => {
    const dir = await workspace({
      'cur.csv': csv('x,c', (i) => `${x[i]},${i % 4 === 0 ? '' : 'a'}`),
      'contract.yaml': 'version: 1\ncolumns:\n  x: { type: number }\n  c:\n    drift: { method: wasserstein }\n',
    });
    const result = await validate(dir, { data: 'cur.csv', contract: 'contract.yaml' });
    const entry = driftOf(dir).find((d) => d.column === 'c')!;
    expect(entry).toMatchObject({ kind: 'categorical', method: 'wasserstein', value: null, drifted: true });
    expect(entry['reason']).toBe('drift method "wasserstein" does not apply to a categorical column; use one of psi, jensen-shannon, off');
    expect((entry['statistics'] as Record<string, number>)['psi']).toBeGreaterThan(1);
    expect(warnings(result)).toEqual([expect.stringMatching(/^column "c" drifted: its null rate went from 0 to 0\.250/)]);
    expect(result.summary).toContain('#### ⚠️ Drifted columns');
  });
});

describe('validate-data: which drift rule fired', () => {
  it('names the null rate, not the effect size, when only the null rate moved', async () => {
    const dir = await workspace({ 'cur.csv': csv('x,c', (i) => `${i % 3 === 0 ? '' : x[i]},${c[i]}`) });
    const result = await validate(dir, { data: 'cur.csv' });
    const [message] = warnings(result);
    expect(message).toMatch(/^column "x" drifted: its null rate went from 0 to 0\.334, a change of \+0\.334 beyond the threshold 0\.0500 and the noise floor 0\.0\d+$/);
    expect(message).not.toContain('wasserstein');
    expect(result.summary).toMatch(/\| <code>x<\/code> \| null rate \| wasserstein \| 0\.0\d+ \| 0\.100 \|/);
  });

  it('reports `drift: off` columns, unjudged', async () => {
    const shifted = normals(4, ROWS, 20, 2);
    const dir = await workspace({ 'cur.csv': csv('x,c', (i) => `${shifted[i]},${c[i]}`), 'contract.yaml': 'version: 1\ncolumns:\n  x: { type: number, drift: off }\n' });
    const result = await validate(dir, { data: 'cur.csv', contract: 'contract.yaml', 'fail-on': 'warning' });
    expect(result.outputs['drifted-columns']).toBe('[]');
    const entry = driftOf(dir).find((d) => d.column === 'x')!;
    expect(entry).toMatchObject({ method: 'off', value: null, drifted: false });
    expect((entry['statistics'] as Record<string, number>)['wasserstein']).toBeGreaterThan(4);
    expect(result.summary).toContain('1 column not judged (<code>drift: off</code>)');
  });
});
