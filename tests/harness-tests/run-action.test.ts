import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvent } from '../harness/events';
import { node24 } from '../harness/node';
import { runAction } from '../harness/run-action';

describe('runAction on a real bundle', () => {
  it('runs promote without its inputs, which fails with one ::error:: line and no stack trace', async () => {
    const result = await runAction('promote', {});
    expect(result.exitCode).toBe(1);
    expect(result.timedOut).toBe(false);
    const errors = result.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^model-name: the input is required/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(result.outputs).toEqual({});
  });

  it('throws before spawning when a test gives an input action.yml does not declare', async () => {
    await expect(runAction('promote', { inputs: { 'model-nam': 'churn' } })).rejects.toThrow(/declares no input "model-nam"/);
  });
});

/**
 * A stand-in for a bundle, run through the `node` option (an executable probe that ignores the dist/index.js
 * path it is given), so the test sees exactly the environment and files runAction gives an action.
 */
const PROBE = `
import { appendFileSync, readFileSync } from 'node:fs';
const mode = process.env.PROBE_MODE;
if (mode === 'hang') {
  console.log('waiting');
  setInterval(() => {}, 1000);
} else {
  const put = (file, name, value) => appendFileSync(process.env[file], name + '<<EOF_1\\n' + value + '\\nEOF_1\\n');
  put('GITHUB_OUTPUT', 'env', JSON.stringify(process.env));
  put('GITHUB_OUTPUT', 'cwd', process.cwd());
  put('GITHUB_OUTPUT', 'event', readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
  appendFileSync(process.env.GITHUB_OUTPUT, 'simple=yes\\n');
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, '### Probe\\n');
  appendFileSync(process.env.GITHUB_ENV, 'EXPORTED=1\\n');
  appendFileSync(process.env.GITHUB_STATE, 'saved=2\\n');
  appendFileSync(process.env.GITHUB_PATH, '/opt/probe/bin\\n');
  console.log('::group::Probe');
  console.log('::add-mask::hunter2');
  console.log('::endgroup::');
  console.error('::warning file=a.csv,line=3::from stderr');
  process.exitCode = 3;
}
`;

describe('runAction protocol', () => {
  let dir: string;
  let wrapper: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mlops-probe-'));
    // A Node script with a shebang, not a shell wrapper: sh drops variables whose names hold a hyphen
    // (INPUT_WORKING-DIRECTORY), which would hide exactly what this test checks.
    wrapper = path.join(dir, 'node-probe.mjs');
    await writeFile(wrapper, `#!${node24()}\n${PROBE}`);
    await chmod(wrapper, 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives the action the runner environment, inputs, event payload and file commands', async () => {
    const previous = process.env['MLOPS_SECRET_OF_THE_TEST_PROCESS'];
    process.env['MLOPS_SECRET_OF_THE_TEST_PROCESS'] = 'leak';
    const event = loadEvent('pull_request.synchronize', { repository: { full_name: 'acme/models' } });
    const result = await runAction('train', {
      node: wrapper,
      inputs: { command: 'python train.py', 'cache-key-prefix': 'v2' },
      event,
      cwd: dir,
      env: { GITHUB_TOKEN: 'ghs_token', GITHUB_API_URL: 'http://127.0.0.1:1234' },
    });
    if (previous === undefined) delete process.env['MLOPS_SECRET_OF_THE_TEST_PROCESS'];
    else process.env['MLOPS_SECRET_OF_THE_TEST_PROCESS'] = previous;

    expect(result.exitCode).toBe(3);
    const env = JSON.parse(result.outputs['env'] ?? '{}') as Record<string, string>;
    expect(env['MLOPS_SECRET_OF_THE_TEST_PROCESS']).toBeUndefined();
    expect(env).toMatchObject({
      'INPUT_COMMAND': 'python train.py',
      'INPUT_CACHE-KEY-PREFIX': 'v2',
      'INPUT_WORKING-DIRECTORY': '.',
      'INPUT_CACHE': 'true',
      'INPUT_PARAMS': '',
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'acme/models',
      GITHUB_REF: `refs/pull/${event.payload['number']}/merge`,
      GITHUB_HEAD_REF: 'changes',
      GITHUB_SHA: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      GITHUB_WORKSPACE: dir,
      GITHUB_API_URL: 'http://127.0.0.1:1234',
      GITHUB_TOKEN: 'ghs_token',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
    });
    for (const name of ['GITHUB_RUN_ID', 'GITHUB_RUN_ATTEMPT', 'GITHUB_WORKFLOW', 'GITHUB_JOB', 'GITHUB_ACTOR', 'GITHUB_SERVER_URL', 'RUNNER_NAME', 'RUNNER_TEMP', 'RUNNER_TOOL_CACHE', 'PATH', 'HOME']) {
      expect(env[name], name).toBeTruthy();
    }
    expect(result.outputs['cwd']).toBe(dir);
    expect(JSON.parse(result.outputs['event'] ?? '{}')).toEqual(event.payload);
    expect(result.outputs['simple']).toBe('yes');
    expect(result.summary).toBe('### Probe\n');
    expect(result.env).toEqual({ EXPORTED: '1' });
    expect(result.state).toEqual({ saved: '2' });
    expect(result.path).toEqual(['/opt/probe/bin']);
    expect(result.groups).toEqual(['Probe']);
    expect(result.masks).toEqual(['hunter2']);
    expect(result.annotations).toEqual([{ level: 'warning', message: 'from stderr', properties: { file: 'a.csv', line: '3' } }]);
  });

  it('defaults GITHUB_API_URL to an address that refuses connections, and the workspace to a fresh dir', async () => {
    const result = await runAction('train', { node: wrapper, inputs: { command: 'true' } });
    const env = JSON.parse(result.outputs['env'] ?? '{}') as Record<string, string>;
    expect(env['GITHUB_API_URL']).toBe('http://127.0.0.1:9');
    expect(env['GITHUB_EVENT_NAME']).toBe('workflow_dispatch');
    expect(env['GITHUB_REPOSITORY']).toBe('octo-org/octo-repo');
    expect(result.outputs['cwd']).toBe(result.workspace);
    await expect(fetch(env['GITHUB_API_URL'] as string)).rejects.toThrow();
  });

  it('cancels the step after timeoutMs with SIGINT, as the runner does', async () => {
    const result = await runAction('train', { node: wrapper, inputs: { command: 'true' }, env: { PROBE_MODE: 'hang' }, timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGINT');
    expect(result.exitCode).toBeNull();
    expect(result.stdout).toBe('waiting\n');
  });
});
