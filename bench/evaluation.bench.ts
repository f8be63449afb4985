// The paired bootstrap: 2,000 resamples of accuracy, F1, ROC AUC and RMSE on 10,000 and 100,000 rows (the predictions
// built in memory, seeded), and, when Debian's python3 with scipy is there, scipy.stats.bootstrap(paired=True,
// vectorized=True) of accuracy and RMSE on the same sizes in the same run (vectorized numpy: scipy's best case).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { evaluatePaired, pairPredictions, type PredictionsTable } from '../shared/src/evaluation/index';
import { uniforms } from '../tests/fixtures/random';
import { ms, table } from './lib';

const RESAMPLES = 2000;
/** Row counts to run (MLOPS_BENCH_EVAL_ROWS=10000 for the quick one). */
const SIZES = (process.env['MLOPS_BENCH_EVAL_ROWS'] ?? '10000,100000').split(',').map(Number);

function tables(rows: number): { classification: [PredictionsTable, PredictionsTable]; regression: [PredictionsTable, PredictionsTable] } {
  const next = uniforms(42);
  const labels: number[] = [];
  const scores: [number[], number[]] = [[], []];
  const values: number[] = [];
  const estimates: [number[], number[]] = [[], []];
  for (let i = 0; i < rows; i++) {
    const signal = next();
    labels.push(signal + 0.5 * next() > 0.75 ? 1 : 0);
    // Rounded to 3 decimals, as real scores are often: ties.
    scores[0].push(Math.round((0.7 * signal + 0.3 * next()) * 1000) / 1000);
    scores[1].push(Math.round((0.6 * signal + 0.4 * next()) * 1000) / 1000);
    values.push(10 * signal);
    estimates[0].push(10 * signal + next() - 0.5);
    estimates[1].push(10 * signal + 1.2 * (next() - 0.5));
  }
  const ids = labels.map((_, i) => String(i));
  const make = (labelValues: number[], predictions: number[], score: number[] | null, input: string): PredictionsTable => ({
    input,
    file: `${input}.csv`,
    columns: { id: 'id', label: 'label', prediction: 'prediction', score: 'score', scorePrefix: 'score_', slices: [] },
    rows,
    ids,
    lines: Int32Array.from(ids, (_, i) => i + 2),
    labels: labelValues,
    predictions,
    score,
    classScores: new Map(),
    slices: new Map(),
  });
  return {
    classification: [0, 1].map((m) => make(labels, (scores[m] as number[]).map((s) => (s > 0.5 ? 1 : 0)), scores[m] as number[], m === 0 ? 'candidate' : 'baseline')) as [PredictionsTable, PredictionsTable],
    regression: [0, 1].map((m) => make(values, estimates[m] as number[], null, m === 0 ? 'candidate' : 'baseline')) as [PredictionsTable, PredictionsTable],
  };
}

function time(fn: () => unknown): number {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const SCIPY = `
import sys, time, numpy as np
from scipy import stats
n, resamples = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(42)
y = (rng.random(n) > 0.5).astype(float); c = (rng.random(n) > 0.3).astype(float); b = (rng.random(n) > 0.35).astype(float)
def acc(y, c, b, axis=-1): return (c == y).mean(axis=axis) - (b == y).mean(axis=axis)
t = time.perf_counter(); stats.bootstrap((y, c, b), acc, paired=True, vectorized=True, method='percentile', n_resamples=resamples, random_state=1); a = time.perf_counter() - t
v = rng.random(n); p = v + rng.random(n) - 0.5; q = v + 1.2 * (rng.random(n) - 0.5)
def rmse(v, p, q, axis=-1): return np.sqrt(((p - v) ** 2).mean(axis=axis)) - np.sqrt(((q - v) ** 2).mean(axis=axis))
t = time.perf_counter(); stats.bootstrap((v, p, q), rmse, paired=True, vectorized=True, method='percentile', n_resamples=resamples, random_state=1, batch=100); r = time.perf_counter() - t
print(f"{a * 1000:.1f} {r * 1000:.1f}")
`;

for (const rows of SIZES) {
  const data = tables(rows);
  const classification = pairPredictions(...data.classification);
  const regression = pairPredictions(...data.regression);
  const results: Array<[string, string]> = [];
  const ours: Record<string, number> = {};
  for (const metric of ['accuracy', 'f1', 'roc_auc', 'pr_auc', 'log_loss']) {
    evaluatePaired(metric, classification, { resamples: 20 }); // warm up
    ours[metric] = time(() => evaluatePaired(metric, classification, { resamples: RESAMPLES }));
    results.push([`${metric}, ${rows} rows`, ms(ours[metric])]);
  }
  for (const metric of ['rmse', 'r2']) {
    evaluatePaired(metric, regression, { resamples: 20 });
    ours[metric] = time(() => evaluatePaired(metric, regression, { resamples: RESAMPLES }));
    results.push([`${metric}, ${rows} rows`, ms(ours[metric])]);
  }
  if (existsSync('/usr/bin/python3')) {
    const scipy = spawnSync('/usr/bin/python3', ['-c', SCIPY, String(rows), String(RESAMPLES)], { encoding: 'utf8' });
    if (scipy.status === 0) {
      const [accuracy, rmse] = scipy.stdout.trim().split(' ').map(Number) as [number, number];
      // The aim: faster than scipy's vectorized bootstrap of the same metric, in the same run.
      const ratio = (metric: string, theirs: number): string => `${ms(theirs)}: ours is ${(theirs / (ours[metric] as number)).toFixed(2)}× as fast (aim > 1: ${theirs > (ours[metric] as number) ? 'met' : 'NOT met'})`;
      results.push([`scipy vectorized accuracy, ${rows} rows`, ratio('accuracy', accuracy)], [`scipy vectorized rmse, ${rows} rows`, ratio('rmse', rmse)]);
    } else {
      results.push(['scipy', `not run (${scipy.stderr.trim().split('\n').pop()})`]);
    }
  }
  console.log(`${RESAMPLES} paired resamples:`);
  table(results);
}
