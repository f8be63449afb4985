import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitMarker, markedCommit, modelMarker, withMarkers } from '../../shared/src/gate/report/comment-marker';
import { githubCommentsPort } from '../../shared/src/gate/report/github-comments';
import { renderGateReport } from '../../shared/src/gate/report/markdown';
import { CommentWriteForbidden, upsertStickyComment, type IssueComment, type StickyCommentPort } from '../../shared/src/gate/report/sticky-comment';
import { createGitHubClient } from '../../shared/src/runtime/github';
import { ACTIONS_BOT, startGitHubServer, type GitHubServer, type Json } from '../harness/github-server';
import { COMMIT, NEWER_COMMIT, failedOnSlice, passed } from '../fixtures/gate-report/results';
import { silentLogger } from '../harness/logger';

const owner = 'octo-org';
const repo = 'octo-repo';
const full = `${owner}/${repo}`;
const PR = 7;
const MALLORY = { login: 'mallory', id: 666, type: 'User' };

const logger = silentLogger;

let server: GitHubServer;
let pull: Json;

beforeEach(async () => {
  server = await startGitHubServer();
  pull = server.state.addPullRequest(full, PR);
  (pull['head'] as Json)['sha'] = COMMIT;
});
afterEach(() => server.close());

function port(token = 'ghs_writer'): StickyCommentPort {
  const client = createGitHubClient(token, { apiUrl: server.apiUrl, logger, retries: 2, baseDelayMs: 1 });
  return githubCommentsPort(client, { owner, repo, pullNumber: PR });
}

const body = (result = passed): string => renderGateReport(result);
const comments = (): Json[] => server.state.comments(full, PR);
const writes = (): string[] => server.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);

describe('hidden markers', () => {
  it('percent-encode the model name so it cannot end the HTML comment, and keep only hex of the commit', () => {
    expect(modelMarker('breast-cancer')).toBe('<!-- mlops-actions:evaluate-gate model=breast-cancer -->');
    expect(modelMarker('a --> b\n<!--')).toBe('<!-- mlops-actions:evaluate-gate model=a%20--%3E%20b%0A%3C!-- -->');
    expect(modelMarker(undefined)).toBe('<!-- mlops-actions:evaluate-gate model= -->');
    expect(commitMarker('ABC123 -->x')).toBe('<!-- mlops-actions:evaluate-gate commit=abc123 -->');
    expect(markedCommit(withMarkers('report', 'm', COMMIT))).toBe(COMMIT);
    expect(markedCommit(withMarkers('report', 'm', COMMIT).replace(/\n/g, '\r\n'))).toBe(COMMIT);
    expect(markedCommit('just a comment')).toBeNull();
  });
});

