/**
 * The train action as a user runs it: the bundle under Node 24 with the runner's protocol, the example project
 * training a real model on the breast-cancer data, and the Actions cache behind @actions/cache (a fake of the
 * service on 127.0.0.1).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RUN_RECORD_SCHEMA, type RunRecord } from '../../shared/src/run-record';
import { assertMatchesSchema } from '../../shared/src/files/schema';
import { EXAMPLE_TRAIN_STEP as EXAMPLE_STEP, checkoutExample, loadEvent, runAction, startCacheServer, type ActionResult, type CacheServer } from '../harness';

let cacheServer: CacheServer;
const workspaces: string[] = [];

beforeAll(async () => {
  cacheServer = await startCacheServer();
});
afterAll(async () => {
  await cacheServer.close();
});
afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh checkout of the example project, without anything a previous training left. */
function checkout(): string {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'train-it-'));
  workspaces.push(workspace);
  return checkoutExample(workspace);
}

function train(workspace: string, inputs: Record<string, string>, env: Record<string, string> = cacheServer.env, timeoutMs?: number): Promise<ActionResult> {
  return runAction('train', { cwd: workspace, inputs, env, event: loadEvent('pull_request.synchronize'), timeoutMs });
}

function runRecord(workspace: string, file = 'run.json'): RunRecord {
  const record: unknown = JSON.parse(readFileSync(path.join(workspace, file), 'utf8'));
  assertMatchesSchema<RunRecord>(RUN_RECORD_SCHEMA, record, file, 'test');
  return record;
}

function sha256sumOfFolder(folder: string): string {
  const script = "find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum | cut -d' ' -f1";
  return `sha256:${execFileSync('bash', ['-c', script], { cwd: folder, encoding: 'utf8' }).trim()}`;
}

