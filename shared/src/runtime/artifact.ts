import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from '../errors';
import type { ArtifactUploader } from '../ports';

/** Uploads a workflow artifact through the runner's results service. */
export const actionsArtifactUploader: ArtifactUploader = {
  description: 'GitHub Actions artifacts',
  async upload(name, files, rootDirectory) {
    // Loaded on first use: the artifact client is large and most runs never upload.
    const { DefaultArtifactClient } = await import('@actions/artifact');
    try {
      const response = await new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory);
      return { id: response.id, size: response.size };
    } catch (error) {
      // Refused (a name already used in this run, by another matrix job say) or the service is down.
      throw new ServiceError(`artifact-name: uploading the artifact ${JSON.stringify(name)} failed: ${(error as Error).message}`);
    }
  },
};

/** Copies the files into `<directory>/<name>/`, keeping their paths under the root: the local runner's artifacts. */
export function localFolderArtifacts(directory: string): ArtifactUploader {
  return {
    description: `the local artifact folder ${directory}`,
    async upload(name, files, rootDirectory) {
      const target = path.join(directory, name);
      for (const file of files) {
        const destination = path.join(target, path.relative(rootDirectory, file));
        await mkdir(path.dirname(destination), { recursive: true });
        await cp(file, destination, { recursive: true });
      }
      return { location: target };
    },
  };
}

/** The uploader for where we run, or undefined when there is nowhere to upload to. */
export function selectArtifactUploader(env: NodeJS.ProcessEnv): ArtifactUploader | undefined {
  if (env['ACTIONS_RUNTIME_TOKEN'] && env['ACTIONS_RESULTS_URL']) return actionsArtifactUploader;
  if (env['MLOPS_ARTIFACT_DIR']) return localFolderArtifacts(path.resolve(env['MLOPS_ARTIFACT_DIR']));
  return undefined;
}
