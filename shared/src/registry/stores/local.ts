/**
 * `local:<dir>`: a content-addressed folder, the default store off GitHub.
 *
 *   <dir>/objects/sha256/<hex>/<file or folder>   the model under its own name (a folder stays a folder), and
 *                                                 each extra file the same way, keyed by its own digest
 *   <dir>/models/<name>/<vX.Y.Z>.json             the index of one version: the model and the extras, with
 *                                                 their digests and their paths relative to <dir>
 *
 * Every write goes to a `.tmp-…` sibling on the same filesystem first and is then renamed into place, and
 * the index of a version is written last and never overwritten, so a promotion killed at any point leaves
 * either nothing or a complete version (plus `.tmp-…` leftovers that anything may delete). An object that
 * exists already is not copied again, and putting a version whose index has the same content is a no-op.
 */
import { cp, link, mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, ServiceError, quote } from '../../errors';
import { digestPath } from '../../hashing/digest';
import { checkDigest, checkExtras, checkModel, checkName, exists, normalizeVersion, removeQuietly, tempSibling, verifyDigest, type ModelKind } from './common';
import type { ArtifactStore, ExtraFile, ModelArtifact, PutResult } from './types';

/** Copies a file or a folder (following symbolic links) to a path that does not exist yet. */
export type CopyFunction = (source: string, target: string) => Promise<void>;

export const defaultCopy: CopyFunction = (source, target) => cp(source, target, { recursive: true, dereference: true, errorOnExist: true, force: false });

export interface LocalStoreOptions {
  /** Injected by tests to simulate a crash in the middle of a copy. */
  copy?: CopyFunction;
}

interface IndexEntry {
  digest: string;
  kind: ModelKind;
  /** Relative to the store's folder, `/`-separated. */
  path: string;
}

interface VersionIndex {
  schemaVersion: 1;
  name: string;
  version: string;
  model: IndexEntry;
  extras: Array<IndexEntry & { name: string }>;
}

export class LocalArtifactStore implements ArtifactStore {
  readonly label: string;
  private readonly copy: CopyFunction;

  constructor(
    readonly dir: string,
    options: LocalStoreOptions = {},
  ) {
    this.label = `local:${dir}`;
    this.copy = options.copy ?? defaultCopy;
  }

  async put(model: ModelArtifact, extras: ExtraFile[]): Promise<PutResult> {
    const { root, version, modelEntry, extraEntries } = await this.storeObjects(model, extras);
    const index: VersionIndex = { schemaVersion: 1, name: model.name, version, model: modelEntry, extras: extraEntries };
    await this.writeIndex(root, index);
    return { location: path.join(root, ...modelEntry.path.split('/')) };
  }

  /**
   * Stores the model and the extras as content-addressed objects, without the version's index: what is written
   * names no version, so a promotion that then loses the race for its version leaves nothing misattributed
   * (an object is its digest's bytes, whoever wrote it). `put` afterwards only writes the index.
   */
  async prepare(model: ModelArtifact, extras: ExtraFile[]): Promise<PutResult> {
    const { root, modelEntry } = await this.storeObjects(model, extras);
    return { location: path.join(root, ...modelEntry.path.split('/')) };
  }

  private async storeObjects(model: ModelArtifact, extras: ExtraFile[]): Promise<{ root: string; version: string; modelEntry: IndexEntry; extraEntries: VersionIndex['extras'] }> {
    const { version, kind } = await checkModel(this.label, model);
    checkExtras(this.label, extras);
    const root = path.resolve(this.dir);
    const modelEntry = await this.storeObject(root, model.path, model.digest, kind);
    const extraEntries: VersionIndex['extras'] = [];
    for (const extra of extras) {
      let info;
      try {
        info = await stat(extra.path);
      } catch {
        throw new ConfigurationError(`${this.label}: ${extra.name}: ${quote(extra.path)} does not exist`);
      }
      if (!info.isFile()) throw new ConfigurationError(`${this.label}: ${extra.name}: ${quote(extra.path)} is not a file`);
      const entry = await this.storeObject(root, extra.path, await digestPath(extra.path), 'file', extra.name);
      extraEntries.push({ name: extra.name, ...entry });
    }
    return { root, version, modelEntry, extraEntries };
  }

  async get(name: string, version: string, digest: string, destination: string): Promise<string> {
    const { root, what, index } = await this.requireIndex(name, version, digest);
    if (index.model.digest !== digest) throw new ServiceError(`${this.label}: ${what}: digest mismatch: expected ${digest}, the store's index has ${index.model.digest}`);
    const source = path.join(root, ...index.model.path.split('/'));
    return this.fetchVerified(source, what, digest, destination, path.basename(source));
  }

  async getFile(name: string, version: string, fileName: string, digest: string, destination: string): Promise<string> {
    const { root, what, index } = await this.requireIndex(name, version, digest);
    const entry = index.extras.find((extra) => extra.name === fileName);
    if (!entry) throw new ServiceError(`${this.label}: ${what} has no ${quote(fileName)} (stored with it: ${index.extras.map((e) => e.name).join(', ') || 'nothing'})`);
    if (entry.digest !== digest) throw new ServiceError(`${this.label}: ${what} ${fileName}: digest mismatch: expected ${digest}, the store's index has ${entry.digest}`);
    return this.fetchVerified(path.join(root, ...entry.path.split('/')), `${what} ${fileName}`, digest, destination, fileName);
  }

