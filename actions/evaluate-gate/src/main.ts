import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VerdictFailure } from '../../../shared/src/errors';
import { relativePath } from '../../../shared/src/files/paths';
import { decideGate, loadGatePolicy, type GateResult } from '../../../shared/src/gate';
import { renderGateReport } from '../../../shared/src/gate/report';
import { writeGateReport } from '../../../shared/src/gate-report';
import { digestPath } from '../../../shared/src/hashing/digest';
import { createActionRuntime, runWrapper, workflowRunUrlOf, type ActionRuntime } from '../../../shared/src/runtime';
import { resolveBaseline } from './baseline';
import { postComment, pullRequestOf, type CommentOutcome } from './comment';
import { DEFAULT_BASELINE_PREDICTIONS, readGateSettings, type GateSettings } from './inputs';
import { readModelRecord } from './model-record';
import { measure } from './measure';
import { readValidationSummary } from './validation';

export function run(): Promise<void> {
  return runWrapper('evaluate-gate', () => evaluateGate(createActionRuntime()));
}

/** evaluate-gate's steps; `runtime` supplies every side effect, so tests and the local runner reuse it. */
export async function evaluateGate(runtime: ActionRuntime): Promise<void> {
  const { logger, context } = runtime;
  const given = readGateSettings(runtime.inputs, context);
  if (given.githubToken) logger.mask(given.githubToken);
  const rel = (file: string): string => relativePath(given.workspace, file);

  const policy = await logger.group('Load the policy', () => loadGatePolicy(given.policy, 'policy', rel(given.policy)));
  const candidate = await readModelRecord(given.candidate, 'candidate', given.workspace, rel(given.candidate));
  const settings = withBaselinePredictionsPath(given, candidate.predictions);
  const testSetDigest = settings.testSet ? await digestPath(settings.testSet, { logger, label: rel(settings.testSet) }) : null;
  const baseline = await logger.group('Find the baseline', () => resolveBaseline(settings, runtime));
  const numbers = await logger.group('Measure the candidate against the baseline', () => measure(settings, policy, candidate, baseline, runtime.logger));
  const decision = decideGate({
    policy,
    candidate: numbers.candidate,
    baseline: numbers.baseline,
    evaluations: numbers.evaluations,
    slices: numbers.slices,
    // Re-scored on this test set, the baseline's predictions are on the candidate's rows by construction.
    testSets: { candidate: testSetDigest, baseline: baseline.info.rescored ? testSetDigest : baseline.info.testSetDigest },
  });

  const pullRequest = pullRequestOf(context);
  const result: GateResult = {
    schemaVersion: 1,
    ...decision,
    ...(settings.modelName ? { model: settings.modelName } : {}),
    candidate: { modelDigest: candidate.modelDigest, runId: candidate.runId, testSetDigest, location: rel(settings.candidate) },
    baseline: baseline.info,
    notes: [...baseline.notes, ...numbers.notes, ...decision.notes],
    validation: settings.validationReport ? await readValidationSummary(settings.validationReport, rel(settings.validationReport)) : null,
    commit: pullRequest?.headSha ?? context.sha ?? null,
    createdAt: new Date(runtime.clock.now()).toISOString(),
  };
  for (const row of result.metrics) logger.info(`${row.passed ? 'pass' : 'FAIL'}  ${row.metric}${row.slice ? ` [${row.slice.column}=${row.slice.value}]` : ''}: ${row.verdict}${row.reasons.length > 0 ? ` (${row.reasons.join('; ')})` : ''}`);

  const runUrl = workflowRunUrlOf(context);
  const markdown = renderGateReport(result, runUrl ? { runUrl } : {});
  await writeReports(settings, result, markdown);
  const comment = await logger.group('Report on the pull request', () => postComment(settings, runtime, result, markdown, pullRequest));

  runtime.outputs.set('passed', result.passed);
  runtime.outputs.set('verdict', result.verdict);
  runtime.outputs.set('report', rel(settings.report));
  runtime.outputs.set('markdown', rel(settings.markdown));
  runtime.outputs.set('comment-url', comment.url ?? '');
  runtime.summary.append(markdown);
  await runtime.summary.write();
  if (!result.passed) throw new VerdictFailure(failureLine(result, comment, rel(settings.report)));
}

/** baseline-command writes the production model's predictions in the candidate's format, to the default path unless told. */
function withBaselinePredictionsPath(settings: GateSettings, recordPredictions: string | undefined): GateSettings {
  if (!settings.baselineCommand || settings.baselinePredictions) return settings;
  const extension = path.extname(settings.candidatePredictions ?? recordPredictions ?? '.csv') || '.csv';
  return { ...settings, baselinePredictions: path.resolve(settings.workspace, DEFAULT_BASELINE_PREDICTIONS + extension) };
}

async function writeReports(settings: GateSettings, result: GateResult, markdown: string): Promise<void> {
  await writeGateReport(settings.report, result);
  await mkdir(path.dirname(settings.markdown), { recursive: true });
  await writeFile(settings.markdown, `${markdown}\n`);
}

/** One line for the log's failure: how many rows failed, the first reason, and where the rest is. */
function failureLine(result: GateResult, comment: CommentOutcome, report: string): string {
  const failed = result.metrics.filter((row) => !row.passed);
  const first = failed[0];
  const reason = first ? (first.reasons[0] ?? `${first.metric} ${first.verdict}`) : 'a rule failed';
  return `The candidate failed the gate: ${failed.length} of ${result.metrics.length} checks failed (${reason}); see ${report}${comment.url ? ` and ${comment.url}` : ''}`;
}
