import { describe, expect, it } from 'vitest';
import { decideGate, type GateDecisionInput, type SliceMeasurement } from '../../shared/src/gate/decide';
import { parseGatePolicy } from '../../shared/src/gate/policy-load';
import type { PairedEvaluation } from '../../shared/src/gate/types';

const policyOf = (yaml: string) => parseGatePolicy(yaml, 'policy.yaml');

/** A paired evaluation with the interval [low, high] of candidate − baseline. */
function paired(metric: string, candidate: number, baseline: number, low: number, high: number, mcnemarP?: number): PairedEvaluation {
  return {
    metric,
    rows: 1000,
    candidate,
    baseline,
    difference: candidate - baseline,
    interval: { method: 'paired-bootstrap', level: 0.95, low, high, resamples: 2000, seed: 0 },
    standardError: (high - low) / 3.92,
    mde: (2.8 * (high - low)) / 3.92,
    mcnemar: mcnemarP === undefined ? null : { pValue: mcnemarP, candidateOnlyCorrect: 30, baselineOnlyCorrect: 12 },
  };
}

const ACCURACY = 'metrics:\n  accuracy:\n    direction: higher\n    min: 0.85\n    max-regression: { abs: 0.01 }\n';

function decide(input: Partial<GateDecisionInput> & { policy: GateDecisionInput['policy'] }) {
  return decideGate({ candidate: {}, baseline: null, ...input });
}

describe('deciding on intervals', () => {
  it('calls a change improved when the interval excludes 0 on the good side', () => {
    const result = decide({ policy: policyOf(ACCURACY), candidate: { accuracy: 0.92 }, baseline: { accuracy: 0.9 }, evaluations: [paired('accuracy', 0.92, 0.9, 0.005, 0.035)] });
    expect(result).toMatchObject({ passed: true, verdict: 'improved', comparison: 'intervals', notes: [] });
    const [row] = result.metrics;
    expect(row).toMatchObject({ metric: 'accuracy', slice: null, direction: 'higher', candidate: 0.92, baseline: 0.9, rule: '≥ 0.85; regression ≤ 0.01', verdict: 'improved', passed: true, reasons: [] });
    expect(row?.change?.absolute).toBeCloseTo(0.02, 12);
    expect(row?.change?.relative).toBeCloseTo(0.02 / 0.9, 12);
    expect(row?.interval).toMatchObject({ low: 0.005, high: 0.035 });
    expect(row?.mde).toBeCloseTo((2.8 * 0.03) / 3.92, 12);
  });

  it('passes a change within the noise: the interval straddles 0 and its bad end stays within the allowed regression', () => {
    const result = decide({ policy: policyOf(ACCURACY), baseline: {}, evaluations: [paired('accuracy', 0.905, 0.9, -0.008, 0.02)] });
    expect(result).toMatchObject({ passed: true, verdict: 'within-noise' });
    expect(result.metrics[0]).toMatchObject({ candidate: 0.905, baseline: 0.9, verdict: 'within-noise', passed: true });
  });

  it('judges the margin on the bad end of the interval, not on the point', () => {
    // The point change (−0.005) is within 0.01, but the interval says it may be −0.02.
    const result = decide({ policy: policyOf(ACCURACY), baseline: {}, evaluations: [paired('accuracy', 0.895, 0.9, -0.02, 0.01)] });
    expect(result).toMatchObject({ passed: false, verdict: 'failed' });
    expect(result.metrics[0]).toMatchObject({
      verdict: 'regressed',
      passed: false,
      reasons: ['accuracy may be worse than the baseline by at most 0.01; the 95 % interval of the change is −0.02 to +0.01'],
    });
  });

  it('takes the bad end on the other side for a lower-is-better metric', () => {
    const policy = policyOf('metrics:\n  rmse:\n    direction: lower\n    max-regression: { abs: 0.1 }\n');
    // RMSE went down (better) on the point, but could have gone up by 0.15.
    const worse = decide({ policy, baseline: {}, evaluations: [paired('rmse', 1.95, 2, -0.2, 0.15)] });
    expect(worse.metrics[0]).toMatchObject({ verdict: 'regressed', reasons: ['rmse may be worse than the baseline by at most 0.1; the 95 % interval of the change is −0.2 to +0.15'] });
    const better = decide({ policy, baseline: {}, evaluations: [paired('rmse', 1.8, 2, -0.3, -0.1)] });
    expect(better).toMatchObject({ passed: true, verdict: 'improved' });
  });

  it('calls identical numbers unchanged', () => {
    const result = decide({ policy: policyOf(ACCURACY), baseline: {}, evaluations: [paired('accuracy', 0.9, 0.9, 0, 0)] });
    expect(result).toMatchObject({ passed: true, verdict: 'unchanged' });
    expect(result.metrics[0]?.change).toEqual({ absolute: 0, relative: 0 });
  });

  it('lets McNemar decide significance when the policy asks for it, and still judges the margin on the interval', () => {
    const policy = policyOf('metrics:\n  accuracy:\n    direction: higher\n    max-regression: { abs: 0.02 }\n    test: mcnemar\n');
    const significant = decide({ policy, baseline: {}, evaluations: [paired('accuracy', 0.918, 0.9, -0.001, 0.037, 0.01)] });
    expect(significant.metrics[0]).toMatchObject({ verdict: 'improved', mcnemar: { pValue: 0.01 } });
    const noise = decide({ policy, baseline: {}, evaluations: [paired('accuracy', 0.918, 0.9, -0.001, 0.037, 0.2)] });
    expect(noise.metrics[0]?.verdict).toBe('within-noise');
    const missing = decide({ policy, baseline: {}, evaluations: [paired('accuracy', 0.918, 0.9, 0.001, 0.037)] });
    expect(missing.metrics[0]?.verdict).toBe('improved');
    expect(missing.notes).toEqual(['No McNemar result for accuracy: judged on the interval instead.']);
  });

  it('uses the point estimate with test: none, even when there is an interval', () => {
    const policy = policyOf('metrics:\n  accuracy:\n    direction: higher\n    max-regression: { abs: 0.01 }\n    test: none\n');
    const result = decide({ policy, baseline: {}, evaluations: [paired('accuracy', 0.895, 0.9, -0.02, 0.01)] });
    expect(result).toMatchObject({ passed: true, comparison: 'point-estimates', notes: [] });
    expect(result.metrics[0]).toMatchObject({ verdict: 'within-noise', interval: { low: -0.02 } });
  });

  it('finds the evaluation by the computable id, for a metric named otherwise', () => {
    const policy = policyOf('metrics:\n  val.auc:\n    direction: higher\n    compute: roc_auc\n    min: 0.9\n');
    const result = decide({ policy, candidate: { 'val.auc': 0.95 }, baseline: { 'val.auc': 0.94 }, evaluations: [paired('roc_auc', 0.951, 0.941, 0.002, 0.018)] });
    // The paired values are used: both models measured on the same rows.
    expect(result.metrics[0]).toMatchObject({ metric: 'val.auc', candidate: 0.951, baseline: 0.941, verdict: 'improved' });
  });
});

