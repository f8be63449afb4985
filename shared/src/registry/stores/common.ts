import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, ServiceError, quote } from '../../errors';
import { digestPath } from '../../hashing/digest';
import type { ExtraFile, ModelArtifact } from './types';

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const VERSION = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `1.2.3` or `v1.2.3` → `v1.2.3`, the form of the registry's version tag. */
export function normalizeVersion(store: string, version: string): string {
  const match = VERSION.exec(version.trim());
  if (!match) throw new ConfigurationError(`${store}: version ${quote(version)} is not a semantic version (expected X.Y.Z or vX.Y.Z)`);
  return `v${match[1]}`;
}

export function checkName(store: string, name: string): string {
  if (!NAME.test(name) || name.split('/').some((part) => part === '..' || part === '.')) {
    throw new ConfigurationError(`${store}: model name ${quote(name)} is not valid (expected letters, digits, ".", "_", "-", segments separated by "/")`);
  }
  return name;
}

export function checkDigest(store: string, digest: string): string {
  if (!DIGEST.test(digest)) throw new ConfigurationError(`${store}: digest ${quote(digest)} is not a sha256 digest (expected sha256:<64 hex digits>)`);
  return digest;
}

export function checkExtras(store: string, extras: ExtraFile[], reserved: string[] = []): void {
  const seen = new Set(reserved);
  for (const extra of extras) {
    if (!FILE_NAME.test(extra.name) || extra.name === '..') throw new ConfigurationError(`${store}: extra file name ${quote(extra.name)} is not a plain file name`);
    if (seen.has(extra.name)) throw new ConfigurationError(`${store}: two files would be stored as ${quote(extra.name)}`);
    seen.add(extra.name);
  }
}

export type ModelKind = 'file' | 'folder';

/** Checks the model's name, version and digest, and that the bytes at `path` have that digest now. */
export async function checkModel(store: string, model: ModelArtifact): Promise<{ version: string; kind: ModelKind }> {
  checkName(store, model.name);
  const version = normalizeVersion(store, model.version);
  checkDigest(store, model.digest);
  let kind: ModelKind;
  try {
    const info = await stat(model.path);
    if (!info.isFile() && !info.isDirectory()) throw new Error('not a file or folder');
    kind = info.isFile() ? 'file' : 'folder';
  } catch {
    throw new ConfigurationError(`${store}: the model ${quote(model.path)} is not a file or folder`);
  }
  const actual = await digestPath(model.path);
  if (actual !== model.digest) {
    throw new ConfigurationError(`${store}: ${model.name}@${version}: the model at ${quote(model.path)} has digest ${actual}, not the expected ${model.digest}`);
  }
  return { version, kind };
}

/** Verifies a fetched copy; the one-line error names the store and both digests. */
export async function verifyDigest(store: string, what: string, target: string, expected: string): Promise<void> {
  const actual = await digestPath(target);
  if (actual !== expected) throw new ServiceError(`${store}: ${what}: digest mismatch: expected ${expected}, the store's copy has ${actual}`);
}

/** A name for a temporary sibling of `target`: same folder, so a rename onto `target` stays on one filesystem. */
export function tempSibling(target: string): string {
  return path.join(path.dirname(target), `.tmp-${path.basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

export async function exists(target: string): Promise<boolean> {
  try {
    await stat(target);
    return true;
  } catch {
    return false;
  }
}

export async function removeQuietly(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true }).catch(() => undefined);
}
