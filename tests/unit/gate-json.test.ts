import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { decideGate } from '../../shared/src/gate/decide';
import { parseGatePolicy } from '../../shared/src/gate/policy-load';
import type { GateResult, PairedEvaluation } from '../../shared/src/gate/types';
import { GATE_REPORT_SCHEMA, GATE_RESULT_SCHEMA, parseGateReport, readGateReport, writeGateReport } from '../../shared/src/gate-report';

const MODEL = `sha256:${'2c'.repeat(32)}`;
const TEST_SET = `sha256:${'7e'.repeat(32)}`;

function evaluation(metric: string, candidate: number, baseline: number, low: number, high: number): PairedEvaluation {
  return {
    metric,
    rows: 142,
    candidate,
    baseline,
    difference: candidate - baseline,
    interval: { method: 'paired-bootstrap', level: 0.95, low, high, resamples: 2000, seed: 20240607 },
    standardError: 0.006,
    mde: 0.0168,
    mcnemar: metric === 'accuracy' ? { pValue: 0.5, candidateOnlyCorrect: 2, baselineOnlyCorrect: 1 } : null,
  };
}

/** A result as evaluate-gate assembles it: decideGate's part, and the candidate, baseline and run around it. */
function gateResult(): GateResult {
  const policy = parseGatePolicy(
    [
      'metrics:',
      '  test.accuracy:',
      '    compute: accuracy',
      '    direction: higher',
      '    min: 0.93',
      '    max-regression: { abs: 0.02 }',
      '    test: mcnemar',
      '    slices:',
      '      - column: size',
      '        min-rows: 30',
      '  test.log_loss:',
      '    compute: log_loss',
      '    direction: lower',
      '    max-regression: { rel: 0.1 }',
      '  test.f1: { direction: higher, min: 0.9 }',
    ].join('\n'),
    'policy.yaml',
  );
  const decision = decideGate({
    policy,
    candidate: { 'test.accuracy': 0.9859, 'test.log_loss': 0.0602 },
    baseline: { 'test.accuracy': 0.9789, 'test.log_loss': 0.07, 'test.f1': 0.97 },
    evaluations: [evaluation('accuracy', 0.9859, 0.9789, -0.007, 0.021), evaluation('log_loss', 0.0602, 0.07, -0.02, 0.001)],
    slices: [
      { column: 'size', value: 'large', rows: 60, candidate: { accuracy: 0.98 }, baseline: { accuracy: 0.97 }, evaluations: [evaluation('accuracy', 0.98, 0.97, -0.02, 0.04)] },
      { column: 'size', value: 'small', rows: 12, candidate: { accuracy: 1 }, baseline: { accuracy: 1 } },
    ],
    testSets: { candidate: TEST_SET, baseline: TEST_SET },
  });
  return {
    schemaVersion: 1,
    ...decision,
    model: 'breast-cancer',
    candidate: { modelDigest: MODEL, runId: 'run-42', testSetDigest: TEST_SET, location: 'run.json' },
    baseline: { source: 'production', version: 'v1.2.0', modelDigest: `sha256:${'9f'.repeat(32)}`, testSetDigest: TEST_SET, location: null, rescored: true },
    validation: { passed: true, rows: 569, errors: 0, warnings: 1, driftedColumns: ['mean_area'] },
    commit: 'a'.repeat(40),
    createdAt: '2026-11-25T12:00:00.000Z',
  };
}

describe('gate.json', () => {
  it('writes a result from decideGate that validates, round-trips, and that promote\'s reader accepts', async () => {
    const result = gateResult();
    // The fixture exercises every kind of row: a missing metric fails, so the gate failed.
    expect(result.verdict).toBe('failed');
    expect(result.metrics.map((row) => [row.metric, row.slice?.value ?? null, row.verdict])).toEqual([
      ['test.accuracy', null, 'within-noise'],
      ['test.accuracy', 'large', 'within-noise'],
      ['test.accuracy', 'small', 'unchanged'],
      ['test.log_loss', null, 'within-noise'],
      ['test.f1', null, 'missing'],
    ]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gate-json-'));
    const file = path.join(dir, 'out', 'gate.json');
    await writeGateReport(file, result);

    const written = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(written).toEqual(result);
    const ajv = new Ajv({ strict: true });
    expect(ajv.validate(GATE_REPORT_SCHEMA, written)).toBe(true);
    expect(ajv.validate(GATE_RESULT_SCHEMA, written)).toBe(true);

    const report = await readGateReport(file, 'gate-report', 'gate.json');
    expect(report).toMatchObject({ schemaVersion: 1, passed: false, verdict: 'failed', model: 'breast-cancer', candidate: { modelDigest: MODEL, runId: 'run-42', testSetDigest: TEST_SET } });
  });

  it('writes a passing first run with no baseline, intervals or test set', async () => {
    const decision = decideGate({ policy: parseGatePolicy('metrics:\n  accuracy: { direction: higher, min: 0.9 }\n', 'policy.yaml'), candidate: { accuracy: 0.95 }, baseline: null });
    const result: GateResult = {
      schemaVersion: 1,
      ...decision,
      candidate: { modelDigest: MODEL, runId: 'run-1', testSetDigest: null, location: 'metrics.json' },
      baseline: { source: 'none', version: null, modelDigest: null, testSetDigest: null, location: null, rescored: false },
      validation: null,
      commit: null,
      createdAt: '2026-11-25T12:00:00.000Z',
    };
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gate-json-')), 'gate.json');
    await writeGateReport(file, result);
    expect(parseGateReport(readFileSync(file, 'utf8'), 'gate.json')).toMatchObject({ passed: true, verdict: 'no-baseline', candidate: { testSetDigest: null } });
  });

  it('keeps accepting the minimal report promote relies on (and its tests write)', () => {
    const minimal = { schemaVersion: 1, passed: false, verdict: 'regressed', model: 'churn', candidate: { modelDigest: MODEL, runId: 'run-1' } };
    expect(parseGateReport(JSON.stringify(minimal), 'gate.json')).toEqual(minimal);
    // Fields the schema does not name are ignored, at every level.
    const extended = { ...minimal, future: { x: 1 }, candidate: { ...minimal.candidate, extra: true }, metrics: [{ ...gateResult().metrics[0], extra: 1 }] };
    expect(() => parseGateReport(JSON.stringify(extended), 'gate.json')).not.toThrow();
  });

  it('refuses to write a result that does not fit, and writes nothing', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gate-json-')), 'gate.json');
    const incomplete: Partial<GateResult> = gateResult();
    delete incomplete.metrics;
    await expect(writeGateReport(file, incomplete as GateResult)).rejects.toThrow(/^report: ".*gate\.json" the document lacks the required field "metrics"$/);
    await expect(writeGateReport(file, { ...gateResult(), verdict: 'regressed' as GateResult['verdict'] })).rejects.toThrow(/field "\/verdict" must be equal to one of the allowed values/);
    expect(existsSync(file)).toBe(false);
  });

  it('describes every field of the schema', () => {
    const undocumented: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((child, index) => visit(child, `${at}[${index}]`));
      const record = node as Record<string, unknown>;
      for (const [key, child] of Object.entries((record.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (typeof child.description !== 'string' && typeof child.$ref !== 'string' && key !== 'schemaVersion') undocumented.push(`${at}.${key}`);
      }
      for (const child of Object.values(record)) visit(child, at);
    };
    visit(GATE_REPORT_SCHEMA, '');
    expect(undocumented).toEqual([]);
  });
});