describe('deciding on point estimates', () => {
  const policy = policyOf('metrics:\n  accuracy:\n    direction: higher\n    max-regression: { abs: 0.01, rel: 0.02 }\n');

  it('allows exactly the limit, and says no interval was possible', () => {
    const result = decide({ policy, candidate: { accuracy: 0.9 }, baseline: { accuracy: 0.91 } });
    expect(result).toMatchObject({ passed: true, verdict: 'within-noise', comparison: 'point-estimates' });
    expect(result.notes).toEqual([
      "The test set of the baseline's or the candidate's numbers is unknown: they were compared as if measured on the same rows.",
      'No paired predictions for accuracy: judged on the point estimates; no interval was possible.',
    ]);
  });

  it('fails a regression beyond the limit with one reason line', () => {
    const result = decide({ policy, candidate: { accuracy: 0.89 }, baseline: { accuracy: 0.91 }, testSets: { candidate: 'sha256:a', baseline: 'sha256:a' } });
    expect(result).toMatchObject({ passed: false, verdict: 'failed' });
    expect(result.metrics[0]).toMatchObject({ verdict: 'regressed', reasons: ['accuracy may be worse than the baseline by at most 0.01; it changed by −0.02 (−2.2 %)'] });
    expect(result.notes).toEqual(['No paired predictions for accuracy: judged on the point estimates; no interval was possible.']);
  });

  it('names the relative part when it binds, for a lower-is-better metric', () => {
    const rmse = policyOf('metrics:\n  rmse:\n    direction: lower\n    max-regression: { rel: 0.04 }\n');
    const result = decide({ policy: rmse, candidate: { rmse: 2.1 }, baseline: { rmse: 2 } });
    expect(result.metrics[0]).toMatchObject({ verdict: 'regressed', reasons: ['rmse may be worse than the baseline by at most 0.08 (4 % of 2); it changed by +0.1 (+5 %)'] });
  });

  it('on a zero baseline, a rel-only limit allows no worsening', () => {
    const mae = policyOf('metrics:\n  mae:\n    direction: lower\n    max-regression: { rel: 0.1 }\n');
    const worse = decide({ policy: mae, candidate: { mae: 0.01 }, baseline: { mae: 0 } });
    expect(worse.metrics[0]).toMatchObject({
      change: { absolute: 0.01, relative: null },
      verdict: 'regressed',
      reasons: ['mae may be worse than the baseline by at most 0 (a relative limit on a zero baseline); it changed by +0.01'],
    });
    expect(decide({ policy: mae, candidate: { mae: 0 }, baseline: { mae: 0 } })).toMatchObject({ passed: true, verdict: 'unchanged' });
  });

  it('fails an improvement smaller than min-improvement, keeping the verdict that describes the change', () => {
    const strict = policyOf('metrics:\n  f1:\n    direction: higher\n    min-improvement: { abs: 0.005 }\n');
    const result = decide({ policy: strict, candidate: { f1: 0.802 }, baseline: { f1: 0.8 } });
    expect(result).toMatchObject({ passed: false, verdict: 'failed' });
    expect(result.metrics[0]).toMatchObject({ verdict: 'within-noise', rule: 'improvement ≥ 0.005', reasons: ['f1 must show an improvement of at least 0.005 over the baseline; it changed by +0.002 (+0.25 %)'] });
    expect(decide({ policy: strict, candidate: { f1: 0.81 }, baseline: { f1: 0.8 } }).metrics[0]).toMatchObject({ verdict: 'improved', passed: true });
  });

  it('checks the bounds on every run', () => {
    const result = decide({ policy: policyOf('metrics:\n  accuracy: { direction: higher, min: 0.9, max: 0.99 }\n'), candidate: { accuracy: 0.88 }, baseline: { accuracy: 0.8 } });
    expect(result.metrics[0]).toMatchObject({ verdict: 'improved', passed: false, reasons: ['accuracy 0.88 is below the minimum 0.9'] });
    const above = decide({ policy: policyOf('metrics:\n  accuracy: { direction: higher, min: 0.9, max: 0.99 }\n'), candidate: { accuracy: 0.995 }, baseline: null });
    expect(above.metrics[0]?.reasons).toEqual(['accuracy 0.995 is above the maximum 0.99']);
  });
});

