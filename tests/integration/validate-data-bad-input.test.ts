/**
 * validate-data on bad data files, as a user runs it (the bundle, the runner's protocol): each is one `::error`
 * annotated at the file (and line) it names, exit 1, no stack trace, no hang. Run `npm run build` first: the
 * bundle is what runs.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runAction, type ActionResult } from '../harness';

const workspaces: string[] = [];
afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'validate-bad-'));
  workspaces.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const errors = (result: ActionResult) => result.annotations.filter((a) => a.level === 'error');
const CONTRACT = 'version: 1\ncolumns: {}\n';

describe('validate-data: bad data files get one annotated line', () => {
  const cases: Array<[string, Record<string, string | Buffer>, string, { file: string; line?: string }]> = [
    ['a header-only CSV', { 'h.csv': 'id,name,score\n' }, 'data: "h.csv" line 1: the file has a header and no data rows; expected at least one data row after the header', { file: 'h.csv', line: '1' }],
    [
      'a gzip’d header-only TSV with a BOM',
      { 'h.tsv.gz': gzipSync('\ufeffa\tb\r\n') },
      'data: "h.tsv.gz" line 1: the file has a header and no data rows; expected at least one data row after the header',
      { file: 'h.tsv.gz', line: '1' },
    ],
    ['an empty JSON Lines file', { 'e.jsonl': '' }, 'data: "e.jsonl" is empty; expected at least one JSON object, one per line', { file: 'e.jsonl' }],
    ['a blank JSON Lines file, gzip’d', { 'b.jsonl.gz': gzipSync('\n\n') }, 'data: "b.jsonl.gz" has only blank lines; expected at least one JSON object, one per line', { file: 'b.jsonl.gz' }],
    [
      'a Parquet file of 0 rows',
      { 'z.parquet': readFileSync(path.join(REPO_ROOT, 'tests/fixtures/data/empty-rows.parquet')) },
      'data: "z.parquet" has no rows (its schema names 1 column); expected at least one row',
      { file: 'z.parquet' },
    ],
    ['a JSON Lines key named twice', { 'd.jsonl': '{"score":5}\n{"score":500,"score":1}\n' }, 'data: "d.jsonl" line 2: the record names key "score" twice; expected unique keys', { file: 'd.jsonl', line: '2' }],
    ['bare CR line endings', { 'cr.csv': 'id,name,score\r1,a,2\r2,b,300\r' }, 'data: "cr.csv" line 1: bare CR line endings (a CR not followed by LF); expected LF or CRLF line endings', { file: 'cr.csv', line: '1' }],
    ['a ragged row', { 'r.csv': 'id,name,score\n1,alice,10\n2,bob,20,extra\n' }, 'data: "r.csv" line 3: 4 fields; expected 3, as the header has', { file: 'r.csv', line: '3' }],
    [
      'invalid JSON',
      { 'j.jsonl': '{"a":1}\n{"a":1,"b":2 x}\n' },
      `data: "j.jsonl" line 2: invalid JSON (Expected ',' or '}' after property value at column 14); expected one JSON object per line`,
      { file: 'j.jsonl', line: '2' },
    ],
  ];
  for (const [what, files, message, position] of cases) {
    it(what, async () => {
      const result = await runAction('validate-data', { cwd: workspace({ ...files, 'c.yaml': CONTRACT }), inputs: { data: Object.keys(files)[0] as string, contract: 'c.yaml' } });
      expect(result.exitCode, result.stdout + result.stderr).toBe(1);
      const annotations = errors(result);
      expect(annotations.map((a) => a.message)).toEqual([message]);
      expect(annotations[0]?.properties).toEqual(position);
      expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    });
  }

  it('a stray quote in a large file fails at its line, quickly and without holding the file', async () => {
    const tail = `${'x'.repeat(99)}\n`.repeat(100_000);
    const dir = workspace({ 'c.yaml': CONTRACT });
    // 100 MiB past the quote: more than the 64 MiB a record may take.
    writeFileSync(path.join(dir, 'uq.csv'), `id,name\n1,a\n2,"${tail}`);
    for (let k = 0; k < 9; k++) writeFileSync(path.join(dir, 'uq.csv'), tail, { flag: 'a' });
    const result = await runAction('validate-data', { cwd: dir, inputs: { data: 'uq.csv', contract: 'c.yaml' } });
    expect(result.exitCode).toBe(1);
    expect(errors(result).map((a) => a.message)).toEqual([
      'data: "uq.csv" line 3: a quoted field starts here and runs past 64 MiB without its closing quote; expected a closing " (a " inside a quoted field is written "") and records of at most 64 MiB',
    ]);
    expect(result.durationMs).toBeLessThan(20_000);
  });
});
