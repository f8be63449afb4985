import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ServiceError } from '../../shared/src/errors';
import { digestPath } from '../../shared/src/hashing/digest';
import { LocalArtifactStore, parseArtifactStore, type CopyFunction } from '../../shared/src/registry/stores';
import { makeTempDir, removeTempDir } from '../harness/temp';

let dir: string;
let storeDir: string;
beforeEach(async () => {
  dir = await makeTempDir('store-local');
  storeDir = path.join(dir, 'store');
});
afterEach(() => removeTempDir(dir));

function extras(): Array<{ name: string; path: string }> {
  const files = ['metrics.json', 'profile.json', 'run.json'];
  mkdirSync(path.join(dir, 'records'), { recursive: true });
  return files.map((name) => {
    const file = path.join(dir, 'records', name);
    writeFileSync(file, JSON.stringify({ name }));
    return { name, path: file };
  });
}

function folderModel(): string {
  const model = path.join(dir, 'model');
  mkdirSync(path.join(model, 'sub'), { recursive: true });
  writeFileSync(path.join(model, 'weights.bin'), Buffer.alloc(70_000, 7));
  writeFileSync(path.join(model, 'sub', 'config.json'), '{"layers":3}');
  return model;
}

/** Every path under `root`, relative, sorted. */
function tree(root: string): string[] {
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort();
}

