import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, quote } from '../../../shared/src/errors';
import { relativePath } from '../../../shared/src/files/paths';
import { readGateReport } from '../../../shared/src/gate-report';
import { digestPath } from '../../../shared/src/hashing/digest';
import { checkProfile } from '../../../shared/src/profile/profile';
import { readRunRecord, type RunRecord } from '../../../shared/src/run-record';
import { createActionRuntime, runWrapper, workflowRunUrlOf, type ActionRuntime } from '../../../shared/src/runtime';
import { GitRegistry, bumpVersion, createGitRunner, parseTag, type Person, type Registry, type RegistryPayload } from '../../../shared/src/registry';
import { createArtifactStore, registryGitEnv } from '../../../shared/src/registry/connect';
import type { ExtraFile, ModelArtifact } from '../../../shared/src/registry/stores';
import { checkEvent, checkGate } from './checks';
import { readPromoteSettings, type PromoteSettings } from './inputs';
import { appendPromoteSummary, setPromoteOutputs, type PromoteResult } from './report';

export function run(): Promise<void> {
  return runWrapper('promote', () => promote(createActionRuntime()));
}

/** The identity of the tags when the environment names none: the Actions bot, as GitHub's own tagging does. */
const ACTIONS_BOT: Person = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

/** promote's steps; `runtime` supplies every side effect, so tests and the local runner reuse it. */
export async function promote(runtime: ActionRuntime): Promise<void> {
  const { logger } = runtime;
  const settings = readPromoteSettings(runtime.inputs, runtime.context);
  if (settings.githubToken) logger.mask(settings.githubToken);
  checkEvent(runtime.context);
  const git = createGitRunner();
  const access = { context: runtime.context, logger: runtime.logger, env: runtime.env, token: settings.githubToken };
  const env = await registryGitEnv(access, settings.registry);
  const registry = new GitRegistry({ git, cwd: settings.workspace, remote: settings.registry, env, tagger: await tagger(runtime, settings) });
  const workflowRunUrl = workflowRunUrlOf(runtime.context);
  const result = settings.rollback
    ? await rollback(settings, registry, workflowRunUrl, runtime)
    : await promoteCandidate(settings, registry, workflowRunUrl, runtime);
  setPromoteOutputs(runtime.outputs, result);
  appendPromoteSummary(runtime.summary, result);
  await runtime.summary.write();
}

interface Candidate {
  digest: string;
  modelPath: string;
  record?: RunRecord;
  runId: string;
  /** From gate.json's `candidate.testSetDigest`, when the gate recorded it. */
  testSetDigest?: string;
  /** The sha256 of the `profile` file's bytes. */
  profileDigest?: string;
  /** The sha256 of run.json's bytes, as stored with the version. */
  recordDigest?: string;
}