  /** The index of name@version, after checking the arguments; a ServiceError when the store has none. */
  private async requireIndex(name: string, version: string, digest: string): Promise<{ root: string; what: string; index: VersionIndex }> {
    checkName(this.label, name);
    const tagVersion = normalizeVersion(this.label, version);
    checkDigest(this.label, digest);
    const root = path.resolve(this.dir);
    const what = `${name}@${tagVersion}`;
    const index = await this.readIndex(root, name, tagVersion);
    if (!index) throw new ServiceError(`${this.label}: no artifact for ${what} (no ${this.indexRelative(name, tagVersion)})`);
    return { root, what, index };
  }

  /** Copies a stored object into `destination/<targetName>`, verified, through a temp sibling; reuses an identical one. */
  private async fetchVerified(source: string, what: string, digest: string, destination: string, targetName: string): Promise<string> {
    if (!(await exists(source))) throw new ServiceError(`${this.label}: ${what}: the object ${relativeTo(this.dir, source)} is missing`);
    await mkdir(destination, { recursive: true });
    const target = path.join(destination, targetName);
    if (await exists(target)) {
      await verifyDigest(this.label, `${what} (already at ${target})`, target, digest);
      return target;
    }
    const temp = tempSibling(target);
    try {
      await this.copy(source, temp);
      await verifyDigest(this.label, what, temp, digest);
      await rename(temp, target);
    } finally {
      await removeQuietly(temp);
    }
    return target;
  }

  /** Copies `source` to objects/sha256/<hex>/<name> unless it is there already; returns its index entry. */
  private async storeObject(root: string, source: string, digest: string, kind: ModelKind, name = path.basename(path.resolve(source))): Promise<IndexEntry> {
    const hex = digest.slice('sha256:'.length);
    const objects = path.join(root, 'objects', 'sha256');
    const final = path.join(objects, hex);
    const found = await this.existingObject(final);
    if (found !== undefined) return { digest, kind, path: `objects/sha256/${hex}/${found}` };
    await mkdir(objects, { recursive: true });
    const temp = tempSibling(final);
    try {
      await mkdir(temp);
      await this.copy(source, path.join(temp, name));
      await verifyDigest(this.label, `the copy of ${quote(source)}`, path.join(temp, name), digest);
      try {
        await rename(temp, final);
      } catch (error) {
        // Another promotion stored the same object first: theirs is as good as ours.
        if ((await this.existingObject(final)) === undefined) throw error;
      }
    } finally {
      await removeQuietly(temp);
    }
    const stored = (await this.existingObject(final)) ?? name;
    return { digest, kind, path: `objects/sha256/${hex}/${stored}` };
  }

  /** The name of the one entry in an object's folder, or undefined when the object is not stored. */
  private async existingObject(folder: string): Promise<string | undefined> {
    try {
      const entries = await readdir(folder);
      return entries.length === 1 ? entries[0] : undefined;
    } catch {
      return undefined;
    }
  }

  private indexRelative(name: string, version: string): string {
    return `models/${name}/${version}.json`;
  }

  private async readIndex(root: string, name: string, version: string): Promise<VersionIndex | undefined> {
    const file = path.join(root, 'models', ...name.split('/'), `${version}.json`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return JSON.parse(text) as VersionIndex;
    } catch {
      throw new ServiceError(`${this.label}: ${this.indexRelative(name, version)} is not valid JSON`);
    }
  }

  /** Writes the index of a version once: a temp file hard-linked into place, which fails if it exists. */
  private async writeIndex(root: string, index: VersionIndex): Promise<void> {
    const text = `${JSON.stringify(index, null, 2)}\n`;
    const file = path.join(root, 'models', ...index.name.split('/'), `${index.version}.json`);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = tempSibling(file);
    try {
      await writeFile(temp, text, { flag: 'wx' });
      try {
        await link(temp, file);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    } finally {
      await removeQuietly(temp);
    }
    const existing = await this.readIndex(root, index.name, index.version);
    if (existing && JSON.stringify(existing) === JSON.stringify(index)) return;
    const what = `${index.name}@${index.version}`;
    if (existing?.model.digest !== index.model.digest) {
      throw new ConfigurationError(`${this.label}: ${what} is already stored with model digest ${existing?.model.digest ?? '(unreadable)'}, not ${index.model.digest}; register a new version`);
    }
    // A later promotion of the same version (staging, then production) may name fewer records: each one it names
    // must be the one stored. A version's records are fixed when it is first stored, so a new or changed one is refused.
    const differing = index.extras.find((extra) => !existing.extras.some((e) => e.name === extra.name && e.digest === extra.digest));
    if (!differing) return;
    const stored = existing.extras.some((e) => e.name === differing.name);
    throw new ConfigurationError(
      `${this.label}: ${what} is already stored ${stored ? `with another ${differing.name}` : `without ${differing.name}`}; a version's records are fixed when it is first stored: register a new version`,
    );
  }
}

function relativeTo(dir: string, file: string): string {
  return path.relative(path.resolve(dir), file).split(path.sep).join('/');
}
