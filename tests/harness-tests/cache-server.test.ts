import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findEntry, startCacheServer, type CacheEntry, type CacheServer } from '../harness/cache-server';
import { node24, REPO_ROOT } from '../harness/node';

const execFileAsync = promisify(execFile);

/**
 * Runs the real @actions/cache in a Node 24 child with the fake service's environment, as a bundle would:
 * `save <key>` or `restore <key> [restoreKey…]` of the relative path `model`, in GITHUB_WORKSPACE.
 */
const SCRIPT = `
import * as cache from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'node_modules/@actions/cache/lib/cache.js')).href)};
const [mode, key, ...restoreKeys] = process.argv.slice(2);
let result;
if (mode === 'save') result = await cache.saveCache(['model'], key);
else result = await cache.restoreCache(['model'], key, restoreKeys);
console.log('RESULT ' + JSON.stringify(result ?? null));
`;

let dir: string;
let script: string;
let server: CacheServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mlops-cache-test-'));
  script = path.join(dir, 'cache-client.mjs');
  await writeFile(script, SCRIPT);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  server = await startCacheServer();
});
afterEach(() => server.close());

async function workspace(name: string): Promise<string> {
  const workspaceDir = path.join(dir, name);
  await mkdir(path.join(workspaceDir, 'runner-temp'), { recursive: true });
  return workspaceDir;
}

