// The script of ml-pr-comment.yml, run as the template has it (node, its inputs in the environment) against the fake
// GitHub REST server: it posts a fork's report once and then edits it in place, never trusts target.json over the
// event, skips a stale report, and leaves alone a comment in which someone else pasted the marker. The static test
// checks the template's shape; this one checks that its script does what docs/templates.md says.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { modelMarker, commitMarker } from '../../shared/src/gate/report/comment-marker';
import { reportArtifactName } from '../../actions/evaluate-gate/src/report-artifact';
import { makeTempDir, removeTempDir, startGitHubServer, type GitHubServer } from '../harness';
import { inlineScript, runInlineScript } from './inline-script';

const REPO = 'octo-org/octo-repo';
const FORK = 'forker/octo-repo';
const HEAD = 'a'.repeat(40);
const MODEL = 'breast cancer';

let server: GitHubServer;
let script: string;
let dir: string;

beforeAll(async () => {
  server = await startGitHubServer({ repos: [REPO, FORK] });
  server.state.registerToken('ghs_write');
  script = await inlineScript('ml-pr-comment.yml', 'comment');
});
afterAll(async () => server.close());
beforeEach(async () => {
  dir = await makeTempDir('pr-comment');
});
afterEach(async () => removeTempDir(dir));

/** The artifact as download-artifact lays it out: reports/<artifact name>/{gate.md, gate.json, target.json}. */
async function report(target: Record<string, unknown>, markdown = '### ✅ Model gate passed\n', folder = reportArtifactName(MODEL)): Promise<void> {
  const at = path.join(dir, 'reports', folder);
  await mkdir(at, { recursive: true });
  await writeFile(path.join(at, 'target.json'), JSON.stringify(target));
  await writeFile(path.join(at, 'gate.json'), '{}');
  await writeFile(path.join(at, 'gate.md'), markdown);
}

function post(headSha = HEAD, headRepository = FORK): Promise<{ code: number | null; output: string }> {
  return runInlineScript(script, {
    GITHUB_TOKEN: 'ghs_write',
    GITHUB_API_URL: server.apiUrl,
    GITHUB_REPOSITORY: REPO,
    RUN_HEAD_SHA: headSha,
    RUN_HEAD_REPOSITORY: headRepository,
    RUN_URL: `${server.url}/${REPO}/actions/runs/1`,
    REPORTS: path.join(dir, 'reports'),
  });
}

const forkPull = (number: number, sha = HEAD): void => {
  server.state.addPullRequest(REPO, number, { head: { ref: 'patch-1', sha, repo: { full_name: FORK } } });
};
const target = (pullRequest: number, headSha = HEAD): Record<string, unknown> => ({ schemaVersion: 1, pullRequest, headSha, model: MODEL });

describe('ml-pr-comment.yml script', () => {
  it('creates the sticky comment with the markers evaluate-gate writes, then edits it in place', async () => {
    forkPull(11);
    await report(target(11));
    const first = await post();
    expect(first.code, first.output).toBe(0);
    const comments = server.state.comments(REPO, 11);
    expect(comments).toHaveLength(1);
    const body = String(comments[0]?.['body']);
    expect(body.split('\n').slice(0, 3)).toEqual([modelMarker(MODEL), commitMarker(HEAD), '### ✅ Model gate passed']);

    // The same report again writes nothing; a new one edits the same comment.
    const calls = server.calls.length;
    expect((await post()).output).toMatch(/Unchanged/);
    expect(server.calls.slice(calls).some((call) => call.method !== 'GET')).toBe(false);
    await report(target(11), '### ❌ Model gate failed\n');
    expect((await post()).output).toMatch(/Updated/);
    expect(server.state.comments(REPO, 11)).toHaveLength(1);
    expect(String(server.state.comments(REPO, 11)[0]?.['body'])).toContain('### ❌ Model gate failed');
  });

  it('edits only a comment of its own identity, and drops marker lines from the report', async () => {
    forkPull(12);
    server.state.addComment(REPO, 12, `${modelMarker(MODEL)}\npasted by someone`, { login: 'mallory', id: 666, type: 'User' });
    await report(target(12), `${modelMarker('other')}\nreport\n`);
    const result = await post();
    expect(result.code, result.output).toBe(0);
    const comments = server.state.comments(REPO, 12);
    expect(comments.map((comment) => String(comment['body']).split('\n')[1])).toEqual(['pasted by someone', commitMarker(HEAD)]);
    expect(String(comments[1]?.['body'])).not.toContain(modelMarker('other'));
  });

  it('refuses a target.json that names another pull request, another head, or another model', async () => {
    // #13 is not the fork's: its head is another repository's.
    server.state.addPullRequest(REPO, 13, { head: { ref: 'main', sha: HEAD, repo: { full_name: REPO } } });
    await report(target(13));
    const other = await post();
    expect(other.code).not.toBe(0);
    expect(other.output).toMatch(/does not come from forker\/octo-repo/);
    expect(server.state.comments(REPO, 13)).toHaveLength(0);

    await removeTempDir(dir);
    forkPull(14);
    await report(target(14, 'b'.repeat(40)));
    expect((await post()).output).toMatch(/the report is for b+, but the run was of a+/);

    await removeTempDir(dir);
    await report({ ...target(14), model: 'another' });
    expect((await post()).output).toMatch(/names another model/);

    await removeTempDir(dir);
    await report({ ...target(14), pullRequest: '14; rm -rf /' });
    expect((await post()).output).toMatch(/not a report target/);
    expect(server.state.comments(REPO, 14)).toHaveLength(0);
  });

  it('skips a stale report when the pull request has moved on', async () => {
    forkPull(15, 'c'.repeat(40));
    await report(target(15));
    const result = await post();
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/has moved on/);
    expect(server.state.comments(REPO, 15)).toHaveLength(0);
  });

  it('does nothing when there is no report (the pull request commented itself)', async () => {
    const result = await post();
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/No gate report artifact/);
  });
});
