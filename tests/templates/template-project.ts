/**
 * The world the template tests run ml-pull-request.yml and ml-release.yml in: the example project as a git
 * repository with the templates under .github/workflows/ and a bare remote (the registry), the fake GitHub REST
 * server (pull requests, comments, workflow runs and their artifacts), and helpers that do what GitHub would
 * between two runs: open a pull request, record a finished run with the artifacts it uploaded, merge.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runWorkflow, type WorkflowRun } from '../../shared/src/local/workflow/executor';
import { GitRegistry } from '../../shared/src/registry/client';
import { createGitRunner } from '../../shared/src/registry/git';
import type { Registry } from '../../shared/src/registry/registry';
import { startGitHubServer, type GitHubServer, type WorkflowRunState } from '../harness/github-server';
import { REPO_ROOT } from '../harness/node';
import { writeZip } from '../harness/zip-writer';
import { GIT_ENV, scratchRepo, type Scratch } from '../local/scratch';

export const ACTIONS_ROOT = path.join(REPO_ROOT, 'actions');
export const TOKEN = 'ghs_template_tests';
export const MODEL = 'breast-cancer';
export const PR_WORKFLOW = 'ml-pull-request.yml';

export interface PullRequest {
  number: number;
  branch: string;
  headSha: string;
}

export interface TemplateProject {
  scratch: Scratch;
  server: GitHubServer;
  /** owner/name of the workspace, as the local runner names it (local/<folder>). */
  repo: string;
  log: string[];
  /** Opens (or pushes to) pull request `number` from `branch`: `edit` changes the files, then a commit. */
  push(number: number, branch: string, message: string, edit: (dir: string) => void): PullRequest;
  /** Runs ml-pull-request.yml on the pull request's head, as GitHub would on its pull_request event. */
  runPullRequest(pull: PullRequest): Promise<WorkflowRun>;
  /** Records a finished run on the fake server, with every artifact it uploaded zipped as GitHub serves them. */
  publish(run: WorkflowRun, pull: PullRequest): WorkflowRunState;
  /** Merges the pull request into main (a merge commit, pushed) and marks it merged on the fake server. */
  merge(pull: PullRequest): string;
  /** Runs ml-release.yml on the push of main's head. */
  runRelease(): Promise<WorkflowRun>;
  /** The registry as the bare remote's tags have it. */
  registry(): Promise<Registry>;
  close(): Promise<void>;
}

const git = createGitRunner();
const GIT_ONLY_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LANG: 'C' };

export interface TemplateProjectOptions {
  /** Changes a template's text before it is committed (a test's deliberately broken copy). */
  alter?: (file: string, text: string) => string;
}

