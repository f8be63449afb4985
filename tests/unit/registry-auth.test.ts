import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/src/errors';
import { basicCredential, gitAuthEnv, remotePushUrl } from '../../shared/src/registry/auth';
import { createGitRunner } from '../../shared/src/registry/git';
import { createGitRepo, type GitRepo } from '../harness/git-repo';

const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const HEADER = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`;

describe('gitAuthEnv', () => {
  it('resets then sets the extraheader of the server for an https remote on the server\'s host, as actions/checkout does', () => {
    expect(basicCredential(TOKEN)).toBe(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
    expect(gitAuthEnv({ token: TOKEN, serverUrl: 'https://github.com', remoteUrl: 'https://github.com/octo-org/octo-repo' })).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: HEADER,
    });
  });

  it('appends to git configuration already in the environment', () => {
    const env = gitAuthEnv({ token: TOKEN, serverUrl: 'https://github.com', remoteUrl: 'https://github.com/o/r.git', baseEnv: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.quotepath', GIT_CONFIG_VALUE_0: 'false' } });
    expect(env).toEqual({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: '',
      GIT_CONFIG_KEY_2: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_2: HEADER,
    });
    expect(() => gitAuthEnv({ token: TOKEN, serverUrl: 'https://github.com', remoteUrl: 'https://github.com/o/r', baseEnv: { GIT_CONFIG_COUNT: 'two' } })).toThrow(ConfigurationError);
  });

  it('keys the header by the server\'s origin, port included (GitHub Enterprise Server)', () => {
    const env = gitAuthEnv({ token: TOKEN, serverUrl: 'https://ghes.example.com:8443/', remoteUrl: 'https://GHES.example.com:8443/team/repo.git' });
    expect(env['GIT_CONFIG_KEY_1']).toBe('http.https://ghes.example.com:8443/.extraheader');
  });

  it('gives the token to no other remote: a path, file://, ssh, plain http, another host; and nothing without a token', () => {
    for (const remoteUrl of [
      '/tmp/remote.git',
      '../registry.git',
      'file:///tmp/remote.git',
      'git@github.com:octo-org/octo-repo.git',
      'ssh://git@github.com/octo-org/octo-repo.git',
      'http://github.com/octo-org/octo-repo',
      'https://gitlab.com/octo-org/octo-repo',
      'https://github.com.evil.example/octo-org/octo-repo',
    ]) {
      expect(gitAuthEnv({ token: TOKEN, serverUrl: 'https://github.com', remoteUrl }), remoteUrl).toEqual({});
    }
    expect(gitAuthEnv({ token: '', serverUrl: 'https://github.com', remoteUrl: 'https://github.com/o/r' })).toEqual({});
    // A server reached over plain http never gets the token either.
    expect(gitAuthEnv({ token: TOKEN, serverUrl: 'http://ghes.local', remoteUrl: 'http://ghes.local/o/r' })).toEqual({});
  });
});

describe('remotePushUrl', () => {
  const repos: GitRepo[] = [];
  afterEach(async () => {
    for (const repo of repos.splice(0)) await repo.close();
  });

  it('is the push URL of a named remote (pushurl and insteadOf applied), or the value itself', async () => {
    const repo = await createGitRepo();
    repos.push(repo);
    const git = createGitRunner();
    expect(await remotePushUrl(git, repo.dir, 'origin')).toBe(repo.remote);
    await repo.git('remote', 'add', 'github', 'gh:octo-org/octo-repo.git');
    await repo.git('config', 'url.https://github.com/.insteadOf', 'gh:');
    expect(await remotePushUrl(git, repo.dir, 'github')).toBe('https://github.com/octo-org/octo-repo.git');
    await repo.git('config', 'remote.github.pushurl', 'https://github.com/octo-org/push-here.git');
    expect(await remotePushUrl(git, repo.dir, 'github')).toBe('https://github.com/octo-org/push-here.git');
    expect(await remotePushUrl(git, repo.dir, '/srv/registry.git')).toBe('/srv/registry.git');
  });
});