describe('failing closed and the first run', () => {
  it('fails a metric the candidate lacks', () => {
    const result = decide({ policy: policyOf(`${ACCURACY}  f1: { direction: higher }\n`), candidate: { accuracy: 0.9 }, baseline: { accuracy: 0.9, f1: 0.8 } });
    expect(result).toMatchObject({ passed: false, verdict: 'failed' });
    expect(result.metrics[1]).toMatchObject({ metric: 'f1', candidate: null, baseline: 0.8, change: null, verdict: 'missing', passed: false, reasons: ['the candidate has no metric "f1"'] });
  });

  it('with first-run: value-only and no baseline, checks the bounds only', () => {
    const result = decide({ policy: policyOf(ACCURACY), candidate: { accuracy: 0.9 }, baseline: null });
    expect(result).toMatchObject({ passed: true, verdict: 'no-baseline', comparison: 'bounds-only', notes: ['There is no baseline to compare with (first run): only the bounds (min, max) were checked.'] });
    expect(result.metrics[0]).toMatchObject({ baseline: null, change: null, verdict: 'no-baseline', passed: true });
    const low = decide({ policy: policyOf(ACCURACY), candidate: { accuracy: 0.8 }, baseline: null });
    expect(low).toMatchObject({ passed: false, verdict: 'failed' });
    expect(low.metrics[0]?.reasons).toEqual(['accuracy 0.8 is below the minimum 0.85']);
  });

  it('with first-run: fail and no baseline, fails', () => {
    const result = decide({ policy: policyOf(`first-run: fail\n${ACCURACY}`), candidate: { accuracy: 0.9 }, baseline: null });
    expect(result).toMatchObject({ passed: false, verdict: 'failed' });
    expect(result.metrics[0]).toMatchObject({ verdict: 'no-baseline', reasons: ['there is no baseline to compare accuracy with, and the policy\'s first-run is "fail"'] });
    expect(result.notes[0]).toBe('There is no baseline to compare with (first run), and the policy\'s first-run is "fail": the gate fails.');
  });

  it('checks only the bounds of a metric the baseline lacks, and says so', () => {
    const result = decide({ policy: policyOf(`${ACCURACY}  f1: { direction: higher, min: 0.5 }\n`), candidate: { accuracy: 0.9, f1: 0.7 }, baseline: { accuracy: 0.9 } });
    expect(result).toMatchObject({ passed: true, verdict: 'unchanged' });
    expect(result.metrics[1]).toMatchObject({ metric: 'f1', baseline: null, verdict: 'no-baseline', passed: true });
    expect(result.notes).toContain('The baseline has no value for f1: only the bounds were checked.');
  });
});

