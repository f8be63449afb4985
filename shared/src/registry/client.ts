/**
 * Reading and writing the registry on a git remote. Writing is append-only: every change is a new annotated tag,
 * pushed alone. Git refuses to create a tag that exists, so of two racing writers one wins; the other re-reads
 * the remote and retries with the next counter (an assignment) or finds the version taken (a registration).
 */
import schema from '../../schemas/registry-payload.schema.json';
import { ConfigurationError, ServiceError, quote } from '../errors';
import { assertMatchesSchema } from '../files/schema';
import { GitCommandError, fetchTags, gitErrorLine, listTags, type GitRunner, type RegistryGitOptions } from './git';
import { Registry, type Person, type RegistryPayload, type RegistryVersion, type StageMessage } from './registry';
import { assertModelName, assertStage, assertVersion, formatTag } from './tags';

export interface GitRegistryOptions {
  git: GitRunner;
  /** A working copy of the project (its commits are what the version tags point at). */
  cwd: string;
  /** The registry remote: a remote's name or a URL/path (`origin` by default). */
  remote?: string;
  /** Extra environment for git (credentials helpers, config isolation). */
  env?: Record<string, string>;
  /** Who the tags name as tagger; without it git's own configuration decides (and fails when there is none). */
  tagger?: Person;
  /** How many times a write re-reads and retries after losing a race (default 40). */
  maxAttempts?: number;
  /** Pause before a retry: random in [0, backoffMs × attempt) ms (default 25). */
  backoffMs?: number;
}

export interface RegisterResult {
  tag: string;
  /** False when the same version with the same model digest was registered already (an idempotent re-run). */
  created: boolean;
  version: string;
  attempts: number;
}

export interface AssignResult {
  tag: string;
  counter: number;
  version: string;
  /** The version that held the stage just before this assignment, if any. */
  previousVersion?: string;
  attempts: number;
}

export class GitRegistry {
  private readonly remote: string;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;

  constructor(private readonly options: GitRegistryOptions) {
    this.remote = options.remote ?? 'origin';
    this.maxAttempts = options.maxAttempts ?? 40;
    this.backoffMs = options.backoffMs ?? 25;
  }

  private get gitOptions(): RegistryGitOptions {
    return { git: this.options.git, cwd: this.options.cwd, env: this.options.env ?? {} };
  }

  /** Fetches the remote's tags (into the mirror namespace, see git.ts) and builds the registry from them. */
  async read(): Promise<Registry> {
    try {
      await fetchTags(this.gitOptions, this.remote);
    } catch (error) {
      throw asServiceError(error, `registry: cannot fetch the tags of ${quote(this.remote)}`);
    }
    return Registry.fromTags(await listTags(this.gitOptions));
  }

  /**
   * Registers `version` of `model` at `commit` with `payload` as the tag message (`<model>@<version>`). When the
   * version exists with the same model digest it is an idempotent re-run; with another digest, a one-line
   * ConfigurationError.
   */
  async registerVersion(model: string, version: string, payload: RegistryPayload, commit: string): Promise<RegisterResult> {
    assertModelName(model);
    assertVersion(version);
    // Checked before the remote is read, so bad input writes nothing (not even the mirror of the tags).
    this.checkPayload(model, payload, version, commit);
    return this.registerNextVersion(model, () => version, () => payload, commit);
  }

