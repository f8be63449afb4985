import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareBytes, digestPath, listFiles } from '../../shared/src/hashing/digest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'digest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The documented recipe for a folder's digest, run with coreutils. */
function coreutilsFolderDigest(folder: string): string {
  const script = "find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum | cut -d' ' -f1";
  return `sha256:${execFileSync('bash', ['-c', script], { cwd: folder, encoding: 'utf8' }).trim()}`;
}

describe('digestPath', () => {
  it('gives a file the sha256sum of its bytes', async () => {
    const file = path.join(dir, 'model.bin');
    writeFileSync(file, Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => i % 251)));
    const expected = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
    expect(await digestPath(file)).toBe(`sha256:${expected}`);
  });

  it('gives a folder the digest of its sha256sum manifest, as the documented coreutils recipe computes it', async () => {
    const model = path.join(dir, 'model');
    mkdirSync(path.join(model, 'sub', 'deeper'), { recursive: true });
    mkdirSync(path.join(model, 'empty'));
    writeFileSync(path.join(model, 'weights.bin'), 'w');
    writeFileSync(path.join(model, 'Z-upper.txt'), 'z');
    writeFileSync(path.join(model, 'sub', 'a b.json'), '{}');
    writeFileSync(path.join(model, 'sub', 'deeper', 'é.txt'), 'accent');
    writeFileSync(path.join(model, 'sub.txt'), 'sorts between sub/ entries by bytes');
    expect(await digestPath(model)).toBe(coreutilsFolderDigest(model));
  });

  it('changes when a file is renamed, and ignores empty folders', async () => {
    const model = path.join(dir, 'model');
    mkdirSync(model);
    writeFileSync(path.join(model, 'a.txt'), 'x');
    const before = await digestPath(model);
    mkdirSync(path.join(model, 'empty'));
    expect(await digestPath(model)).toBe(before);
    rmSync(path.join(model, 'a.txt'));
    writeFileSync(path.join(model, 'b.txt'), 'x');
    expect(await digestPath(model)).not.toBe(before);
  });

  it('follows symbolic links to files and folders', async () => {
    const real = path.join(dir, 'real');
    mkdirSync(real);
    writeFileSync(path.join(real, 'w.bin'), 'w');
    const model = path.join(dir, 'model');
    mkdirSync(model);
    symlinkSync(path.join(real, 'w.bin'), path.join(model, 'linked.bin'));
    symlinkSync(real, path.join(model, 'linked-dir'));
    expect(await listFiles(model)).toEqual(['linked-dir/w.bin', 'linked.bin']);
  });
});

describe('compareBytes', () => {
  it('orders by UTF-8 bytes like LC_ALL=C sort, not by UTF-16 code units', () => {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 9F 98 80) in bytes, but after it in UTF-16.
    const names = ['\u{1F600}', '\uFF5E', 'a'];
    expect([...names].sort(compareBytes)).toEqual(['a', '\uFF5E', '\u{1F600}']);
  });
});
