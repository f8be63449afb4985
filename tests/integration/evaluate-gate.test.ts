/**
 * evaluate-gate as a user runs it on the example project: train's bundle writes the candidate (model, metrics,
 * predictions, run.json), promote's bundle puts a model in production in a real git registry (a bare remote), and
 * the gate's bundle runs under Node 24 with the runner's protocol, a real pull_request payload and the fake GitHub
 * REST API for the sticky comment.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../shared/schemas/gate-report.schema.json';
import type { GateResult } from '../../shared/src/gate/types';
import { assertMatchesSchema } from '../../shared/src/files/schema';
import { modelMarker } from '../../shared/src/gate/report';
import {
  EXAMPLE_TRAIN_STEP,
  EXAMPLE_VALIDATE_STEP,
  checkoutExample,
  createGitRepo,
  loadEvent,
  readZip,
  runAction,
  startArtifactServer,
  startGitHubServer,
  type ActionResult,
  type EventSpec,
  type GitHubServer,
  type GitRepo,
} from '../harness';

const MODEL = 'breast-cancer';
const REPOSITORY = 'Codertocat/Hello-World'; // the webhook examples' repository
const PR = 2;
/** The re-scoring command of the example's README: evaluate.mjs reads the gate's MLOPS_BASELINE_* variables. */
const RESCORE = 'node evaluate.mjs';
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_COMMITTER_NAME: 'Promoter', GIT_COMMITTER_EMAIL: 'promoter@example.com' };

let server: GitHubServer;
const repos: GitRepo[] = [];
const scratch: string[] = [];
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.close();
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function exampleRepo(): Promise<GitRepo> {
  const source = mkdtempSync(path.join(os.tmpdir(), 'gate-example-'));
  scratch.push(source);
  checkoutExample(path.join(source, 'project'));
  const repo = await createGitRepo({ copyFrom: path.join(source, 'project'), files: { '.gitignore': 'model/\nmetrics.json\npredictions.csv\nrun.json\ngate.json\ngate.md\n.mlops/\n' } });
  repos.push(repo);
  return repo;
}

/** A pull_request event for head commit `sha`, with the PR on the fake server. */
function pullRequest(sha: string): EventSpec {
  server.state.addPullRequest(REPOSITORY, PR, { head: { ...(loadEvent('pull_request.opened').payload['pull_request'] as { head: object }).head, sha } });
  return loadEvent('pull_request.opened', { pull_request: { number: PR, head: { sha } }, number: PR });
}

async function train(repo: GitRepo, params?: string): Promise<void> {
  if (params) await repo.commit('change the parameters', { 'params.yaml': params });
  const result = await runAction('train', { cwd: repo.dir, inputs: { ...EXAMPLE_TRAIN_STEP, cache: 'false' } });
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
}

function gate(repo: GitRepo, inputs: Record<string, string>, event: EventSpec, env: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('evaluate-gate', {
    cwd: repo.dir,
    inputs: { policy: 'policy.yaml', 'model-name': MODEL, 'github-token': 'ghs_gate', ...inputs },
    event,
    env: { ...GIT_ENV, GITHUB_API_URL: server.apiUrl, ...env },
  });
}

/** What the release workflow does after the merge: the first model passes the gate (no production yet) and is promoted. */
async function promoteToProduction(repo: GitRepo): Promise<void> {
  await repo.push();
  const first = await gate(repo, { comment: 'never' }, loadEvent('workflow_dispatch'));
  expect(first.exitCode, first.stdout + first.stderr).toBe(0);
  const result = await runAction('promote', {
    cwd: repo.dir,
    inputs: { 'model-name': MODEL, stage: 'production', model: 'model', 'artifact-store': 'local:.mlops/artifacts' },
    event: loadEvent('workflow_dispatch'),
    env: GIT_ENV,
  });
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
}

function readGate(repo: GitRepo): GateResult {
  const data: unknown = JSON.parse(readFileSync(path.join(repo.dir, 'gate.json'), 'utf8'));
  assertMatchesSchema<GateResult>(schema, data, 'gate.json', 'test');
  return data;
}

