/**
 * The in-memory data of the fake GitHub REST server: repositories, pull requests, issue comments, releases
 * and their assets, Actions workflow runs and their artifacts, and tokens. Objects are stored in the JSON shape the REST API returns, so the server
 * answers with them as they are and tests can inspect or seed them directly.
 */
import { loadEvent } from './events';

/** The identity behind the runner's GITHUB_TOKEN: comments it posts show this user. */
export const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282, node_id: 'MDM6Qm90NDE4OTgyODI=', type: 'Bot' } as const;

export interface TokenInfo {
  login: string;
  id: number;
  type: 'User' | 'Bot';
  /** A token without write permission: writes answer 403 "Resource not accessible by integration". */
  readOnly: boolean;
  /** A revoked or made-up token: everything answers 401 "Bad credentials". */
  revoked: boolean;
}

export type Json = Record<string, unknown>;

export interface ReleaseAsset {
  json: Json;
  data: Buffer;
}

export interface Release {
  json: Json;
  assets: ReleaseAsset[];
}

/** An artifact of a workflow run: its REST shape and the zip GitHub serves for it. */
export interface RunArtifact {
  json: Json;
  zip: Buffer;
}

/** A workflow run (GitHub Actions) and the artifacts it uploaded. */
export interface WorkflowRunState {
  json: Json;
  /** The workflow's file name, e.g. `ml-pull-request.yml`: `/actions/workflows/{file}/runs` lists by it. */
  workflowFile: string;
  artifacts: RunArtifact[];
}

export interface WorkflowRunFields {
  /** The workflow file (`ml-pull-request.yml`), as under .github/workflows/. */
  workflow: string;
  head_sha: string;
  event: string;
  head_branch?: string;
  /** Default `completed`. */
  status?: string;
  /** Default `success` when completed, else null. */
  conclusion?: string | null;
  /** owner/name of the head repository; a fork's run names the fork. Default: the repository itself. */
  head_repository?: string;
  /** The workflow's `name:`; default the file name. */
  name?: string;
}

export interface RepoState {
  json: Json;
  pulls: Map<number, Json>;
  /** Issue numbers that exist (pull requests are issues too). */
  issues: Set<number>;
  comments: Json[];
  releases: Release[];
  /** Workflow runs, oldest first (the API lists them newest first). */
  runs: WorkflowRunState[];
  /** Workflow files that exist (under .github/workflows/); a run adds its own. Listing another's runs is a 404. */
  workflows: Set<string>;
}

/** Timestamps advance one second per object from a fixed start, so answers are reproducible. */
const EPOCH_MS = Date.parse('2024-05-01T12:00:00Z');

export class GitHubState {
  readonly repos = new Map<string, RepoState>();
  readonly tokens = new Map<string, TokenInfo>();
  private lastId = 1_000_000;

  constructor(readonly origin: string) {}

  nextId(): number {
    return ++this.lastId;
  }