async function promoteCandidate(settings: PromoteSettings, git: GitRegistry, workflowRunUrl: string | null, runtime: ActionRuntime): Promise<PromoteResult> {
  const { logger } = runtime;
  const { modelName: model, stage } = settings;
  // Every check first: nothing is written to the registry or the store until all of them hold.
  const candidate = await logger.group('Check the candidate against the gate', async () => {
    const gate = await readGateReport(settings.gateReport, 'gate-report', rel(settings, settings.gateReport));
    const found = await readCandidate(settings);
    checkGate(gate, rel(settings, settings.gateReport), model, found.digest, settings.model ? `model ${quote(rel(settings, settings.model))}` : `the run record ${quote(rel(settings, settings.runRecord))}`);
    logger.info(`The gate passed ${found.digest} (verdict ${gate.verdict}).`);
    const profileDigest = settings.profile ? await readProfileDigest(settings, settings.profile) : undefined;
    const recordDigest = found.record ? await digestPath(settings.runRecord) : undefined;
    return {
      ...found,
      // checkGate refused a gate without a model digest, and the gate writes a run id with every digest.
      runId: found.record?.runId ?? gate.candidate.runId ?? 'unknown',
      ...(gate.candidate.testSetDigest ? { testSetDigest: gate.candidate.testSetDigest } : {}),
      ...(profileDigest ? { profileDigest } : {}),
      ...(recordDigest ? { recordDigest } : {}),
    };
  });
  const current = await logger.group('Read the registry', () => git.read());
  warnProblems(current, model, runtime);
  const version = chooseVersion(settings, current, candidate.digest);
  const existing = current.version(model, version);
  if (existing) {
    const payload = current.requirePayload(existing);
    if (existing.deregistered) throw new ConfigurationError(`version: ${model}@${version} was deregistered; a version is never reused: choose another version`);
    if (payload.modelDigest !== candidate.digest) {
      throw new ConfigurationError(`version: ${model}@${version} is already registered with model digest ${payload.modelDigest}, not ${candidate.digest}; choose another version or bump`);
    }
  }
  if (settings.requireStage) {
    const holder = current.stage(model, settings.requireStage)?.version.version;
    if (holder !== version) {
      throw new ConfigurationError(
        `require-stage: ${model}@${version} is not in ${quote(settings.requireStage)} now (${holder ? `${holder} is` : 'no version is'}); promote it to ${settings.requireStage} first`,
      );
    }
  }
  logger.info(`${model}@${version}: ${existing ? 'registered already with the same digest (a re-run)' : 'a new version'}.`);

  const store = createArtifactStore(settings.artifactStore, { context: runtime.context, logger: runtime.logger, env: runtime.env, token: settings.githubToken });
  const extras = extraFiles(settings, candidate);
  const artifactOf = (v: string): ModelArtifact => ({ name: model, version: v, path: candidate.modelPath, digest: candidate.digest });
  const storeGroup = `Store the model in ${store.label}`;
  let artifactUrl: string;
  let registered = false;
  let promoted = version;
  if (existing) {
    // A re-run completes whatever the last run left undone in the store; putting the same content is a no-op.
    artifactUrl = (await logger.group(storeGroup, () => store.put(artifactOf(version), extras))).location;
  } else {
    const commit = (await createGitRunner().run(['rev-parse', 'HEAD'], { cwd: settings.workspace })).trim();
    // Nothing that names a version is stored before that version's tag is won: a promotion that loses the race
    // must not leave its model under the winner's version. The local store writes content-addressed objects
    // first (they name no version, and give the payload its path); a release is created after the tag.
    const prepare = store.prepare?.bind(store);
    const prepared = prepare ? await logger.group(`Store the model's content in ${store.label}`, () => prepare(artifactOf(version), extras)) : undefined;
    const payloadFor = (v: string): RegistryPayload => buildPayload(settings, runtime, candidate, v, commit, prepared?.location ?? releaseUrl(runtime, `${model}@${v}`), workflowRunUrl);
    // A fixed `version` is refused when another promotion takes it first; a bump takes the next free one.
    const choose = settings.version ? () => version : (registry: Registry) => chooseVersion(settings, registry, candidate.digest);
    const result = await logger.group(`Register ${model}@${version}`, () => git.registerNextVersion(model, choose, payloadFor, commit));
    if (result.version !== version) logger.info(`Another promotion registered ${model}@${version} first: this model is ${result.tag}.`);
    promoted = result.version;
    registered = result.created;
    artifactUrl = (await logger.group(storeGroup, () => store.put(artifactOf(promoted), extras))).location;
  }

  return assign(git, { model, stage, version: promoted, digest: candidate.digest, artifactUrl, registered, workflowRunUrl, kind: 'promote' }, runtime);
}

interface AssignRequest {
  kind: 'promote' | 'rollback';
  model: string;
  stage: string;
  version: string;
  digest: string;
  artifactUrl: string;
  registered: boolean;
  workflowRunUrl: string | null;
  reason?: string;
}

