import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/src/errors';
import type { Logger } from '../../shared/src/ports';
import { createGitHubClient, type GitHubClientOptions } from '../../shared/src/runtime/github';
import { startGitHubServer, type GitHubServer } from '../harness/github-server';

const owner = 'octo-org';
const repo = 'octo-repo';
let server: GitHubServer;

beforeEach(async () => {
  server = await startGitHubServer();
  server.state.addPullRequest(`${owner}/${repo}`, 7);
});
afterEach(() => server.close());

interface Recorder {
  logger: Logger;
  masked: string[];
  infos: string[];
  sleeps: number[];
}

function recorder(): Recorder {
  const masked: string[] = [];
  const infos: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (message) => infos.push(message),
    warning: () => undefined,
    error: () => undefined,
    group: (_name, fn) => fn(),
    mask: (secret) => masked.push(secret),
  };
  return { logger, masked, infos, sleeps: [] };
}

function client(token: string, rec: Recorder, options: Partial<GitHubClientOptions> = {}) {
  return createGitHubClient(token, {
    apiUrl: server.apiUrl,
    logger: rec.logger,
    retries: 3,
    baseDelayMs: 100,
    sleep: async (ms) => {
      rec.sleeps.push(ms);
    },
    ...options,
  });
}

describe('createGitHubClient', () => {
  it('talks to apiUrl (with or without a trailing slash), sending the token', async () => {
    const rec = recorder();
    const octokit = client('ghs_secret', rec, { apiUrl: `${server.apiUrl}/` });
    const { data } = await octokit.rest.repos.get({ owner, repo });
    expect(data.full_name).toBe(`${owner}/${repo}`);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]?.path).toBe(`/repos/${owner}/${repo}`);
    expect(server.calls[0]?.headers['authorization']).toBe('token ghs_secret');
  });

  it('masks the token before any request', () => {
    const rec = recorder();
    client('ghs_secret', rec);
    expect(rec.masked).toEqual(['ghs_secret']);
  });

  // Not an anonymous client: an empty token is the user's mistake, named in one line.
  it('refuses an empty token with a ConfigurationError that names the input', () => {
    const rec = recorder();
    expect(() => client('', rec)).toThrow(ConfigurationError);
    expect(() => client('', rec)).toThrow('github-token: no token was given; pass `${{ github.token }}` (the default) or a token with the permissions this step needs');
    expect(rec.masked).toEqual([]);
  });

  it('lists every comment of a pull request across pages with octokit.paginate', async () => {
    for (let i = 1; i <= 250; i++) server.state.addComment(`${owner}/${repo}`, 7, `comment ${i}`);
    const octokit = client('ghs_secret', recorder());
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: 7, per_page: 100 });
    expect(comments.map((c) => c.body)).toEqual(Array.from({ length: 250 }, (_, i) => `comment ${i + 1}`));
    expect(server.calls.map((c) => c.query['page'] ?? '1')).toEqual(['1', '2', '3']);
  });

  it('retries a 502 after the base delay, then succeeds', async () => {
    server.failNext('GET /repos/{owner}/{repo}', 502);
    const rec = recorder();
    const { data } = await client('ghs_secret', rec).rest.repos.get({ owner, repo });
    expect(data.name).toBe(repo);
    expect(rec.sleeps).toEqual([100]);
    expect(server.calls.map((c) => c.status)).toEqual([502, 200]);
    expect(rec.infos[0]).toMatch(/answered 502; retrying in 100 ms \(attempt 2 of 4\)/);
  });

  it('doubles the delay on each attempt and gives up after `retries`, with the last error', async () => {
    server.failNext('GET /repos/{owner}/{repo}', 500, 10);
    const rec = recorder();
    await expect(client('ghs_secret', rec, { retries: 2 }).rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 500 });
    expect(rec.sleeps).toEqual([100, 200]);
    expect(server.calls).toHaveLength(3);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    server.failNext('GET /repos/{owner}/{repo}/pulls/{pull_number}', 429, 1, { 'retry-after': '3' });
    const rec = recorder();
    const { data } = await client('ghs_secret', rec).rest.pulls.get({ owner, repo, pull_number: 7 });
    expect(data.number).toBe(7);
    expect(rec.sleeps).toEqual([3000]);
  });

  it('waits until x-ratelimit-reset on a 403 with no quota left', async () => {
    const reset = Math.floor(Date.now() / 1000) + 5;
    server.failNext('GET /repos/{owner}/{repo}', 403, 1, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
    const rec = recorder();
    await client('ghs_secret', rec).rest.repos.get({ owner, repo });
    expect(rec.sleeps).toHaveLength(1);
    expect(rec.sleeps[0]).toBeGreaterThan(3000);
    expect(rec.sleeps[0]).toBeLessThanOrEqual(5000);
  });

  it('waits out a secondary rate limit: a 403 with Retry-After while quota remains', async () => {
    server.failNext('GET /repos/{owner}/{repo}', 403, 1, { 'retry-after': '2', 'x-ratelimit-remaining': '4000' });
    const rec = recorder();
    const { data } = await client('ghs_secret', rec).rest.repos.get({ owner, repo });
    expect(data.full_name).toBe(`${owner}/${repo}`);
    expect(rec.sleeps).toEqual([2000]);
  });

  it('fails at once when the server asks for a longer wait than maxDelayMs', async () => {
    server.failNext('GET /repos/{owner}/{repo}', 429, 1, { 'retry-after': '120' });
    const rec = recorder();
    await expect(client('ghs_secret', rec, { maxDelayMs: 60_000 }).rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 429 });
    expect(rec.sleeps).toEqual([]);
  });

  it('does not retry a 403 "Resource not accessible by integration"', async () => {
    server.state.registerToken('ghs_readonly', { readOnly: true });
    const rec = recorder();
    const octokit = client('ghs_readonly', rec);
    await expect(octokit.rest.issues.createComment({ owner, repo, issue_number: 7, body: 'report' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    expect(rec.sleeps).toEqual([]);
    expect(server.calls).toHaveLength(1);
    expect(server.state.comments(`${owner}/${repo}`, 7)).toEqual([]);
  });

  it('does not retry a 404', async () => {
    const rec = recorder();
    await expect(client('ghs_secret', rec).rest.pulls.get({ owner, repo, pull_number: 404 })).rejects.toMatchObject({ status: 404 });
    expect(rec.sleeps).toEqual([]);
    expect(server.calls).toHaveLength(1);
  });

  it('creates and updates a comment, and uploads a release asset to the server named in upload_url', async () => {
    const octokit = client('ghs_secret', recorder());
    const { data: comment } = await octokit.rest.issues.createComment({ owner, repo, issue_number: 7, body: 'first' });
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body: 'second' });
    expect(server.state.comments(`${owner}/${repo}`, 7).map((c) => c['body'])).toEqual(['second']);

    const { data: release } = await octokit.rest.repos.createRelease({ owner, repo, tag_name: 'churn@v1.0.0' });
    const { data: asset } = await octokit.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: release.id,
      name: 'model.bin',
      url: release.upload_url,
      data: Buffer.from([1, 2, 3]) as unknown as string,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(asset.size).toBe(3);
    const download = await octokit.rest.repos.getReleaseAsset({ owner, repo, asset_id: asset.id, headers: { accept: 'application/octet-stream' } });
    expect(Buffer.from(download.data as unknown as ArrayBuffer)).toEqual(Buffer.from([1, 2, 3]));
  });
});