function errors(result: ActionResult): string[] {
  return result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

/** One `::error::` line, exit code 1, and no stack trace anywhere in the log. */
function expectOneLineFailure(result: ActionResult, message: string | RegExp): void {
  expect(result.exitCode).toBe(1);
  expect(errors(result)).toHaveLength(1);
  expect(errors(result)[0]).toMatch(message);
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

describe('train on the example project', () => {
  it('trains a real model, records the run, and sets every output', async () => {
    const workspace = checkout();
    const result = await train(workspace, EXAMPLE_STEP);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);

    const record = runRecord(workspace);
    expect(record.status).toBe('succeeded');
    expect(record.exitCode).toBe(0);
    expect(record.model).toMatchObject({ path: 'model', kind: 'folder', digest: sha256sumOfFolder(path.join(workspace, 'model')) });
    expect(record.predictions?.digest).toBe(`sha256:${execFileSync('sha256sum', [path.join(workspace, 'predictions.csv')], { encoding: 'utf8' }).split(' ')[0]}`);
    expect(record.metrics?.values['test.accuracy']).toBeGreaterThan(0.9);
    expect(record.params?.values).toMatchObject({ 'train.epochs': expect.any(Number), 'split.seed': expect.any(Number) });
    expect(Object.keys(record.inputs.files)).toEqual(['data/SOURCE.md', 'data/breast_cancer.csv', 'lib.mjs', 'train.mjs']);
    expect(record.git.sha).toBe(loadEvent('pull_request.synchronize').payload['pull_request'] ? record.git.sha : null);
    expect(record.event).toBe('pull_request');
    expect(record.runner).toMatchObject({ os: 'Linux', arch: 'X64', node: expect.stringMatching(/^v24\./) });
    expect(record.github?.url).toMatch(/^https:\/\/github\.com\/.+\/actions\/runs\/\d+$/);
    expect(record.peakMemoryBytes).toBeGreaterThan(10 * 2 ** 20);

    expect(result.outputs).toEqual({
      'cache-hit': 'false',
      'run-id': record.runId,
      'model-digest': record.model?.digest,
      metrics: JSON.stringify(record.metrics?.values),
      'run-record': 'run.json',
      'duration-seconds': String(record.durationSeconds),
    });
    // The command's own output streams through: the example prints its epochs and its test metrics.
    expect(result.stdout).toMatch(/test accuracy=0\.9\d+/);
    expect(result.groups).toEqual(['Hash the inputs', 'Look for an earlier run in the cache', 'Train', 'Save to the cache']);
    expect(result.summary).toContain('### Train');
    expect(result.summary).toContain(record.model?.digest.replace(':', '\\:')); // in <code>, markdown punctuation is escaped
    expect(result.summary).toMatch(/\| test\\\.accuracy \| 0\.9\d+ \|/);
  });

  it('skips a re-run with the same command, parameters and inputs, and restores its outputs from the cache', async () => {
    const workspace = checkout();
    const first = await train(workspace, EXAMPLE_STEP);
    expect(first.exitCode).toBe(0);
    const firstRecord = readFileSync(path.join(workspace, 'run.json'), 'utf8');

    // A new checkout of the same commit: nothing trained in it yet.
    const again = checkout();
    const second = await train(again, EXAMPLE_STEP);
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs['cache-hit']).toBe('true');
    expect(second.outputs['run-id']).toBe(first.outputs['run-id']);
    expect(second.outputs['model-digest']).toBe(first.outputs['model-digest']);
    expect(second.stdout).not.toMatch(/test accuracy=/); // the command did not run
    expect(readFileSync(path.join(again, 'run.json'), 'utf8')).toBe(firstRecord);
    expect(sha256sumOfFolder(path.join(again, 'model'))).toBe(first.outputs['model-digest']);
    expect(existsSync(path.join(again, 'predictions.csv'))).toBe(true);
    expect(second.summary).toContain('restored from cache');
    expect(second.groups).not.toContain('Train');
  });

  it('retrains when a parameter changes', async () => {
    const workspace = checkout();
    const first = await train(workspace, EXAMPLE_STEP);
    const params = path.join(workspace, 'params.yaml');
    writeFileSync(params, readFileSync(params, 'utf8').replace(/epochs: \d+/, 'epochs: 25'));
    const second = await train(workspace, EXAMPLE_STEP);
    expect(second.exitCode).toBe(0);
    expect(second.outputs['cache-hit']).toBe('false');
    expect(second.outputs['run-id']).not.toBe(first.outputs['run-id']);
    expect(second.outputs['metrics']).not.toBe(first.outputs['metrics']);
    expect(runRecord(workspace).params?.values['train.epochs']).toBe(25);
  });

  it('retrains when an input file changes, and not when a file outside the inputs changes', async () => {
    const workspace = checkout();
    await train(workspace, EXAMPLE_STEP);
    writeFileSync(path.join(workspace, 'NOTES.md'), 'not an input');
    expect((await train(workspace, EXAMPLE_STEP)).outputs['cache-hit']).toBe('true');
    writeFileSync(path.join(workspace, 'train.mjs'), `${readFileSync(path.join(workspace, 'train.mjs'), 'utf8')}\n// a comment\n`);
    expect((await train(workspace, EXAMPLE_STEP)).outputs['cache-hit']).toBe('false');
  });
});

describe('train when the command fails', () => {
  it('fails with the exit code and reports no model, even one the command wrote', async () => {
    const workspace = checkout();
    const result = await train(workspace, { ...EXAMPLE_STEP, command: 'node train.mjs\nexit 3' });
    expect(result.exitCode).toBe(3);
    expect(errors(result)).toEqual(['The training command failed with exit code 3; no model is reported']);
    expect(result.outputs['model-digest']).toBeUndefined();
    expect(existsSync(path.join(workspace, 'model'))).toBe(true); // left behind, and not reported
    const record = runRecord(workspace);
    expect(record).toMatchObject({ status: 'failed', exitCode: 3, model: null, metrics: null, predictions: null });
    // Nothing was saved: the same step again runs the command again.
    const again = await train(workspace, { ...EXAMPLE_STEP, command: 'node train.mjs\nexit 3' });
    expect(again.stdout).toMatch(/test accuracy=/);
    expect(cacheServer.entries.filter((e) => e.key === record.cacheKey)).toEqual([]);
  });

  it('stops the command and everything it started at timeout-minutes', async () => {
    const workspace = checkout();
    const started = Date.now();
    const result = await train(workspace, { command: 'sleep 300 & node -e "setInterval(() => {}, 1000)"', 'timeout-minutes': '0.02', cache: 'false' });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.exitCode).toBe(143);
    expect(errors(result)[0]).toMatch(/^The training command timed out after 0\.02 minutes and was stopped \(exit code 143\); no model is reported$/);
    expect(runRecord(workspace)).toMatchObject({ status: 'timed-out', exitCode: 143, model: null });
    expect(execFileSync('bash', ['-c', 'pgrep -f "^sleep 300$" || true'], { encoding: 'utf8' }).trim()).toBe('');
  });
});

