import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ServiceError } from '../../shared/src/errors';
import { digestPath } from '../../shared/src/hashing/digest';
import { GitHubReleaseStore } from '../../shared/src/registry/stores';
import { createGitHubClient } from '../../shared/src/runtime/github';
import { startGitHubServer, type GitHubServer } from '../harness/github-server';
import { makeTempDir, removeTempDir } from '../harness/temp';
import { silentLogger } from '../harness/logger';

const owner = 'octo-org';
const repo = 'octo-repo';
const full = `${owner}/${repo}`;
let server: GitHubServer;
let dir: string;

const logger = silentLogger;

beforeEach(async () => {
  server = await startGitHubServer();
  dir = await makeTempDir('store-release');
});
afterEach(async () => {
  await server.close();
  await removeTempDir(dir);
});

function store(token = 'ghs_writer'): GitHubReleaseStore {
  const client = createGitHubClient(token, { apiUrl: server.apiUrl, logger, retries: 0 });
  return new GitHubReleaseStore({ client, owner, repo, tempDir: dir });
}

function records(): Array<{ name: string; path: string }> {
  mkdirSync(path.join(dir, 'records'), { recursive: true });
  return ['metrics.json', 'profile.json', 'run.json'].map((name) => {
    const file = path.join(dir, 'records', name);
    writeFileSync(file, JSON.stringify({ name }));
    return { name, path: file };
  });
}

function folderModel(): string {
  const model = path.join(dir, 'model');
  mkdirSync(path.join(model, 'sub'), { recursive: true });
  writeFileSync(path.join(model, 'weights.bin'), Buffer.alloc(300_000, 3));
  writeFileSync(path.join(model, 'sub', 'config.json'), '{"layers":3}');
  // A path longer than ustar's 100-byte name field, to exercise the pax record.
  const deep = path.join(model, 'd'.repeat(60), 'e'.repeat(60));
  mkdirSync(deep, { recursive: true });
  writeFileSync(path.join(deep, `${'f'.repeat(90)}.txt`), 'deep');
  return model;
}

function assetsOf(tag: string): Array<{ name: string; label: string; data: Buffer }> {
  const release = server.state.releases(full).find((r) => r.json['tag_name'] === tag);
  return (release?.assets ?? []).map((a) => ({ name: String(a.json['name']), label: String(a.json['label']), data: a.data }));
}

function writes(): string[] {
  return server.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);
}

