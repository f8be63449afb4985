/**
 * The third-party actions the templates use, emulated just enough for a local run, each saying so in the log:
 * checkout and the setup actions do nothing (the workspace is the checkout, the tools are this machine's),
 * artifacts are a folder per workflow run (another run's, `run-id`, are downloaded through the GitHub REST API as
 * download-artifact does), and a build-provenance attestation is an unsigned in-toto statement of the subject's
 * digest written to the run's folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { ConfigurationError, quote } from '../../errors';
import type { EmulatedAction } from './uses';
import { readZipEntries } from './zip';

export interface EmulationContext {
  workspace: string;
  /** The workflow run's folder: artifacts/ and attestations/ go under it. */
  runDir: string;
  artifactsDir: string;
  with: Record<string, string>;
  github: { repository: string; sha: string; ref: string; workflowFile: string; runId: string; serverUrl: string };
  /** The GitHub REST API that download-artifact's `run-id` reads another run's artifacts from; default api.github.com. */
  apiUrl?: string;
  log: (line: string) => void;
}

export interface EmulationResult {
  outputs: Record<string, string>;
}

export async function runEmulated(action: EmulatedAction, context: EmulationContext): Promise<EmulationResult> {
  switch (action) {
    case 'checkout':
      context.log('actions/checkout (emulated): the workspace is the checkout; nothing to do.');
      return { outputs: { ref: context.github.ref, commit: context.github.sha } };
    case 'setup-node':
    case 'setup-python':
      context.log(`actions/${action} (emulated): the tools on this machine's PATH are used; nothing to do.`);
      return { outputs: {} };
    case 'upload-artifact':
      return uploadArtifact(context);
    case 'download-artifact':
      return downloadArtifact(context);
    case 'attest-build-provenance':
      return attest(context);
  }
}

/** Lines of paths and globs, `!` excluding, as upload-artifact's `path` and attest's `subject-path` take them. */
async function matchPaths(spec: string, workspace: string): Promise<string[]> {
  const lines = spec.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const include = lines.filter((line) => !line.startsWith('!'));
  const exclude = lines.filter((line) => line.startsWith('!')).map((line) => line.slice(1));
  const files = new Set<string>();
  for (const pattern of include) {
    const absolute = path.resolve(workspace, pattern);
    if (existsSync(absolute) && statSync(absolute).isDirectory()) {
      for (const file of await glob('**/*', { cwd: absolute, absolute: true, dot: true, onlyFiles: true, ignore: exclude })) files.add(file);
    } else {
      for (const file of await glob(pattern, { cwd: workspace, absolute: true, dot: true, onlyFiles: true, ignore: exclude })) files.add(file);
    }
  }
  return [...files].sort();
}

/** upload-artifact keeps paths below the least common ancestor of what it uploads. */
function commonRoot(files: string[]): string {
  let root = path.dirname(files[0] as string);
  for (const file of files) {
    while (!`${path.dirname(file)}${path.sep}`.startsWith(`${root}${path.sep}`) && root !== path.dirname(root)) root = path.dirname(root);
  }
  return root;
}

async function uploadArtifact(context: EmulationContext): Promise<EmulationResult> {
  const name = context.with['name'] || 'artifact';
  const spec = context.with['path'] ?? '';
  if (spec.trim() === '') throw new ConfigurationError('actions/upload-artifact: `path` is required');
  const files = await matchPaths(spec, context.workspace);
  const target = path.join(context.artifactsDir, name);
  if (files.length === 0) {
    const mode = context.with['if-no-files-found'] || 'warn';
    const message = `actions/upload-artifact (emulated): no files were found with the path ${quote(spec)}; no artifact ${quote(name)} was made`;
    if (mode === 'error') throw new ConfigurationError(message);
    context.log(mode === 'ignore' ? message : `::warning::${message}`);
    return { outputs: {} };
  }
  if (existsSync(target) && context.with['overwrite'] !== 'true') {
    throw new ConfigurationError(`actions/upload-artifact (emulated): this run already has an artifact named ${quote(name)}; artifact names are unique in a run (or set overwrite: true)`);
  }
  const root = commonRoot(files);
  for (const file of files) {
    const destination = path.join(target, path.relative(root, file));
    await mkdir(path.dirname(destination), { recursive: true });
    await cp(file, destination);
  }
  context.log(`actions/upload-artifact (emulated): ${files.length} file${files.length === 1 ? '' : 's'} copied to ${target}`);
  return { outputs: { 'artifact-id': name, 'artifact-url': `file://${target}`, 'artifact-digest': '' } };
}