describe('train without a cache service', () => {
  it('warns once and trains when not on a runner with a cache', async () => {
    const workspace = checkout();
    const result = await train(workspace, EXAMPLE_STEP, {});
    expect(result.exitCode).toBe(0);
    expect(result.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      'No cache service: not on a GitHub runner (ACTIONS_CACHE_URL and ACTIONS_RESULTS_URL are unset) and MLOPS_CACHE_DIR is not set. Training runs every time.',
    ]);
    expect(result.outputs['cache-hit']).toBe('false');
  });

  it('trains when the cache service is down, with one warning', async () => {
    const workspace = checkout();
    cacheServer.setDown(true);
    try {
      const result = await train(workspace, EXAMPLE_STEP);
      expect(result.exitCode).toBe(0);
      expect(result.annotations.filter((a) => a.level === 'warning' || a.level === 'error').map((a) => a.message)).toEqual([
        'Failed to restore: getCacheEntry failed: Cache service responded with 503',
      ]);
      expect(result.stdout).toContain('Not saving to the cache: the cache service failed when it was asked for this key.');
      expect(result.stdout).toMatch(/test accuracy=/);
      expect(result.outputs['cache-hit']).toBe('false');
      expect(result.outputs['model-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    } finally {
      cacheServer.setDown(false);
    }
  });

  it('uses a local cache folder off GitHub (MLOPS_CACHE_DIR)', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'train-cache-'));
    workspaces.push(cacheDir);
    const first = await train(checkout(), EXAMPLE_STEP, { MLOPS_CACHE_DIR: cacheDir });
    const second = await train(checkout(), EXAMPLE_STEP, { MLOPS_CACHE_DIR: cacheDir });
    expect(first.outputs['cache-hit']).toBe('false');
    expect(second.outputs['cache-hit']).toBe('true');
    expect(second.outputs['model-digest']).toBe(first.outputs['model-digest']);
  });
});

