/**
 * `github-release`: one GitHub release per registered version, tagged with the registry's version tag
 * `name@vX.Y.Z`, holding the model and its records as assets:
 *
 *   - the model: a file under its own name; a folder as `<name>-<vX.Y.Z>.tar.gz` (a deterministic tar, see
 *     ./tar.ts, with the folder under its own name at the top);
 *   - metrics.json, profile.json, run.json (whatever extras promote passes), under their names.
 *
 * Each asset's label carries the digest of its content: `model sha256:<hex>` for a model file, `model folder
 * sha256:<hex>` for an archived folder (the folder's digest, not the archive's), `sha256:<hex>` for an extra.
 * A re-run keeps an asset whose name and label match, uploads a missing one, replaces one whose upload never
 * finished, and refuses one with another label, naming it. The release is created as a draft and published
 * once every asset is there, so readers never see a half release.
 *
 * The version tag should exist before put() (the registry pushes it): publishing a release whose tag is
 * missing makes GitHub create a lightweight tag at the default branch.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ConfigurationError, ServiceError, quote } from '../../errors';
import { digestPath } from '../../hashing/digest';
import type { GitHubClient } from '../../runtime/github';
import { checkDigest, checkExtras, checkModel, checkName, exists, normalizeVersion, removeQuietly, tempSibling, verifyDigest } from './common';
import { extractTarGz, writeTarGz } from './tar';
import type { ArtifactStore, ExtraFile, ModelArtifact, PutResult } from './types';

export interface GitHubReleaseStoreOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** Where folder archives are built and downloads land before they are verified; the system temp dir by default. */
  tempDir?: string;
}

interface ReleaseData {
  id: number;
  tag_name: string;
  draft: boolean;
  html_url: string;
  upload_url: string;
}

interface AssetData {
  id: number;
  name: string;
  label: string | null;
  state: string;
  size: number;
}

interface PlannedAsset {
  name: string;
  label: string;
  file: string;
  contentType: string;
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { data?: unknown };
}

const MODEL_FILE = 'model ';
const MODEL_FOLDER = 'model folder ';

/** The one-line ServiceError for a failed API call: the store, what it was doing, the HTTP status and GitHub's message. */
function apiError(store: string, doing: string, error: unknown): Error {
  const http = error as HttpError;
  if (typeof http?.status !== 'number') return error as Error;
  const data = http.response?.data as { message?: unknown } | undefined;
  const message = String(typeof data?.message === 'string' ? data.message : (http.message ?? '')).replace(/\s+/g, ' ').trim();
  let hint = '';
  if (http.status === 403 && /not accessible by integration/i.test(message)) hint = '; the token needs `contents: write` (add `permissions: contents: write` to the job)';
  else if (http.status === 401) hint = '; the token is invalid or expired';
  else if (http.status === 404 && doing.startsWith('reading')) hint = '; check the repository name and that the token can read it';
  return new ServiceError(`${store}: ${doing} failed: HTTP ${http.status} ${message}${hint}`);
}