describe('test sets', () => {
  const other = { candidate: 'sha256:' + 'a'.repeat(64), baseline: 'sha256:' + 'b'.repeat(64) };

  it('checks only the bounds when the baseline was measured on another test set', () => {
    const result = decide({ policy: policyOf(ACCURACY), candidate: { accuracy: 0.8 + 0.07 }, baseline: { accuracy: 0.95 }, testSets: other });
    expect(result).toMatchObject({ passed: true, verdict: 'no-baseline', comparison: 'bounds-only' });
    expect(result.metrics[0]).toMatchObject({ baseline: 0.95, verdict: 'no-baseline', passed: true });
    expect(result.notes[0]).toBe(
      'The baseline was measured on test set sha256:bbbbbbbbbbbb…, the candidate on sha256:aaaaaaaaaaaa…: metrics without paired predictions were checked against their bounds only (set compare-across-test-sets: true to compare them anyway).',
    );
  });

  it('compares across test sets when the policy says so', () => {
    const result = decide({ policy: policyOf(`compare-across-test-sets: true\n${ACCURACY}`), candidate: { accuracy: 0.87 }, baseline: { accuracy: 0.95 }, testSets: other });
    expect(result).toMatchObject({ passed: false, verdict: 'failed', comparison: 'point-estimates' });
    expect(result.metrics[0]?.verdict).toBe('regressed');
    expect(result.notes[0]).toMatch(/; compared anyway, as the policy sets compare-across-test-sets\.$/);
  });

  it('compares paired evaluations whatever the stored numbers were measured on: both models scored the same rows', () => {
    const result = decide({ policy: policyOf(ACCURACY), baseline: { accuracy: 0.95 }, evaluations: [paired('accuracy', 0.92, 0.9, 0.005, 0.035)], testSets: other });
    expect(result).toMatchObject({ passed: true, verdict: 'improved', comparison: 'intervals' });
  });
});