  /**
   * Registers the version `choose` picks from the registry as it is now, with the payload `payloadFor` builds for
   * it. `choose` runs again after every lost race, on the re-read registry, so a promotion that bumps takes the
   * next free version instead of failing (a fixed version keeps failing: `registerVersion`). When the chosen
   * version holds the same model digest already it is an idempotent re-run (`created: false`).
   */
  async registerNextVersion(
    model: string,
    choose: (registry: Registry) => string,
    payloadFor: (version: string) => RegistryPayload,
    commit: string,
  ): Promise<RegisterResult> {
    assertModelName(model);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const registry = await this.read();
      const version = choose(registry);
      assertVersion(version);
      const payload = payloadFor(version);
      this.checkPayload(model, payload, version, commit);
      const tag = formatTag({ kind: 'register', model, version });
      const existing = registry.version(model, version);
      if (existing || registry.hasTag(tag)) {
        if (existing?.payload?.modelDigest === payload.modelDigest && !existing.deregistered) return { tag: existing.tag, created: false, version, attempts: attempt };
        throw new ConfigurationError(describeTaken(model, version, tag, existing, payload.modelDigest));
      }
      if (await this.createAndPush(tag, JSON.stringify(payload, null, 2), commit)) return { tag, created: true, version, attempts: attempt };
      await this.pause(attempt);
    }
    throw new ServiceError(`registry: could not register a version of ${quote(model)} on ${quote(this.remote)} after ${this.maxAttempts} attempts: other promotions kept winning the race`);
  }

  private checkPayload(model: string, payload: RegistryPayload, version: string, commit: string): void {
    assertMatchesSchema<RegistryPayload>(schema, payload, `${model}@${version}`, 'registry payload');
    for (const [field, value, expected] of [
      ['model', payload.model, model],
      ['version', payload.version, version],
      ['commit', payload.commit, commit],
    ] as const) {
      if (value !== expected) throw new ConfigurationError(`registry payload: field "/${field}" is ${quote(value)}, expected ${quote(expected)}`);
    }
  }

  /**
   * Assigns `stage` to a registered `version`: the tag `<model>#<stage>#<N>` on the version's commit, N one more
   * than the greatest counter of the model's tags. Losing a race re-reads the remote and takes the next N.
   */
  async assignStage(model: string, stage: string, version: string, reason?: string): Promise<AssignResult> {
    assertModelName(model);
    assertStage(stage);
    assertVersion(version);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const registry = await this.read();
      const entry = registry.version(model, version);
      if (!entry || entry.deregistered) {
        const known = registry.versions(model).map((v) => v.version);
        throw new ConfigurationError(
          `version ${quote(version)} of model ${quote(model)} is not ${entry ? 'registered any more (deregistered)' : 'registered'} on ${quote(this.remote)}: expected one of ${known.length ? known.join(', ') : '(none yet)'}`,
        );
      }
      const counter = registry.nextCounter(model);
      const tag = formatTag({ kind: 'assign', model, stage, counter });
      const body: StageMessage = { schemaVersion: 1, kind: 'assignment', model, stage, version, ...(reason ? { reason } : {}) };
      const previous = registry.stage(model, stage)?.version.version;
      if (await this.createAndPush(tag, JSON.stringify(body, null, 2), entry.commit)) {
        return { tag, counter, version, ...(previous !== undefined ? { previousVersion: previous } : {}), attempts: attempt };
      }
      await this.pause(attempt);
    }
    throw new ServiceError(`registry: could not assign ${quote(stage)} of ${quote(model)} on ${quote(this.remote)} after ${this.maxAttempts} attempts: other promotions kept winning the race`);
  }

  /**
   * Creates the annotated tag locally and pushes it alone. True when the remote took it; false when the remote
   * refused the ref (the name is taken, or a concurrent push held its lock), after deleting the local tag so the
   * next fetch and attempt start clean. Any other failure (network, permissions) is a ServiceError.
   */
  private async createAndPush(tag: string, message: string, commit: string): Promise<boolean> {
    const { git, cwd } = this.options;
    const env = { ...this.options.env, ...taggerEnv(this.options.tagger) };
    try {
      await git.run(['tag', '-a', '-m', message, '--', tag, commit], { cwd, env });
    } catch (error) {
      if (error instanceof GitCommandError && /already exists/.test(error.stderr)) {
        throw new ConfigurationError(`registry: a local tag ${quote(tag)} exists that ${quote(this.remote)} does not have: delete it (git tag -d '${tag}') or push it, then run again`);
      }
      throw asServiceError(error, `registry: cannot create the tag ${quote(tag)}`);
    }
    const ref = `refs/tags/${tag}`;
    try {
      await git.run(['push', '--porcelain', '--atomic', this.remote, `${ref}:${ref}`], { cwd, env });
      return true;
    } catch (error) {
      await git.run(['tag', '-d', tag], { cwd, env }).catch(() => undefined);
      if (error instanceof GitCommandError && isRefusal(error, ref)) return false;
      throw asServiceError(error, `registry: cannot push ${quote(tag)} to ${quote(this.remote)}`);
    }
  }

  private pause(attempt: number): Promise<void> {
    const ms = Math.random() * this.backoffMs * Math.min(attempt, 8);
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}

function taggerEnv(tagger: Person | undefined): Record<string, string> {
  return tagger ? { GIT_COMMITTER_NAME: tagger.name, GIT_COMMITTER_EMAIL: tagger.email } : {};
}

/**
 * The remote refused our ref: in `--porcelain` output a line `!<TAB><src>:<dst><TAB>[rejected] (already exists)`
 * or `[remote rejected] (…lock…)`. Anything else (cannot connect, denied) is not a race.
 */
function isRefusal(error: GitCommandError, ref: string): boolean {
  const ours = error.stdout.split('\n').find((line) => line.startsWith('!') && line.includes(`:${ref}\t`));
  if (ours) return /rejected|already exists|failed to (update|lock)|cannot lock|stale info/.test(ours);
  return /already exists|cannot lock ref|failed to update ref/.test(error.stderr);
}

function describeTaken(model: string, version: string, tag: string, existing: RegistryVersion | undefined, digest: string): string {
  if (!existing) return `version ${quote(version)} of model ${quote(model)} is taken: the tag ${quote(tag)} exists but is not an annotated registration; choose another version`;
  if (existing.deregistered) return `version ${quote(version)} of model ${quote(model)} was deregistered; a version is never reused: choose another version`;
  if (existing.problem) return `version ${quote(version)} of model ${quote(model)} is already registered with a payload that cannot be read (${existing.problem}); choose another version`;
  if (!existing.payload) return `version ${quote(version)} of model ${quote(model)} is already registered (tag ${quote(existing.tag)}) without our payload, so its digest is unknown; choose another version`;
  return `version ${quote(version)} of model ${quote(model)} is already registered (tag ${quote(existing.tag)}) with model digest ${existing.payload.modelDigest}, not ${digest}: choose another version or bump`;
}

function asServiceError(error: unknown, what: string): Error {
  if (error instanceof GitCommandError) {
    const detail = gitErrorLine(error.stderr) || `exit ${error.exitCode}`;
    return new ServiceError(`${what}: ${detail}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
