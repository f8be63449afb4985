// The inline scripts of ml-release.yml (find the gated candidate) and ml-matrix-candidates.yml (pick the best), run
// as the templates have them: node with their inputs in the environment, answering to a small stand-in for the three
// Actions and commits endpoints the release asks, where each answer can be shaped (merge queue, forks, expired
// artifacts). run-release.test.ts runs the whole release against the shared fake GitHub server.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../harness';
import { inlineScript, runInlineScript } from './inline-script';

const REPO = 'octo-org/octo-repo';
const PUSHED = '1'.repeat(40);
const HEAD = '2'.repeat(40);

async function outputs(file: string): Promise<Record<string, string>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return Object.fromEntries(text.split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('release-scripts');
});
afterEach(async () => removeTempDir(dir));

describe('ml-release.yml: find the gated candidate', () => {
  interface Run {
    id: number;
    head_sha: string;
    event: string;
    head_repository: { full_name: string };
    artifacts: string[];
  }
  let runs: Run[] = [];
  let pulls: Array<Record<string, unknown>> = [];
  let server: Server;
  let apiUrl: string;
  let script: string;

  beforeAll(async () => {
    script = await inlineScript('ml-release.yml', 'find-candidate', 'find');
    // The three endpoints, with the query parameters GitHub filters on.
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const reply = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (request.headers.authorization !== 'Bearer ghs_read') return reply(401, { message: 'Bad credentials' });
      const prefix = `/repos/${REPO}`;
      if (url.pathname === `${prefix}/actions/workflows/ml-pull-request.yml/runs`) {
        const found = runs.filter((run) => run.head_sha === url.searchParams.get('head_sha') && run.event === url.searchParams.get('event') && url.searchParams.get('status') === 'success');
        return reply(200, { total_count: found.length, workflow_runs: found.map((run) => ({ ...run, html_url: `https://github.com/${REPO}/actions/runs/${run.id}` })) });
      }
      const artifacts = new RegExp(`^${prefix}/actions/runs/(\\d+)/artifacts$`).exec(url.pathname);
      if (artifacts) {
        const run = runs.find((item) => item.id === Number(artifacts[1]));
        const named = (run?.artifacts ?? []).filter((name) => name === url.searchParams.get('name'));
        return reply(200, { total_count: named.length, artifacts: named.map((name) => ({ name, expired: false })) });
      }
      if (url.pathname === `${prefix}/commits/${PUSHED}/pulls`) return reply(200, pulls);
      return reply(404, { message: 'Not Found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    runs = [];
    pulls = [];
  });

  const find = async (): Promise<{ code: number | null; output: string; values: Record<string, string> }> => {
    const file = path.join(dir, 'github_output');
    await writeFile(file, '');
    const result = await runInlineScript(script, { GITHUB_TOKEN: 'ghs_read', GITHUB_API_URL: apiUrl, GITHUB_REPOSITORY: REPO, GITHUB_SHA: PUSHED, GITHUB_OUTPUT: file, MODEL_NAME: 'breast-cancer', PR_WORKFLOW: 'ml-pull-request.yml' }, dir);
    return { ...result, values: await outputs(file) };
  };
  const ours = { full_name: REPO };

  it("finds the merged pull request's head run that uploaded the candidate", async () => {
    pulls = [{ number: 7, merged_at: '2026-11-25T00:00:00Z', merge_commit_sha: PUSHED, head: { sha: HEAD } }];
    runs = [
      { id: 41, head_sha: HEAD, event: 'pull_request', head_repository: ours, artifacts: [] },
      { id: 40, head_sha: HEAD, event: 'pull_request', head_repository: ours, artifacts: ['mlops-candidate-breast-cancer'] },
    ];
    const result = await find();
    expect(result.code, result.output).toBe(0);
    expect(result.values).toEqual({ 'run-id': '40', 'pull-request': '7' });
  });

  it('prefers the merge queue run of the pushed commit', async () => {
    pulls = [{ number: 7, merged_at: '2026-11-25T00:00:00Z', merge_commit_sha: PUSHED, head: { sha: HEAD } }];
    runs = [
      { id: 50, head_sha: PUSHED, event: 'merge_group', head_repository: ours, artifacts: ['mlops-candidate-breast-cancer'] },
      { id: 40, head_sha: HEAD, event: 'pull_request', head_repository: ours, artifacts: ['mlops-candidate-breast-cancer'] },
    ];
    expect((await find()).values).toEqual({ 'run-id': '50', 'pull-request': '' });
  });

  it("never promotes a fork's candidate, and outputs nothing when there is no candidate", async () => {
    pulls = [{ number: 8, merged_at: '2026-11-25T00:00:00Z', merge_commit_sha: PUSHED, head: { sha: HEAD } }];
    runs = [{ id: 60, head_sha: HEAD, event: 'pull_request', head_repository: { full_name: 'forker/octo-repo' }, artifacts: ['mlops-candidate-breast-cancer'] }];
    const fork = await find();
    expect(fork.code, fork.output).toBe(0);
    expect(fork.values).toEqual({});
    expect(fork.output).toMatch(/is of a fork/);

    pulls = [];
    runs = [];
    const none = await find();
    expect(none.code, none.output).toBe(0);
    expect(none.values).toEqual({});
    expect(none.output).toMatch(/nothing to promote/);
  });
});

describe('ml-matrix-candidates.yml: pick the best candidate', () => {
  const pick = async (metrics: Record<string, unknown>, env: Record<string, string> = {}): Promise<{ code: number | null; output: string; values: Record<string, string> }> => {
    for (const [name, values] of Object.entries(metrics)) {
      await mkdir(path.join(dir, 'candidates', `mlops-train-${name}`), { recursive: true });
      await writeFile(path.join(dir, 'candidates', `mlops-train-${name}`, 'metrics.json'), JSON.stringify(values));
    }
    const file = path.join(dir, 'github_output');
    await writeFile(file, '');
    const script = await inlineScript('ml-matrix-candidates.yml', 'select', 'pick');
    const result = await runInlineScript(script, { SELECT_METRIC: 'test.roc_auc', SELECT_DIRECTION: 'higher', GITHUB_OUTPUT: file, ...env }, dir);
    return { ...result, values: await outputs(file) };
  };

  it('picks the highest nested metric, ties to the first name', async () => {
    const result = await pick({ baseline: { test: { roc_auc: 0.97 } }, long: { test: { roc_auc: 0.99 } }, 'strong-l2': { test: { roc_auc: 0.99 } } });
    expect(result.code, result.output).toBe(0);
    expect(result.values).toEqual({ candidate: 'long' });
  });

  it('picks the lowest when lower is better, and fails on a candidate without the metric', async () => {
    expect((await pick({ a: { test: { log_loss: 0.2 } }, b: { test: { log_loss: 0.1 } } }, { SELECT_METRIC: 'test.log_loss', SELECT_DIRECTION: 'lower' })).values).toEqual({ candidate: 'b' });
    await removeTempDir(dir);
    const missing = await pick({ a: { test: { accuracy: 0.9 } } });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toMatch(/has no number test\.roc_auc/);
  });
});
