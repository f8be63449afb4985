import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { relativePath } from '../../../shared/src/files/paths';
import { readProfile, type Profile } from '../../../shared/src/profile';
import { createArtifactStore, readProductionVersion, storeOfVersion } from '../../../shared/src/registry/connect';
import type { ActionRuntime } from '../../../shared/src/runtime';
import type { ValidateSettings } from './inputs';

/** The reference profile and how the report names it. */
export interface Reference {
  profile: Profile;
  /** A path relative to the workspace, or `production (<model>@<version>)`. */
  label: string;
}

/**
 * The reference for drift: a profile file, or the profile promote stored with the version in production (fetched
 * from its artifact store and checked against the digest in the version's payload). With no version in production
 * yet, or one registered without a profile, there is nothing to compare with: a warning says so, and no drift is
 * measured (a first run is not an error).
 */
export async function readReference(settings: ValidateSettings, runtime: ActionRuntime): Promise<Reference | undefined> {
  const reference = settings.reference;
  if (!reference) return undefined;
  if (reference.kind === 'file') {
    const label = relativePath(settings.workspace, reference.path);
    return { profile: await readProfile(reference.path, 'reference', label), label };
  }

  const model = reference.modelName;
  const access = { context: runtime.context, logger: runtime.logger, env: runtime.env, token: settings.githubToken };
  const stage = reference.stage;
  const production = await readProductionVersion(access, settings.registry, model, stage);
  if (!production) {
    runtime.logger.warning(`reference: no version of ${model} is in ${stage} yet, so drift was not measured (a first run)`);
    return undefined;
  }
  const { version, profileDigest } = production.payload;
  if (!profileDigest) {
    runtime.logger.warning(`reference: ${model}@${version} in ${stage} was promoted without a profile (promote's \`profile\` input), so drift was not measured`);
    return undefined;
  }
  const store = createArtifactStore(storeOfVersion(settings.artifactStore, production.payload, settings.workspace), access);
  const folder = await mkdtemp(path.join(runtime.context.tempDir, 'mlops-reference-'));
  try {
    const file = await runtime.logger.group(`Fetch the profile of ${model}@${version} from ${store.label}`, () => store.getFile(model, version, 'profile.json', profileDigest, folder));
    const label = `${stage} (${model}@${version})`;
    return { profile: await readProfile(file, `reference: ${label}`), label };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