describe('LocalArtifactStore', () => {
  it('stores a file model content-addressed, indexes it with its extras, and gets it back verified', async () => {
    const file = path.join(dir, 'model.pkl');
    writeFileSync(file, 'pickled');
    const digest = await digestPath(file);
    const hex = digest.slice(7);
    const store = new LocalArtifactStore(storeDir);
    const { location } = await store.put({ name: 'churn', version: '1.2.0', path: file, digest }, extras());
    expect(location).toBe(path.join(storeDir, 'objects', 'sha256', hex, 'model.pkl'));
    expect(readFileSync(location, 'utf8')).toBe('pickled');
    const index = JSON.parse(readFileSync(path.join(storeDir, 'models', 'churn', 'v1.2.0.json'), 'utf8'));
    expect(index.model).toEqual({ digest, kind: 'file', path: `objects/sha256/${hex}/model.pkl` });
    expect(index.extras.map((e: { name: string }) => e.name)).toEqual(['metrics.json', 'profile.json', 'run.json']);
    const metrics = index.extras[0];
    expect(readFileSync(path.join(storeDir, metrics.path), 'utf8')).toBe('{"name":"metrics.json"}');
    expect(tree(path.join(storeDir, 'objects', 'sha256')).filter((p) => p.startsWith('.tmp-'))).toEqual([]);

    const got = await store.get('churn', 'v1.2.0', digest, path.join(dir, 'out'));
    expect(got).toBe(path.join(dir, 'out', 'model.pkl'));
    expect(readFileSync(got, 'utf8')).toBe('pickled');
    // Getting it again into the same place keeps the verified copy.
    expect(await store.get('churn', '1.2.0', digest, path.join(dir, 'out'))).toBe(got);
  });

  it('fetches a record stored with the version by name (the profile), verified; one line when it is missing or tampered with', async () => {
    const file = path.join(dir, 'model.pkl');
    writeFileSync(file, 'pickled');
    const store = new LocalArtifactStore(storeDir);
    const records = extras();
    const profileDigest = await digestPath(records[1]?.path ?? '');
    await store.put({ name: 'churn', version: 'v1.0.0', path: file, digest: await digestPath(file) }, records);
    const got = await store.getFile('churn', 'v1.0.0', 'profile.json', profileDigest, path.join(dir, 'out'));
    expect(got).toBe(path.join(dir, 'out', 'profile.json'));
    expect(readFileSync(got, 'utf8')).toBe('{"name":"profile.json"}');

    await expect(store.getFile('churn', 'v1.0.0', 'contract.yaml', profileDigest, path.join(dir, 'x'))).rejects.toThrow(
      `local:${storeDir}: churn@v1.0.0 has no "contract.yaml" (stored with it: metrics.json, profile.json, run.json)`,
    );
    await expect(store.getFile('churn', 'v2.0.0', 'profile.json', profileDigest, path.join(dir, 'x'))).rejects.toThrow(`local:${storeDir}: no artifact for churn@v2.0.0`);
    const wrong = `sha256:${'0'.repeat(64)}`;
    await expect(store.getFile('churn', 'v1.0.0', 'profile.json', wrong, path.join(dir, 'x'))).rejects.toThrow(
      `local:${storeDir}: churn@v1.0.0 profile.json: digest mismatch: expected ${wrong}, the store's index has ${profileDigest}`,
    );
    const index = JSON.parse(readFileSync(path.join(storeDir, 'models', 'churn', 'v1.0.0.json'), 'utf8')) as { extras: { name: string; path: string }[] };
    const stored = path.join(storeDir, index.extras.find((e) => e.name === 'profile.json')?.path ?? '');
    chmodSync(stored, 0o644);
    writeFileSync(stored, '{"name":"evil"}');
    await expect(store.getFile('churn', 'v1.0.0', 'profile.json', profileDigest, path.join(dir, 'tampered'))).rejects.toThrow(
      new RegExp(`^local:${storeDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: churn@v1\\.0\\.0 profile\\.json: digest mismatch: expected ${profileDigest}, the store's copy has sha256:[0-9a-f]{64}$`),
    );
    expect(readdirSync(path.join(dir, 'tampered'))).toEqual([]);
  });

  it('keeps a folder model a folder, and gets it back with the same digest', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    const store = new LocalArtifactStore(storeDir);
    const { location } = await store.put({ name: 'team/churn', version: 'v0.1.0', path: model, digest }, []);
    expect((await stat(location)).isDirectory()).toBe(true);
    expect(tree(location)).toEqual(['sub', 'sub/config.json', 'weights.bin']);
    expect(existsSync(path.join(storeDir, 'models', 'team', 'churn', 'v0.1.0.json'))).toBe(true);
    const got = await store.get('team/churn', '0.1.0', digest, path.join(dir, 'out'));
    expect(got).toBe(path.join(dir, 'out', 'model'));
    expect(await digestPath(got)).toBe(digest);
  });

  it('refuses a model whose bytes do not have the given digest, writing nothing', async () => {
    const model = folderModel();
    const store = new LocalArtifactStore(storeDir);
    const wrong = `sha256:${'0'.repeat(64)}`;
    await expect(store.put({ name: 'churn', version: '1.0.0', path: model, digest: wrong }, [])).rejects.toThrow(ConfigurationError);
    await expect(store.put({ name: 'churn', version: '1.0.0', path: model, digest: wrong }, [])).rejects.toThrow(/has digest sha256:[0-9a-f]{64}, not the expected sha256:0{64}$/);
    expect(existsSync(storeDir)).toBe(false);
  });

  it('leaves no half artifact when a copy dies midway, and a re-run then succeeds', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    const hex = digest.slice(7);
    // Copies the first file, then "the runner is killed".
    const crashingCopy: CopyFunction = async (source, target) => {
      await mkdir(target, { recursive: true });
      await copyFile(path.join(source, 'weights.bin'), path.join(target, 'weights.bin'));
      throw new Error('killed mid-copy');
    };
    const crashing = new LocalArtifactStore(storeDir, { copy: crashingCopy });
    await expect(crashing.put({ name: 'churn', version: '1.0.0', path: model, digest }, extras())).rejects.toThrow('killed mid-copy');
    expect(existsSync(path.join(storeDir, 'objects', 'sha256', hex))).toBe(false);
    expect(existsSync(path.join(storeDir, 'models', 'churn', 'v1.0.0.json'))).toBe(false);
    await expect(new LocalArtifactStore(storeDir).get('churn', '1.0.0', digest, path.join(dir, 'out'))).rejects.toThrow(/no artifact for churn@v1.0.0/);

    const store = new LocalArtifactStore(storeDir);
    const { location } = await store.put({ name: 'churn', version: '1.0.0', path: model, digest }, extras());
    expect(await digestPath(location)).toBe(digest);
    expect(await digestPath(await store.get('churn', '1.0.0', digest, path.join(dir, 'out')))).toBe(digest);
  });

  it('is idempotent: the same put twice copies nothing the second time', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    const records = extras();
    let copies = 0;
    const counting: CopyFunction = async (source, target) => {
      copies++;
      const { defaultCopy } = await import('../../shared/src/registry/stores');
      await defaultCopy(source, target);
    };
    const store = new LocalArtifactStore(storeDir, { copy: counting });
    const first = await store.put({ name: 'churn', version: '1.0.0', path: model, digest }, records);
    expect(copies).toBe(4);
    const indexFile = path.join(storeDir, 'models', 'churn', 'v1.0.0.json');
    const before = readFileSync(indexFile, 'utf8');
    const second = await store.put({ name: 'churn', version: '1.0.0', path: model, digest }, records);
    expect(second).toEqual(first);
    expect(copies).toBe(4);
    expect(readFileSync(indexFile, 'utf8')).toBe(before);
    // Another version of the same bytes shares the object.
    await store.put({ name: 'churn', version: '1.0.1', path: model, digest }, records);
    expect(copies).toBe(4);
  });

  it('refuses the same version with another model or another extra file', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    const store = new LocalArtifactStore(storeDir);
    const records = extras();
    await store.put({ name: 'churn', version: '1.0.0', path: model, digest }, records);
    const other = path.join(dir, 'other.bin');
    writeFileSync(other, 'other');
    await expect(store.put({ name: 'churn', version: '1.0.0', path: other, digest: await digestPath(other) }, records)).rejects.toThrow(
      /churn@v1\.0\.0 is already stored with model digest sha256:[0-9a-f]{64}, not sha256:[0-9a-f]{64}; register a new version$/,
    );
    writeFileSync(records[2]?.path ?? '', '{"changed":true}');
    await expect(store.put({ name: 'churn', version: '1.0.0', path: model, digest }, records)).rejects.toThrow(/already stored with another run\.json; a version's records are fixed/);
    const extra = path.join(dir, 'notes.txt');
    writeFileSync(extra, 'notes');
    await expect(store.put({ name: 'churn', version: '1.0.0', path: model, digest }, [{ name: 'notes.txt', path: extra }])).rejects.toThrow(/already stored without notes\.txt; a version's records are fixed/);
  });

  it('accepts the same version again with fewer of its records, as when staging then production are assigned', async () => {
    const model = folderModel();
    const digest = await digestPath(model);
    const store = new LocalArtifactStore(storeDir);
    const records = extras();
    const first = await store.put({ name: 'churn', version: '1.0.0', path: model, digest }, records);
    const again = await store.put({ name: 'churn', version: '1.0.0', path: model, digest }, records.slice(0, 1));
    expect(again).toEqual(first);
    const none = await store.put({ name: 'churn', version: '1.0.0', path: model, digest }, []);
    expect(none).toEqual(first);
  });

  it('fails get with one line naming the store and both digests when the stored copy was tampered with', async () => {
    const file = path.join(dir, 'model.pkl');
    writeFileSync(file, 'pickled');
    const digest = await digestPath(file);
    const store = new LocalArtifactStore(storeDir);
    const { location } = await store.put({ name: 'churn', version: '1.0.0', path: file, digest }, []);
    writeFileSync(location, 'tampered');
    const tampered = await digestPath(location);
    const error = await store.get('churn', '1.0.0', digest, path.join(dir, 'out')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toBe(`local:${storeDir}: churn@v1.0.0: digest mismatch: expected ${digest}, the store's copy has ${tampered}`);
    expect(existsSync(path.join(dir, 'out', 'model.pkl'))).toBe(false);
    expect(readdirSync(path.join(dir, 'out'))).toEqual([]);

    const other = `sha256:${'a'.repeat(64)}`;
    await expect(store.get('churn', '1.0.0', other, path.join(dir, 'out'))).rejects.toThrow(`local:${storeDir}: churn@v1.0.0: digest mismatch: expected ${other}, the store's index has ${digest}`);
  });

  it('refuses bad names, versions and extra file names', async () => {
    const file = path.join(dir, 'model.pkl');
    writeFileSync(file, 'x');
    const digest = await digestPath(file);
    const store = new LocalArtifactStore(storeDir);
    await expect(store.put({ name: '../evil', version: '1.0.0', path: file, digest }, [])).rejects.toThrow(/model name "\.\.\/evil" is not valid/);
    await expect(store.put({ name: 'churn', version: 'latest', path: file, digest }, [])).rejects.toThrow(/version "latest" is not a semantic version/);
    await expect(store.put({ name: 'churn', version: '1.0.0', path: file, digest }, [{ name: '../m.json', path: file }])).rejects.toThrow(/not a plain file name/);
    await expect(store.get('churn', '1.0.0', 'md5:abc', dir)).rejects.toThrow(/is not a sha256 digest/);
  });
});

describe('parseArtifactStore', () => {
  it('reads github-release and local:<dir>', () => {
    expect(parseArtifactStore('github-release', 'artifact-store')).toEqual({ kind: 'github-release' });
    expect(parseArtifactStore(' local:.mlops/artifacts ', 'artifact-store')).toEqual({ kind: 'local', dir: '.mlops/artifacts' });
  });

  it('refuses anything else with a ConfigurationError naming the input', () => {
    expect(() => parseArtifactStore('s3://bucket', 'artifact-store')).toThrow(ConfigurationError);
    expect(() => parseArtifactStore('s3://bucket', 'artifact-store')).toThrow('artifact-store: "s3://bucket" is not an artifact store; expected `github-release` or `local:<dir>`');
    expect(() => parseArtifactStore('local:', 'artifact-store')).toThrow('artifact-store: "local:" names no folder; expected local:<dir>, e.g. local:.mlops/artifacts');
  });
});
