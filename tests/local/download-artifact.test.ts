// download-artifact with run-id in the local executor: another run's artifact comes through the GitHub REST API
// (here the fake server), needs a token as on GitHub, and a zip cannot write outside the destination.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runWorkflow } from '../../shared/src/local/workflow/executor';
import { startGitHubServer, type GitHubServer } from '../harness/github-server';
import { REPO_ROOT } from '../harness/node';
import { writeZip } from '../harness/zip-writer';
import { scratchRepo, type Scratch } from './scratch';

const WORKFLOW = path.join(import.meta.dirname, 'fixtures', 'download-run.yml');
let scratch: Scratch | undefined;
let server: GitHubServer | undefined;
afterEach(async () => {
  await server?.close();
  await scratch?.close();
  server = undefined;
  scratch = undefined;
});

async function setup(files: Record<string, string>): Promise<{ runId: string }> {
  scratch = await scratchRepo({ example: false, files: { 'README.md': '# scratch\n' } });
  server = await startGitHubServer({ repos: [`local/${path.basename(scratch.dir)}`] });
  const repo = `local/${path.basename(scratch.dir)}`;
  const run = server.state.addWorkflowRun(repo, { workflow: 'ml-pull-request.yml', head_sha: 'a'.repeat(40), event: 'pull_request' });
  server.state.addRunArtifact(repo, run, 'other', writeZip({ 'x.txt': Buffer.from('not this one') }));
  server.state.addRunArtifact(repo, run, 'wanted', writeZip(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, Buffer.from(text)]))));
  return { runId: String(run.json['id']) };
}

const run = (runId: string, token: string | undefined) =>
  runWorkflow({ workflow: WORKFLOW, workspace: scratch?.dir ?? '', actionsRoot: path.join(REPO_ROOT, 'actions'), apiUrl: server?.apiUrl ?? '', vars: { NAME: 'wanted', RUN_ID: runId }, ...(token ? { token } : {}) });

describe('download-artifact with run-id (emulated)', () => {
  it("downloads the named artifact of another run through the API and unpacks it into path", async () => {
    const { runId } = await setup({ 'nested/a.txt': 'from the other run\n' });
    const result = await run(runId, 'ghs_x');
    expect(result.conclusion).toBe('success');
    expect(result.job('get').steps[1]?.log).toBe('from the other run\n');
    expect(existsSync(path.join(scratch?.dir ?? '', 'got', 'x.txt'))).toBe(false);
  });

  it('needs a token, as on GitHub, and says so', async () => {
    const { runId } = await setup({ 'nested/a.txt': 'x' });
    const result = await run(runId, undefined);
    expect(result.conclusion).toBe('failure');
    expect(result.job('get').step('download').error).toMatch(/run-id \d+ names another run, whose artifacts are read through the GitHub API: give github-token/);
  });

  it('refuses a zip entry that would be written outside the destination', async () => {
    const { runId } = await setup({ '../escaped.txt': 'x', 'nested/a.txt': 'x' });
    const result = await run(runId, 'ghs_x');
    expect(result.job('get').step('download').error).toMatch(/"\.\.\/escaped\.txt" would be written outside the destination/);
    expect(existsSync(path.join(scratch?.dir ?? '', 'escaped.txt'))).toBe(false);
  });
});
