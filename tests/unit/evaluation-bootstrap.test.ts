// The bootstrap's machinery: the PRNG against its reference, determinism, weights as repeated rows, undefined
// resamples, the percentile rule, slices.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/src/errors';
import { percentile, standardDeviation } from '../../shared/src/evaluation/bootstrap';
import { bindMetric } from '../../shared/src/evaluation/catalog';
import {
  evaluatePaired,
  evaluatePairedDetailed,
  METRIC_IDS,
  metricDirection,
  isComputableMetric,
  pairPredictions,
  readPredictions,
  selectRows,
  sliceRows,
  type PairedPredictions,
  type PredictionsTable,
} from '../../shared/src/evaluation/index';
import { pickRows } from '../../shared/src/evaluation/predictions';
import { PreparedModels } from '../../shared/src/evaluation/prepare';
import { splitmix64, Xoshiro128 } from '../../shared/src/evaluation/random';

const DIR = path.resolve('tests/fixtures/evaluation');
const fixtures = new Map<string, PairedPredictions>();
beforeAll(async () => {
  for (const [name, candidate, baseline] of [
    ['binary', 'binary-candidate.csv', 'binary-baseline.jsonl'],
    ['multiclass', 'multiclass-candidate.jsonl', 'multiclass-baseline.csv.gz'],
    ['regression', 'regression-candidate.csv', 'regression-baseline.ndjson'],
  ] as const) {
    const c = await readPredictions(candidate, { cwd: DIR, input: 'candidate-predictions', columns: { slices: name === 'binary' ? ['region'] : [] } });
    const b = await readPredictions(baseline, { cwd: DIR, input: 'baseline-predictions' });
    fixtures.set(name, pairPredictions(c, b));
  }
});
const fixture = (name: string): PairedPredictions => fixtures.get(name) as PairedPredictions;

describe('the PRNG', () => {
  it('splitmix64 gives the reference outputs for seed 1234567', () => {
    let state = 1234567n;
    const outputs: bigint[] = [];
    for (let i = 0; i < 3; i++) {
      const next = splitmix64(state);
      state = next.state;
      outputs.push(next.value);
    }
    expect(outputs).toEqual([6457827717110365317n, 3203168211198807973n, 9817491932198370423n]);
  });
  it("xoshiro128** gives the C reference implementation's outputs from a known state", () => {
    const generator = Xoshiro128.fromState(0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0);
    expect([generator.next(), generator.next(), generator.next(), generator.next()]).toEqual([0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70]);
  });
  it('draws indexes uniformly below n', () => {
    const generator = new Xoshiro128(1);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[generator.below(7)]! += 1;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500); // ~5 SD of a binomial count
  });
  it('adds a resample\'s draws as counts, the same draws as one at a time', () => {
    const one = new Xoshiro128(5);
    const many = new Xoshiro128(5);
    const expected = new Float64Array(1000);
    for (let i = 0; i < 3000; i++) expected[one.below(1000)]! += 1;
    const counts = new Float64Array(1000);
    many.addDraws(counts, 1000, 3000);
    expect(counts).toEqual(expected);
    expect(many.next()).toBe(one.next());
  });
});

describe('determinism', () => {
  it('the same seed gives the same interval; another seed another', () => {
    const a = evaluatePaired('roc_auc', fixture('binary'), { seed: 11, resamples: 500 });
    const b = evaluatePaired('roc_auc', fixture('binary'), { seed: 11, resamples: 500 });
    const c = evaluatePaired('roc_auc', fixture('binary'), { seed: 12, resamples: 500 });
    expect(b).toEqual(a);
    expect(c.interval.low).not.toBe(a.interval.low);
    expect(c.candidate).toBe(a.candidate);
  });
  it('defaults: 2,000 resamples, level 0.95, a fixed seed', () => {
    const result = evaluatePaired('f1', fixture('binary'));
    expect(result.interval).toEqual({ method: 'paired-bootstrap', level: 0.95, low: expect.any(Number), high: expect.any(Number), resamples: 2000, seed: 20240607 });
    expect(result.mde).toBeCloseTo(2.8015852 * result.standardError, 6);
  });
});

describe('weights are repeated rows', () => {
  // What a resample computes with weights must be what the metric gives on the rows repeated: check every metric.
  const weightsOf = (rows: number, seed: number): Float64Array => {
    const random = new Xoshiro128(seed);
    const weights = new Float64Array(rows);
    random.addDraws(weights, rows, rows);
    return weights;
  };
  for (const metric of METRIC_IDS) {
    it(metric, () => {
      const name = ['mae', 'rmse', 'r2', 'mape'].includes(metric) ? 'regression' : ['precision', 'recall', 'f1', 'roc_auc', 'pr_auc', 'brier'].includes(metric) ? 'binary' : 'multiclass';
      const table = fixture(name).candidate;
      const weights = weightsOf(table.rows, 3);
      const repeated = Int32Array.from(Array.from(weights).flatMap((w, row) => new Array<number>(w).fill(row)));
      const weighted = bindMetric(metric, new PreparedModels([table]), 0)(weights);
      const copy = pickRows(table, repeated);
      const plain = bindMetric(metric, new PreparedModels([copy]), 0)(new Float64Array(copy.rows).fill(1));
      expect(Math.abs(weighted - plain)).toBeLessThanOrEqual(1e-12 * Math.abs(plain));
    });
  }
});

