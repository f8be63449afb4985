/**
 * The event payload of a local run, made from the workspace's git repository so an action reads the same
 * fields it reads on GitHub: the head commit, the branch, the repository's name and default branch. The shape
 * follows GitHub's webhook payloads for the fields the actions (and workflow expressions) use; ids and URLs
 * that only GitHub could know are plausible stand-ins.
 */
import { ConfigurationError, quote } from '../errors';
import type { RepositoryFacts } from './git';

export const LOCAL_EVENTS = ['pull_request', 'push', 'workflow_dispatch'] as const;
export type LocalEventName = (typeof LOCAL_EVENTS)[number];

export interface LocalEvent {
  name: LocalEventName;
  payload: Record<string, unknown>;
  /** GITHUB_SHA, GITHUB_REF and, for a pull request, GITHUB_HEAD_REF and GITHUB_BASE_REF. */
  sha: string;
  ref: string;
  headRef?: string | undefined;
  baseRef?: string | undefined;
  repository: string;
  actor: string;
}

export interface LocalEventOptions {
  /** owner/name. */
  repository: string;
  actor: string;
  serverUrl?: string;
  /** workflow_dispatch's inputs. */
  inputs?: Record<string, string>;
  /** The pull request's number; 1 by default. */
  pullRequestNumber?: number;
}

export function parseEventName(value: string, label: string): LocalEventName {
  if ((LOCAL_EVENTS as readonly string[]).includes(value)) return value as LocalEventName;
  throw new ConfigurationError(`${label}: ${quote(value)} is not an event the local runner makes; expected one of ${LOCAL_EVENTS.join(', ')}`);
}

const ZERO_SHA = '0000000000000000000000000000000000000000';

export function localEvent(name: LocalEventName, facts: RepositoryFacts, options: LocalEventOptions): LocalEvent {
  const serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  const [owner = 'local', repoName = 'workspace'] = options.repository.split('/');
  const htmlUrl = `${serverUrl}/${options.repository}`;
  const user = { login: options.actor, id: 1, type: 'User', html_url: `${serverUrl}/${options.actor}` };
  const repository = {
    id: 1,
    node_id: 'R_local',
    name: repoName,
    full_name: options.repository,
    private: true,
    owner: { login: owner, id: 1, type: 'User', html_url: `${serverUrl}/${owner}` },
    html_url: htmlUrl,
    url: htmlUrl,
    clone_url: facts.originUrl ?? `${htmlUrl}.git`,
    fork: false,
    default_branch: facts.defaultBranch,
  };
  const branch = facts.branch ?? facts.defaultBranch;
  const headCommit = {
    id: facts.sha,
    message: facts.subject,
    timestamp: facts.committedAt,
    url: `${htmlUrl}/commit/${facts.sha}`,
    author: { name: facts.authorName, email: facts.authorEmail },
    committer: { name: facts.authorName, email: facts.authorEmail },
  };

  switch (name) {
    case 'push': {
      const ref = `refs/heads/${branch}`;
      const payload = {
        ref,
        before: facts.parentSha ?? ZERO_SHA,
        after: facts.sha,
        base_ref: null,
        created: false,
        deleted: false,
        forced: false,
        compare: `${htmlUrl}/compare/${(facts.parentSha ?? ZERO_SHA).slice(0, 12)}...${facts.sha.slice(0, 12)}`,
        commits: [headCommit],
        head_commit: headCommit,
        pusher: { name: facts.authorName, email: facts.authorEmail },
        repository,
        sender: user,
      };
      return { name, payload, sha: facts.sha, ref, repository: options.repository, actor: options.actor };
    }
    case 'pull_request': {
      const number = options.pullRequestNumber ?? 1;
      const base = facts.defaultBranch;
      const baseSha = facts.defaultBranchSha ?? facts.parentSha ?? facts.sha;
      const pullRequest = {
        url: `${htmlUrl}/pulls/${number}`,
        id: number,
        node_id: `PR_local${number}`,
        html_url: `${htmlUrl}/pull/${number}`,
        number,
        state: 'open',
        locked: false,
        title: facts.subject,
        body: null,
        user,
        draft: false,
        merged: false,
        // GitHub's test merge commit does not exist locally: the head commit stands in for it.
        merge_commit_sha: null,
        head: { label: `${owner}:${branch}`, ref: branch, sha: facts.sha, user, repo: repository },
        base: { label: `${owner}:${base}`, ref: base, sha: baseSha, user, repo: repository },
        author_association: 'OWNER',
      };
      const payload = { action: 'synchronize', number, before: facts.parentSha ?? ZERO_SHA, after: facts.sha, pull_request: pullRequest, repository, sender: user };
      return { name, payload, sha: facts.sha, ref: `refs/pull/${number}/merge`, headRef: branch, baseRef: base, repository: options.repository, actor: options.actor };
    }
    case 'workflow_dispatch': {
      const ref = `refs/heads/${branch}`;
      const payload = { inputs: options.inputs ?? {}, ref, workflow: '', repository, sender: user };
      return { name, payload, sha: facts.sha, ref, repository: options.repository, actor: options.actor };
    }
  }
}
