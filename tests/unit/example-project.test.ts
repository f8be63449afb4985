// The example ML project (examples/breast-cancer) that the docs, the demo and the integration tests train:
// it must train well, write the files the train action expects, be byte-for-byte deterministic (the action's
// cache and model digests rely on it), fail clearly on bad parameters, and re-score a saved model exactly.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR as EXAMPLE, checkoutExample } from '../harness/example-project';
const OUTPUTS = ['model/model.json', 'model/card.md', 'metrics.json', 'predictions.csv'];
const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'log_loss'] as const;

interface Metrics {
  test: Record<(typeof METRICS)[number], number>;
  train?: { accuracy: number };
}

let scratch: string;
let copies = 0;

/** A fresh copy of the example without any outputs a run by hand may have left in the source tree. */
async function copyExample(): Promise<string> {
  const dir = path.join(scratch, `example-${++copies}`);
  return checkoutExample(dir);
}

/** Runs a script of the example as the train action does: in its folder, outputs chosen by MLOPS_* variables. */
function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MLOPS_')));
  const result = spawnSync(command, args, { cwd, env: { ...clean, ...env }, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

const node = (cwd: string, script: string, env?: Record<string, string>, args: string[] = []) => run(cwd, process.execPath, [script, ...args], env);

function trainOk(cwd: string, env?: Record<string, string>) {
  const result = node(cwd, 'train.mjs', env);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result;
}

const readJson = async (file: string): Promise<Metrics> => JSON.parse(await readFile(file, 'utf8')) as Metrics;

/** The data's labels by id (1 = malignant), read independently of the example's own reader. */
function labelsById(): Map<number, number> {
  const [, ...rows] = readFileSync(path.join(EXAMPLE, 'data/breast_cancer.csv'), 'utf8').trim().split(/\r?\n/);
  return new Map(rows.map((row) => [Number(row.slice(0, row.indexOf(','))), row.endsWith(',malignant') ? 1 : 0]));
}

function parsePredictions(text: string) {
  const [header, ...rows] = text.trim().split('\n');
  expect(header).toBe('id,label,prediction,score');
  return rows.map((row) => {
    const [id, label, prediction, score] = row.split(',').map(Number) as [number, number, number, number];
    return { id, label, prediction, score };
  });
}

/**
 * The first Python found that can import the given modules. Without one, those checks are skipped on a
 * developer's machine, but fail in CI, where .ci/run installs Debian's python3-sklearn.
 */
function python(modules: string): string | undefined {
  const candidates = [process.env['MLOPS_TEST_PYTHON'], 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c));
  const found = candidates.find((candidate) => spawnSync(candidate, ['-c', `import ${modules}`]).status === 0);
  if (!found && process.env['CI'] === 'true') {
    throw new Error(`No python3 that can import ${modules}: .ci/run installs python3-sklearn, python3-yaml and python3-joblib from Debian`);
  }
  return found;
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mlops-example-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('examples/breast-cancer train.mjs', () => {
  let dir: string;
  let metrics: Metrics;
  let stdout: string;

  beforeAll(async () => {
    dir = await copyExample();
    stdout = trainOk(dir).stdout;
    metrics = await readJson(path.join(dir, 'metrics.json'));
  });

  it('writes the model folder, the metrics and the predictions', () => {
    for (const file of OUTPUTS) expect(existsSync(path.join(dir, file)), file).toBe(true);
    const model = JSON.parse(readFileSync(path.join(dir, 'model/model.json'), 'utf8'));
    expect(model.features).toHaveLength(30);
    expect(model.weights).toHaveLength(30);
    expect(model.scaler.mean).toHaveLength(30);
    expect(readFileSync(path.join(dir, 'model/card.md'), 'utf8')).toContain('| accuracy |');
  });

  it('prints its progress and a final line with the test metrics', () => {
    expect(stdout).toMatch(/^epoch 1\/300 loss 0\.693147$/m);
    expect(stdout).toMatch(/^epoch 300\/300 loss /m);
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^test accuracy=0\.\d{4} precision=.* roc_auc=.* log_loss=\d/);
  });

  it('learns the data: sane metrics, test accuracy above 0.9', () => {
    expect(Object.keys(metrics.test)).toEqual([...METRICS]);
    expect(metrics.test.accuracy).toBeGreaterThan(0.9);
    expect(metrics.test.roc_auc).toBeGreaterThan(0.95);
    expect(metrics.train?.accuracy).toBeGreaterThan(0.9);
    for (const name of METRICS.filter((m) => m !== 'log_loss')) {
      expect(metrics.test[name], name).toBeGreaterThan(0);
      expect(metrics.test[name], name).toBeLessThanOrEqual(1);
    }
    expect(metrics.test.log_loss).toBeGreaterThan(0);
    expect(metrics.test.log_loss).toBeLessThan(0.3);
  });

  it('predicts every test row once, sorted by id, with its true label, on a stratified quarter of the data', async () => {
    const predictions = parsePredictions(await readFile(path.join(dir, 'predictions.csv'), 'utf8'));
    const truth = labelsById();
    // 357 benign and 212 malignant rows; a quarter of each class: 89 + 53.
    expect(predictions).toHaveLength(142);
    expect(predictions.filter((p) => p.label === 1)).toHaveLength(53);
    const ids = predictions.map((p) => p.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    for (const { id, label, prediction, score } of predictions) {
      expect(truth.get(id), `id ${id}`).toBe(label);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(prediction).toBe(score > 0.5 ? 1 : 0);
    }
    const correct = predictions.filter((p) => p.label === p.prediction).length;
    expect(correct / predictions.length).toBe(metrics.test.accuracy);
  });

  it('is deterministic: a second run, writing where the MLOPS_* variables say, gives byte-identical files', async () => {
    const other = await copyExample();
    const out = path.join(scratch, 'elsewhere');
    trainOk(other, {
      MLOPS_MODEL: path.join(out, 'model'),
      MLOPS_METRICS: path.join(out, 'metrics.json'),
      MLOPS_PREDICTIONS: path.join(out, 'predictions.csv'),
      MLOPS_PARAMS: path.join(other, 'params.yaml'),
    });
    for (const file of OUTPUTS) {
      expect(await readFile(path.join(out, file)), file).toEqual(await readFile(path.join(dir, file)));
    }
    expect(existsSync(path.join(other, 'metrics.json'))).toBe(false);
  });

  it('trains differently when a parameter changes', async () => {
    const other = await copyExample();
    const params = await readFile(path.join(other, 'params.yaml'), 'utf8');
    await writeFile(path.join(other, 'params.yaml'), params.replace(/epochs: 300/, 'epochs: 20'));
    expect(trainOk(other).stdout).toContain('epoch 20/20 loss');
    const changed = await readJson(path.join(other, 'metrics.json'));
    expect(changed.test.log_loss).not.toBe(metrics.test.log_loss);
    expect(changed.test.log_loss).toBeGreaterThan(metrics.test.log_loss); // fewer steps, less converged
  });

  it.each([
    ['epochs: ten', 'train.epochs must be an integer from 1 to 100000, got "ten"'],
    ['epochs: 0', 'train.epochs must be an integer from 1 to 100000, got 0'],
    ['epocs: 300', 'unknown key train.epocs; expected one of train.learning_rate, train.epochs, train.l2'],
  ])('rejects `%s` with one clear line, exit code 2 and no outputs', async (bad, message) => {
    const other = await copyExample();
    const params = await readFile(path.join(other, 'params.yaml'), 'utf8');
    await writeFile(path.join(other, 'params.yaml'), params.replace(/epochs: 300/, bad));
    const result = node(other, 'train.mjs');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`train.mjs: params.yaml: ${message}\n`);
    for (const file of OUTPUTS) expect(existsSync(path.join(other, file)), file).toBe(false);
  });

  it('rejects an unknown feature, naming it', async () => {
    const other = await copyExample();
    const params = await readFile(path.join(other, 'params.yaml'), 'utf8');
    await writeFile(path.join(other, 'params.yaml'), params.replace(/^features: all$/m, 'features: [mean_radius, mean_colour]'));
    const result = node(other, 'train.mjs');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^train\.mjs: params\.yaml: features: unknown column "mean_colour"; the columns are mean_radius, /);
  });

  it('trains on a chosen subset of the features', async () => {
    const other = await copyExample();
    const params = await readFile(path.join(other, 'params.yaml'), 'utf8');
    await writeFile(path.join(other, 'params.yaml'), params.replace(/^features: all$/m, 'features:\n  - worst_radius\n  - worst_concave_points\n'));
    trainOk(other);
    const model = JSON.parse(await readFile(path.join(other, 'model/model.json'), 'utf8'));
    expect(model.features).toEqual(['worst_radius', 'worst_concave_points']);
    expect((await readJson(path.join(other, 'metrics.json'))).test.accuracy).toBeGreaterThan(0.9);
  });

  it('evaluate.mjs reproduces the test metrics and predictions from the saved model', async () => {
    const env = { MLOPS_METRICS: 'eval/metrics.json', MLOPS_PREDICTIONS: 'eval/predictions.csv' };
    const result = node(dir, 'evaluate.mjs', env, [path.join(dir, 'model')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(await readJson(path.join(dir, 'eval/metrics.json'))).toEqual({ test: metrics.test });
    expect(await readFile(path.join(dir, 'eval/predictions.csv'))).toEqual(await readFile(path.join(dir, 'predictions.csv')));
    expect(result.stdout.trim().split('\n').at(-1)).toBe(stdout.trim().split('\n').at(-1));
  });

  it('evaluate.mjs fails clearly on a missing model', () => {
    const result = node(dir, 'evaluate.mjs', {}, ['no-such-model']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('evaluate.mjs: cannot read the model no-such-model: ENOENT\n');
  });

  const withYaml = python('yaml');
  it.skipIf(!withYaml)('lib.py picks the same test rows as lib.mjs, for several seeds and fractions', async () => {
    const cases = [[0.25, 7], [0.3, 0], [0.1, 4294967295], [0.5, 123456]] as const;
    const script = `import json, lib\ny = lib.read_dataset()["y"]\nprint(json.dumps([lib.stratified_split(y, f, s)["test"] for f, s in ${JSON.stringify(cases)}]))`;
    const result = run(dir, withYaml as string, ['-c', script]);
    expect(result.stderr).toBe('');
    const lib = await import(path.join(dir, 'lib.mjs'));
    const { y } = lib.readDataset();
    expect(JSON.parse(result.stdout)).toEqual(cases.map(([fraction, seed]) => lib.stratifiedSplit(y, fraction, seed).test));
  });

  const withSklearn = python('sklearn, joblib, yaml');
  it.skipIf(!withSklearn)('scikit-learn computes the same metrics from predictions.csv', () => {
    const script = `import csv, json, lib
rows = list(csv.DictReader(open("predictions.csv")))
print(json.dumps(lib.binary_metrics([int(r["label"]) for r in rows], [float(r["score"]) for r in rows])))`;
    const result = run(dir, withSklearn as string, ['-c', script]);
    expect(result.stderr).toBe('');
    const sklearn = JSON.parse(result.stdout) as Metrics['test'];
    for (const name of METRICS) expect(metrics.test[name], name).toBeCloseTo(sklearn[name], 12);
  });

  it.skipIf(!withSklearn)('train.py trains on the same rows, and evaluate.mjs re-scores its model.json', async () => {
    const other = await copyExample();
    const result = run(other, withSklearn as string, ['train.py']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const pyMetrics = await readJson(path.join(other, 'metrics.json'));
    expect(pyMetrics.test.accuracy).toBeGreaterThan(0.9);
    const pyIds = parsePredictions(await readFile(path.join(other, 'predictions.csv'), 'utf8')).map((p) => p.id);
    const nodeIds = parsePredictions(await readFile(path.join(dir, 'predictions.csv'), 'utf8')).map((p) => p.id);
    expect(pyIds).toEqual(nodeIds);
    expect(existsSync(path.join(other, 'model/model.joblib'))).toBe(true);

    const evaluated = node(other, 'evaluate.mjs', { MLOPS_METRICS: 'node-eval.json', MLOPS_PREDICTIONS: 'node-eval.csv' });
    expect(evaluated.status).toBe(0);
    const nodeEval = await readJson(path.join(other, 'node-eval.json'));
    for (const name of METRICS) expect(nodeEval.test[name], name).toBeCloseTo(pyMetrics.test[name], 9);
  });
});
