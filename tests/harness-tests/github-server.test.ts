import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readZip } from '../harness/artifact-server';
import { startGitHubServer, type GitHubServer } from '../harness/github-server';
import { writeZip } from '../harness/zip-writer';

const REPO = 'octo-org/octo-repo';
let server: GitHubServer;

beforeEach(async () => {
  server = await startGitHubServer();
  server.state.addPullRequest(REPO, 7);
});
afterEach(() => server.close());

function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept', headers.get('accept') ?? 'application/vnd.github+json');
  if (init.token) headers.set('authorization', `token ${init.token}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  return fetch(`${server.apiUrl}${path}`, { ...init, headers });
}

/** The Link header as {rel: page number}. */
function links(response: Response): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [, url, rel] of (response.headers.get('link') ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)) {
    result[rel as string] = Number(new URL(url as string).searchParams.get('page'));
  }
  return result;
}

describe('fake GitHub REST server', () => {
  it('listens on 127.0.0.1 and serves a repository in the REST shape', async () => {
    expect(new URL(server.apiUrl).hostname).toBe('127.0.0.1');
    const response = await api(`/repos/${REPO}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(await response.json()).toMatchObject({ full_name: REPO, name: 'octo-repo', owner: { login: 'octo-org' }, default_branch: 'main', private: false });
  });

  it('serves pull requests built from the webhook example', async () => {
    const pull = (await (await api(`/repos/${REPO}/pulls/7`)).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(pull['number']).toBe(7);
    expect(pull['head'].sha).toMatch(/^[0-9a-f]{40}$/);
    expect(pull['base'].repo.full_name).toBe(REPO);
  });

  it('answers 404 with GitHub\'s body for unknown repositories, pulls and paths', async () => {
    for (const path of ['/repos/nobody/nothing', `/repos/${REPO}/pulls/99`, `/repos/${REPO}/no-such-thing`, `/repos/${REPO}/issues/99/comments`]) {
      const response = await api(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ message: 'Not Found', status: '404' });
    }
  });

  it('paginates comments with per_page and page and a Link header with next, last, prev and first', async () => {
    for (let i = 1; i <= 250; i++) server.state.addComment(REPO, 7, `comment ${i}`);
    const first = await api(`/repos/${REPO}/issues/7/comments?per_page=100`);
    expect(((await first.json()) as unknown[]).length).toBe(100);
    expect(links(first)).toEqual({ next: 2, last: 3 });
    expect(first.headers.get('link')).toContain(`${server.apiUrl}/repos/${REPO}/issues/7/comments?per_page=100&page=2`);

    const last = await api(`/repos/${REPO}/issues/7/comments?per_page=100&page=3`);
    const bodies = ((await last.json()) as { body: string }[]).map((c) => c.body);
    expect(bodies).toHaveLength(50);
    expect(bodies[0]).toBe('comment 201');
    expect(links(last)).toEqual({ prev: 2, first: 1 });

    const defaultPage = await api(`/repos/${REPO}/issues/7/comments`);
    expect(((await defaultPage.json()) as unknown[]).length).toBe(30);
    expect(links(defaultPage)).toEqual({ next: 2, last: 9 });
  });

  it('creates, updates and deletes comments as the token\'s user', async () => {
    const created = await api(`/repos/${REPO}/issues/7/comments`, { method: 'POST', token: 'ghs_a', body: JSON.stringify({ body: 'hello' }) });
    expect(created.status).toBe(201);
    const comment = (await created.json()) as { id: number; body: string; user: { login: string; type: string } };
    expect(comment).toMatchObject({ body: 'hello', user: { login: 'github-actions[bot]', type: 'Bot' } });

    const updated = await api(`/repos/${REPO}/issues/comments/${comment.id}`, { method: 'PATCH', token: 'ghs_a', body: JSON.stringify({ body: 'edited' }) });
    expect(updated.status).toBe(200);
    expect(server.state.comments(REPO, 7).map((c) => c['body'])).toEqual(['edited']);

    const deleted = await api(`/repos/${REPO}/issues/comments/${comment.id}`, { method: 'DELETE', token: 'ghs_a' });
    expect(deleted.status).toBe(204);
    expect(server.state.comments(REPO, 7)).toEqual([]);
    expect((await api(`/repos/${REPO}/issues/comments/${comment.id}`)).status).toBe(404);
  });

  it('records every request with method, path, query, headers and body', async () => {
    await api(`/repos/${REPO}/issues/7/comments?per_page=5`, { method: 'POST', token: 'ghs_a', body: JSON.stringify({ body: 'x' }) });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({ method: 'POST', path: `/repos/${REPO}/issues/7/comments`, query: { per_page: '5' }, body: { body: 'x' }, status: 201 });
    expect(server.calls[0]?.headers['authorization']).toBe('token ghs_a');
  });

  it('answers 401 to writes without a token and to revoked tokens, 403 to read-only tokens', async () => {
    const anonymous = await api(`/repos/${REPO}/issues/7/comments`, { method: 'POST', body: JSON.stringify({ body: 'x' }) });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: 'Requires authentication' });

    server.state.registerToken('revoked', { revoked: true });
    const revoked = await api(`/repos/${REPO}`, { token: 'revoked' });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ message: 'Bad credentials' });

    server.state.registerToken('ro', { readOnly: true });
    const readOnly = await api(`/repos/${REPO}/issues/7/comments`, { method: 'POST', token: 'ro', body: JSON.stringify({ body: 'x' }) });
    expect(readOnly.status).toBe(403);
    expect(await readOnly.json()).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '403',
    });
    expect(server.state.comments(REPO, 7)).toEqual([]);
    expect((await api(`/repos/${REPO}/issues/7/comments`, { token: 'ro' })).status).toBe(200);
  });

  it('accepts Bearer tokens and answers /user with the token\'s user', async () => {
    server.state.registerToken('pat', { login: 'mona', id: 42, type: 'User' });
    const response = await fetch(`${server.apiUrl}/user`, { headers: { authorization: 'Bearer pat' } });
    expect(await response.json()).toMatchObject({ login: 'mona', id: 42, type: 'User' });
    expect((await api('/user')).status).toBe(401);
  });

  it('injects faults for a route, a given number of times, then serves normally', async () => {
    server.failNext(`GET /repos/{owner}/{repo}`, 502, 2);
    server.failNext((request) => request.path.endsWith('/pulls/7'), 429, 1, { 'retry-after': '3' });
    server.failNext('/user', 403, 1, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1714564800' });
    expect((await api(`/repos/${REPO}`)).status).toBe(502);
    const second = await api(`/repos/${REPO}`);
    expect(second.status).toBe(502);
    expect(await second.json()).toMatchObject({ message: 'Server Error' });
    expect((await api(`/repos/${REPO}`)).status).toBe(200);

    const limited = await api(`/repos/${REPO}/pulls/7`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await api(`/repos/${REPO}/pulls/7`)).status).toBe(200);

    const exhausted = await api('/user', { token: 'ghs_a' });
    expect(exhausted.status).toBe(403);
    expect(exhausted.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(exhausted.headers.get('x-ratelimit-reset')).toBe('1714564800');
    expect(await exhausted.json()).toMatchObject({ message: expect.stringMatching(/^API rate limit exceeded/) });
  });

  it('creates releases, finds them by tag, uploads assets to upload_url and serves the bytes', async () => {
    const created = await api(`/repos/${REPO}/releases`, { method: 'POST', token: 'ghs_a', body: JSON.stringify({ tag_name: 'churn@v1.0.0', name: 'churn v1.0.0' }) });
    expect(created.status).toBe(201);
    const release = (await created.json()) as { id: number; upload_url: string; tag_name: string; draft: boolean };
    expect(release).toMatchObject({ tag_name: 'churn@v1.0.0', draft: false });
    expect(release.upload_url).toBe(`${server.url}/repos/${REPO}/releases/${release.id}/assets{?name,label}`);

    const duplicate = await api(`/repos/${REPO}/releases`, { method: 'POST', token: 'ghs_a', body: JSON.stringify({ tag_name: 'churn@v1.0.0' }) });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.json()).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }] });

    const byTag = await api(`/repos/${REPO}/releases/tags/${encodeURIComponent('churn@v1.0.0')}`);
    expect(((await byTag.json()) as { id: number }).id).toBe(release.id);

    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
    const uploadUrl = release.upload_url.replace('{?name,label}', '?name=model.bin');
    const uploaded = await fetch(uploadUrl, { method: 'POST', body: bytes, headers: { authorization: 'token ghs_a', 'content-type': 'application/octet-stream' } });
    expect(uploaded.status).toBe(201);
    const asset = (await uploaded.json()) as { id: number; name: string; size: number; browser_download_url: string };
    expect(asset).toMatchObject({ name: 'model.bin', size: 6, state: 'uploaded' });

    const again = await fetch(uploadUrl, { method: 'POST', body: bytes, headers: { authorization: 'token ghs_a', 'content-type': 'application/octet-stream' } });
    expect(again.status).toBe(422);

    const list = (await (await api(`/repos/${REPO}/releases/${release.id}/assets`)).json()) as { id: number }[];
    expect(list.map((a) => a.id)).toEqual([asset.id]);
    expect(((await (await api(`/repos/${REPO}/releases/${release.id}`)).json()) as { assets: unknown[] }).assets).toHaveLength(1);

    const metadata = await api(`/repos/${REPO}/releases/assets/${asset.id}`);
    expect(await metadata.json()).toMatchObject({ id: asset.id, name: 'model.bin' });
    const download = await api(`/repos/${REPO}/releases/assets/${asset.id}`, { headers: { accept: 'application/octet-stream' } });
    expect(download.redirected).toBe(true);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    expect(Buffer.from(await (await fetch(asset.browser_download_url)).arrayBuffer())).toEqual(bytes);
  });

  it('keeps drafts out of the tag lookup until they are published, and lists newest first', async () => {
    const draft = server.state.addRelease(REPO, { tag_name: 'v2', draft: true });
    server.state.addRelease(REPO, { tag_name: 'v1' });
    expect((await api(`/repos/${REPO}/releases/tags/v2`)).status).toBe(404);
    const patched = await api(`/repos/${REPO}/releases/${draft.json['id']}`, { method: 'PATCH', token: 'ghs_a', body: JSON.stringify({ draft: false }) });
    expect(await patched.json()).toMatchObject({ draft: false, published_at: expect.any(String) });
    expect((await api(`/repos/${REPO}/releases/tags/v2`)).status).toBe(200);
    const listed = (await (await api(`/repos/${REPO}/releases`)).json()) as { tag_name: string }[];
    expect(listed.map((r) => r.tag_name)).toEqual(['v1', 'v2']);
  });
});

