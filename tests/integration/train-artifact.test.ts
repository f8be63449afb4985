import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listFiles } from '../../shared/src/hashing/digest';
import { EXAMPLE_TRAIN_STEP, checkoutExample, loadEvent, readZip, runAction, startArtifactServer, type ActionResult, type ArtifactServer } from '../harness';

/** The train action's `artifact-name` upload through the real @actions/artifact client, against the fake results service. */

let artifactServer: ArtifactServer;
const workspaces: string[] = [];

beforeAll(async () => {
  artifactServer = await startArtifactServer();
});
afterAll(async () => {
  await artifactServer.close();
});
beforeEach(() => {
  // One workflow run per test: artifact names are unique within a run.
  artifactServer.artifacts.clear();
  artifactServer.calls.length = 0;
});
afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function checkout(): string {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'train-artifact-it-'));
  workspaces.push(workspace);
  return checkoutExample(workspace);
}

const STEP = { ...EXAMPLE_TRAIN_STEP, cache: 'false', 'artifact-name': 'candidate-model' };

function train(workspace: string, inputs: Record<string, string>, env: Record<string, string> = artifactServer.env): Promise<ActionResult> {
  return runAction('train', { cwd: workspace, inputs, env, event: loadEvent('pull_request.synchronize') });
}

function errors(result: ActionResult): string[] {
  return result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

/** What the artifact must hold: every output of the run, by its path relative to the workspace. */
async function expectedFiles(workspace: string): Promise<string[]> {
  const model = (await listFiles(path.join(workspace, 'model'))).map((file) => `model/${file}`);
  return [...model, 'metrics.json', 'predictions.csv', 'run.json'].sort();
}

describe('train artifact-name on a runner (@actions/artifact against the results service)', () => {
  it('uploads model, metrics, predictions and run record as one finalized artifact with the bytes of the workspace', async () => {
    const workspace = checkout();
    const result = await train(workspace, STEP);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.groups).toEqual(['Hash the inputs', 'Train', 'Upload the artifact']);
    expect(result.annotations.filter((a) => a.level !== 'debug')).toEqual([]);

    const artifact = artifactServer.artifacts.get('candidate-model');
    expect(artifact).toMatchObject({ finalized: true, mimeType: 'application/zip' });
    expect(artifact?.size).toBe(artifact?.zip.length);
    const files = readZip(artifact?.zip ?? Buffer.alloc(0));
    const names = [...files.keys()].sort();
    expect(names).toEqual(await expectedFiles(workspace));
    expect(names).toEqual(expect.arrayContaining(['model/model.json', 'model/card.md', 'metrics.json', 'predictions.csv', 'run.json']));
    for (const name of names) expect(files.get(name)?.equals(readFileSync(path.join(workspace, name))), name).toBe(true);
    expect(result.stdout).toMatch(new RegExp(`Uploaded ${names.length} files as the artifact "candidate-model" to GitHub Actions artifacts`));
    expect(result.stdout).toContain(`Artifact candidate-model successfully finalized. Artifact ID ${artifact?.id}`);
  });

  it('uploads nothing when the command fails', async () => {
    const workspace = checkout();
    const result = await train(workspace, { ...STEP, command: 'node train.mjs && exit 3' });
    expect(result.exitCode).toBe(3);
    expect(errors(result)).toEqual(['The training command failed with exit code 3; no model is reported']);
    expect(result.groups).not.toContain('Upload the artifact');
    expect(artifactServer.artifacts.size).toBe(0);
    expect(artifactServer.calls).toEqual([]);
  });

  it('uploads the outputs restored from the cache on a cache hit', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'train-artifact-cache-'));
    workspaces.push(cacheDir);
    const first = await train(checkout(), { ...STEP, cache: 'true' }, { ...artifactServer.env, MLOPS_CACHE_DIR: cacheDir });
    expect(first.exitCode).toBe(0);
    artifactServer.artifacts.clear(); // the re-run is another workflow run

    const workspace = checkout();
    const second = await train(workspace, { ...STEP, cache: 'true' }, { ...artifactServer.env, MLOPS_CACHE_DIR: cacheDir });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs['cache-hit']).toBe('true');
    const files = readZip(artifactServer.artifacts.get('candidate-model')?.zip ?? Buffer.alloc(0));
    expect([...files.keys()].sort()).toEqual(await expectedFiles(workspace));
    expect(files.get('run.json')?.equals(readFileSync(path.join(workspace, 'run.json')))).toBe(true);
  });

  // Two matrix jobs giving the same artifact-name: the service refuses the second upload with a 409.
  it('fails the step with one error line naming artifact-name when the run already has an artifact of that name', async () => {
    const workspace = checkout();
    expect((await train(workspace, STEP)).exitCode).toBe(0);
    const again = await train(workspace, STEP);
    expect(again.exitCode).toBe(1);
    expect(errors(again)).toHaveLength(1);
    expect(errors(again)[0]).toMatch(/409.*an artifact with this name already exists on the workflow run/);
    expect(errors(again)[0]).toMatch(/^artifact-name: uploading the artifact "candidate-model" failed: /);
    expect(`${again.stdout}\n${again.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    // The model was trained and is described all the same; the first upload stands.
    expect(again.outputs['model-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.summary).toContain('### Train');
    expect(artifactServer.artifacts.get('candidate-model')?.finalized).toBe(true);
  });
});
