import { ConfigurationError, quote } from '../../errors';

export type { ArtifactStore, ExtraFile, ModelArtifact, PutResult } from './types';
export { LocalArtifactStore, defaultCopy, type CopyFunction, type LocalStoreOptions } from './local';
export { GitHubReleaseStore, type GitHubReleaseStoreOptions } from './github-release';

/** The local store's folder, relative to the workspace, when `artifact-store` is not given off GitHub. */
export const DEFAULT_LOCAL_STORE = '.mlops/artifacts';

export type ArtifactStoreSetting = { kind: 'local'; dir: string } | { kind: 'github-release' };

/** The `artifact-store` input: `github-release`, or `local:<dir>`. `label` names the input in errors. */
export function parseArtifactStore(value: string, label: string): ArtifactStoreSetting {
  const trimmed = value.trim();
  if (trimmed === 'github-release') return { kind: 'github-release' };
  if (trimmed.startsWith('local:')) {
    const dir = trimmed.slice('local:'.length).trim();
    if (dir === '') throw new ConfigurationError(`${label}: ${quote(value)} names no folder; expected local:<dir>, e.g. local:.mlops/artifacts`);
    return { kind: 'local', dir };
  }
  throw new ConfigurationError(`${label}: ${quote(value)} is not an artifact store; expected \`github-release\` or \`local:<dir>\``);
}
