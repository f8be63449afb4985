import { describe, expect, it } from 'vitest';
import { loadEvent, refsForEvent, type EventName } from '../harness/events';

describe('loadEvent', () => {
  const names: EventName[] = ['pull_request.opened', 'pull_request.synchronize', 'push', 'workflow_dispatch', 'workflow_run.completed', 'merge_group.checks_requested', 'release.published'];

  it.each(names)('loads a real %s payload', (name) => {
    const event = loadEvent(name);
    expect(event.name).toBe(name.split('.')[0]);
    const action = name.split('.')[1];
    if (action) expect(event.payload['action']).toBe(action);
    expect(event.payload['repository']).toMatchObject({ full_name: expect.stringMatching(/^[^/]+\/[^/]+$/) });
  });

  it('picks a branch push, not a tag push', () => {
    expect(loadEvent('push').payload['ref']).toMatch(/^refs\/heads\//);
  });

  it('deep-merges overrides and never shares objects between calls', () => {
    const event = loadEvent('pull_request.opened', { repository: { full_name: 'acme/models' }, pull_request: { head: { sha: 'f'.repeat(40) } }, labels: ['a'] });
    const pr = event.payload['pull_request'] as { head: { sha: string; ref: string } };
    expect(pr.head.sha).toBe('f'.repeat(40));
    expect(pr.head.ref).toBe('changes');
    expect((event.payload['repository'] as { name: string; full_name: string }).full_name).toBe('acme/models');
    expect((event.payload['repository'] as { name: string }).name).toBe('Hello-World');
    expect(event.payload['labels']).toEqual(['a']);
    expect((loadEvent('pull_request.opened').payload['pull_request'] as { head: { sha: string } }).head.sha).not.toBe('f'.repeat(40));
  });

  it('derives GITHUB_SHA and GITHUB_REF as the runner does', () => {
    const push = loadEvent('push');
    expect(refsForEvent(push)).toEqual({ sha: push.payload['after'], ref: push.payload['ref'] });
    expect(refsForEvent(loadEvent('pull_request.opened'))).toMatchObject({ ref: 'refs/pull/2/merge', headRef: 'changes', baseRef: 'master' });
    expect(refsForEvent(loadEvent('merge_group.checks_requested')).ref).toMatch(/^refs\/heads\/gh-readonly-queue\//);
    expect(refsForEvent(loadEvent('release.published')).ref).toBe('refs/tags/0.0.1');
  });
});
