/**
 * A fake GitHub REST API on 127.0.0.1 for the endpoints the actions and the workflow templates use, answering with GitHub's response
 * shapes, status codes, error bodies, pagination `Link` headers and rate-limit headers. Point an action at it
 * with GITHUB_API_URL=<apiUrl>. Every request is recorded in `calls`; `failNext` injects faults.
 */
import { matchTemplate, startReplyingServer, type RecordedRequest, type Reply as AnyReply } from './http-util';
import { GitHubState, type Json, type Release, type RepoState, type TokenInfo, type WorkflowRunState } from './github-state';

export { ACTIONS_BOT, GitHubState } from './github-state';
export type { Json, Release, ReleaseAsset, RepoState, RunArtifact, TokenInfo, WorkflowRunFields, WorkflowRunState } from './github-state';

export interface GitHubServerOptions {
  /** Repositories that exist; default octo-org/octo-repo (runAction's default) and Codertocat/Hello-World (the webhook examples'). */
  repos?: string[];
}

/** `'METHOD /template/{param}'`, `'/template'` (any method), or a predicate on the request. */
export type RouteMatcher = string | ((request: RecordedRequest) => boolean);

export interface GitHubServer {
  /** The server root, standing for https://github.com (html_url, browser_download_url). */
  url: string;
  /** The value for GITHUB_API_URL. */
  apiUrl: string;
  calls: RecordedRequest[];
  state: GitHubState;
  /** Answers the next `count` requests that match with `status` (and `headers`) instead of serving them. */
  failNext(route: RouteMatcher, status: number, count?: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body['message']));
  }
}

/** GitHub answers JSON objects and lists, or bytes for asset downloads. */
interface Reply extends AnyReply {
  body?: Json | Json[] | Buffer;
}

interface Context {
  request: RecordedRequest;
  params: Record<string, string>;
  token: TokenInfo | undefined;
  state: GitHubState;
}

interface Route {
  method: string;
  template: string;
  /** The docs page GitHub names in its error bodies for this endpoint. */
  docs: string;
  handle(context: Context): Reply;
}

const DOCS = 'https://docs.github.com/rest';

function errorBody(status: number, message: string, docs = DOCS, extra: Json = {}): Json {
  return { message, ...extra, documentation_url: docs, status: String(status) };
}

const notFound = (docs?: string): HttpError => new HttpError(404, errorBody(404, 'Not Found', docs));

function validationFailed(docs: string, resource: string, code: string, field: string): HttpError {
  return new HttpError(422, errorBody(422, 'Validation Failed', docs, { errors: [{ resource, code, field }] }));
}

function repoOf(context: Context, docs: string): RepoState {
  const repo = context.state.repo(`${context.params['owner']}/${context.params['repo']}`);
  if (!repo) throw notFound(docs);
  return repo;
}

function fullNameOf(repo: RepoState): string {
  return String(repo.json['full_name']);
}

function numberParam(context: Context, name: string, docs: string): number {
  const value = Number(context.params[name]);
  if (!Number.isInteger(value) || value <= 0) throw notFound(docs);
  return value;
}

function jsonBody(context: Context, docs: string): Json {
  const body = context.request.body;
  if (context.request.rawBody.length === 0) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, errorBody(400, 'Problems parsing JSON', docs));
  return body as Json;
}

/**
 * One page of `items` and GitHub's Link header: `per_page` (default 30, at most 100) and `page` (from 1);
 * links keep the request's other query parameters, in GitHub's order prev, next, last, first.
 */
