import { describe, expect, it } from 'vitest';
import { localEvent } from '../../shared/src/local/event-payload';
import { gitHubRepositoryOf, type RepositoryFacts } from '../../shared/src/local/git';

const FACTS: RepositoryFacts = {
  root: '/w',
  sha: 'a'.repeat(40),
  parentSha: 'b'.repeat(40),
  branch: 'more-epochs',
  defaultBranch: 'main',
  defaultBranchSha: 'c'.repeat(40),
  originUrl: 'git@github.com:acme/churn.git',
  subject: 'Raise epochs to 40',
  authorName: 'Mona',
  authorEmail: 'mona@example.com',
  committedAt: '2026-01-01T00:00:00Z',
};

describe('localEvent', () => {
  it('makes a pull request from the branch onto the default branch, at the head commit', () => {
    const event = localEvent('pull_request', FACTS, { repository: 'acme/churn', actor: 'mona' });
    expect(event).toMatchObject({ sha: FACTS.sha, ref: 'refs/pull/1/merge', headRef: 'more-epochs', baseRef: 'main', repository: 'acme/churn' });
    expect(event.payload).toMatchObject({
      action: 'synchronize',
      number: 1,
      pull_request: { number: 1, title: 'Raise epochs to 40', head: { ref: 'more-epochs', sha: FACTS.sha }, base: { ref: 'main', sha: FACTS.defaultBranchSha } },
      repository: { full_name: 'acme/churn', name: 'churn', owner: { login: 'acme' }, default_branch: 'main' },
      sender: { login: 'mona' },
    });
  });

  it('makes a push of the branch, and a dispatch with its inputs', () => {
    const push = localEvent('push', { ...FACTS, branch: 'main' }, { repository: 'acme/churn', actor: 'mona' });
    expect(push).toMatchObject({ sha: FACTS.sha, ref: 'refs/heads/main' });
    expect(push.payload).toMatchObject({ ref: 'refs/heads/main', before: FACTS.parentSha, after: FACTS.sha, head_commit: { id: FACTS.sha, message: 'Raise epochs to 40' }, repository: { default_branch: 'main' } });
    const dispatch = localEvent('workflow_dispatch', FACTS, { repository: 'acme/churn', actor: 'mona', inputs: { stage: 'staging' } });
    expect(dispatch.payload).toMatchObject({ ref: 'refs/heads/more-epochs', inputs: { stage: 'staging' } });
  });

  it('reads owner/name from GitHub remotes only', () => {
    expect(gitHubRepositoryOf('https://github.com/acme/churn.git')).toBe('acme/churn');
    expect(gitHubRepositoryOf('git@github.com:acme/churn')).toBe('acme/churn');
    expect(gitHubRepositoryOf('/tmp/registry.git')).toBeUndefined();
  });
});
