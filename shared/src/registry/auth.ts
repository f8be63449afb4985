/**
 * Git authentication with the `github-token` input, as actions/checkout authenticates: an `http.<origin>/.extraheader`
 * of `AUTHORIZATION: basic base64(x-access-token:<token>)`. It is passed as git configuration in the environment
 * (GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n), so the token is never in a command line (visible in
 * `ps` and in process audit logs), never written to a file, and never in a shell string.
 *
 * The empty value first resets the header list: without it, git would also send the header that actions/checkout
 * persisted in .git/config (`persist-credentials`), and the push would use whichever token GitHub reads first.
 * Configuration from the environment is read after every config file, so the reset clears what they set.
 */
import { ConfigurationError, quote } from '../errors';
import type { GitRunner } from './git';

export interface GitAuthRequest {
  /** The token; '' for none. */
  token: string;
  /** GITHUB_SERVER_URL, e.g. https://github.com or https://ghes.example.com. */
  serverUrl: string;
  /** The URL git pushes to (the registry remote's push URL). */
  remoteUrl: string;
  /** The environment git would otherwise run with: an existing GIT_CONFIG_COUNT is appended to, not replaced. */
  baseEnv?: Record<string, string | undefined>;
}

/** The basic credential actions/checkout sends: base64 of `x-access-token:<token>`. Mask it as well as the token. */
export function basicCredential(token: string): string {
  return Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
}

/**
 * The environment that makes git send the token to `remoteUrl`, or `{}` when the token must not go there: no
 * token, or a remote that is not an https URL on GITHUB_SERVER_URL's host (a local path, a file:// or ssh remote,
 * another host). The token is never sent over plain http or to a server it was not issued by.
 */
export function gitAuthEnv(request: GitAuthRequest): Record<string, string> {
  if (!request.token) return {};
  const server = parseUrl(request.serverUrl);
  const remote = parseUrl(request.remoteUrl);
  if (!server || !remote || remote.protocol !== 'https:' || server.protocol !== 'https:' || remote.host.toLowerCase() !== server.host.toLowerCase()) return {};
  const existing = request.baseEnv?.['GIT_CONFIG_COUNT'];
  const start = existing === undefined || existing === '' ? 0 : Number(existing);
  if (!Number.isInteger(start) || start < 0) throw new ConfigurationError(`GIT_CONFIG_COUNT: ${quote(existing ?? '')} is not a count; expected a whole number or nothing`);
  // The key actions/checkout writes: `http.` + scheme://host[:port] + `/.extraheader`.
  const key = `http.${server.origin}/.extraheader`;
  return {
    GIT_CONFIG_COUNT: String(start + 2),
    [`GIT_CONFIG_KEY_${start}`]: key,
    [`GIT_CONFIG_VALUE_${start}`]: '',
    [`GIT_CONFIG_KEY_${start + 1}`]: key,
    [`GIT_CONFIG_VALUE_${start + 1}`]: `AUTHORIZATION: basic ${basicCredential(request.token)}`,
  };
}

/**
 * The URL `git push <remote>` goes to: a remote's push URL (pushurl, insteadOf and pushInsteadOf applied), or
 * `remote` itself when it is a URL or a path rather than a remote's name.
 */
export async function remotePushUrl(git: GitRunner, cwd: string, remote: string): Promise<string> {
  try {
    return (await git.run(['remote', 'get-url', '--push', remote], { cwd })).trim();
  } catch {
    // Not a configured remote: git pushes to it as a URL or a path.
    return remote;
  }
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