function paginate(context: Context, origin: string, items: Json[]): Reply {
  const perPage = Math.min(100, Math.max(1, Number(context.request.query['per_page']) || 30));
  const page = Math.max(1, Number(context.request.query['page']) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string): string => {
    const url = new URL(context.request.path, origin);
    for (const [key, value] of Object.entries(context.request.query)) url.searchParams.set(key, value);
    url.searchParams.set('page', String(target));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

function findRelease(repo: RepoState, context: Context, docs: string): Release {
  const id = numberParam(context, 'release_id', docs);
  const release = repo.releases.find((r) => r.json['id'] === id);
  if (!release) throw notFound(docs);
  return release;
}

function findComment(repo: RepoState, context: Context, docs: string): Json {
  const id = numberParam(context, 'comment_id', docs);
  const comment = repo.comments.find((c) => c['id'] === id);
  if (!comment) throw notFound(docs);
  return comment;
}

function requireString(body: Json, field: string, docs: string, resource: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw validationFailed(docs, resource, 'missing_field', field);
  return value;
}

/** A page of `items` wrapped as the Actions endpoints answer: `{total_count, <key>: [...]}`, with the Link header. */
function paginateWrapped(context: Context, origin: string, key: string, items: Json[]): Reply {
  const page = paginate(context, origin, items);
  return { ...page, body: { total_count: items.length, [key]: page.body as Json[] } };
}

/** The `status` filter of the runs lists takes a status or a conclusion. */
const CONCLUSIONS = new Set(['action_required', 'cancelled', 'failure', 'neutral', 'skipped', 'stale', 'success', 'timed_out', 'startup_failure']);

/** Newest first, filtered by the query parameters GitHub filters the runs lists on. */
function filterRuns(context: Context, runs: WorkflowRunState[]): Json[] {
  const q = context.request.query;
  return [...runs]
    .reverse()
    .map((run) => run.json)
    .filter((run) => {
      if (q['head_sha'] !== undefined && run['head_sha'] !== q['head_sha']) return false;
      if (q['event'] !== undefined && run['event'] !== q['event']) return false;
      if (q['branch'] !== undefined && run['head_branch'] !== q['branch']) return false;
      const status = q['status'];
      if (status !== undefined && (CONCLUSIONS.has(status) ? run['conclusion'] !== status : run['status'] !== status)) return false;
      return true;
    });
}

function buildRoutes(origin: string): Route[] {
  const comments = 'https://docs.github.com/rest/issues/comments';
  const releases = 'https://docs.github.com/rest/releases/releases';
  const assets = 'https://docs.github.com/rest/releases/assets';
  const runsDocs = 'https://docs.github.com/rest/actions/workflow-runs';
  const artifactsDocs = 'https://docs.github.com/rest/actions/artifacts';
  const findRunArtifact = (c: Context, docs: string) => {
    const artifact = c.state.findRunArtifact(fullNameOf(repoOf(c, docs)), numberParam(c, 'artifact_id', docs));
    if (!artifact) throw notFound(docs);
    return artifact;
  };
  return [
    {
      method: 'GET',
      template: '/user',
      docs: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
      handle: ({ token, state }) => {
        if (!token) throw new HttpError(401, errorBody(401, 'Requires authentication', 'https://docs.github.com/rest/users/users#get-the-authenticated-user'));
        return { status: 200, body: state.userJson(token.login, token.id, token.type) };
      },
    },
    { method: 'GET', template: '/repos/{owner}/{repo}', docs: 'https://docs.github.com/rest/repos/repos#get-a-repository', handle: (c) => ({ status: 200, body: repoOf(c, DOCS).json }) },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}',
      docs: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
      handle: (c) => {
        const docs = 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request';
        const pull = repoOf(c, docs).pulls.get(numberParam(c, 'pull_number', docs));
        if (!pull) throw notFound(docs);
        return { status: 200, body: pull };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      docs: `${comments}#list-issue-comments`,
      handle: (c) => {
        const repo = repoOf(c, `${comments}#list-issue-comments`);
        const issue = numberParam(c, 'issue_number', `${comments}#list-issue-comments`);
        if (!repo.issues.has(issue)) throw notFound(`${comments}#list-issue-comments`);
        return paginate(c, origin, c.state.comments(fullNameOf(repo), issue));
      },
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      docs: `${comments}#create-an-issue-comment`,
      handle: (c) => {
        const docs = `${comments}#create-an-issue-comment`;
        const repo = repoOf(c, docs);
        const issue = numberParam(c, 'issue_number', docs);
        if (!repo.issues.has(issue)) throw notFound(docs);
        const body = requireString(jsonBody(c, docs), 'body', docs, 'IssueComment');
        const comment = c.state.addComment(fullNameOf(repo), issue, body, c.token);
        return { status: 201, body: comment, headers: { location: String(comment['url']) } };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      docs: `${comments}#get-an-issue-comment`,
      handle: (c) => ({ status: 200, body: findComment(repoOf(c, `${comments}#get-an-issue-comment`), c, `${comments}#get-an-issue-comment`) }),
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      docs: `${comments}#update-an-issue-comment`,
      handle: (c) => {
        const docs = `${comments}#update-an-issue-comment`;
        const comment = findComment(repoOf(c, docs), c, docs);
        comment['body'] = requireString(jsonBody(c, docs), 'body', docs, 'IssueComment');
        comment['updated_at'] = c.state.timestamp(c.state.nextId());
        return { status: 200, body: comment };
      },
    },
    {
      method: 'DELETE',
      template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      docs: `${comments}#delete-an-issue-comment`,
      handle: (c) => {
        const docs = `${comments}#delete-an-issue-comment`;
        const repo = repoOf(c, docs);
        const comment = findComment(repo, c, docs);
        repo.comments.splice(repo.comments.indexOf(comment), 1);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/releases',
      docs: `${releases}#list-releases`,
      // Newest first, as GitHub lists them.
      handle: (c) => paginate(c, origin, [...repoOf(c, `${releases}#list-releases`).releases].reverse().map((r) => r.json)),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/releases',
      docs: `${releases}#create-a-release`,
      handle: (c) => {
        const docs = `${releases}#create-a-release`;
        const repo = repoOf(c, docs);
        const body = jsonBody(c, docs);
        const tag = requireString(body, 'tag_name', docs, 'Release');
        if (repo.releases.some((r) => r.json['tag_name'] === tag)) throw validationFailed(docs, 'Release', 'already_exists', 'tag_name');
        const release = c.state.addRelease(fullNameOf(repo), { ...body, tag_name: tag }, c.token);
        return { status: 201, body: release.json, headers: { location: String(release.json['url']) } };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/releases/latest',
      docs: `${releases}#get-the-latest-release`,
      handle: (c) => {
        const docs = `${releases}#get-the-latest-release`;
        const published = repoOf(c, docs).releases.filter((r) => !r.json['draft'] && !r.json['prerelease']);
        const latest = published.at(-1);
        if (!latest) throw notFound(docs);
        return { status: 200, body: latest.json };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/releases/tags/{tag}',
      docs: `${releases}#get-a-release-by-tag-name`,
      handle: (c) => {
        const docs = `${releases}#get-a-release-by-tag-name`;
        // Drafts have no tag yet: GitHub does not find them by tag name.
        const release = repoOf(c, docs).releases.find((r) => r.json['tag_name'] === c.params['tag'] && !r.json['draft']);
        if (!release) throw notFound(docs);
        return { status: 200, body: release.json };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/releases/assets/{asset_id}',
      docs: `${assets}#get-a-release-asset`,
      handle: (c) => {
        const docs = `${assets}#get-a-release-asset`;
        const found = c.state.findAsset(fullNameOf(repoOf(c, docs)), numberParam(c, 'asset_id', docs));
        if (!found) throw notFound(docs);
        // With Accept: application/octet-stream GitHub redirects to its storage, which needs no token.
        if (/application\/octet-stream/.test(String(c.request.headers['accept'] ?? ''))) {
          found.asset.json['download_count'] = Number(found.asset.json['download_count']) + 1;
          return { status: 302, headers: { location: `${origin}/_storage/release-assets/${found.asset.json['id']}` } };
        }
        return { status: 200, body: found.asset.json };
      },
    },
    {
      method: 'DELETE',
      template: '/repos/{owner}/{repo}/releases/assets/{asset_id}',
      docs: `${assets}#delete-a-release-asset`,
      handle: (c) => {
        const docs = `${assets}#delete-a-release-asset`;
        const found = c.state.findAsset(fullNameOf(repoOf(c, docs)), numberParam(c, 'asset_id', docs));
        if (!found) throw notFound(docs);
        found.release.assets.splice(found.release.assets.indexOf(found.asset), 1);
        found.release.json['assets'] = found.release.assets.map((a) => a.json);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/releases/{release_id}',
      docs: `${releases}#get-a-release`,
      handle: (c) => ({ status: 200, body: findRelease(repoOf(c, `${releases}#get-a-release`), c, `${releases}#get-a-release`).json }),
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/releases/{release_id}',
      docs: `${releases}#update-a-release`,
      handle: (c) => {
        const docs = `${releases}#update-a-release`;
        const repo = repoOf(c, docs);
        const release = findRelease(repo, c, docs);
        const body = jsonBody(c, docs);
        if (typeof body['tag_name'] === 'string' && repo.releases.some((r) => r !== release && r.json['tag_name'] === body['tag_name'])) {
          throw validationFailed(docs, 'Release', 'already_exists', 'tag_name');
        }
        for (const field of ['tag_name', 'target_commitish', 'name', 'body', 'draft', 'prerelease']) {
          if (field in body) release.json[field] = body[field];
        }
        if (release.json['draft'] === false && release.json['published_at'] === null) release.json['published_at'] = c.state.timestamp(c.state.nextId());
        return { status: 200, body: release.json };
      },
    },
    {
      method: 'DELETE',
      template: '/repos/{owner}/{repo}/releases/{release_id}',
      docs: `${releases}#delete-a-release`,
      handle: (c) => {
        const docs = `${releases}#delete-a-release`;
        const repo = repoOf(c, docs);
        repo.releases.splice(repo.releases.indexOf(findRelease(repo, c, docs)), 1);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/releases/{release_id}/assets',
      docs: `${assets}#list-release-assets`,
      handle: (c) => paginate(c, origin, findRelease(repoOf(c, `${assets}#list-release-assets`), c, `${assets}#list-release-assets`).assets.map((a) => a.json)),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/releases/{release_id}/assets',
      docs: `${assets}#upload-a-release-asset`,
      handle: (c) => {
        const docs = `${assets}#upload-a-release-asset`;
        const repo = repoOf(c, docs);
        const release = findRelease(repo, c, docs);
        const name = c.request.query['name'];
        if (!name) throw validationFailed(docs, 'ReleaseAsset', 'missing_field', 'name');
        if (release.assets.some((a) => a.json['name'] === name)) throw validationFailed(docs, 'ReleaseAsset', 'already_exists', 'name');
        const contentType = String(c.request.headers['content-type'] ?? 'application/octet-stream');
        const asset = c.state.addAsset(fullNameOf(repo), release, name, c.request.rawBody, contentType, c.request.query['label'] ?? '', c.token);
        return { status: 201, body: asset.json };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
      docs: 'https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit',
      handle: (c) => {
        const repo = repoOf(c, 'https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit');
        return paginate(c, origin, c.state.pullsOfCommit(fullNameOf(repo), String(c.params['commit_sha'])));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/actions/runs',
      docs: `${runsDocs}#list-workflow-runs-for-a-repository`,
      handle: (c) => paginateWrapped(c, origin, 'workflow_runs', filterRuns(c, repoOf(c, `${runsDocs}#list-workflow-runs-for-a-repository`).runs)),
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      docs: `${runsDocs}#list-workflow-runs-for-a-workflow`,
      handle: (c) => {
        const docs = `${runsDocs}#list-workflow-runs-for-a-workflow`;
        const repo = repoOf(c, docs);
        // The workflow is named by its file name (or its id); a file the repository does not have is not found.
        const workflow = String(c.params['workflow_id']);
        const runs = repo.runs.filter((run) => run.workflowFile === workflow || String(run.json['workflow_id']) === workflow);
        if (runs.length === 0 && !repo.workflows.has(workflow)) throw notFound(docs);
        return paginateWrapped(c, origin, 'workflow_runs', filterRuns(c, runs));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/actions/runs/{run_id}',
      docs: `${runsDocs}#get-a-workflow-run`,
      handle: (c) => {
        const docs = `${runsDocs}#get-a-workflow-run`;
        const run = c.state.findRun(fullNameOf(repoOf(c, docs)), numberParam(c, 'run_id', docs));
        if (!run) throw notFound(docs);
        return { status: 200, body: run.json };
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
      docs: `${artifactsDocs}#list-workflow-run-artifacts`,
      handle: (c) => {
        const docs = `${artifactsDocs}#list-workflow-run-artifacts`;
        const run = c.state.findRun(fullNameOf(repoOf(c, docs)), numberParam(c, 'run_id', docs));
        if (!run) throw notFound(docs);
        const name = c.request.query['name'];
        // Newest first; `name` filters exactly.
        const artifacts = [...run.artifacts].reverse().map((a) => a.json).filter((a) => name === undefined || a['name'] === name);
        return paginateWrapped(c, origin, 'artifacts', artifacts);
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}',
      docs: `${artifactsDocs}#get-an-artifact`,
      handle: (c) => ({ status: 200, body: findRunArtifact(c, `${artifactsDocs}#get-an-artifact`).json }),
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
      docs: `${artifactsDocs}#download-an-artifact`,
      handle: (c) => {
        const docs = `${artifactsDocs}#download-an-artifact`;
        // Downloading needs a token even for a public repository.
        if (!c.token) throw new HttpError(401, errorBody(401, 'You must have the actions scope to download artifacts.', docs));
        if (c.params['archive_format'] !== 'zip') throw notFound(docs);
        const artifact = findRunArtifact(c, docs);
        if (artifact.json['expired'] === true) throw new HttpError(410, errorBody(410, 'Artifact has expired', docs));
        // GitHub redirects to its blob storage with a short-lived signed URL, which needs no token.
        return { status: 302, headers: { location: `${origin}/_storage/artifacts/${artifact.json['id']}?sig=fake` } };
      },
    },
    {
      method: 'GET',
      template: '/_storage/artifacts/{artifact_id}',
      docs: DOCS,
      handle: (c) => {
        const id = Number(c.params['artifact_id']);
        for (const repo of c.state.repos.values()) {
          const artifact = c.state.findRunArtifact(fullNameOf(repo), id);
          if (artifact) return { status: 200, body: artifact.zip, headers: { 'content-type': 'application/zip' } };
        }
        throw notFound();
      },
    },
    {
      // The browser download URL of an asset (github.com/<o>/<r>/releases/download/<tag>/<name>).
      method: 'GET',
      template: '/{owner}/{repo}/releases/download/{tag}/{name}',
      docs: DOCS,
      handle: (c) => {
        const repo = repoOf(c, DOCS);
        const release = repo.releases.find((r) => r.json['tag_name'] === c.params['tag'] && !r.json['draft']);
        const asset = release?.assets.find((a) => a.json['name'] === c.params['name']);
        if (!asset) throw notFound();
        return { status: 302, headers: { location: `${origin}/_storage/release-assets/${asset.json['id']}` } };
      },
    },
    {
      method: 'GET',
      template: '/_storage/release-assets/{asset_id}',
      docs: DOCS,
      handle: (c) => {
        const id = Number(c.params['asset_id']);
        for (const repo of c.state.repos.values()) {
          const found = c.state.findAsset(fullNameOf(repo), id);
          if (found) return { status: 200, body: found.asset.data, headers: { 'content-type': String(found.asset.json['content_type']) } };
        }
        throw notFound();
      },
    },
  ];
}

/** Routes that read without authentication, like public data on github.com; the storage URL is pre-signed. */
const PUBLIC_PATHS = /^\/(_storage\/|[^/]+\/[^/]+\/releases\/download\/)/;

function authenticate(request: RecordedRequest, state: GitHubState): TokenInfo | undefined {
  const header = request.headers['authorization'];
  if (header === undefined) return undefined;
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
  const token = match?.[1] ? state.tokenInfo(match[1]) : undefined;
  if (!token || token.revoked) throw new HttpError(401, errorBody(401, 'Bad credentials'));
  return token;
}

function faultBody(status: number, headers: Record<string, string>): Json {
  if (status === 429 || (status === 403 && headers['x-ratelimit-remaining'] === '0')) {
    return errorBody(status, 'API rate limit exceeded for installation ID 1234567.', 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting');
  }
  const messages: Record<number, string> = { 500: 'Server Error', 502: 'Server Error', 503: 'Service Unavailable', 504: 'We couldn\u2019t respond to your request in time.' };
  return errorBody(status, messages[status] ?? 'Injected failure');
}

function routeMatches(matcher: RouteMatcher, request: RecordedRequest): boolean {
  if (typeof matcher === 'function') return matcher(request);
  const [first = '', second] = matcher.trim().split(/\s+/);
  const method = second === undefined ? undefined : first.toUpperCase();
  const template = second ?? first;
  return (method === undefined || method === request.method) && matchTemplate(template, request.path) !== undefined;
}

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const calls: RecordedRequest[] = [];
  const faults: { matcher: RouteMatcher; status: number; remaining: number; headers: Record<string, string> }[] = [];
  // origin, state and routes are declared below, once the server listens; no request can come before that.
  let remainingQuota = 5000;

  const serve = (request: RecordedRequest): Reply => {
    const fault = faults.find((f) => f.remaining > 0 && routeMatches(f.matcher, request));
    if (fault) {
      fault.remaining--;
      return { status: fault.status, body: faultBody(fault.status, fault.headers), headers: fault.headers };
    }
    try {
      const token = PUBLIC_PATHS.test(request.path) ? undefined : authenticate(request, state);
      for (const route of routes) {
        if (route.method !== request.method) continue;
        const params = matchTemplate(route.template, request.path);
        if (!params) continue;
        if (request.method !== 'GET') {
          if (!token) throw new HttpError(401, errorBody(401, 'Requires authentication', route.docs));
          if (token.readOnly) throw new HttpError(403, errorBody(403, 'Resource not accessible by integration', route.docs));
        }
        return route.handle({ request, params, token, state });
      }
      throw notFound();
    } catch (error) {
      if (error instanceof HttpError) return { status: error.status, body: error.body, headers: error.headers };
      return { status: 500, body: errorBody(500, `fake GitHub bug: ${(error as Error).message}`) };
    }
  };

  const listening = await startReplyingServer(calls, (request) => serve(request), {
    jsonType: 'application/json; charset=utf-8',
    binaryType: 'application/octet-stream',
    // Every answer carries GitHub's rate-limit and request-id headers, the quota counting down.
    headers: () => {
      remainingQuota = Math.max(0, remainingQuota - 1);
      return {
        'x-github-media-type': 'github.v3; format=json',
        'x-github-request-id': `F00D:${calls.length.toString(16).toUpperCase()}`,
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(remainingQuota),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-used': String(5000 - remainingQuota),
        'x-ratelimit-resource': 'core',
      };
    },
  });
  const origin = listening.origin;
  const state = new GitHubState(origin);
  const routes = buildRoutes(origin);
  for (const repo of options.repos ?? ['octo-org/octo-repo', 'Codertocat/Hello-World']) state.addRepo(repo);

  return {
    url: origin,
    apiUrl: origin,
    calls,
    state,
    failNext(route, status, count = 1, headers = {}) {
      faults.push({ matcher: route, status, remaining: count, headers });
    },
    close: listening.close,
  };
}