/** download-artifact's `pattern`: a glob on artifact names (`*` and `?`; names hold no `/`). */
function namePattern(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

async function downloadArtifact(context: EmulationContext): Promise<EmulationResult> {
  const name = context.with['name'] ?? '';
  const destination = path.resolve(context.workspace, context.with['path'] || '.');
  if ((context.with['run-id'] ?? '') !== '') return downloadFromRun(context, name, destination);
  const available = existsSync(context.artifactsDir) ? (await readdir(context.artifactsDir)).sort() : [];
  if (name !== '') {
    if (!available.includes(name)) {
      throw new ConfigurationError(`actions/download-artifact (emulated): this run has no artifact named ${quote(name)} (it has: ${available.join(', ') || 'none'})`);
    }
    await cp(path.join(context.artifactsDir, name), destination, { recursive: true });
    context.log(`actions/download-artifact (emulated): ${name} copied to ${destination}`);
  } else {
    // Without a name, every artifact (or those `pattern` matches) goes to a folder of its own name, as
    // download-artifact v4 does.
    const merge = context.with['merge-multiple'] === 'true';
    const pattern = context.with['pattern'] ? namePattern(context.with['pattern']) : undefined;
    const chosen = available.filter((artifact) => !pattern || pattern.test(artifact));
    for (const artifact of chosen) await cp(path.join(context.artifactsDir, artifact), merge ? destination : path.join(destination, artifact), { recursive: true });
    context.log(`actions/download-artifact (emulated): ${chosen.length} artifact(s) copied to ${destination}`);
  }
  return { outputs: { 'download-path': destination } };
}

/**
 * `run-id`: the artifacts of another workflow run, as download-artifact fetches them: the run's artifacts listed
 * through the REST API with `github-token`, each downloaded as a zip and unpacked into `path`.
 */
async function downloadFromRun(context: EmulationContext, name: string, destination: string): Promise<EmulationResult> {
  const runId = context.with['run-id'] ?? '';
  const token = context.with['github-token'] ?? '';
  const repository = context.with['repository'] || context.github.repository;
  const apiUrl = (context.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const label = 'actions/download-artifact (emulated)';
  if (!/^\d+$/.test(runId)) throw new ConfigurationError(`${label}: run-id ${quote(runId)} is not a workflow run's id`);
  // As on GitHub: another run's artifacts are read through the API, which needs a token (github.token is empty
  // locally unless the executor was given one).
  if (token === '') throw new ConfigurationError(`${label}: run-id ${runId} names another run, whose artifacts are read through the GitHub API: give github-token (github.token is empty unless the local runner was given a token)`);
  const get = async (url: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json' } });
    } catch (error) {
      throw new ConfigurationError(`${label}: GET ${url}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new ConfigurationError(`${label}: GET ${url}: ${response.status} ${(await response.text()).slice(0, 200)}`);
    return response;
  };

  const listed: { id: number; name: string; expired: boolean }[] = [];
  for (let page = 1; ; page++) {
    const query = `per_page=100&page=${page}${name !== '' ? `&name=${encodeURIComponent(name)}` : ''}`;
    const body = (await (await get(`${apiUrl}/repos/${repository}/actions/runs/${runId}/artifacts?${query}`)).json()) as { artifacts?: { id: number; name: string; expired: boolean }[] };
    const artifacts = body.artifacts ?? [];
    listed.push(...artifacts);
    if (artifacts.length < 100) break;
  }
  const pattern = name === '' && context.with['pattern'] ? namePattern(context.with['pattern']) : undefined;
  const chosen = listed.filter((artifact) => !artifact.expired && (name !== '' ? artifact.name === name : !pattern || pattern.test(artifact.name)));
  if (name !== '' && chosen.length === 0) {
    throw new ConfigurationError(`${label}: run ${runId} of ${repository} has no unexpired artifact named ${quote(name)} (it has: ${listed.map((a) => a.name).join(', ') || 'none'})`);
  }
  // The newest of a name wins (the list is newest first), as the action takes the first match.
  const seen = new Set<string>();
  const merge = name !== '' || context.with['merge-multiple'] === 'true';
  for (const artifact of chosen) {
    if (seen.has(artifact.name)) continue;
    seen.add(artifact.name);
    const zip = Buffer.from(await (await get(`${apiUrl}/repos/${repository}/actions/artifacts/${artifact.id}/zip`)).arrayBuffer());
    const target = merge ? destination : path.join(destination, artifact.name);
    const files = readZipEntries(zip, `${label}: artifact ${quote(artifact.name)} of run ${runId}`);
    for (const [file, data] of files) {
      const output = path.join(target, file);
      await mkdir(path.dirname(output), { recursive: true });
      await writeFile(output, data);
    }
    context.log(`${label}: ${artifact.name} of run ${runId} (${files.size} file${files.size === 1 ? '' : 's'}) downloaded from ${apiUrl} to ${target}`);
  }
  if (name === '') context.log(`${label}: ${seen.size} artifact(s) of run ${runId} downloaded to ${destination}`);
  return { outputs: { 'download-path': destination } };
}

async function attest(context: EmulationContext): Promise<EmulationResult> {
  const subjects: { name: string; digest: { sha256: string } }[] = [];
  if (context.with['subject-path']) {
    const files = await matchPaths(context.with['subject-path'], context.workspace);
    if (files.length === 0) throw new ConfigurationError(`actions/attest-build-provenance (emulated): subject-path ${quote(context.with['subject-path'])} matches no file`);
    for (const file of files) subjects.push({ name: path.basename(file), digest: { sha256: createHash('sha256').update(await readFile(file)).digest('hex') } });
  } else if (context.with['subject-digest'] && context.with['subject-name']) {
    const [algorithm, hex] = context.with['subject-digest'].split(':');
    if (algorithm !== 'sha256' || !hex) throw new ConfigurationError(`actions/attest-build-provenance (emulated): subject-digest ${quote(context.with['subject-digest'])} is not sha256:<hex>`);
    subjects.push({ name: context.with['subject-name'], digest: { sha256: hex } });
  } else {
    throw new ConfigurationError('actions/attest-build-provenance (emulated): give subject-path, or subject-digest with subject-name');
  }
  const { github } = context;
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: subjects,
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: { workflow: { ref: github.ref, repository: `${github.serverUrl}/${github.repository}`, path: github.workflowFile } },
        internalParameters: { github: { event_name: 'local', runner_environment: 'mlops-actions-local' } },
        resolvedDependencies: [{ uri: `git+${github.serverUrl}/${github.repository}@${github.ref}`, digest: { gitCommit: github.sha } }],
      },
      runDetails: { builder: { id: 'mlops-actions local executor (unsigned)' }, metadata: { invocationId: `local-run-${github.runId}` } },
    },
  };
  const dir = path.join(context.runDir, 'attestations');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${subjects[0]?.name ?? 'subject'}.intoto.json`);
  await writeFile(file, `${JSON.stringify(statement, null, 2)}\n`);
  context.log(`actions/attest-build-provenance (emulated): an unsigned provenance statement of ${subjects.map((s) => `${s.name} sha256:${s.digest.sha256}`).join(', ')} written to ${file}`);
  return { outputs: { 'bundle-path': file, 'attestation-id': '', 'attestation-url': '' } };
}