describe('slices', () => {
  const slice = (value: string, rows: number, candidate: number, baseline: number | null, interval?: [number, number]): SliceMeasurement => ({
    column: 'sex',
    value,
    rows,
    candidate: { accuracy: candidate },
    baseline: baseline === null ? null : { accuracy: baseline },
    ...(interval ? { evaluations: [paired('accuracy', candidate, baseline ?? 0, interval[0], interval[1])] } : {}),
  });
  const base = { candidate: { accuracy: 0.9 }, baseline: { accuracy: 0.9 } };

  it('judges every value seen, with the slice\'s thresholds replacing the metric\'s', () => {
    const policy = policyOf(`${ACCURACY}    slices:\n      - column: sex\n        max-regression: { abs: 0.03 }\n`);
    const result = decide({ policy, ...base, slices: [slice('f', 200, 0.88, 0.9, [-0.025, 0.01]), slice('m', 220, 0.91, 0.9, [-0.04, 0.05])] });
    expect(result.metrics.map((row) => [row.slice, row.verdict, row.passed, row.rule])).toEqual([
      [null, 'unchanged', true, '≥ 0.85; regression ≤ 0.01'],
      [{ column: 'sex', value: 'f', rows: 200 }, 'within-noise', true, '≥ 0.85; regression ≤ 0.03'],
      [{ column: 'sex', value: 'm', rows: 220 }, 'regressed', false, '≥ 0.85; regression ≤ 0.03'],
    ]);
    expect(result.metrics[2]?.reasons).toEqual(['accuracy on sex = "m" may be worse than the baseline by at most 0.03; the 95 % interval of the change is −0.04 to +0.05']);
    // The overall verdict comes from the whole test set; the slice fails the gate.
    expect(result).toMatchObject({ passed: false, verdict: 'failed' });
  });

  it('fails closed on a listed value, or a slice column, the candidate lacks', () => {
    const listed = decide({ policy: policyOf(`${ACCURACY}    slices:\n      - column: sex\n        values: [f, x]\n`), ...base, slices: [slice('f', 200, 0.9, 0.9)] });
    expect(listed.metrics[2]).toMatchObject({ slice: { column: 'sex', value: 'x', rows: 0 }, verdict: 'missing', passed: false, reasons: ['the candidate has no "accuracy" for the slice sex = "x"'] });
    const column = decide({ policy: policyOf(`${ACCURACY}    slices:\n      - column: region\n`), ...base, slices: [slice('f', 200, 0.9, 0.9)] });
    expect(column.metrics[1]).toMatchObject({ slice: { column: 'region', value: '*', rows: 0 }, verdict: 'missing', reasons: ['the candidate\'s predictions have no slice column "region" for accuracy'] });
    expect(column.passed).toBe(false);
  });

  it('skips, warns about or fails a slice smaller than min-rows, as told', () => {
    const measurements = [slice('f', 12, 0.8, 0.9), slice('m', 300, 0.9, 0.9)];
    const rule = (tooSmall: string) => policyOf(`${ACCURACY}    slices:\n      - column: sex\n        min-rows: 30\n        too-small: ${tooSmall}\n`);

    const skipped = decide({ policy: rule('skip'), ...base, slices: measurements });
    expect(skipped.metrics.map((row) => row.slice?.value ?? null)).toEqual([null, 'm']);
    expect(skipped.passed).toBe(true);
    expect(skipped.notes).toContain('accuracy on sex = "f" was skipped: 12 rows, fewer than min-rows 30.');

    const warned = decide({ policy: rule('warn'), ...base, slices: measurements });
    expect(warned.metrics[1]).toMatchObject({ verdict: 'regressed', passed: true, reasons: [] });
    expect(warned.passed).toBe(true);
    expect(warned.notes).toContain(
      'Warning: accuracy on sex = "f" has 12 rows, fewer than min-rows 30, so its failures do not fail the gate: accuracy on sex = "f" 0.8 is below the minimum 0.85; accuracy on sex = "f" may be worse than the baseline by at most 0.01; it changed by −0.1 (−11.1 %).',
    );

    const failed = decide({ policy: rule('fail'), ...base, slices: [slice('f', 12, 0.9, 0.9), slice('m', 300, 0.9, 0.9)] });
    expect(failed.metrics[1]).toMatchObject({ verdict: 'unchanged', passed: false, reasons: ['accuracy on sex = "f" has 12 rows, fewer than min-rows 30'] });
    expect(failed.passed).toBe(false);
  });

  it('checks only the bounds of a slice the baseline lacks', () => {
    const policy = policyOf(`${ACCURACY}    slices:\n      - column: sex\n`);
    const result = decide({ policy, ...base, slices: [slice('f', 200, 0.8, null)] });
    expect(result.metrics[1]).toMatchObject({ verdict: 'no-baseline', passed: false, reasons: ['accuracy on sex = "f" 0.8 is below the minimum 0.85'] });
    expect(result.notes).toContain('The baseline has no value for accuracy on sex = "f": only the bounds were checked.');
  });
});

describe('the overall verdict', () => {
  const policy = policyOf('metrics:\n  accuracy: { direction: higher }\n  f1: { direction: higher }\n');

  it('is the most telling verdict of the whole-test-set rows when all passed', () => {
    const verdictOf = (accuracy: [number, number], f1: [number, number]) =>
      decide({ policy, candidate: { accuracy: accuracy[0], f1: f1[0] }, baseline: { accuracy: accuracy[1], f1: f1[1] }, testSets: { candidate: 'x', baseline: 'x' } }).verdict;
    expect(verdictOf([0.91, 0.9], [0.8, 0.8])).toBe('improved');
    expect(verdictOf([0.89, 0.9], [0.8, 0.8])).toBe('within-noise');
    expect(verdictOf([0.9, 0.9], [0.8, 0.8])).toBe('unchanged');
  });

  it('is a pure function: the same input gives the same output', () => {
    const input = { policy, candidate: { accuracy: 0.91, f1: 0.8 }, baseline: { accuracy: 0.9, f1: 0.81 } };
    expect(decide(input)).toEqual(decide(input));
  });
});
