import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { computeCacheKey } from '../../actions/train/src/cache-key';
import { readTrainSettings, type TrainSettings } from '../../actions/train/src/inputs';
import { ConfigurationError } from '../../shared/src/errors';
import type { InputSource, Logger } from '../../shared/src/ports';

const silent: Logger = { debug() {}, info() {}, warning() {}, error() {}, group: (_name, fn) => fn(), mask() {} };
const linux = { runnerOs: 'Linux', runnerArch: 'X64' };

function inputs(values: Record<string, string>): InputSource {
  return { get: (name) => values[name] ?? '' };
}

let workspace: string;
beforeEach(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'train-key-'));
  mkdirSync(path.join(workspace, 'data'));
  writeFileSync(path.join(workspace, 'train.py'), 'print(1)\n');
  writeFileSync(path.join(workspace, 'data', 'a.csv'), 'x\n1\n');
  writeFileSync(path.join(workspace, 'params.yaml'), 'lr: 0.1\n');
});

function settings(values: Record<string, string>): TrainSettings {
  return readTrainSettings(inputs({ command: 'python train.py', ...values }), workspace);
}

function configurationError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('readTrainSettings', () => {
  it('resolves every path against the working directory, with the documented defaults', () => {
    mkdirSync(path.join(workspace, 'ml'));
    const s = settings({ 'working-directory': 'ml', model: 'model', metrics: 'm.json' });
    expect(s).toMatchObject({
      workingDirectory: path.join(workspace, 'ml'),
      model: path.join(workspace, 'ml', 'model'),
      metrics: path.join(workspace, 'ml', 'm.json'),
      runRecord: path.join(workspace, 'ml', 'run.json'),
      cache: true,
      cacheKeyPrefix: 'mlops-train',
      inputs: [],
    });
    expect(s.timeoutMs).toBeUndefined();
  });

  it('reads timeouts in minutes, decimals allowed, and multi-line globs without blanks and comments', () => {
    const s = settings({ 'timeout-minutes': '1.5', inputs: 'train.py\n\n# data too\ndata/**\n!data/tmp/**\n' });
    expect(s.timeoutMs).toBe(90_000);
    expect(s.inputs).toEqual(['train.py', 'data/**', '!data/tmp/**']);
  });

  it('names the input, the bad value and the expected form', () => {
    expect(configurationError(() => readTrainSettings(inputs({}), workspace))).toBe('command: the input is required; give the training command, such as `python train.py`');
    expect(configurationError(() => settings({ cache: 'yes' }))).toBe('cache: "yes" is not a boolean; expected true or false');
    expect(configurationError(() => settings({ 'timeout-minutes': '-3' }))).toBe('timeout-minutes: "-3" is not a positive number');
    expect(configurationError(() => settings({ 'timeout-minutes': 'ten' }))).toBe('timeout-minutes: "ten" is not a positive number');
    expect(configurationError(() => settings({ 'working-directory': 'nowhere' }))).toBe(`working-directory: "nowhere" is not a folder in the workspace ${JSON.stringify(workspace)}`);
    expect(configurationError(() => settings({ 'cache-key-prefix': 'has space' }))).toMatch(/^cache-key-prefix: "has space" is not a valid prefix/);
    expect(configurationError(() => settings({ 'artifact-name': 'a/b' }))).toMatch(/^artifact-name: "a\/b" has a character artifacts cannot have/);
  });
});

describe('computeCacheKey', () => {
  const keyOf = async (values: Record<string, string> = {}, context = linux) => computeCacheKey(settings(values), context, silent);

  it('is stable for the same command, parameters and inputs', async () => {
    expect((await keyOf()).key).toBe((await keyOf()).key);
    expect((await keyOf()).key).toMatch(/^mlops-train-Linux-X64-[0-9a-f]{64}$/);
  });

  it('changes with the command, a parameter, an input file, the OS, and the prefix', async () => {
    const base = (await keyOf({ params: 'params.yaml' })).key;
    expect((await computeCacheKey(readTrainSettings(inputs({ command: 'python train.py --fast', params: 'params.yaml' }), workspace), linux, silent)).key).not.toBe(base);
    writeFileSync(path.join(workspace, 'params.yaml'), 'lr: 0.2\n');
    const changedParams = (await keyOf({ params: 'params.yaml' })).key;
    expect(changedParams).not.toBe(base);
    writeFileSync(path.join(workspace, 'data', 'a.csv'), 'x\n2\n');
    expect((await keyOf({ params: 'params.yaml' })).key).not.toBe(changedParams);
    expect((await keyOf({ params: 'params.yaml' }, { runnerOs: 'macOS', runnerArch: 'ARM64' })).key).toMatch(/^mlops-train-macOS-ARM64-/);
    expect((await keyOf({ params: 'params.yaml', 'cache-key-prefix': 'v2' })).key).toMatch(/^v2-Linux-X64-/);
  });

  it('hashes only the files the globs match, minus exclusions, and never the outputs', async () => {
    mkdirSync(path.join(workspace, 'data', 'tmp'));
    writeFileSync(path.join(workspace, 'data', 'tmp', 'scratch.csv'), 'x');
    writeFileSync(path.join(workspace, 'metrics.json'), '{}');
    const key = await keyOf({ inputs: 'train.py\ndata/**\n!data/tmp/**', metrics: 'metrics.json' });
    expect(Object.keys(key.inputs.files)).toEqual(['data/a.csv', 'train.py']);
    const everything = await keyOf({ metrics: 'metrics.json' });
    expect(Object.keys(everything.inputs.files)).toEqual(['data/a.csv', 'data/tmp/scratch.csv', 'params.yaml', 'train.py']);
    // Rewriting an output does not change the key, so a re-run after training still hits.
    writeFileSync(path.join(workspace, 'metrics.json'), '{"a": 1}');
    expect((await keyOf({ metrics: 'metrics.json' })).key).toBe(everything.key);
  });

  it('skips .git, node_modules and the local runner\'s .mlops by default', async () => {
    mkdirSync(path.join(workspace, '.git'));
    writeFileSync(path.join(workspace, '.git', 'HEAD'), 'ref');
    mkdirSync(path.join(workspace, 'node_modules', 'x'), { recursive: true });
    writeFileSync(path.join(workspace, 'node_modules', 'x', 'index.js'), '');
    mkdirSync(path.join(workspace, '.mlops', 'cache'), { recursive: true });
    writeFileSync(path.join(workspace, '.mlops', 'cache', 'entry.tar'), 'cached outputs');
    expect(Object.keys((await keyOf()).inputs.files)).toEqual(['data/a.csv', 'params.yaml', 'train.py']);
  });

  it('fails on a glob that matches nothing, so a typo cannot hide a change from the key', async () => {
    await expect(keyOf({ inputs: 'train.py\ndata/*.cvs' })).rejects.toThrow(new ConfigurationError(`inputs: "data/*.cvs" matches no file under ${JSON.stringify(workspace)}; fix the glob or remove it, so the cache key cannot silently miss a change`));
  });

  it('fails on a params file that does not exist', async () => {
    await expect(keyOf({ params: 'params.yml' })).rejects.toThrow(/^params: ".*params\.yml" does not exist; expected the parameters file/);
  });
});