function errors(result: ActionResult): string[] {
  return result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

function stickyComments(): Array<Record<string, unknown>> {
  return server.state.comments(REPOSITORY, PR).filter((c) => String(c['body']).includes(modelMarker(MODEL)));
}

const FEWER_EPOCHS = (text: string): string => text.replace(/epochs: 300/, 'epochs: 30');

describe('evaluate-gate', () => {
  it('first run on a pull request: no production yet, the bounds decide, gate.json and one sticky comment', async () => {
    const repo = await exampleRepo();
    await train(repo);
    const head = await repo.git('rev-parse', 'HEAD');
    const result = await gate(repo, {}, pullRequest(head.trim()));
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({ passed: 'true', verdict: 'no-baseline', report: 'gate.json', markdown: 'gate.md' });

    const report = readGate(repo);
    expect(report.baseline.source).toBe('none');
    expect(report.comparison).toBe('bounds-only');
    expect(report.metrics.map((row) => [row.metric, row.verdict, row.passed])).toEqual([
      ['test.accuracy', 'no-baseline', true],
      ['test.roc_auc', 'no-baseline', true],
      ['test.f1', 'no-baseline', true],
    ]);
    const run = JSON.parse(readFileSync(path.join(repo.dir, 'run.json'), 'utf8')) as { runId: string; model: { digest: string } };
    expect(report.candidate).toMatchObject({ modelDigest: run.model.digest, runId: run.runId });
    expect(report.commit).toBe(head.trim());

    const comments = stickyComments();
    expect(comments).toHaveLength(1);
    expect(result.outputs['comment-url']).toBe(comments[0]?.['html_url']);
    expect(String(comments[0]?.['body'])).toContain('test\\.accuracy');
    expect(result.summary).toContain('| Metric | Production | Candidate |');
    expect(readFileSync(path.join(repo.dir, 'gate.md'), 'utf8')).toMatch(/No version of breast\\-cancer is in production yet/);
  });

  it('re-scores production on the PR\'s test set: a worse model is blocked on the interval, and the sticky comment is updated, not doubled', async () => {
    const repo = await exampleRepo();
    await train(repo);
    await promoteToProduction(repo);
    // The same model again: compared with itself on the same rows, nothing changed.
    const same = await gate(repo, { 'baseline-command': RESCORE }, pullRequest((await repo.git('rev-parse', 'HEAD')).trim()));
    expect(same.exitCode, same.stdout + same.stderr).toBe(0);
    const unchanged = readGate(repo);
    expect(unchanged.baseline).toMatchObject({ source: 'production', version: 'v0.1.0', rescored: true });
    expect(unchanged.comparison).toBe('intervals');
    expect(unchanged.metrics.every((row) => row.verdict === 'unchanged' && row.interval?.low === 0 && row.interval.high === 0)).toBe(true);

    // Fewer epochs: a worse model, on the same 142 rows.
    await train(repo, FEWER_EPOCHS(readFileSync(path.join(repo.dir, 'params.yaml'), 'utf8')));
    const head = (await repo.git('rev-parse', 'HEAD')).trim();
    const worse = await gate(repo, { 'baseline-command': RESCORE }, pullRequest(head));
    expect(worse.exitCode).toBe(1);
    expect(errors(worse)).toHaveLength(1);
    expect(errors(worse)[0]).toMatch(/^The candidate failed the gate: 2 of 3 checks failed \(test\.accuracy may be worse than the baseline by at most 0\.02; the 95 % interval of the change is −0\.049\d+ to 0\); see gate\.json/);
    expect(worse.outputs).toMatchObject({ passed: 'false', verdict: 'failed' });
    const report = readGate(repo);
    const accuracy = report.metrics.find((row) => row.metric === 'test.accuracy');
    expect(accuracy).toMatchObject({ verdict: 'regressed', passed: false, candidate: 137 / 142, baseline: 140 / 142 });
    expect(accuracy?.mcnemar).toMatchObject({ candidateOnlyCorrect: 0, baselineOnlyCorrect: 3, pValue: 0.25 });
    expect(accuracy?.interval).toMatchObject({ method: 'paired-bootstrap', level: 0.95, resamples: 2000 });
    expect(report.metrics.find((row) => row.metric === 'test.roc_auc')).toMatchObject({ verdict: 'within-noise', passed: true });

    const comments = stickyComments();
    expect(comments).toHaveLength(1);
    expect(String(comments[0]?.['body'])).toContain('❌');
    expect(String(comments[0]?.['body'])).toContain(head);
  });

  it('a change within the noise passes, with the data validation in the report; a metric the candidate lacks fails closed', async () => {
    const repo = await exampleRepo();
    await train(repo);
    await promoteToProduction(repo);
    const validate = await runAction('validate-data', { cwd: repo.dir, inputs: { ...EXAMPLE_VALIDATE_STEP } });
    expect(validate.exitCode, validate.stdout).toBe(0);
    // 100 epochs instead of 300: the same predicted classes, a slightly different ranking.
    await train(repo, readFileSync(path.join(repo.dir, 'params.yaml'), 'utf8').replace(/epochs: 300/, 'epochs: 100'));
    const head = (await repo.git('rev-parse', 'HEAD')).trim();
    const result = await gate(repo, { 'baseline-command': RESCORE, 'validation-report': 'validation.json' }, pullRequest(head));
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const report = readGate(repo);
    expect(report.verdict).toBe('within-noise');
    expect(report.metrics.map((row) => [row.metric, row.verdict])).toEqual([
      ['test.accuracy', 'unchanged'],
      ['test.roc_auc', 'within-noise'],
      ['test.f1', 'unchanged'],
    ]);
    const auc = report.metrics[1];
    expect(auc?.interval?.low).toBeLessThan(0);
    expect(auc?.interval?.high).toBeGreaterThanOrEqual(0);
    expect(report.validation).toEqual({ passed: true, rows: 569, errors: 0, warnings: 0, driftedColumns: [] });
    expect(String(stickyComments().at(-1)?.['body'])).toMatch(/Data validation/);

    writeFileSync(path.join(repo.dir, 'strict.yaml'), 'metrics:\n  test.accuracy: { direction: higher, compute: accuracy }\n  test.brier: { direction: lower, max: 0.1 }\n');
    const missing = await gate(repo, { policy: 'strict.yaml', 'baseline-command': RESCORE, comment: 'never' }, pullRequest(head));
    expect(missing.exitCode).toBe(1);
    expect(readGate(repo).metrics.find((row) => row.metric === 'test.brier')).toMatchObject({ verdict: 'missing', passed: false, candidate: null });
  });

  it('finds its own comment among 120 others and a copy of its marker by another user, through a 502; a run for an older commit writes nothing', async () => {
    const repo = await exampleRepo();
    await train(repo);
    const head = (await repo.git('rev-parse', 'HEAD')).trim();
    const event = pullRequest(head);
    const mallory = { login: 'mallory', id: 666, type: 'User' };
    for (let i = 0; i < 120; i++) server.state.addComment(REPOSITORY, PR, `comment ${i}`, mallory);
    const copied = server.state.addComment(REPOSITORY, PR, `${modelMarker(MODEL)}\nmallory's fake report`, mallory);
    server.failNext(`GET /repos/${REPOSITORY}/issues/${PR}/comments`, 502);
    const result = await gate(repo, { baseline: 'none' }, event);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const ours = stickyComments().filter((c) => (c['user'] as { login: string }).login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(server.state.comments(REPOSITORY, PR).find((c) => c['id'] === copied['id'])?.['body']).toBe(`${modelMarker(MODEL)}\nmallory's fake report`);

    // The PR moved on to a newer commit: a late run for the older one must not overwrite the newer result.
    const newer = 'f'.repeat(40);
    server.state.addPullRequest(REPOSITORY, PR, { head: { ...(event.payload['pull_request'] as { head: object }).head, sha: newer } });
    const body = ours[0]?.['body'];
    const stale = await gate(repo, { baseline: 'none' }, event);
    expect(stale.exitCode).toBe(0);
    expect(stale.annotations.filter((a) => a.level === 'warning').map((a) => a.message).join('\n')).toMatch(/not posted: the pull request's head is now fffffff, not .* so this report is out of date/);
    expect(stickyComments().find((c) => c['id'] === ours[0]?.['id'])?.['body']).toBe(body);
  });

  it('escapes names from user files: a hostile metric and slice values make no link, HTML or mention', async () => {
    const repo = await exampleRepo();
    await train(repo);
    const hostile = '| x <img src=x onerror=alert(1)> [a](http://evil) @everyone';
    writeFileSync(path.join(repo.dir, 'hostile-metrics.json'), JSON.stringify({ [hostile]: 0.9, accuracy: 0.95 }));
    const rows = ['id,label,prediction,score,segment'];
    for (let i = 0; i < 60; i++) rows.push(`${i},${i % 2},${i % 2},${i % 2 ? 0.9 : 0.1},${i % 3 === 0 ? '<b>@admins</b> [x](http://evil)' : 'plain'}`);
    writeFileSync(path.join(repo.dir, 'hostile-predictions.csv'), `${rows.join('\n')}\n`);
    writeFileSync(
      path.join(repo.dir, 'hostile.yaml'),
      `metrics:\n  ${JSON.stringify(hostile)}: { direction: higher, min: 0.5 }\n  accuracy: { direction: higher, min: 0.5, slices: [{ column: segment, min-rows: 10 }] }\n`,
    );
    const result = await gate(repo, { candidate: 'hostile-metrics.json', 'candidate-predictions': 'hostile-predictions.csv', policy: 'hostile.yaml', baseline: 'none' }, pullRequest((await repo.git('rev-parse', 'HEAD')).trim()));
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const body = String(stickyComments().at(-1)?.['body']);
    expect(body).not.toMatch(/<img|<b>|\]\(http:\/\/evil\)/);
    expect(body).not.toMatch(/@(everyone|admins)/);
    expect(readGate(repo).metrics.filter((row) => row.slice).map((row) => row.slice?.value).sort()).toEqual(['<b>@admins</b> [x](http://evil)', 'plain']);
  });

  it('a production baseline measured on another test set is compared on the bounds only, and the report says so', async () => {
    const repo = await exampleRepo();
    await train(repo);
    await repo.push();
    // The first gate records the test set's digest; promote keeps it in the version's payload.
    const first = await gate(repo, { 'test-set': 'data/breast_cancer.csv', comment: 'never' }, loadEvent('workflow_dispatch'));
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    const recorded = readGate(repo).candidate.testSetDigest;
    expect(recorded).toMatch(/^sha256:[0-9a-f]{64}$/);
    const promoted = await runAction('promote', { cwd: repo.dir, inputs: { 'model-name': MODEL, stage: 'production', model: 'model', 'artifact-store': 'local:.mlops/artifacts' }, event: loadEvent('workflow_dispatch'), env: GIT_ENV });
    expect(promoted.exitCode, promoted.stdout).toBe(0);

    // Another test set: the stored numbers cannot be compared with the candidate's.
    writeFileSync(path.join(repo.dir, 'data', 'breast_cancer.csv'), readFileSync(path.join(repo.dir, 'data', 'breast_cancer.csv'), 'utf8').replace(/\n$/, '\n\n'));
    const other = await gate(repo, { 'test-set': 'data/breast_cancer.csv', comment: 'never' }, loadEvent('workflow_dispatch'));
    expect(other.exitCode, other.stdout + other.stderr).toBe(0);
    const report = readGate(repo);
    expect(report.baseline).toMatchObject({ source: 'production', testSetDigest: recorded });
    expect(report.candidate.testSetDigest).not.toBe(recorded);
    expect(report.comparison).toBe('bounds-only');
    expect(report.notes.join(' ')).toMatch(/The baseline was measured on test set .*, the candidate on .*: metrics without paired predictions were checked against their bounds only/);
  });

  it('compares with the version in another stage with baseline: stage:<name> (a GTO registry\'s prod, say)', async () => {
    const repo = await exampleRepo();
    await train(repo);
    await repo.push();
    const first = await gate(repo, { baseline: 'stage:prod', comment: 'never' }, loadEvent('workflow_dispatch'));
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(readGate(repo).notes).toContain('No version of breast-cancer is in prod yet (first run).');
    const promoted = await runAction('promote', { cwd: repo.dir, inputs: { 'model-name': MODEL, stage: 'prod', model: 'model', 'artifact-store': 'local:.mlops/artifacts' }, event: loadEvent('workflow_dispatch'), env: GIT_ENV });
    expect(promoted.exitCode, promoted.stdout).toBe(0);
    const second = await gate(repo, { baseline: 'stage:prod', 'baseline-command': RESCORE, comment: 'never' }, loadEvent('workflow_dispatch'));
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(readGate(repo).baseline).toMatchObject({ source: 'production', version: 'v0.1.0', rescored: true });
    expect(second.stdout).toContain('The baseline is breast-cancer@v0.1.0 (prod since breast-cancer#prod#1)');
  });

  it('compares point estimates against a metrics file, and says that no interval was possible', async () => {
    const repo = await exampleRepo();
    await train(repo);
    writeFileSync(path.join(repo.dir, 'baseline-metrics.json'), JSON.stringify({ test: { accuracy: 0.99, roc_auc: 0.999, f1: 0.99 } }));
    const result = await gate(repo, { baseline: 'baseline-metrics.json', comment: 'never' }, loadEvent('workflow_dispatch'));
    expect(result.exitCode, result.stdout).toBe(0);
    const report = readGate(repo);
    expect(report.comparison).toBe('point-estimates');
    expect(report.baseline).toMatchObject({ source: 'file', location: 'baseline-metrics.json' });
    expect(report.notes.join(' ')).toMatch(/no interval was possible/);
    expect(report.metrics.every((row) => row.interval === null && row.passed)).toBe(true);
  });

  it('a fork\'s read-only token cannot comment: the gate still decides, and uploads the report for the workflow_run workflow', async () => {
    const repo = await exampleRepo();
    await train(repo);
    server.state.registerToken('ghs_fork', { readOnly: true });
    const artifacts = await startArtifactServer();
    try {
      const before = server.state.comments(REPOSITORY, PR).length;
      const head = (await repo.git('rev-parse', 'HEAD')).trim();
      const result = await gate(repo, { baseline: 'none', 'github-token': 'ghs_fork' }, pullRequest(head), artifacts.env);
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(server.state.comments(REPOSITORY, PR)).toHaveLength(before);
      expect(result.annotations.filter((a) => a.level === 'warning').map((a) => a.message).join('\n')).toMatch(/not posted.*read-only token.*workflow_run/);
      const artifact = artifacts.artifacts.get('mlops-gate-report-breast-cancer');
      expect(artifact?.finalized).toBe(true);
      const files = readZip(artifact?.zip ?? Buffer.alloc(0));
      expect([...files.keys()].sort()).toEqual(['gate.json', 'gate.md', 'target.json']);
      expect(JSON.parse(String(files.get('target.json')))).toEqual({ schemaVersion: 1, pullRequest: PR, headSha: head, model: MODEL });
      expect(String(files.get('gate.md'))).toBe(readFileSync(path.join(repo.dir, 'gate.md'), 'utf8'));
    } finally {
      await artifacts.close();
    }
  });

  it('a bare metrics file can be gated but not promoted: gate.json has no model digest, and promote says why', async () => {
    const repo = await exampleRepo();
    await train(repo);
    const result = await gate(repo, { candidate: 'metrics.json', baseline: 'none', comment: 'never' }, loadEvent('workflow_dispatch'));
    expect(result.exitCode, result.stdout).toBe(0);
    expect(readGate(repo).candidate).toMatchObject({ modelDigest: null, runId: null, location: 'metrics.json' });
    const promote = await runAction('promote', { cwd: repo.dir, inputs: { 'model-name': MODEL, stage: 'staging', model: 'model', 'artifact-store': 'local:.mlops/artifacts' }, event: loadEvent('workflow_dispatch'), env: GIT_ENV });
    expect(promote.exitCode).toBe(1);
    expect(errors(promote)).toEqual([expect.stringMatching(/^gate-report: "gate\.json" gated a bare metrics file, not a model; give evaluate-gate the training run record/)]);
  });

  it('bad input is one line with no stack and no gate.json: a policy typo, a missing policy, production without a model name', async () => {
    const repo = await exampleRepo();
    await train(repo);
    writeFileSync(path.join(repo.dir, 'typo.yaml'), 'metrics:\n  test.accuracy:\n    direction: higher\n    minn: 0.9\n');
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ policy: 'typo.yaml', baseline: 'none' }, /^policy: "typo\.yaml" line 4: metrics\["test\.accuracy"\]\.minn is not a known key; did you mean "min"\?$/],
      [{ policy: 'nowhere.yaml', baseline: 'none' }, /^policy: .*nowhere\.yaml/],
      [{ 'model-name': '' }, /^model-name: the input is required with baseline: production/],
      [{ baseline: 'none', 'baseline-command': 'true' }, /^baseline-command: re-scoring needs the production model/],
      [{ baseline: 'none', comment: 'sometimes' }, /^comment: "sometimes" is not a comment mode/],
      [{ baseline: 'stage:' }, /^baseline: .*stage/],
    ];
    for (const [inputs, message] of cases) {
      const result = await gate(repo, inputs, loadEvent('workflow_dispatch'));
      expect(result.exitCode, JSON.stringify(inputs)).toBe(1);
      expect(errors(result), JSON.stringify(inputs)).toEqual([expect.stringMatching(message)]);
      expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(existsSync(path.join(repo.dir, 'gate.json'))).toBe(false);
    }
  });
});