describe('fake GitHub REST server: Actions runs and artifacts, and the pulls of a commit', () => {
  const HEAD = 'a'.repeat(40);
  const MERGE = 'b'.repeat(40);

  it('lists a workflow\'s runs newest first, filtered by head_sha, event and status (a status or a conclusion)', async () => {
    const ok = server.state.addWorkflowRun(REPO, { workflow: 'ml-pull-request.yml', head_sha: HEAD, event: 'pull_request' });
    server.state.addWorkflowRun(REPO, { workflow: 'ml-pull-request.yml', head_sha: HEAD, event: 'pull_request', conclusion: 'failure' });
    const newer = server.state.addWorkflowRun(REPO, { workflow: 'ml-pull-request.yml', head_sha: HEAD, event: 'pull_request' });
    server.state.addWorkflowRun(REPO, { workflow: 'ml-pull-request.yml', head_sha: MERGE, event: 'merge_group' });
    server.state.addWorkflowRun(REPO, { workflow: 'other.yml', head_sha: HEAD, event: 'pull_request' });
    const ids = async (path: string): Promise<unknown[]> => {
      const body = (await (await api(path)).json()) as { total_count: number; workflow_runs: { id: unknown }[] };
      expect(body.total_count).toBe(body.workflow_runs.length);
      return body.workflow_runs.map((run) => run.id);
    };
    expect(await ids(`/repos/${REPO}/actions/workflows/ml-pull-request.yml/runs?head_sha=${HEAD}&event=pull_request&status=success`)).toEqual([newer.json['id'], ok.json['id']]);
    expect(await ids(`/repos/${REPO}/actions/workflows/ml-pull-request.yml/runs?status=completed`)).toHaveLength(4);
    expect(await ids(`/repos/${REPO}/actions/workflows/ml-pull-request.yml/runs?event=merge_group`)).toHaveLength(1);
    expect(await ids(`/repos/${REPO}/actions/runs?head_sha=${HEAD}`)).toHaveLength(4);
    // A workflow file the repository does not have is not found; one with no runs yet lists none.
    expect((await api(`/repos/${REPO}/actions/workflows/nope.yml/runs`)).status).toBe(404);
    server.state.repo(REPO)?.workflows.add('quiet.yml');
    expect(await ids(`/repos/${REPO}/actions/workflows/quiet.yml/runs`)).toEqual([]);
  });

  it("lists a run's artifacts by name and downloads one as the zip it was given, through a redirect; expired is 410, no token 401", async () => {
    const run = server.state.addWorkflowRun(REPO, { workflow: 'ml-pull-request.yml', head_sha: HEAD, event: 'pull_request', head_repository: 'forker/octo-repo' });
    const files = new Map([['model/weights.json', Buffer.from('{"w":[1,2]}')], ['gate.json', Buffer.from('{}')]]);
    const artifact = server.state.addRunArtifact(REPO, run, 'mlops-candidate-m', writeZip(files));
    const old = server.state.addRunArtifact(REPO, run, 'old', writeZip({ a: Buffer.from('a') }), { expired: true });
    const got = (await (await api(`/repos/${REPO}/actions/runs/${run.json['id']}`)).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(got['head_repository'].full_name).toBe('forker/octo-repo');
    const listed = (await (await api(`/repos/${REPO}/actions/runs/${run.json['id']}/artifacts?name=mlops-candidate-m`)).json()) as { total_count: number; artifacts: Record<string, unknown>[] };
    expect(listed.total_count).toBe(1);
    expect(listed.artifacts[0]).toMatchObject({ id: artifact.json['id'], name: 'mlops-candidate-m', expired: false });

    const redirect = await api(`/repos/${REPO}/actions/artifacts/${artifact.json['id']}/zip`, { token: 'ghs_x', redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const download = await api(`/repos/${REPO}/actions/artifacts/${artifact.json['id']}/zip`, { token: 'ghs_x' });
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(readZip(Buffer.from(await download.arrayBuffer()))).toEqual(files);
    expect((await api(`/repos/${REPO}/actions/artifacts/${artifact.json['id']}/zip`)).status).toBe(401);
    expect((await api(`/repos/${REPO}/actions/artifacts/${old.json['id']}/zip`, { token: 'ghs_x' })).status).toBe(410);
    expect((await api(`/repos/${REPO}/actions/artifacts/999/zip`, { token: 'ghs_x' })).status).toBe(404);
  });

  it('lists the pull requests of a commit: its head, or merged as it', async () => {
    server.state.addPullRequest(REPO, 8, { head: { ref: 'feature', sha: HEAD } });
    const numbers = async (sha: string): Promise<unknown[]> => ((await (await api(`/repos/${REPO}/commits/${sha}/pulls`)).json()) as { number: unknown }[]).map((pull) => pull.number);
    expect(await numbers(HEAD)).toEqual([8]);
    expect(await numbers(MERGE)).toEqual([]);
    server.state.mergePullRequest(REPO, 8, MERGE);
    expect(await numbers(MERGE)).toEqual([8]);
    expect(server.state.repo(REPO)?.pulls.get(8)).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: MERGE });
  });
});