describe('GitHubReleaseStore', () => {
  it('creates one published release per version with the archived folder and the records, labelled with digests', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    const extras = records();
    const { location } = await store().put({ name: 'churn', version: '1.2.0', path: model, digest }, extras);
    const releases = server.state.releases(full);
    expect(releases).toHaveLength(1);
    expect(releases[0]?.json['tag_name']).toBe('churn@v1.2.0');
    expect(releases[0]?.json['draft']).toBe(false);
    expect(location).toBe(releases[0]?.json['html_url']);
    const assets = assetsOf('churn@v1.2.0');
    expect(assets.map((a) => a.name)).toEqual(['churn-v1.2.0.tar.gz', 'metrics.json', 'profile.json', 'run.json']);
    expect(assets[0]?.label).toBe(`model folder ${digest}`);
    expect(assets[1]?.label).toBe(await digestPath(extras[0]?.path ?? ''));
    expect(assets[3]?.data.toString()).toBe('{"name":"run.json"}');

    // GNU tar reads the archive: sorted entries under the folder's name, fixed mtime, owner and mode.
    const archive = path.join(dir, 'check.tar.gz');
    writeFileSync(archive, assets[0]?.data ?? Buffer.alloc(0));
    const listing = execFileSync('tar', ['--numeric-owner', '--utc', '-tvzf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.map((line) => line.split(/\s+/).at(-1))).toEqual([
      `model/${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(90)}.txt`,
      'model/sub/config.json',
      'model/weights.bin',
    ]);
    for (const line of listing) expect(line).toMatch(/^-rw-r--r-- 0\/0 +\d+ 2000-01-01 00:00 /);
    const extracted = path.join(dir, 'gnu');
    mkdirSync(extracted);
    execFileSync('tar', ['-xzf', archive, '-C', extracted]);
    expect(await digestPath(path.join(extracted, 'model'))).toBe(digest);
  });

  it('archives the same folder to the same tar bytes', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    await store().put({ name: 'churn', version: '1.0.0', path: model, digest }, []);
    await store().put({ name: 'churn', version: '1.0.1', path: model, digest }, []);
    const first = assetsOf('churn@v1.0.0')[0]?.data ?? Buffer.alloc(0);
    const second = assetsOf('churn@v1.0.1')[0]?.data ?? Buffer.alloc(1);
    expect(gunzipSync(first).equals(gunzipSync(second))).toBe(true);
    expect(gunzipSync(first).length % 10240).toBe(0);
  });

  it('uploads a file model as is', async () => {
    const file = path.join(dir, 'model.onnx');
    writeFileSync(file, Buffer.from([0, 1, 2, 3, 255]));
    const digest = await digestPath(file);
    await store().put({ name: 'churn', version: 'v0.1.0', path: file, digest }, records());
    const assets = assetsOf('churn@v0.1.0');
    expect(assets[0]).toEqual({ name: 'model.onnx', label: `model ${digest}`, data: Buffer.from([0, 1, 2, 3, 255]) });
  });

  it('is idempotent when re-run: the existing release and assets are kept, nothing is written', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    const extras = records();
    const first = await store().put({ name: 'churn', version: '1.0.0', path: model, digest }, extras);
    server.calls.length = 0;
    const second = await store().put({ name: 'churn', version: '1.0.0', path: model, digest }, extras);
    expect(second).toEqual(first);
    expect(writes()).toEqual([]);
    expect(server.state.releases(full)).toHaveLength(1);
  });

  it('finishes a promotion that died after creating the draft and one upload', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    const extras = records();
    // The run is killed while uploading profile.json: the release stays a draft with two assets.
    server.failNext((request) => request.method === 'POST' && request.query['name'] === 'profile.json', 500);
    await expect(store().put({ name: 'churn', version: '1.0.0', path: model, digest }, extras)).rejects.toThrow(ServiceError);
    expect(server.state.releases(full)[0]?.json['draft']).toBe(true);
    await expect(store().get('churn', '1.0.0', digest, path.join(dir, 'out'))).rejects.toThrow(`github-release ${full}: no published release churn@v1.0.0`);

    await store().put({ name: 'churn', version: '1.0.0', path: model, digest }, extras);
    expect(server.state.releases(full)).toHaveLength(1);
    expect(server.state.releases(full)[0]?.json['draft']).toBe(false);
    expect(assetsOf('churn@v1.0.0').map((a) => a.name)).toEqual(['churn-v1.0.0.tar.gz', 'metrics.json', 'profile.json', 'run.json']);
  });

  it('refuses a re-run whose asset differs, naming the asset, and uploads nothing', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    const extras = records();
    await store().put({ name: 'churn', version: '1.0.0', path: model, digest }, extras);
    writeFileSync(extras[0]?.path ?? '', '{"accuracy":0.99}');
    server.calls.length = 0;
    const error = await store()
      .put({ name: 'churn', version: '1.0.0', path: model, digest }, extras)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(
      new RegExp(`^github-release ${full}: release churn@v1\\.0\\.0 already has asset "metrics\\.json" labelled "sha256:[0-9a-f]{64}", not "sha256:[0-9a-f]{64}"; register a new version or delete the asset$`),
    );
    expect(writes()).toEqual([]);
  });

  it('downloads a folder model, extracts it and verifies its digest', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    await store().put({ name: 'churn', version: '1.0.0', path: model, digest }, records());
    const got = await store().get('churn', 'v1.0.0', digest, path.join(dir, 'out'));
    expect(got).toBe(path.join(dir, 'out', 'model'));
    expect(await digestPath(got)).toBe(digest);
    expect(readFileSync(path.join(got, 'sub', 'config.json'), 'utf8')).toBe('{"layers":3}');
    // The bytes came through GitHub's redirect to storage.
    expect(server.calls.some((c) => c.path.startsWith('/_storage/release-assets/'))).toBe(true);
    // Nothing but the model is left in the destination.
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['model']);
  });

  it('downloads a file model and verifies its digest', async () => {
    const file = path.join(dir, 'model.onnx');
    writeFileSync(file, 'onnx bytes');
    const digest = await digestPath(file);
    await store().put({ name: 'churn', version: '1.0.0', path: file, digest }, []);
    const got = await store().get('churn', '1.0.0', digest, path.join(dir, 'out'));
    expect(got).toBe(path.join(dir, 'out', 'model.onnx'));
    expect(readFileSync(got, 'utf8')).toBe('onnx bytes');
  });

  it('fails with one line naming the store and both digests when an asset was tampered with', async () => {
    const file = path.join(dir, 'model.onnx');
    writeFileSync(file, 'onnx bytes');
    const digest = await digestPath(file);
    await store().put({ name: 'churn', version: '1.0.0', path: file, digest }, []);
    const asset = server.state.releases(full)[0]?.assets[0];
    if (!asset) throw new Error('no asset');
    asset.data = Buffer.from('evil bytes');
    const tampered = await digestPath((writeFileSync(path.join(dir, 'evil'), 'evil bytes'), path.join(dir, 'evil')));
    const error = await store()
      .get('churn', '1.0.0', digest, path.join(dir, 'out'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toBe(`github-release ${full}: churn@v1.0.0: digest mismatch: expected ${digest}, the store's copy has ${tampered}`);
    expect(readdirSync(path.join(dir, 'out'))).toEqual([]);
  });

  it('fetches a record stored with the version by name (the profile), verified; one line when it is missing or tampered with', async () => {
    const file = path.join(dir, 'model.onnx');
    writeFileSync(file, 'onnx bytes');
    const extras = records();
    const profileDigest = await digestPath(extras[1]?.path ?? '');
    await store().put({ name: 'churn', version: '1.0.0', path: file, digest: await digestPath(file) }, extras);
    const got = await store().getFile('churn', 'v1.0.0', 'profile.json', profileDigest, path.join(dir, 'out'));
    expect(got).toBe(path.join(dir, 'out', 'profile.json'));
    expect(readFileSync(got, 'utf8')).toBe('{"name":"profile.json"}');
    expect(await store().getFile('churn', 'v1.0.0', 'profile.json', profileDigest, path.join(dir, 'out'))).toBe(got);

    await expect(store().getFile('churn', 'v1.0.0', 'contract.yaml', profileDigest, path.join(dir, 'other'))).rejects.toThrow(`github-release ${full}: release churn@v1.0.0 has no asset "contract.yaml"`);
    const wrong = `sha256:${'0'.repeat(64)}`;
    await expect(store().getFile('churn', 'v1.0.0', 'profile.json', wrong, path.join(dir, 'other'))).rejects.toThrow(
      `github-release ${full}: churn@v1.0.0 profile.json: digest mismatch: expected ${wrong}, the asset is labelled ${profileDigest}`,
    );
    const asset = server.state.releases(full)[0]?.assets.find((a) => a.json['name'] === 'profile.json');
    if (!asset) throw new Error('no profile asset');
    asset.data = Buffer.from('{"name":"evil"}');
    const error = await store()
      .getFile('churn', 'v1.0.0', 'profile.json', profileDigest, path.join(dir, 'tampered'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toMatch(new RegExp(`^github-release ${full}: churn@v1\\.0\\.0 profile\\.json: digest mismatch: expected ${profileDigest}, the store's copy has sha256:[0-9a-f]{64}$`));
    expect(readdirSync(path.join(dir, 'tampered'))).toEqual([]);
  });

  it('fails with one line when a folder archive was tampered with', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    await store().put({ name: 'churn', version: '1.0.0', path: model, digest }, []);
    const asset = server.state.releases(full)[0]?.assets[0];
    if (!asset) throw new Error('no asset');
    // Rebuild the archive with one file changed.
    writeFileSync(path.join(model, 'weights.bin'), 'poisoned');
    const other = `${dir}/tampered.tar.gz`;
    const { writeTarGz } = await import('../../shared/src/registry/stores/tar');
    await writeTarGz(model, 'model', other);
    asset.data = readFileSync(other);
    await expect(store().get('churn', '1.0.0', digest, path.join(dir, 'out'))).rejects.toThrow(
      new RegExp(`^github-release ${full}: churn@v1\\.0\\.0: digest mismatch: expected ${digest}, the store's copy has sha256:[0-9a-f]{64}$`),
    );
    asset.data = Buffer.from('not a gzip');
    await expect(store().get('churn', '1.0.0', digest, path.join(dir, 'out'))).rejects.toThrow(/the asset "churn-v1\.0\.0\.tar\.gz" is not a readable archive/);
  });

  it('turns a read-only token into one line that names the store, the status and the permission', async () => {
    server.state.registerToken('ghs_readonly', { readOnly: true });
    const file = path.join(dir, 'model.onnx');
    writeFileSync(file, 'onnx bytes');
    const error = await store('ghs_readonly')
      .put({ name: 'churn', version: '1.0.0', path: file, digest: await digestPath(file) }, [])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toBe(
      `github-release ${full}: creating release churn@v1.0.0 failed: HTTP 403 Resource not accessible by integration; the token needs \`contents: write\` (add \`permissions: contents: write\` to the job)`,
    );
    expect(server.state.releases(full)).toEqual([]);
  });

  it('names the status of other API failures in one line', async () => {
    server.state.registerToken('ghs_revoked', { revoked: true });
    await expect(store('ghs_revoked').get('churn', '1.0.0', `sha256:${'a'.repeat(64)}`, dir)).rejects.toThrow(
      `github-release ${full}: reading release churn@v1.0.0 failed: HTTP 401 Bad credentials; the token is invalid or expired`,
    );
  });
});