describe('upsertStickyComment against the fake GitHub REST API', () => {
  it('creates the comment on the first run and returns its URL', async () => {
    const result = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body() });
    expect(comments()).toHaveLength(1);
    const comment = comments()[0]!;
    expect(result).toEqual({ posted: true, action: 'created', url: comment['html_url'], commentId: comment['id'], duplicates: 0 });
    expect(String(comment['body']).split('\n').slice(0, 3)).toEqual([
      '<!-- mlops-actions:evaluate-gate model=breast-cancer -->',
      `<!-- mlops-actions:evaluate-gate commit=${COMMIT} -->`,
      '### ✅ Model gate passed for <code>breast\\-cancer</code>: improved',
    ]);
    expect((comment['user'] as Json)['login']).toBe(ACTIONS_BOT.login);
  });

  it('updates the same comment on a rerun, and writes nothing when the report did not change', async () => {
    const first = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body() });
    const second = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body(failedOnSlice) });
    expect(comments()).toHaveLength(1);
    expect(second).toMatchObject({ posted: true, action: 'updated', commentId: first.posted ? first.commentId : -1 });
    expect(String(comments()[0]!['body'])).toContain('Model gate failed');
    const before = writes().length;
    const third = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body(failedOnSlice) });
    expect(third).toMatchObject({ posted: true, action: 'unchanged' });
    expect(writes()).toHaveLength(before);
  });

  it('keeps one comment per model', async () => {
    await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body() });
    await upsertStickyComment(port(), { model: 'churn', commit: COMMIT, body: body() });
    await upsertStickyComment(port(), { model: 'churn', commit: COMMIT, body: body(failedOnSlice) });
    expect(comments().map((c) => String(c['body']).split('\n')[0])).toEqual([modelMarker('breast-cancer'), modelMarker('churn')]);
  });

  it('reads every page of comments to find its own past the first hundred', async () => {
    for (let i = 0; i < 130; i++) server.state.addComment(full, PR, `comment ${i}`, MALLORY);
    server.state.addComment(full, PR, withMarkers('old report', 'breast-cancer', COMMIT));
    for (let i = 0; i < 20; i++) server.state.addComment(full, PR, `later ${i}`, MALLORY);
    const result = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body() });
    expect(result).toMatchObject({ posted: true, action: 'updated' });
    expect(comments()).toHaveLength(151);
    expect(String(comments()[130]!['body'])).toContain('Model gate passed');
    const pages = server.calls.filter((c) => c.method === 'GET' && c.path.endsWith(`/issues/${PR}/comments`)).map((c) => c.query);
    expect(pages).toEqual([
      { per_page: '100', page: '1' },
      { per_page: '100', page: '2' },
    ]);
  });

  it('never edits another user\'s comment that copies the marker', async () => {
    const copied = withMarkers('I copied the marker', 'breast-cancer', COMMIT);
    const foreign = server.state.addComment(full, PR, copied, MALLORY);
    const result = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body() });
    expect(result).toMatchObject({ posted: true, action: 'created' });
    expect(foreign['body']).toBe(copied);
    expect(comments()).toHaveLength(2);
    expect(writes()).toEqual([`POST /repos/${full}/issues/${PR}/comments`]);
  });

  it('matches the author to the token\'s identity: a personal token edits its own comment, not the bot\'s', async () => {
    server.state.registerToken('ghp_octocat', { login: 'octocat', id: 583231, type: 'User' });
    const bots = server.state.addComment(full, PR, withMarkers('bot report', 'breast-cancer', COMMIT));
    const first = await upsertStickyComment(port('ghp_octocat'), { model: 'breast-cancer', commit: COMMIT, body: body() });
    const second = await upsertStickyComment(port('ghp_octocat'), { model: 'breast-cancer', commit: COMMIT, body: body(failedOnSlice) });
    expect(first).toMatchObject({ action: 'created' });
    expect(second).toMatchObject({ action: 'updated', commentId: first.posted ? first.commentId : -1 });
    expect(bots['body']).toBe(withMarkers('bot report', 'breast-cancer', COMMIT));
  });

  it('falls back to github-actions[bot] when the token may not read /user, as GITHUB_TOKEN may not', async () => {
    server.state.addComment(full, PR, withMarkers('old report', 'breast-cancer', COMMIT));
    server.failNext('GET /user', 403, 5);
    const result = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body() });
    expect(result).toMatchObject({ posted: true, action: 'updated' });
    expect(comments()).toHaveLength(1);
  });

  it('does not post for an older commit when the pull request has moved on, and leaves the newer report alone', async () => {
    (pull['head'] as Json)['sha'] = NEWER_COMMIT;
    const newer = server.state.addComment(full, PR, withMarkers('report for the newer commit', 'breast-cancer', NEWER_COMMIT));
    const result = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body() });
    expect(result).toEqual({
      posted: false,
      reason: 'stale',
      message: "the gate comment was not posted: the pull request's head is now c0ffee0, not 9f2c1e4 (this run's commit), so this report is out of date and the run for c0ffee0 reports instead",
      url: null,
    });
    expect(newer['body']).toBe(withMarkers('report for the newer commit', 'breast-cancer', NEWER_COMMIT));
    expect(writes()).toEqual([]);
  });

  it('overwrites a report for an older commit once the head is ours', async () => {
    server.state.addComment(full, PR, withMarkers('report for an older commit', 'breast-cancer', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'));
    const result = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body() });
    expect(result).toMatchObject({ posted: true, action: 'updated' });
    expect(markedCommit(String(comments()[0]!['body']))).toBe(COMMIT);
  });

  it('returns "not posted" with the reason for a read-only token (a fork\'s pull request) instead of throwing', async () => {
    server.state.registerToken('ghs_readonly', { readOnly: true });
    const result = await upsertStickyComment(port('ghs_readonly'), { model: 'breast-cancer', commit: COMMIT, body: body() });
    expect(result).toEqual({
      posted: false,
      reason: 'forbidden',
      message: `the gate comment was not posted: the token may not write comments on this pull request (commenting on ${full}#${PR}: HTTP 403 Resource not accessible by integration); a fork's pull request gets a read-only token, so post the report artifact from a workflow_run workflow`,
      url: null,
    });
    expect(comments()).toEqual([]);
  });

  it('says "not posted" when a read-only token finds the comment it may not edit, and points at it', async () => {
    const existing = server.state.addComment(full, PR, withMarkers('old report', 'breast-cancer', COMMIT));
    server.state.registerToken('ghs_readonly', { readOnly: true });
    const result = await upsertStickyComment(port('ghs_readonly'), { model: 'breast-cancer', commit: COMMIT, body: body() });
    expect(result).toMatchObject({ posted: false, reason: 'forbidden', url: existing['html_url'] });
    expect(existing['body']).toBe(withMarkers('old report', 'breast-cancer', COMMIT));
  });

  it('rides out a 502 (the client retries) and fails with one line on an unknown pull request', async () => {
    server.failNext(`GET /repos/${full}/issues/${PR}/comments`, 502);
    const result = await upsertStickyComment(port(), { model: 'breast-cancer', commit: COMMIT, body: body() });
    expect(result).toMatchObject({ posted: true, action: 'created' });
    const missing = githubCommentsPort(createGitHubClient('ghs_writer', { apiUrl: server.apiUrl, logger, retries: 0 }), { owner, repo, pullNumber: 99 });
    await expect(upsertStickyComment(missing, { model: 'm', commit: COMMIT, body: 'x' })).rejects.toThrow(`GitHub API: reading pull request ${full}#99 failed: HTTP 404 Not Found`);
  });

  it('refuses a body over the comment limit', async () => {
    await expect(upsertStickyComment(port(), { model: 'm', commit: COMMIT, body: 'x'.repeat(65_500) })).rejects.toThrow(/over GitHub's 65536/);
  });
});

