/**
 * StickyCommentPort over the Octokit client (shared/src/runtime/github.ts), for one pull request. The client
 * already retries 5xx answers and rate limits; what reaches here is final. A 403 on a write (that is not a rate
 * limit) becomes CommentWriteForbidden, so the caller can say "not posted" instead of failing; other failures
 * become one-line ServiceErrors naming the call, the status and GitHub's message.
 */
import { ServiceError } from '../../errors';
import type { GitHubClient } from '../../runtime/github';
import { CommentWriteForbidden, type CommentPage, type IssueComment, type StickyCommentPort } from './sticky-comment';

export interface PullRequestRef {
  owner: string;
  repo: string;
  pullNumber: number;
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

interface CommentData {
  id: number;
  body?: string | null;
  user?: { login?: string } | null;
  html_url: string;
}

/** Comments per page: GitHub's most, so a PR with hundreds of comments takes few requests. */
const PER_PAGE = 100;

function toComment(data: CommentData): IssueComment {
  return { id: data.id, body: data.body ?? '', author: data.user?.login ?? null, url: data.html_url };
}

function githubMessage(error: HttpError): string {
  const data = error.response?.data as { message?: unknown } | undefined;
  return String(typeof data?.message === 'string' ? data.message : (error.message ?? '')).replace(/\s+/g, ' ').trim();
}

/** A 403 that is a refusal, not a spent rate limit (those carry Retry-After or no remaining quota). */
function isForbidden(error: HttpError): boolean {
  const headers = error.response?.headers ?? {};
  return error.status === 403 && headers['retry-after'] === undefined && String(headers['x-ratelimit-remaining']) !== '0';
}

function serviceError(doing: string, error: unknown): Error {
  const http = error as HttpError;
  if (typeof http?.status !== 'number') return error as Error;
  return new ServiceError(`GitHub API: ${doing} failed: HTTP ${http.status} ${githubMessage(http)}`.trim());
}

/** Runs a write; a refusal becomes CommentWriteForbidden with GitHub's words. */
async function write<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isForbidden(error as HttpError)) throw new CommentWriteForbidden(`${doing}: HTTP 403 ${githubMessage(error as HttpError)}`);
    throw serviceError(doing, error);
  }
}

async function read<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw serviceError(doing, error);
  }
}

export function githubCommentsPort(client: GitHubClient, pr: PullRequestRef): StickyCommentPort {
  const { owner, repo, pullNumber } = pr;
  const where = `${owner}/${repo}#${pullNumber}`;
  return {
    async identity() {
      try {
        const { data } = await client.rest.users.getAuthenticated();
        return data.login;
      } catch (error) {
        // GITHUB_TOKEN (an installation token) may not read /user: 403 "Resource not accessible by integration".
        if ((error as HttpError).status === 403) return null;
        throw serviceError('reading the token\'s user', error);
      }
    },
    async listComments(page): Promise<CommentPage> {
      const response = await read(`listing the comments of ${where} (page ${page})`, () =>
        client.rest.issues.listComments({ owner, repo, issue_number: pullNumber, per_page: PER_PAGE, page }),
      );
      const link = String(response.headers.link ?? '');
      return { comments: response.data.map(toComment), hasNext: /rel="next"/.test(link) };
    },
    async getComment(id) {
      const { data } = await read(`reading comment ${id} on ${where}`, () => client.rest.issues.getComment({ owner, repo, comment_id: id }));
      return toComment(data);
    },
    async createComment(body) {
      const { data } = await write(`commenting on ${where}`, () => client.rest.issues.createComment({ owner, repo, issue_number: pullNumber, body }));
      return toComment(data);
    },
    async updateComment(id, body) {
      const { data } = await write(`updating comment ${id} on ${where}`, () => client.rest.issues.updateComment({ owner, repo, comment_id: id, body }));
      return toComment(data);
    },
    async headSha() {
      const { data } = await read(`reading pull request ${where}`, () => client.rest.pulls.get({ owner, repo, pull_number: pullNumber }));
      return data.head.sha;
    },
  };
}