async function assign(git: GitRegistry, request: AssignRequest, runtime: ActionRuntime): Promise<PromoteResult> {
  const { model, stage, version } = request;
  const base = { kind: request.kind, model, stage, version, tag: `${model}@${version}`, artifactUrl: request.artifactUrl, modelDigest: request.digest, registered: request.registered, workflowRunUrl: request.workflowRunUrl };
  const now = await git.read();
  const holder = now.stage(model, stage);
  if (request.kind === 'promote' && holder?.version.version === version) {
    runtime.logger.info(`${model}@${version} is in ${stage} already (${holder.assignment.tag}): nothing to assign.`);
    const previous = now.previousHolder(model, stage)?.version.version;
    return { ...base, stageTag: holder.assignment.tag, assigned: false, ...(previous ? { previousVersion: previous } : {}) };
  }
  const assigned = await runtime.logger.group(`Assign ${stage} to ${model}@${version}`, () => git.assignStage(model, stage, version, request.reason));
  runtime.logger.info(`${assigned.tag}: ${model}@${version} is in ${stage}${assigned.previousVersion ? ` (was ${assigned.previousVersion})` : ''}.`);
  return { ...base, stageTag: assigned.tag, assigned: true, ...(assigned.previousVersion ? { previousVersion: assigned.previousVersion } : {}), ...(request.reason ? { reason: request.reason } : {}) };
}

async function rollback(settings: PromoteSettings, git: GitRegistry, workflowRunUrl: string | null, runtime: ActionRuntime): Promise<PromoteResult> {
  const { modelName: model, stage } = settings;
  const current = await runtime.logger.group('Read the registry', () => git.read());
  warnProblems(current, model, runtime);
  const holder = current.stage(model, stage);
  if (!holder) throw new ConfigurationError(`rollback: no version of ${quote(model)} is in ${quote(stage)}, so there is nothing to roll back`);
  let target;
  if (settings.toVersion) {
    target = current.version(model, settings.toVersion);
    if (!target || target.deregistered) {
      const known = current.versions(model).map((v) => v.version);
      throw new ConfigurationError(`to-version: ${quote(settings.toVersion)} is not a registered version of ${quote(model)}; expected one of ${known.join(', ') || '(none)'}`);
    }
  } else {
    target = current.previousHolder(model, stage)?.version;
    if (!target) throw new ConfigurationError(`rollback: no version held ${quote(stage)} before ${model}@${holder.version.version}; name one with to-version`);
  }
  if (target.version === holder.version.version) throw new ConfigurationError(`to-version: ${model}@${target.version} is in ${quote(stage)} already; nothing to roll back`);
  const payload = current.requirePayload(target);
  const reason = `rollback of ${stage} from ${holder.version.version} to ${target.version}${workflowRunUrl ? ` by ${workflowRunUrl}` : ''}`;
  return assign(git, { kind: 'rollback', model, stage, version: target.version, digest: payload.modelDigest, artifactUrl: payload.artifact.url ?? payload.artifact.path ?? '', registered: false, workflowRunUrl, reason }, runtime);
}

/** The model and its digest: `model` hashed now, or the model the run record names (its recorded digest). */
async function readCandidate(settings: PromoteSettings): Promise<Omit<Candidate, 'runId'>> {
  const recordExists = existsSync(settings.runRecord);
  const record = recordExists || settings.runRecordGiven || !settings.model ? await readRunRecord(settings.runRecord, 'run-record') : undefined;
  if (settings.model) {
    if (!existsSync(settings.model)) throw new ConfigurationError(`model: ${quote(rel(settings, settings.model))} does not exist`);
    return { digest: await digestPath(settings.model), modelPath: settings.model, ...(record ? { record } : {}) };
  }
  if (!record?.model) throw new ConfigurationError(`run-record: ${quote(rel(settings, settings.runRecord))} records no model; give the model with the \`model\` input`);
  const modelPath = path.resolve(settings.workspace, record.workingDirectory, record.model.path);
  if (!existsSync(modelPath)) throw new ConfigurationError(`run-record: the model it records, ${quote(rel(settings, modelPath))}, is not in the workspace; download it first or give \`model\``);
  return { digest: record.model.digest, modelPath, record };
}

/**
 * A tag of this model whose payload cannot be read (corrupted, or written by another tool as JSON) is a warning,
 * not a failure: the rest of the registry reads, and only using that very version fails (requirePayload).
 */
function warnProblems(registry: Registry, model: string, runtime: ActionRuntime): void {
  for (const problem of registry.problems) {
    if (parseTag(problem.tag)?.model === model) runtime.logger.warning(problem.message);
  }
}