export async function templateProject(options: TemplateProjectOptions = {}): Promise<TemplateProject> {
  const scratch = await scratchRepo({ origin: true });
  const server = await startGitHubServer({ repos: [] });
  const repo = `local/${path.basename(scratch.dir)}`;
  server.state.addRepo(repo);
  server.state.repo(repo)?.workflows.add(PR_WORKFLOW);
  const log: string[] = [];

  // The templates where a user puts them, committed on main like the rest of the project.
  mkdirSync(path.join(scratch.dir, '.github', 'workflows'), { recursive: true });
  for (const file of [PR_WORKFLOW, 'ml-release.yml']) {
    const text = readFileSync(path.join(REPO_ROOT, 'workflows-templates', file), 'utf8');
    writeFileSync(path.join(scratch.dir, '.github', 'workflows', file), options.alter ? options.alter(file, text) : text);
  }
  scratch.git('add', '--all');
  scratch.git('commit', '--quiet', '-m', 'Add the ML workflows');
  scratch.git('push', '--quiet', 'origin', 'main');

  // Each run starts from a clean checkout, as on a runner: what an earlier run generated (model/, run.json, shards/)
  // goes; .mlops/ (the cache and the local runs, excluded from git) stays, as the runner's caches would.
  const fresh = (): void => void scratch.git('clean', '-fdq');
  const run = (workflow: string, event: string, payload?: (p: Record<string, unknown>) => Record<string, unknown>): Promise<WorkflowRun> =>
    runWorkflow({
      workflow: path.join(scratch.dir, '.github', 'workflows', workflow),
      workspace: scratch.dir,
      actionsRoot: ACTIONS_ROOT,
      event,
      token: TOKEN,
      apiUrl: server.apiUrl,
      ...(payload ? { payload } : {}),
      onLog: (line) => log.push(line),
    });

  return {
    scratch,
    server,
    repo,
    log,
    push(number, branch, message, edit) {
      fresh();
      const branches = scratch.git('branch', '--list', branch);
      scratch.git('checkout', '--quiet', ...(branches === '' ? ['-b', branch, 'main'] : [branch]));
      edit(scratch.dir);
      // Only the edited (tracked) files: what a run generated is not part of the pull request.
      scratch.git('commit', '--quiet', '--all', '-m', message);
      const headSha = scratch.git('rev-parse', 'HEAD');
      const repoJson = server.state.repo(repo)?.json ?? {};
      const existing = server.state.repo(repo)?.pulls.get(number);
      const head = { label: `local:${branch}`, ref: branch, sha: headSha, repo: repoJson };
      if (existing) existing['head'] = head;
      else server.state.addPullRequest(repo, number, { title: message, head, base: { label: 'local:main', ref: 'main', sha: scratch.git('rev-parse', 'main'), repo: repoJson } });
      return { number, branch, headSha };
    },
    runPullRequest(pull) {
      fresh();
      if (scratch.git('rev-parse', 'HEAD') !== pull.headSha) scratch.git('checkout', '--quiet', pull.branch);
      // The local event is pull request #1 of the checked-out branch; the number is the seeded one.
      return run(PR_WORKFLOW, 'pull_request', (payload) => ({ ...payload, number: pull.number, pull_request: { ...(payload['pull_request'] as object), number: pull.number } }));
    },
    publish(workflowRun, pull) {
      const recorded = server.state.addWorkflowRun(repo, {
        workflow: PR_WORKFLOW,
        name: 'ML pull request',
        head_sha: pull.headSha,
        head_branch: pull.branch,
        event: 'pull_request',
        conclusion: workflowRun.conclusion,
      });
      for (const name of readdirSync(workflowRun.artifactsDir).sort()) {
        recorded.json['pull_requests'] = [{ number: pull.number }];
        server.state.addRunArtifact(repo, recorded, name, writeZip(filesOf(path.join(workflowRun.artifactsDir, name))));
      }
      return recorded;
    },
    merge(pull) {
      fresh();
      scratch.git('checkout', '--quiet', 'main');
      scratch.git('merge', '--quiet', '--no-ff', '-m', `Merge pull request #${pull.number} from ${pull.branch}`, pull.branch);
      scratch.git('push', '--quiet', 'origin', 'main');
      const sha = scratch.git('rev-parse', 'HEAD');
      server.state.mergePullRequest(repo, pull.number, sha);
      return sha;
    },
    runRelease() {
      fresh();
      if (scratch.git('rev-parse', '--abbrev-ref', 'HEAD') !== 'main') scratch.git('checkout', '--quiet', 'main');
      return run('ml-release.yml', 'push');
    },
    registry() {
      return new GitRegistry({ git, cwd: scratch.dir, env: GIT_ONLY_ENV }).read();
    },
    async close() {
      await server.close();
      await scratch.close();
    },
  };
}

/** Every file under `dir`, by its path relative to it (with `/`), in a stable order. */
export function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const full = path.join(folder, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

/** Replaces `pattern` in a file of the project (the test's edit of a pull request); fails when nothing matched. */
export function edit(dir: string, file: string, pattern: RegExp, replacement: string): void {
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = before.replace(pattern, replacement);
  if (after === before) throw new Error(`edit: ${pattern} matched nothing in ${file}`);
  writeFileSync(target, after);
}

/** The bare remote's tags, by name (what the registry is made of). */
export function remoteTags(scratch: Scratch): string[] {
  const remote = scratch.git('remote', 'get-url', 'origin');
  return execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/tags'], { cwd: remote, env: GIT_ENV, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
}
