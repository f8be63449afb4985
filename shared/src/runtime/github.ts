import { getOctokit } from '@actions/github';
import { ConfigurationError } from '../errors';
import type { Logger } from '../ports';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  /** The input the token came from, named when it is empty. */
  tokenInput?: string;
  /** The REST API root; the runner's GITHUB_API_URL (GitHub Enterprise Server, or a test server). */
  apiUrl: string;
  logger: Logger;
  /** Attempts after the first, for 5xx and rate-limit answers. */
  retries?: number;
  /** First back-off in milliseconds; doubles each attempt, unless the server says how long to wait. */
  baseDelayMs?: number;
  /** Longest single wait we accept from a Retry-After or rate-limit reset; beyond it we fail instead. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface HttpErrorLike {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
}

/**
 * An Octokit for the REST API at `apiUrl`, with the token masked, that retries server errors (5xx) and rate
 * limits (429, or 403 with no remaining quota) with exponential back-off, honouring `Retry-After` and
 * `x-ratelimit-reset`, secondary rate limits included (a 403 with Retry-After). Other errors (a 403 "Resource not accessible by integration", a 404) fail at once.
 */
export function createGitHubClient(token: string, options: GitHubClientOptions): GitHubClient {
  const { apiUrl, logger, retries = 4, baseDelayMs = 1000, maxDelayMs = 60_000 } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  if (!token) {
    throw new ConfigurationError(`${options.tokenInput ?? 'github-token'}: no token was given; pass \`\${{ github.token }}\` (the default) or a token with the permissions this step needs`);
  }
  logger.mask(token);
  const octokit = getOctokit(token, { baseUrl: apiUrl.replace(/\/+$/, '') });
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const delay = retryDelay(error as HttpErrorLike, attempt, baseDelayMs);
        if (delay === undefined || attempt >= retries || delay > maxDelayMs) throw error;
        const status = (error as HttpErrorLike).status;
        logger.info(`GitHub API ${requestOptions.method} ${requestOptions.url} answered ${status}; retrying in ${Math.round(delay)} ms (attempt ${attempt + 2} of ${retries + 1})`);
        await sleep(delay);
      }
    }
  });
  return octokit;
}

/** How long to wait before retrying, or undefined when the error is not worth a retry. */
export function retryDelay(error: HttpErrorLike, attempt: number, baseDelayMs: number, nowMs = Date.now()): number | undefined {
  const status = error.status ?? 0;
  const headers = error.response?.headers ?? {};
  // A primary rate limit is a 403 with no quota left; a secondary one is a 403 (or 429) with Retry-After.
  const rateLimited =
    status === 429 || (status === 403 && (String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'] !== undefined));
  if (!(status >= 500 || rateLimited)) return undefined;
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers['retry-after'] !== undefined) return retryAfter * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (rateLimited && Number.isFinite(reset) && headers['x-ratelimit-reset'] !== undefined) return Math.max(0, reset * 1000 - nowMs);
  return baseDelayMs * 2 ** attempt;
}
