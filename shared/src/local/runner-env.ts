/**
 * The GITHUB_* and RUNNER_* variables a runner gives a step, from one description of the run. The test harness
 * (a webhook example, "on a runner") and the local runner (the workspace's git repository, "off a runner")
 * describe their runs differently but get the same set of variables.
 */

export interface RunDescription {
  eventName: string;
  sha: string;
  ref: string;
  /** Pull requests only: the head and base branch names. */
  headRef?: string | undefined;
  baseRef?: string | undefined;
  /** owner/name. */
  repository: string;
  actor: string;
  workspace: string;
  runnerTemp: string;
  toolCache: string;
  workflow: string;
  job: string;
  /** GITHUB_ACTION: the step's id, or the action's name for a lone step. */
  action: string;
  runId: string;
  runNumber: string;
  apiUrl: string;
  serverUrl: string;
  /**
   * True sets GITHUB_ACTIONS and CI, so the actions behave as on GitHub (the runner's services, the release
   * store). The local runner leaves them out: off a runner the actions pick their local defaults themselves.
   */
  onRunner: boolean;
}

export function runnerVariables(run: RunDescription): Record<string, string> {
  const refName = run.ref.startsWith('refs/pull/') ? run.ref.slice('refs/pull/'.length) : run.ref.replace(/^refs\/(heads|tags)\//, '');
  return {
    ...(run.onRunner ? { CI: 'true', GITHUB_ACTIONS: 'true' } : {}),
    GITHUB_ACTION: run.action,
    GITHUB_ACTOR: run.actor,
    GITHUB_API_URL: run.apiUrl,
    GITHUB_BASE_REF: run.baseRef ?? '',
    GITHUB_EVENT_NAME: run.eventName,
    GITHUB_GRAPHQL_URL: `${run.apiUrl.replace(/\/+$/, '')}/graphql`,
    GITHUB_HEAD_REF: run.headRef ?? '',
    GITHUB_JOB: run.job,
    GITHUB_REF: run.ref,
    GITHUB_REF_NAME: refName,
    GITHUB_REF_TYPE: run.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_REPOSITORY: run.repository,
    GITHUB_REPOSITORY_OWNER: run.repository.split('/')[0] ?? '',
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_ID: run.runId,
    GITHUB_RUN_NUMBER: run.runNumber,
    GITHUB_SERVER_URL: run.serverUrl,
    GITHUB_SHA: run.sha,
    GITHUB_WORKFLOW: run.workflow,
    GITHUB_WORKSPACE: run.workspace,
    RUNNER_ARCH: ({ x64: 'X64', arm64: 'ARM64', arm: 'ARM', ia32: 'X86' } as Record<string, string>)[process.arch] ?? process.arch,
    RUNNER_NAME: run.onRunner ? 'GitHub Actions 2' : 'mlops-actions local',
    RUNNER_OS: process.platform === 'darwin' ? 'macOS' : process.platform === 'win32' ? 'Windows' : 'Linux',
    RUNNER_TEMP: run.runnerTemp,
    RUNNER_TOOL_CACHE: run.toolCache,
  };
}

/** Only what a runner's process would have from its machine: the caller's own variables stay out. */
export function machineEnv(keys: readonly string[] = ['PATH', 'HOME', 'LANG', 'TMPDIR']): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of keys) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  return base;
}

/**
 * The user's environment for a local run, minus what would make a step think it is somewhere else: the
 * runner's own variables (a terminal inside a CI job, a stray INPUT_ from a shell session) and the Actions
 * service tokens that would switch the cache and artifacts to a service that is not there.
 */
export function userEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|STATE_)/.test(key) || key === 'CI') continue;
    env[key] = value;
  }
  return env;
}