/** `version`; or `bump` from the latest version; or, with neither, the version that holds this digest already, else a patch bump. */
function chooseVersion(settings: PromoteSettings, registry: Registry, digest: string): string {
  if (settings.version) return settings.version;
  const same = registry.versions(settings.modelName).find((v) => v.payload?.modelDigest === digest);
  // A re-run of the same promotion must not register the same model again under the next version.
  if (same) return same.version;
  // From the greatest version ever registered: a deregistered version is never reused.
  return bumpVersion(registry.versions(settings.modelName, { includeDeregistered: true })[0]?.version, settings.bump ?? 'patch');
}

function buildPayload(settings: PromoteSettings, runtime: ActionRuntime, candidate: Candidate, version: string, commit: string, location: string, workflowRunUrl: string | null): RegistryPayload {
  const record = candidate.record;
  const run: RegistryPayload['run'] = { runId: candidate.runId };
  if (record) {
    run.gitSha = record.git.sha;
    run.startedAt = record.startedAt;
    run.durationSeconds = record.durationSeconds;
  }
  if (candidate.recordDigest) run.recordDigest = candidate.recordDigest;
  return {
    schemaVersion: 1,
    model: settings.modelName,
    version,
    modelDigest: candidate.digest,
    metrics: record?.metrics?.values ?? {},
    testSetDigest: candidate.testSetDigest ?? null,
    profileDigest: candidate.profileDigest ?? null,
    run,
    // The payload travels with the repository's tags: a local store's path is kept relative to the workspace when it
    // lies inside it, so it means the same on every clone, not one machine's absolute path.
    artifact: settings.artifactStore.kind === 'local' ? { store: 'local', path: portablePath(settings.workspace, location) } : { store: 'github-release', url: location },
    commit,
    workflowRunUrl: runtime.context.onRunner ? workflowRunUrl : null,
  };
}

function extraFiles(settings: PromoteSettings, candidate: Candidate): ExtraFile[] {
  const extras: ExtraFile[] = [{ name: 'gate.json', path: settings.gateReport }];
  if (candidate.record) extras.push({ name: 'run.json', path: settings.runRecord });
  if (settings.profile) extras.push({ name: 'profile.json', path: settings.profile });
  return extras;
}

/**
 * Checks that `profile` is a profile validate-data can read back as a drift reference (so a bad file is refused
 * before anything is written), and returns the sha256 of its bytes: what the store keeps and verifies.
 */
async function readProfileDigest(settings: PromoteSettings, file: string): Promise<string> {
  const shown = rel(settings, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new ConfigurationError(`profile: ${quote(shown)} does not exist or cannot be read; give the profile.json validate-data wrote, or leave profile empty`);
  }
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ConfigurationError(`profile: ${quote(shown)} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  checkProfile(data, shown, 'profile');
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** `file` relative to the workspace (with `/`) when it is inside it, else as it is. */
function portablePath(workspace: string, file: string): string {
  const inside = path.relative(workspace, file);
  return inside && !inside.startsWith('..') && !path.isAbsolute(inside) ? relativePath(workspace, file) : file;
}

function releaseUrl(runtime: ActionRuntime, tag: string): string {
  return `${runtime.context.serverUrl.replace(/\/+$/, '')}/${runtime.context.repository ?? ''}/releases/tag/${encodeURIComponent(tag)}`;
}

/** GIT_COMMITTER_NAME/EMAIL when set; else git's own user.name/email; else the Actions bot (a fresh checkout has no identity). */
async function tagger(runtime: ActionRuntime, settings: PromoteSettings): Promise<Person | undefined> {
  const { env } = runtime;
  if (env['GIT_COMMITTER_NAME'] && env['GIT_COMMITTER_EMAIL']) return { name: env['GIT_COMMITTER_NAME'], email: env['GIT_COMMITTER_EMAIL'] };
  const git = createGitRunner();
  const config = async (key: string): Promise<string> => (await git.run(['config', '--get', key], { cwd: settings.workspace }).catch(() => '')).trim();
  const [name, email] = [await config('user.name'), await config('user.email')];
  return name && email ? { name, email } : ACTIONS_BOT;
}

function rel(settings: PromoteSettings, file: string): string {
  return relativePath(settings.workspace, file);
}