function assetName(name: string): string {
  return name.replace(/\//g, '-');
}

export class GitHubReleaseStore implements ArtifactStore {
  readonly label: string;
  private readonly client: GitHubClient;
  private readonly owner: string;
  private readonly repo: string;
  private readonly tempDir: string;

  constructor(options: GitHubReleaseStoreOptions) {
    this.client = options.client;
    this.owner = options.owner;
    this.repo = options.repo;
    this.tempDir = options.tempDir ?? os.tmpdir();
    this.label = `github-release ${options.owner}/${options.repo}`;
  }

  async put(model: ModelArtifact, extras: ExtraFile[]): Promise<PutResult> {
    const { version, kind } = await checkModel(this.label, model);
    const tag = `${model.name}@${version}`;
    const work = await mkdtemp(path.join(this.tempDir, 'mlops-release-'));
    try {
      const planned: PlannedAsset[] = [];
      if (kind === 'file') {
        planned.push({ name: path.basename(path.resolve(model.path)), label: `${MODEL_FILE}${model.digest}`, file: model.path, contentType: 'application/octet-stream' });
      } else {
        const archive = path.join(work, `${assetName(model.name)}-${version}.tar.gz`);
        await writeTarGz(model.path, path.basename(path.resolve(model.path)), archive);
        planned.push({ name: path.basename(archive), label: `${MODEL_FOLDER}${model.digest}`, file: archive, contentType: 'application/gzip' });
      }
      checkExtras(this.label, extras, [planned[0]?.name ?? '']);
      for (const extra of extras) {
        let digest: string;
        try {
          if (!(await stat(extra.path)).isFile()) throw new Error('not a file');
          digest = await digestPath(extra.path);
        } catch {
          throw new ConfigurationError(`${this.label}: ${extra.name}: ${quote(extra.path)} is not a file`);
        }
        planned.push({ name: extra.name, label: digest, file: extra.path, contentType: extra.name.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
      }

      let release = await this.findRelease(tag, true);
      if (!release) release = await this.createRelease(tag, model);
      const existing = await this.listAssets(release, tag);
      // Check every asset before uploading any, so a conflict changes nothing.
      for (const asset of planned) {
        const found = existing.find((a) => a.name === asset.name);
        if (found && found.state === 'uploaded' && (found.label ?? '') !== asset.label) {
          throw new ConfigurationError(
            `${this.label}: release ${tag} already has asset ${quote(asset.name)} labelled ${quote(found.label ?? '')}, not ${quote(asset.label)}; register a new version or delete the asset`,
          );
        }
      }
      for (const asset of planned) {
        const found = existing.find((a) => a.name === asset.name);
        if (found?.state === 'uploaded') continue;
        if (found) await this.call(`deleting the unfinished asset ${asset.name} of ${tag}`, () => this.client.rest.repos.deleteReleaseAsset({ owner: this.owner, repo: this.repo, asset_id: found.id }));
        await this.upload(release, tag, asset);
      }
      if (release.draft) {
        const draftId = release.id;
        const { data } = await this.call(`publishing release ${tag}`, () => this.client.rest.repos.updateRelease({ owner: this.owner, repo: this.repo, release_id: draftId, draft: false }));
        release = data as ReleaseData;
      }
      return { location: release.html_url };
    } finally {
      await removeQuietly(work);
    }
  }

  /** The assets of the published release of name@version, after checking the arguments. */
  private async publishedAssets(name: string, version: string, digest: string): Promise<{ tag: string; assets: AssetData[] }> {
    checkName(this.label, name);
    const tag = `${name}@${normalizeVersion(this.label, version)}`;
    checkDigest(this.label, digest);
    const release = await this.findRelease(tag, false);
    if (!release) throw new ServiceError(`${this.label}: no published release ${tag}`);
    return { tag, assets: await this.listAssets(release, tag) };
  }

  async get(name: string, version: string, digest: string, destination: string): Promise<string> {
    const { tag, assets } = await this.publishedAssets(name, version, digest);
    const model = assets.find((a) => a.state === 'uploaded' && (a.label ?? '').startsWith(MODEL_FILE));
    if (!model) throw new ServiceError(`${this.label}: release ${tag} has no model asset (an asset labelled "model sha256:…" or "model folder sha256:…")`);
    const folder = (model.label ?? '').startsWith(MODEL_FOLDER);

    await mkdir(destination, { recursive: true });
    const work = await mkdtemp(path.join(this.tempDir, 'mlops-release-'));
    try {
      const downloaded = path.join(work, folder ? 'model.tar.gz' : model.name);
      await this.download(model, tag, downloaded);
      let fetched = downloaded;
      if (folder) {
        const extracted = path.join(work, 'extracted');
        try {
          await extractTarGz(downloaded, extracted);
        } catch (error) {
          throw new ServiceError(`${this.label}: ${tag}: the asset ${quote(model.name)} is not a readable archive: ${(error as Error).message}`);
        }
        const top = await readdir(extracted);
        if (top.length !== 1 || !(await stat(path.join(extracted, top[0] ?? ''))).isDirectory()) {
          throw new ServiceError(`${this.label}: ${tag}: the asset ${quote(model.name)} does not hold one top folder`);
        }
        fetched = path.join(extracted, top[0] ?? '');
      }
      await verifyDigest(this.label, tag, fetched, digest);
      const target = path.join(destination, path.basename(fetched));
      if (await exists(target)) {
        await verifyDigest(this.label, `${tag} (already at ${target})`, target, digest);
        return target;
      }
      // Move across filesystems in two steps, the last a rename in the destination folder.
      const temp = tempSibling(target);
      try {
        await rename(fetched, temp).catch(() => cp(fetched, temp, { recursive: true }));
        await rename(temp, target);
      } finally {
        await removeQuietly(temp);
      }
      return target;
    } finally {
      await removeQuietly(work);
    }
  }

  async getFile(name: string, version: string, fileName: string, digest: string, destination: string): Promise<string> {
    const { tag, assets } = await this.publishedAssets(name, version, digest);
    const asset = assets.find((a) => a.state === 'uploaded' && a.name === fileName);
    if (!asset) throw new ServiceError(`${this.label}: release ${tag} has no asset ${quote(fileName)}`);
    // The label names the digest it was uploaded with; the bytes are verified below whatever it says.
    if (asset.label && asset.label !== digest) throw new ServiceError(`${this.label}: ${tag} ${fileName}: digest mismatch: expected ${digest}, the asset is labelled ${asset.label}`);
    await mkdir(destination, { recursive: true });
    const target = path.join(destination, fileName);
    if (await exists(target)) {
      await verifyDigest(this.label, `${tag} ${fileName} (already at ${target})`, target, digest);
      return target;
    }
    const temp = tempSibling(target);
    try {
      await this.download(asset, tag, temp);
      await verifyDigest(this.label, `${tag} ${fileName}`, temp, digest);
      await rename(temp, target);
    } finally {
      await removeQuietly(temp);
    }
    return target;
  }

  private async call<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw apiError(this.label, doing, error);
    }
  }

  /** The release of `tag`; with `drafts`, also an unpublished one (GitHub finds drafts only by listing). */
  private async findRelease(tag: string, drafts: boolean): Promise<ReleaseData | undefined> {
    try {
      const { data } = await this.client.rest.repos.getReleaseByTag({ owner: this.owner, repo: this.repo, tag });
      return data as ReleaseData;
    } catch (error) {
      if ((error as HttpError).status !== 404) throw apiError(this.label, `reading release ${tag}`, error);
    }
    if (!drafts) return undefined;
    const releases = await this.call(`listing releases to find ${tag}`, () => this.client.paginate(this.client.rest.repos.listReleases, { owner: this.owner, repo: this.repo, per_page: 100 }));
    return (releases as ReleaseData[]).find((r) => r.tag_name === tag);
  }

  private async createRelease(tag: string, model: ModelArtifact): Promise<ReleaseData> {
    const body = [`Model \`${model.name}\` version \`${tag.slice(model.name.length + 1)}\`, registered by promote.`, '', `Model digest: \`${model.digest}\``].join('\n');
    try {
      const { data } = await this.client.rest.repos.createRelease({ owner: this.owner, repo: this.repo, tag_name: tag, name: tag, body, draft: true });
      return data as ReleaseData;
    } catch (error) {
      // Another run created it between our look and our create: use theirs.
      if ((error as HttpError).status === 422) {
        const found = await this.findRelease(tag, true);
        if (found) return found;
      }
      throw apiError(this.label, `creating release ${tag}`, error);
    }
  }

  private async listAssets(release: ReleaseData, tag: string): Promise<AssetData[]> {
    const assets = await this.call(`listing the assets of release ${tag}`, () =>
      this.client.paginate(this.client.rest.repos.listReleaseAssets, { owner: this.owner, repo: this.repo, release_id: release.id, per_page: 100 }),
    );
    return assets as AssetData[];
  }

  private async upload(release: ReleaseData, tag: string, asset: PlannedAsset): Promise<void> {
    const { size } = await stat(asset.file);
    await this.call(`uploading ${asset.name} to release ${tag}`, () =>
      this.client.rest.repos.uploadReleaseAsset({
        owner: this.owner,
        repo: this.repo,
        release_id: release.id,
        url: release.upload_url,
        name: asset.name,
        label: asset.label,
        // Streamed, not read into memory: models can be large.
        data: createReadStream(asset.file) as unknown as string,
        headers: { 'content-type': asset.contentType, 'content-length': size },
      }),
    );
  }

  /** Streams an asset's bytes (GitHub answers 302 to its storage) to `target`. */
  private async download(asset: AssetData, tag: string, target: string): Promise<void> {
    const response = await this.call(`downloading ${asset.name} of release ${tag}`, () =>
      this.client.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
        owner: this.owner,
        repo: this.repo,
        asset_id: asset.id,
        headers: { accept: 'application/octet-stream' },
        request: { parseSuccessResponseBody: false },
      }),
    );
    const body = response.data as unknown as WebReadableStream<Uint8Array> | null;
    if (!body) throw new ServiceError(`${this.label}: downloading ${asset.name} of release ${tag} gave no content`);
    try {
      await pipeline(Readable.fromWeb(body), createWriteStream(target, { flags: 'wx' }));
    } catch (error) {
      throw new ServiceError(`${this.label}: downloading ${asset.name} of release ${tag} failed: ${(error as Error).message}`);
    }
  }
}