describe('upsertStickyComment: a push between the first look and the write', () => {
  /** An in-memory port whose head moves to a newer commit after `moveAfter` reads of it. */
  function racingPort(existing: IssueComment[], moveAfter: number): StickyCommentPort & { written: string[] } {
    let headReads = 0;
    const written: string[] = [];
    return {
      written,
      identity: async () => null,
      listComments: async () => ({ comments: existing, hasNext: false }),
      getComment: async (id) => existing.find((c) => c.id === id)!,
      createComment: async (b) => {
        written.push(b);
        return { id: 1, body: b, author: 'github-actions[bot]', url: 'u' };
      },
      updateComment: async (id, b) => {
        written.push(b);
        return { id, body: b, author: 'github-actions[bot]', url: 'u' };
      },
      headSha: async () => (++headReads > moveAfter ? NEWER_COMMIT : COMMIT),
    };
  }

  it('does not create when the head moved after the comments were listed', async () => {
    const racing = racingPort([], 1);
    expect(await upsertStickyComment(racing, { model: 'm', commit: COMMIT, body: 'r' })).toMatchObject({ posted: false, reason: 'stale' });
    expect(racing.written).toEqual([]);
  });

  it('does not update when the head moved after the comments were listed', async () => {
    const racing = racingPort([{ id: 5, body: withMarkers('old', 'm', COMMIT), author: 'github-actions[bot]', url: 'https://github.com/c/5' }], 1);
    expect(await upsertStickyComment(racing, { model: 'm', commit: COMMIT, body: 'r' })).toMatchObject({ posted: false, reason: 'stale', url: 'https://github.com/c/5' });
    expect(racing.written).toEqual([]);
  });

  it('treats a port\'s CommentWriteForbidden as "not posted"', async () => {
    const racing = racingPort([], 10);
    racing.createComment = async () => {
      throw new CommentWriteForbidden('nope');
    };
    expect(await upsertStickyComment(racing, { model: 'm', commit: COMMIT, body: 'r' })).toMatchObject({ posted: false, reason: 'forbidden' });
  });
});
