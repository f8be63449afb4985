import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localFolderCache, noCache } from '../../shared/src/runtime/cache';
import type { Logger } from '../../shared/src/ports';

describe('localFolderCache', () => {
  it('restores files and folders saved under a key, and misses other keys and other paths', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'cache-ws-'));
    const store = path.join(mkdtempSync(path.join(os.tmpdir(), 'cache-store-')), 'cache');
    mkdirSync(path.join(workspace, 'model'));
    writeFileSync(path.join(workspace, 'model', 'w.bin'), 'weights');
    writeFileSync(path.join(workspace, 'metrics.json'), '{"a": 1}');
    const cache = localFolderCache(store, workspace);
    const paths = [path.join(workspace, 'model'), path.join(workspace, 'metrics.json')];
    await cache.save(paths, 'key-1');

    rmSync(path.join(workspace, 'model'), { recursive: true });
    writeFileSync(path.join(workspace, 'metrics.json'), 'changed');
    expect(await cache.restore(paths, 'key-2')).toBeUndefined();
    expect(await cache.restore([path.join(workspace, 'model')], 'key-1')).toBeUndefined();
    expect(await cache.restore(paths, 'key-1')).toBe('key-1');
    expect(readFileSync(path.join(workspace, 'model', 'w.bin'), 'utf8')).toBe('weights');
    expect(readFileSync(path.join(workspace, 'metrics.json'), 'utf8')).toBe('{"a": 1}');
    // Entries are renamed into place: no temporary folder is left beside them.
    expect(readdirSync(store).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});

describe('noCache', () => {
  it('misses, saves nothing, and warns once', async () => {
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warning: (m) => warnings.push(m), error() {}, group: (_n, fn) => fn(), mask() {} };
    const cache = noCache('not on a runner', logger);
    expect(await cache.restore(['x'], 'k')).toBeUndefined();
    await cache.save(['x'], 'k');
    expect(warnings).toEqual(['No cache service: not on a runner. Training runs every time.']);
    expect(existsSync('x')).toBe(false);
  });
});
