/**
 * How an action reaches the registry and its artifact store with the inputs it was given: git's environment for the
 * `github-token`, and the store that `artifact-store` names. promote writes through them; evaluate-gate and
 * validate-data read the production model and its records through them.
 */
import path from 'node:path';
import { ConfigurationError } from '../errors';
import type { Logger, RunContext } from '../ports';
import { createGitHubClient } from '../runtime/github';
import { basicCredential, gitAuthEnv, remotePushUrl } from './auth';
import { GitRegistry } from './client';
import { createGitRunner } from './git';
import type { RegistryPayload, RegistryVersion, StageEvent } from './registry';
import { assertStage } from './tags';
import { DEFAULT_LOCAL_STORE, GitHubReleaseStore, LocalArtifactStore, type ArtifactStore, type ArtifactStoreSetting } from './stores';

export interface RegistryAccess {
  context: RunContext;
  logger: Logger;
  env: Record<string, string | undefined>;
  /** The `github-token` input; '' for none. */
  token: string;
}

/**
 * Git talks to the registry with `github-token` when the remote is the workflow's GitHub server over https, not
 * with whatever credentials the checkout left (which may be another token, or none with persist-credentials:
 * false). Any other remote (a path, file://, ssh, another host) gets no token and keeps its own credentials.
 */
export async function registryGitEnv(access: RegistryAccess, remote: string): Promise<Record<string, string>> {
  if (!access.token) return {};
  const remoteUrl = await remotePushUrl(createGitRunner(), access.context.workspace, remote);
  const env = gitAuthEnv({ token: access.token, serverUrl: access.context.serverUrl, remoteUrl, baseEnv: access.env });
  if (Object.keys(env).length > 0) {
    access.logger.mask(basicCredential(access.token));
    access.logger.info(`Git reaches the registry at ${redactUrl(remoteUrl)} with the github-token input.`);
  }
  return env;
}

/** The artifact store an `artifact-store` setting names. */
export function createArtifactStore(setting: ArtifactStoreSetting, access: RegistryAccess): ArtifactStore {
  if (setting.kind === 'local') return new LocalArtifactStore(setting.dir);
  const [owner, repo] = (access.context.repository ?? '').split('/');
  if (!owner || !repo) throw new ConfigurationError('artifact-store: github-release needs the repository (GITHUB_REPOSITORY), which is not set here; use local:<dir> off GitHub');
  const client = createGitHubClient(access.token, { tokenInput: 'github-token', apiUrl: access.context.apiUrl, logger: access.logger });
  return new GitHubReleaseStore({ client, owner, repo, tempDir: access.context.tempDir });
}

/** A URL without any user or password in it, for the log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The stage whose version evaluate-gate compares with and validate-data measures drift against, unless told another. */
export const PRODUCTION = 'production';

/**
 * `production`, or `stage:<name>` for a registry whose live stage has another name (GTO's `prod`, say): the stage
 * that `baseline` (evaluate-gate) and `reference` (validate-data) name. Undefined when `value` is neither.
 */
export function parseStageReference(value: string, label: string): string | undefined {
  if (value === PRODUCTION) return PRODUCTION;
  if (!value.startsWith('stage:')) return undefined;
  const stage = value.slice('stage:'.length);
  assertStage(stage, `${label}:`);
  return stage;
}

/** The version in a stage now, with its payload; undefined when no version is. */
export interface ProductionVersion {
  version: RegistryVersion;
  payload: RegistryPayload;
  assignment: StageEvent;
}

/** Fetches the registry's tags from `remote` and finds the version of `model` in `stage` (production by default). */
export async function readProductionVersion(access: RegistryAccess, remote: string, model: string, stage = PRODUCTION): Promise<ProductionVersion | undefined> {
  const env = await registryGitEnv(access, remote);
  const registry = await new GitRegistry({ git: createGitRunner(), cwd: access.context.workspace, remote, env }).read();
  const holder = registry.stage(model, stage);
  if (!holder) return undefined;
  return { version: holder.version, payload: registry.requirePayload(holder.version), assignment: holder.assignment };
}

/**
 * The store that holds a registered version's files: the one the user names, else the kind its payload names (a
 * GitHub release, or the local store at its default folder, as promote uses them by default).
 */
export function storeOfVersion(given: ArtifactStoreSetting | undefined, payload: RegistryPayload, workspace: string): ArtifactStoreSetting {
  if (given) return given;
  return payload.artifact.store === 'github-release' ? { kind: 'github-release' } : { kind: 'local', dir: path.resolve(workspace, DEFAULT_LOCAL_STORE) };
}
