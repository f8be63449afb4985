import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGlobs } from '../../shared/src/files/globs';

describe('expandGlobs', () => {
  it('names each file once, even when a symbolic link leads to it again (a link back to a parent folder)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'globs-'));
    mkdirSync(path.join(dir, 's', 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 's', 'sub', 'a.csv'), 'x\n1\n');
    writeFileSync(path.join(dir, 's', 'b.csv'), 'x\n2\n');
    symlinkSync('..', path.join(dir, 's', 'sub', 'loop'));
    symlinkSync('b.csv', path.join(dir, 's', 'c.csv'));
    expect(await expandGlobs(['s/**/*.csv'], dir, { label: 'data' })).toEqual(['s/b.csv', 's/sub/a.csv']);
  });

  it('sorts by bytes, applies ! exclusions, and refuses a pattern that matches nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'globs-'));
    for (const name of ['b.csv', 'a.csv', 'B.csv', 'skip.csv']) writeFileSync(path.join(dir, name), 'x\n1\n');
    expect(await expandGlobs(['*.csv', '!skip.csv'], dir, { label: 'data' })).toEqual(['B.csv', 'a.csv', 'b.csv']);
    await expect(expandGlobs(['*.parquet'], dir, { label: 'data' })).rejects.toThrow(/^data: "\*\.parquet" matches no file under /);
  });
});