describe('train with bad input', () => {
  it('names a missing command', async () => {
    const result = await train(checkout(), { command: '' });
    expectOneLineFailure(result, /^command: the input is required; give the training command, such as `python train\.py`$/);
  });

  it('names a model path the command did not write', async () => {
    // The script writes where MLOPS_MODEL says; without it, to its own default `model`, not where the step expects.
    const result = await train(checkout(), { ...EXAMPLE_STEP, command: 'env -u MLOPS_MODEL node train.mjs', model: 'models/classifier' });
    expectOneLineFailure(result, /^model: the command succeeded but did not write "models\/classifier" \(in ".+"\); check the path or the command$/);
  });

  it('names a metrics file the command did not write', async () => {
    const result = await train(checkout(), { ...EXAMPLE_STEP, command: 'env -u MLOPS_METRICS node train.mjs', metrics: 'scores.json' });
    expectOneLineFailure(result, /^metrics: the command succeeded but did not write "scores\.json"/);
  });

  it('refuses a model the command left as it was before the run', async () => {
    const workspace = checkout();
    await train(workspace, { ...EXAMPLE_STEP, cache: 'false' });
    const result = await train(workspace, { ...EXAMPLE_STEP, command: 'echo "forgot to train"', cache: 'false' });
    expectOneLineFailure(result, /^model: the command succeeded but left "model" as it was before the run/);
  });

  it('names the key of a malformed metrics file', async () => {
    const result = await train(checkout(), { ...EXAMPLE_STEP, command: `node train.mjs && echo '{"test": {"accuracy": "high"}}' > metrics.json` });
    expectOneLineFailure(result, /^metrics: ".+metrics\.json" key "test\.accuracy" is the string "high"; expected a finite number$/);
  });

  it('names the line of a metrics file that does not parse', async () => {
    const result = await train(checkout(), { ...EXAMPLE_STEP, command: `node train.mjs && printf '{\\n  "a": 1,\\n}' > metrics.json` });
    expectOneLineFailure(result, /^metrics: ".+metrics\.json" line 3 is not valid JSON: unexpected "}"$/);
  });

  it('names the line of a params file that does not parse', async () => {
    const workspace = checkout();
    writeFileSync(path.join(workspace, 'broken.yaml'), 'train:\n  epochs: [1, 2\n');
    const result = await train(workspace, { ...EXAMPLE_STEP, params: 'broken.yaml', command: 'true' });
    expectOneLineFailure(result, /^params: ".+broken\.yaml" line \d+ is not valid YAML: /);
  });

  it('names a params file that does not exist', async () => {
    const result = await train(checkout(), { ...EXAMPLE_STEP, params: 'params.yml' });
    expectOneLineFailure(result, /^params: ".+params\.yml" does not exist; expected the parameters file \(JSON, YAML or TOML\)$/);
  });

  it('names a bad timeout', async () => {
    expectOneLineFailure(await train(checkout(), { ...EXAMPLE_STEP, 'timeout-minutes': '5m' }), /^timeout-minutes: "5m" is not a positive number$/);
  });
});

describe('train artifacts', () => {
  it('copies model, metrics, predictions and run record as one artifact off GitHub (MLOPS_ARTIFACT_DIR)', async () => {
    const workspace = checkout();
    const artifacts = mkdtempSync(path.join(os.tmpdir(), 'train-artifacts-'));
    workspaces.push(artifacts);
    const result = await train(workspace, { ...EXAMPLE_STEP, 'artifact-name': 'candidate-model', cache: 'false' }, { MLOPS_ARTIFACT_DIR: artifacts });
    expect(result.exitCode).toBe(0);
    const stored = path.join(artifacts, 'candidate-model');
    expect(sha256sumOfFolder(path.join(stored, 'model'))).toBe(result.outputs['model-digest']);
    for (const file of ['metrics.json', 'predictions.csv', 'run.json']) {
      expect(readFileSync(path.join(stored, file))).toEqual(readFileSync(path.join(workspace, file)));
    }
  });

  it('uploads the artifact on a cache hit too, so later jobs of the run get the restored outputs', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'train-cache-'));
    const artifacts = mkdtempSync(path.join(os.tmpdir(), 'train-artifacts-'));
    workspaces.push(cacheDir, artifacts);
    const env = { MLOPS_CACHE_DIR: cacheDir, MLOPS_ARTIFACT_DIR: artifacts };
    await train(checkout(), EXAMPLE_STEP, env);
    const hit = await train(checkout(), { ...EXAMPLE_STEP, 'artifact-name': 'candidate-model' }, env);
    expect(hit.outputs['cache-hit']).toBe('true');
    expect(hit.groups).toContain('Upload the artifact');
    expect(sha256sumOfFolder(path.join(artifacts, 'candidate-model', 'model'))).toBe(hit.outputs['model-digest']);
  });

  it('warns and goes on when there is nowhere to upload to', async () => {
    const result = await train(checkout(), { ...EXAMPLE_STEP, 'artifact-name': 'candidate-model', cache: 'false' }, {});
    expect(result.exitCode).toBe(0);
    expect(result.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      'artifact-name: there is no artifact service here (not on a runner, and MLOPS_ARTIFACT_DIR is not set), so "candidate-model" was not uploaded',
    ]);
  });
});