async function runCache(workspaceDir: string, ...args: string[]): Promise<{ result: unknown; stdout: string }> {
  const { stdout } = await execFileAsync(node24(), [script, ...args], {
    cwd: workspaceDir,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      ...server.env,
      // @actions/cache makes its archive in RUNNER_TEMP (without it: /home/actions/temp) and tars relative to GITHUB_WORKSPACE.
      RUNNER_TEMP: path.join(workspaceDir, 'runner-temp'),
      GITHUB_WORKSPACE: workspaceDir,
      GITHUB_SERVER_URL: 'https://github.com',
    },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  return { result: JSON.parse(line?.slice('RESULT '.length) ?? 'undefined') as unknown, stdout };
}

describe('fake Actions cache service, v1 protocol', () => {
  it('gives @actions/cache a real save, a restore in a fresh workspace, and a miss for another key', async () => {
    const first = await workspace('first');
    await mkdir(path.join(first, 'model'));
    await writeFile(path.join(first, 'model', 'weights.bin'), Buffer.from([1, 2, 3, 4, 5]));
    await writeFile(path.join(first, 'model', 'card.md'), '# churn\n');

    const saved = await runCache(first, 'save', 'mlops-train-abc');
    expect(saved.result).toBe(1);
    expect(server.entries).toHaveLength(1);
    expect(server.entries[0]).toMatchObject({ key: 'mlops-train-abc', committed: true });
    expect(server.entries[0]?.archive?.length).toBeGreaterThan(0);
    const requests = server.calls.map((c) => `${c.method} ${c.path.replace(/\/\d+$/, '/{id}')} ${c.status}`);
    expect(requests).toEqual([
      'POST /fake-cache-service/_apis/artifactcache/caches 201',
      'PATCH /fake-cache-service/_apis/artifactcache/caches/{id} 204',
      'POST /fake-cache-service/_apis/artifactcache/caches/{id} 204',
    ]);
    expect(server.calls[1]?.headers['content-range']).toMatch(/^bytes 0-\d+\/\*$/);

    const second = await workspace('second');
    const restored = await runCache(second, 'restore', 'mlops-train-abc');
    expect(restored.result).toBe('mlops-train-abc');
    expect(await readFile(path.join(second, 'model', 'weights.bin'))).toEqual(Buffer.from([1, 2, 3, 4, 5]));
    expect(await readFile(path.join(second, 'model', 'card.md'), 'utf8')).toBe('# churn\n');
    const lookup = server.calls.find((c) => c.method === 'GET' && c.path.endsWith('/cache'));
    expect(lookup?.query).toMatchObject({ keys: 'mlops-train-abc', version: server.entries[0]?.version });
    expect(lookup?.headers['accept']).toBe('application/json;api-version=6.0-preview.1');

    const third = await workspace('third');
    expect((await runCache(third, 'restore', 'mlops-train-other')).result).toBeNull();

    // A restore key matches by prefix, as on GitHub.
    expect((await runCache(third, 'restore', 'mlops-train-other', 'mlops-train-')).result).toBe('mlops-train-abc');

    // Saving the same key again: the service answers 409 and @actions/cache only logs it.
    const again = await runCache(first, 'save', 'mlops-train-abc');
    expect(again.result).toBe(-1);
    expect(again.stdout).toMatch(/Failed to save: Unable to reserve cache with key mlops-train-abc, another job may be creating this cache. More details: Cache already exists/);
    expect(server.entries).toHaveLength(1);
  });

  it('answers 503 to everything while down, and the bearer token is required', async () => {
    server.setDown(true);
    const down = await fetch(`${server.url}_apis/artifactcache/cache?keys=a&version=v`, { headers: { authorization: `Bearer ${server.env.ACTIONS_RUNTIME_TOKEN}` } });
    expect(down.status).toBe(503);
    server.setDown(false);
    expect((await fetch(`${server.url}_apis/artifactcache/cache?keys=a&version=v`, { headers: { authorization: `Bearer ${server.env.ACTIONS_RUNTIME_TOKEN}` } })).status).toBe(204);
    expect((await fetch(`${server.url}_apis/artifactcache/cache?keys=a&version=v`)).status).toBe(401);
    expect(server.url.endsWith('/')).toBe(true);
  });

  it('refuses a commit whose chunks do not add up to the size', async () => {
    const auth = { authorization: `Bearer ${server.env.ACTIONS_RUNTIME_TOKEN}`, 'content-type': 'application/json' };
    const reserve = await fetch(`${server.url}_apis/artifactcache/caches`, { method: 'POST', headers: auth, body: JSON.stringify({ key: 'k', version: 'v' }) });
    const { cacheId } = (await reserve.json()) as { cacheId: number };
    const chunk = await fetch(`${server.url}_apis/artifactcache/caches/${cacheId}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/octet-stream', 'content-range': 'bytes 0-3/*' },
      body: Buffer.from('abcd'),
    });
    expect(chunk.status).toBe(204);
    const commit = await fetch(`${server.url}_apis/artifactcache/caches/${cacheId}`, { method: 'POST', headers: auth, body: JSON.stringify({ size: 10 }) });
    expect(commit.status).toBe(400);
    expect(server.entries[0]?.committed).toBe(false);
    // An uncommitted entry is invisible to lookups but already holds its key.
    expect((await fetch(`${server.url}_apis/artifactcache/cache?keys=k&version=v`, { headers: auth })).status).toBe(204);
    expect((await fetch(`${server.url}_apis/artifactcache/caches`, { method: 'POST', headers: auth, body: JSON.stringify({ key: 'k', version: 'v' }) })).status).toBe(409);
  });
});

describe('findEntry', () => {
  const entry = (id: number, key: string, version = 'v1'): CacheEntry => ({ id, key, version, scope: 'refs/heads/main', committed: true, createdAt: '', chunks: new Map() });
  const entries = [entry(1, 'train-a'), entry(2, 'train-b'), entry(3, 'train-c', 'v2'), entry(4, 'other')];

  it('prefers an exact key, then the newest prefix match, key by key, within one version', () => {
    expect(findEntry(entries, ['train-a'], 'v1')?.id).toBe(1);
    expect(findEntry(entries, ['train-'], 'v1')?.id).toBe(2);
    expect(findEntry(entries, ['nope', 'oth'], 'v1')?.id).toBe(4);
    expect(findEntry(entries, ['train-c'], 'v1')).toBeUndefined();
  });
});