  timestamp(id: number): string {
    return new Date(EPOCH_MS + (id - 1_000_000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Tokens not registered are accepted as the Actions bot with write access, like a default GITHUB_TOKEN. */
  registerToken(token: string, info: Partial<TokenInfo> = {}): TokenInfo {
    const registered: TokenInfo = { login: info.login ?? ACTIONS_BOT.login, id: info.id ?? ACTIONS_BOT.id, type: info.type ?? 'Bot', readOnly: info.readOnly ?? false, revoked: info.revoked ?? false };
    this.tokens.set(token, registered);
    return registered;
  }

  tokenInfo(token: string): TokenInfo {
    return this.tokens.get(token) ?? { login: ACTIONS_BOT.login, id: ACTIONS_BOT.id, type: 'Bot', readOnly: false, revoked: false };
  }

  userJson(login: string, id: number, type: string): Json {
    return {
      login,
      id,
      node_id: login === ACTIONS_BOT.login ? ACTIONS_BOT.node_id : Buffer.from(`04:User${id}`).toString('base64'),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      url: `${this.origin}/users/${encodeURIComponent(login)}`,
      html_url: `${this.origin}/${login.replace('[bot]', '')}`,
      type,
      site_admin: false,
    };
  }

  /** Repository names are case-insensitive on GitHub. */
  repo(fullName: string): RepoState | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  addRepo(fullName: string, overrides: Json = {}): RepoState {
    const [owner = '', name = ''] = fullName.split('/');
    const id = this.nextId();
    const url = `${this.origin}/repos/${fullName}`;
    const json: Json = {
      id,
      node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
      name,
      full_name: fullName,
      private: false,
      owner: this.userJson(owner, id + 500_000, 'Organization'),
      html_url: `${this.origin}/${fullName}`,
      description: null,
      fork: false,
      url,
      releases_url: `${url}/releases{/id}`,
      issue_comment_url: `${url}/issues/comments{/number}`,
      pulls_url: `${url}/pulls{/number}`,
      clone_url: `${this.origin}/${fullName}.git`,
      created_at: this.timestamp(id),
      updated_at: this.timestamp(id),
      pushed_at: this.timestamp(id),
      default_branch: 'main',
      visibility: 'public',
      archived: false,
      disabled: false,
      ...overrides,
    };
    const state: RepoState = { json, pulls: new Map(), issues: new Set(), comments: [], releases: [], runs: [], workflows: new Set() };
    this.repos.set(fullName.toLowerCase(), state);
    return state;
  }

  private requireRepo(fullName: string): RepoState {
    const repo = this.repo(fullName);
    if (!repo) throw new Error(`fake GitHub: no repository ${fullName}; add it with state.addRepo()`);
    return repo;
  }

  /** A pull request in the REST shape, built from the real webhook example and then `overrides`. */
  addPullRequest(fullName: string, number: number, overrides: Json = {}): Json {
    const repo = this.requireRepo(fullName);
    const example = loadEvent('pull_request.opened').payload['pull_request'] as Json;
    const url = `${this.origin}/repos/${fullName}/pulls/${number}`;
    const json: Json = {
      ...example,
      id: this.nextId(),
      number,
      url,
      html_url: `${this.origin}/${fullName}/pull/${number}`,
      issue_url: `${this.origin}/repos/${fullName}/issues/${number}`,
      comments_url: `${this.origin}/repos/${fullName}/issues/${number}/comments`,
      head: { ...(example['head'] as Json), repo: repo.json },
      base: { ...(example['base'] as Json), ref: repo.json['default_branch'], repo: repo.json },
      ...overrides,
    };
    repo.pulls.set(number, json);
    repo.issues.add(number);
    return json;
  }

  addComment(fullName: string, issueNumber: number, body: string, user: { login: string; id: number; type: string } = ACTIONS_BOT): Json {
    const repo = this.requireRepo(fullName);
    if (!repo.issues.has(issueNumber)) throw new Error(`fake GitHub: ${fullName} has no issue #${issueNumber}`);
    const id = this.nextId();
    const json: Json = {
      url: `${this.origin}/repos/${fullName}/issues/comments/${id}`,
      html_url: `${this.origin}/${fullName}/pull/${issueNumber}#issuecomment-${id}`,
      issue_url: `${this.origin}/repos/${fullName}/issues/${issueNumber}`,
      id,
      node_id: Buffer.from(`012:IssueComment${id}`).toString('base64'),
      user: this.userJson(user.login, user.id, user.type),
      created_at: this.timestamp(id),
      updated_at: this.timestamp(id),
      author_association: user.type === 'Bot' ? 'NONE' : 'MEMBER',
      body,
      reactions: { url: `${this.origin}/repos/${fullName}/issues/comments/${id}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
      performed_via_github_app: null,
    };
    repo.comments.push(json);
    return json;
  }

  /** The comments of one issue or pull request, oldest first, as the API lists them. */
  comments(fullName: string, issueNumber: number): Json[] {
    const issueUrl = `${this.origin}/repos/${fullName}/issues/${issueNumber}`;
    return (this.repo(fullName)?.comments ?? []).filter((c) => c['issue_url'] === issueUrl);
  }

  addRelease(fullName: string, fields: { tag_name: string } & Json, author: TokenInfo = this.tokenInfo('')): Release {
    const repo = this.requireRepo(fullName);
    const id = this.nextId();
    const url = `${this.origin}/repos/${fullName}/releases/${id}`;
    const draft = fields['draft'] === true;
    const json: Json = {
      url,
      assets_url: `${url}/assets`,
      // Uploads go to this server too (uploads.github.com on github.com), with the RFC 6570 query template.
      upload_url: `${url}/assets{?name,label}`,
      html_url: `${this.origin}/${fullName}/releases/tag/${encodeURIComponent(fields.tag_name)}`,
      id,
      author: this.userJson(author.login, author.id, author.type),
      node_id: Buffer.from(`07:Release${id}`).toString('base64'),
      tag_name: fields.tag_name,
      target_commitish: fields['target_commitish'] ?? repo.json['default_branch'],
      name: fields['name'] ?? null,
      draft,
      prerelease: fields['prerelease'] === true,
      created_at: this.timestamp(id),
      published_at: draft ? null : this.timestamp(id),
      assets: [],
      tarball_url: `${this.origin}/repos/${fullName}/tarball/${fields.tag_name}`,
      zipball_url: `${this.origin}/repos/${fullName}/zipball/${fields.tag_name}`,
      body: fields['body'] ?? null,
    };
    const release: Release = { json, assets: [] };
    repo.releases.push(release);
    return release;
  }

  addAsset(fullName: string, release: Release, name: string, data: Buffer, contentType: string, label = '', uploader: TokenInfo = this.tokenInfo('')): ReleaseAsset {
    const id = this.nextId();
    const json: Json = {
      url: `${this.origin}/repos/${fullName}/releases/assets/${id}`,
      id,
      node_id: Buffer.from(`012:ReleaseAsset${id}`).toString('base64'),
      name,
      label,
      uploader: this.userJson(uploader.login, uploader.id, uploader.type),
      content_type: contentType,
      state: 'uploaded',
      size: data.length,
      download_count: 0,
      created_at: this.timestamp(id),
      updated_at: this.timestamp(id),
      browser_download_url: `${this.origin}/${fullName}/releases/download/${encodeURIComponent(String(release.json['tag_name']))}/${encodeURIComponent(name)}`,
    };
    const asset: ReleaseAsset = { json, data };
    release.assets.push(asset);
    release.json['assets'] = release.assets.map((a) => a.json);
    return asset;
  }

  releases(fullName: string): Release[] {
    return this.repo(fullName)?.releases ?? [];
  }

  findAsset(fullName: string, assetId: number): { release: Release; asset: ReleaseAsset } | undefined {
    for (const release of this.releases(fullName)) {
      const asset = release.assets.find((a) => a.json['id'] === assetId);
      if (asset) return { release, asset };
    }
    return undefined;
  }

  /** Marks a pull request merged as `mergeCommitSha`, as GitHub does on a merge: closed, merged_at, merge_commit_sha. */
  mergePullRequest(fullName: string, number: number, mergeCommitSha: string): Json {
    const pull = this.requireRepo(fullName).pulls.get(number);
    if (!pull) throw new Error(`fake GitHub: ${fullName} has no pull request #${number}`);
    const at = this.timestamp(this.nextId());
    Object.assign(pull, { state: 'closed', merged: true, merged_at: at, closed_at: at, merge_commit_sha: mergeCommitSha });
    return pull;
  }

  /**
   * The pull requests a commit belongs to, as `GET /commits/{sha}/pulls` answers: those whose head is the commit
   * and those merged as it.
   */
  pullsOfCommit(fullName: string, sha: string): Json[] {
    const pulls = [...(this.repo(fullName)?.pulls.values() ?? [])];
    return pulls.filter((pull) => pull['merge_commit_sha'] === sha || (pull['head'] as Json | undefined)?.['sha'] === sha);
  }

  /** A workflow run in the REST shape (the fields the templates read, and the usual others). */
  addWorkflowRun(fullName: string, fields: WorkflowRunFields): WorkflowRunState {
    const repo = this.requireRepo(fullName);
    const id = this.nextId();
    const url = `${this.origin}/repos/${fullName}/actions/runs/${id}`;
    const status = fields.status ?? 'completed';
    const headRepository = fields.head_repository ?? fullName;
    const headRepo = this.repo(headRepository)?.json ?? { full_name: headRepository, name: headRepository.split('/')[1] ?? '', fork: headRepository.toLowerCase() !== fullName.toLowerCase() };
    const json: Json = {
      id,
      name: fields.name ?? fields.workflow,
      node_id: Buffer.from(`011:WorkflowRun${id}`).toString('base64'),
      head_branch: fields.head_branch ?? null,
      head_sha: fields.head_sha,
      path: `.github/workflows/${fields.workflow}`,
      run_number: repo.runs.length + 1,
      event: fields.event,
      status,
      conclusion: fields.conclusion !== undefined ? fields.conclusion : status === 'completed' ? 'success' : null,
      workflow_id: 161335,
      url,
      html_url: `${this.origin}/${fullName}/actions/runs/${id}`,
      pull_requests: [],
      created_at: this.timestamp(id),
      updated_at: this.timestamp(id),
      run_attempt: 1,
      run_started_at: this.timestamp(id),
      artifacts_url: `${url}/artifacts`,
      head_repository: headRepo,
      repository: repo.json,
    };
    const run: WorkflowRunState = { json, workflowFile: fields.workflow, artifacts: [] };
    repo.runs.push(run);
    repo.workflows.add(fields.workflow);
    return run;
  }

  /** An artifact of `run`: the zip's bytes as upload-artifact made them. */
  addRunArtifact(fullName: string, run: WorkflowRunState, name: string, zip: Buffer, options: { expired?: boolean } = {}): RunArtifact {
    const id = this.nextId();
    const url = `${this.origin}/repos/${fullName}/actions/artifacts/${id}`;
    const json: Json = {
      id,
      node_id: Buffer.from(`08:Artifact${id}`).toString('base64'),
      name,
      size_in_bytes: zip.length,
      url,
      archive_download_url: `${url}/zip`,
      expired: options.expired ?? false,
      created_at: this.timestamp(id),
      updated_at: this.timestamp(id),
      expires_at: options.expired ? this.timestamp(id) : new Date(Date.parse(this.timestamp(id)) + 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      workflow_run: { id: run.json['id'], head_branch: run.json['head_branch'], head_sha: run.json['head_sha'] },
    };
    const artifact: RunArtifact = { json, zip };
    run.artifacts.push(artifact);
    return artifact;
  }

  findRun(fullName: string, runId: number): WorkflowRunState | undefined {
    return this.repo(fullName)?.runs.find((run) => run.json['id'] === runId);
  }

  findRunArtifact(fullName: string, artifactId: number): RunArtifact | undefined {
    for (const run of this.repo(fullName)?.runs ?? []) {
      const artifact = run.artifacts.find((a) => a.json['id'] === artifactId);
      if (artifact) return artifact;
    }
    return undefined;
  }
}
