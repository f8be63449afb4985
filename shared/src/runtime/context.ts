import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { RunContext } from '../ports';
import { ConfigurationError } from '../errors';

/** Reads the workflow run from the runner's GITHUB_* and RUNNER_* variables, with local defaults off a runner. */
export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const eventPath = env['GITHUB_EVENT_PATH'];
  let payload: Record<string, unknown> = {};
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigurationError(`GITHUB_EVENT_PATH ${JSON.stringify(eventPath)}: cannot read the event payload as JSON (${(error as Error).message})`);
    }
  }
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  return {
    eventName: env['GITHUB_EVENT_NAME'] || 'local',
    sha: env['GITHUB_SHA'] || undefined,
    ref: env['GITHUB_REF'] || undefined,
    repository: env['GITHUB_REPOSITORY'] || undefined,
    serverUrl: env['GITHUB_SERVER_URL'] || 'https://github.com',
    apiUrl: env['GITHUB_API_URL'] || 'https://api.github.com',
    workflow: env['GITHUB_WORKFLOW'] || undefined,
    job: env['GITHUB_JOB'] || undefined,
    runId: env['GITHUB_RUN_ID'] || undefined,
    runAttempt: env['GITHUB_RUN_ATTEMPT'] || undefined,
    actor: env['GITHUB_ACTOR'] || undefined,
    workspace,
    tempDir: env['RUNNER_TEMP'] || os.tmpdir(),
    runnerOs: env['RUNNER_OS'] || runnerOsName(process.platform),
    runnerArch: env['RUNNER_ARCH'] || runnerArchName(process.arch),
    runnerName: env['RUNNER_NAME'] || undefined,
    onRunner: env['GITHUB_ACTIONS'] === 'true',
    payload,
  };
}

/** The runner's spelling of the OS (RUNNER_OS), so local and CI runs key caches alike. */
function runnerOsName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'Windows' : platform === 'darwin' ? 'macOS' : platform === 'linux' ? 'Linux' : platform;
}

function runnerArchName(arch: string): string {
  return ({ x64: 'X64', arm64: 'ARM64', arm: 'ARM', ia32: 'X86' } as Record<string, string>)[arch] ?? arch;
}

/** The web page of this workflow run on a runner, for links in reports and tags; null off a runner or without the ids. */
export function workflowRunUrlOf(context: RunContext): string | null {
  const { repository, runId, serverUrl, onRunner } = context;
  return onRunner && repository && runId ? `${serverUrl.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}` : null;
}