describe('undefined resamples', () => {
  const rare = async (positives: number): Promise<PairedPredictions> => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, label: i < positives ? 1 : 0, score: ((i * 37) % 40) / 40 }));
    const table: PredictionsTable = {
      input: 'candidate-predictions',
      file: 'rare.csv',
      columns: { id: 'id', label: 'label', prediction: 'prediction', score: 'score', scorePrefix: 'score_', slices: [] },
      rows: rows.length,
      ids: rows.map((r) => r.id),
      lines: Int32Array.from(rows, (_, i) => i + 2),
      labels: rows.map((r) => r.label),
      predictions: null,
      score: rows.map((r) => r.score),
      classScores: new Map(),
      slices: new Map(),
    };
    return pairPredictions(table, { ...table, input: 'baseline-predictions', score: rows.map((r) => 1 - r.score) });
  };
  it('are dropped and counted, within the tolerated share', async () => {
    // 3 positives in 40 rows: a resample draws none with probability (37/40)^40 ≈ 4.4 %.
    const { evaluation, undefinedResamples } = evaluatePairedDetailed('roc_auc', await rare(3), { resamples: 2000, maxUndefinedShare: 0.1 });
    expect(undefinedResamples).toBeGreaterThan(40);
    expect(undefinedResamples).toBeLessThan(140);
    expect(evaluation.interval.low).toBeLessThanOrEqual(evaluation.interval.high);
  });
  it('beyond the tolerated share are an error that says why', async () => {
    const paired = await rare(1);
    let error: unknown;
    try {
      evaluatePaired('roc_auc', paired);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(
      /^roc_auc \(candidate-predictions "rare\.csv"\): undefined on \d+ of 2000 bootstrap resamples of the 40 rows \(e\.g\. one class only\); expected a test set where it is defined on at least 95 % of resamples \(more rows of the rarer class\)$/,
    );
  });
});

describe('the interval', () => {
  it("is numpy's linear percentile of the replicates", () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 10]);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 1)).toBe(10);
    expect(percentile(sorted, 0.5)).toBe(3);
    expect(percentile(sorted, 0.9)).toBeCloseTo(7.6, 14); // position 3.6: 4 + 0.6·(10 − 4)
    expect(standardDeviation(Float64Array.from([1, 2, 3, 4]))).toBeCloseTo(Math.sqrt(5 / 3), 15);
  });
  it('is [0, 0] with no standard error when both models predict the same', () => {
    const same = pairPredictions(fixture('binary').candidate, { ...fixture('binary').candidate, input: 'baseline-predictions' });
    const result = evaluatePaired('accuracy', same, { resamples: 100 });
    expect(result).toMatchObject({ difference: 0, standardError: 0, mde: 0, interval: { low: 0, high: 0 }, mcnemar: { pValue: 1, candidateOnlyCorrect: 0, baselineOnlyCorrect: 0 } });
  });
  it('narrows with a lower level', () => {
    const wide = evaluatePaired('rmse', fixture('regression'), { resamples: 1000, level: 0.99 });
    const narrow = evaluatePaired('rmse', fixture('regression'), { resamples: 1000, level: 0.8 });
    expect(wide.interval.low).toBeLessThan(narrow.interval.low);
    expect(wide.interval.high).toBeGreaterThan(narrow.interval.high);
  });
});

describe('slices and the metric list', () => {
  it('a slice is paired predictions of its rows', () => {
    const paired = fixture('binary');
    const rows = sliceRows(paired, 'region', 'south');
    const south = selectRows(paired, rows);
    expect(south.rows).toBe(rows.length);
    expect(south.candidate.slices.get('region')?.every((v) => v === 'south')).toBe(true);
    expect(south.baseline.ids).toEqual(south.candidate.ids);
    expect(evaluatePaired('accuracy', south, { resamples: 100 }).rows).toBe(rows.length);
    expect(() => sliceRows(paired, 'country', 'x')).toThrow(ConfigurationError);
  });
  it('names every metric with its direction', () => {
    expect(METRIC_IDS).toHaveLength(19);
    expect(isComputableMetric('roc_auc')).toBe(true);
    expect(isComputableMetric('toString')).toBe(false);
    expect(metricDirection('log_loss')).toBe('lower');
    expect(metricDirection('r2')).toBe('higher');
  });
});
