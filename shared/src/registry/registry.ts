/**
 * The registry as the tags say it is: versions of each model with their payloads, stages and their history.
 * Built from a list of tags (git.ts); reads nothing itself. The rules are in docs/registry.md:
 *  - a stage is held by the version of its newest assignment still in effect, "newest" meaning the highest
 *    counter N (tags without a counter, GTO's `--simple` notation, rank below every counted one, by tagger date);
 *  - registration, deregistration and deprecation are ordered by tagger date, as GTO orders them;
 *  - lightweight tags are ignored, but their names still count when the next N is chosen.
 */
import schema from '../../schemas/registry-payload.schema.json';
import { ConfigurationError, quote } from '../errors';
import { assertMatchesSchema } from '../files/schema';
import { isAnnotatedTag, type AnnotatedTag, type GitTag } from './git';
import { compareVersions, parseTag, type RegistryTag } from './tags';

/** The JSON message of a version tag. Schema: shared/schemas/registry-payload.schema.json. */
export interface RegistryPayload {
  schemaVersion: 1;
  model: string;
  version: string;
  modelDigest: string;
  metrics: Record<string, number>;
  testSetDigest?: string | null;
  profileDigest?: string | null;
  run: { runId: string; recordDigest?: string; gitSha?: string | null; startedAt?: string; durationSeconds?: number };
  artifact: { store: 'github-release' | 'local'; url?: string; path?: string };
  commit: string;
  workflowRunUrl: string | null;
}

/** The JSON message we write on assignment and unassignment tags (GTO writes plain text there). */
export interface StageMessage {
  schemaVersion: 1;
  kind: 'assignment' | 'unassignment';
  model: string;
  stage: string;
  version: string;
  reason?: string;
}

export interface Person {
  name: string;
  email: string;
}

export interface RegistryVersion {
  model: string;
  version: string;
  /** The registration tag (the first, when a version was registered more than once). */
  tag: string;
  commit: string;
  registeredAt: Date;
  registeredBy: Person;
  /** The tag message as written: our JSON, or GTO's plain text. */
  message: string;
  /** The payload, when the message is our JSON and fits the schema. */
  payload?: RegistryPayload;
  /** Why the message is JSON but not a payload: one line naming the tag. */
  problem?: string;
  /** A later `@v…!` tag deregistered it (and no later registration brought it back). */
  deregistered: boolean;
}

export interface StageEvent {
  model: string;
  stage: string;
  kind: 'assign' | 'unassign';
  tag: string;
  counter?: number;
  /** The version the tag concerns: from our message, else the version registered at the tagged commit. */
  version?: string;
  commit: string;
  at: Date;
  by: Person;
  reason?: string;
  message: string;
}

export interface StageHolder {
  version: RegistryVersion;
  /** The assignment that put it there. */
  assignment: StageEvent;
}

export interface RegistryProblem {
  tag: string;
  message: string;
}

interface ModelState {
  versions: Map<string, RegistryVersion>;
  versionEvents: { tag: AnnotatedTag; parsed: RegistryTag }[];
  stageEvents: Map<string, StageEvent[]>;
  deprecations: AnnotatedTag[];
  lastActivity: number;
  lastDeprecation: number;
  maxCounter: number;
}

const PRIORITY: Record<RegistryTag['kind'], number> = { create: 1, deprecate: 2, register: 3, deregister: 4, assign: 5, unassign: 6 };

export class Registry {
  readonly problems: RegistryProblem[] = [];
  private readonly models = new Map<string, ModelState>();
  private readonly names = new Set<string>();

  /** Builds the registry from every tag (lightweight ones included: they are skipped, but their names are taken). */
  static fromTags(tags: readonly GitTag[]): Registry {
    const registry = new Registry();
    registry.index(tags);
    return registry;
  }

  private model(name: string): ModelState {
    let state = this.models.get(name);
    if (!state) {
      state = { versions: new Map(), versionEvents: [], stageEvents: new Map(), deprecations: [], lastActivity: -Infinity, lastDeprecation: -Infinity, maxCounter: 0 };
      this.models.set(name, state);
    }
    return state;
  }

  private index(tags: readonly GitTag[]): void {
    const annotated: { tag: AnnotatedTag; parsed: RegistryTag }[] = [];
    for (const tag of tags) {
      this.names.add(tag.name);
      const parsed = parseTag(tag.name);
      if (!parsed) continue;
      const state = this.model(parsed.model);
      if (parsed.counter !== undefined) state.maxCounter = Math.max(state.maxCounter, parsed.counter);
      if (isAnnotatedTag(tag)) annotated.push({ tag, parsed });
    }
    // Registrations first (GTO's order: tagger date, then kind), so stage tags can find their version by commit.
    annotated.sort((a, b) => byDate(a, b));
    for (const { tag, parsed } of annotated) {
      const state = this.model(parsed.model);
      const time = tag.tagger.date.getTime();
      if (parsed.kind === 'deprecate') {
        state.deprecations.push(tag);
        state.lastDeprecation = time;
      } else if (parsed.kind === 'register' || parsed.kind === 'deregister') {
        state.lastActivity = Math.max(state.lastActivity, time);
        state.versionEvents.push({ tag, parsed });
        const existing = state.versions.get(parsed.version);
        if (parsed.kind === 'register' && !existing) state.versions.set(parsed.version, this.versionFrom(tag, parsed.model, parsed.version));
        else if (existing) existing.deregistered = parsed.kind === 'deregister';
      }
    }
    for (const { tag, parsed } of annotated) {
      if (parsed.kind !== 'assign' && parsed.kind !== 'unassign') continue;
      const state = this.model(parsed.model);
      state.lastActivity = Math.max(state.lastActivity, tag.tagger.date.getTime());
      const event = this.stageEventFrom(tag, parsed.kind, parsed.model, parsed.stage, parsed.counter, state);
      const list = state.stageEvents.get(parsed.stage) ?? [];
      list.push(event);
      state.stageEvents.set(parsed.stage, list);
    }
    for (const state of this.models.values()) for (const list of state.stageEvents.values()) list.sort(byStageOrder);
  }

  private versionFrom(tag: AnnotatedTag, model: string, version: string): RegistryVersion {
    const entry: RegistryVersion = {
      model,
      version,
      tag: tag.name,
      commit: tag.commit,
      registeredAt: tag.tagger.date,
      registeredBy: { name: tag.tagger.name, email: tag.tagger.email },
      message: tag.message,
      deregistered: false,
    };
    const json = parseJsonObject(tag.message);
    // Ours is JSON with a schemaVersion; any other message (GTO's plain text, someone else's JSON) stays text.
    if (json === undefined || !('schemaVersion' in json)) return entry;
    try {
      assertMatchesSchema<RegistryPayload>(schema, json, tag.name, 'registry tag');
      if (json.model !== model || json.version !== version || json.commit !== tag.commit) {
        const [field, value, expected] = json.model !== model ? ['model', json.model, model] : json.version !== version ? ['version', json.version, version] : ['commit', json.commit, tag.commit];
        throw new ConfigurationError(`registry tag ${quote(tag.name)}: field "/${field}" is ${quote(value)}, expected ${quote(expected)} as the tag says`);
      }
      entry.payload = json;
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      entry.problem = error.message;
      this.problems.push({ tag: tag.name, message: error.message });
    }
    return entry;
  }

  private stageEventFrom(tag: AnnotatedTag, kind: 'assign' | 'unassign', model: string, stage: string, counter: number | undefined, state: ModelState): StageEvent {
    const event: StageEvent = { model, stage, kind, tag: tag.name, commit: tag.commit, at: tag.tagger.date, by: { name: tag.tagger.name, email: tag.tagger.email }, message: tag.message };
    if (counter !== undefined) event.counter = counter;
    const json = parseJsonObject(tag.message) as Partial<StageMessage> | undefined;
    if (json && typeof json.reason === 'string') event.reason = json.reason;
    const named = json && typeof json.version === 'string' ? state.versions.get(json.version) : undefined;
    if (named && named.commit === tag.commit) {
      event.version = named.version;
    } else {
      // GTO's way: the version registered at the tagged commit (the greatest, should there be several).
      const atCommit = [...state.versions.values()].filter((v) => v.commit === tag.commit).sort((a, b) => compareVersions(b.version, a.version));
      if (atCommit[0]) event.version = atCommit[0].version;
    }
    if (json && typeof json.version === 'string' && event.version !== json.version) {
      this.problems.push({ tag: tag.name, message: `registry tag ${quote(tag.name)} names version ${quote(json.version)}, which is not registered at its commit ${tag.commit.slice(0, 12)}` });
    }
    return event;
  }

  /** Every model (GTO artifact) with at least one registry tag, sorted. */
  modelNames(): string[] {
    return [...this.models.keys()].sort();
  }

  /** Whether a tag of this name exists (annotated or not). */
  hasTag(name: string): boolean {
    return this.names.has(name);
  }

  /** The model's newest event is a deprecation (`<model>@deprecated`); a later registration or assignment revives it. */
  isDeprecated(model: string): boolean {
    const state = this.models.get(model);
    return state !== undefined && state.lastDeprecation >= state.lastActivity;
  }

  /** Registered versions (deregistered ones too with `includeDeregistered`), newest SemVer first. */
  versions(model: string, options: { includeDeregistered?: boolean } = {}): RegistryVersion[] {
    const state = this.models.get(model);
    if (!state) return [];
    return [...state.versions.values()].filter((v) => options.includeDeregistered || !v.deregistered).sort((a, b) => compareVersions(b.version, a.version));
  }

  version(model: string, version: string): RegistryVersion | undefined {
    return this.models.get(model)?.versions.get(version);
  }

  /** The greatest registered (not deregistered) SemVer version; undefined for a deprecated model unless asked. */
  latestVersion(model: string, options: { includeDeprecated?: boolean } = {}): RegistryVersion | undefined {
    if (!options.includeDeprecated && this.isDeprecated(model)) return undefined;
    return this.versions(model)[0];
  }

  /** Every assignment and unassignment of the stage, oldest first (the order that decides the stage). */
  history(model: string, stage: string): StageEvent[] {
    return [...(this.models.get(model)?.stageEvents.get(stage) ?? [])];
  }

  /** Stages that have at least one assignment or unassignment tag. */
  stages(model: string): string[] {
    return [...(this.models.get(model)?.stageEvents.keys() ?? [])].sort();
  }

  /**
   * The version in the stage: of the versions whose latest event in this stage is an assignment (not undone by an
   * unassignment) and that are still registered, the one assigned newest. Undefined for a deprecated model.
   */
  stage(model: string, stage: string): StageHolder | undefined {
    if (this.isDeprecated(model)) return undefined;
    const holders = this.holders(model, stage);
    return holders[holders.length - 1]?.holder;
  }

  /** The version that held the stage before the current holder (the target of a rollback), if any. */
  previousHolder(model: string, stage: string): StageHolder | undefined {
    const current = this.stage(model, stage);
    if (!current) return undefined;
    const holders = this.holders(model, stage);
    for (let i = holders.length - 1; i >= 0; i--) {
      const holder = holders[i]?.holder;
      if (holder && holder.version.version !== current.version.version) return holder;
    }
    return undefined;
  }

  /** The holder after each event of the stage's history, in order. */
  private holders(model: string, stage: string): { holder: StageHolder | undefined }[] {
    const state = this.models.get(model);
    if (!state) return [];
    const latest = new Map<string, StageEvent>();
    const result: { holder: StageHolder | undefined }[] = [];
    for (const event of state.stageEvents.get(stage) ?? []) {
      if (event.version !== undefined) latest.set(event.version, event);
      let best: StageHolder | undefined;
      for (const [version, last] of latest) {
        const entry = state.versions.get(version);
        if (last.kind !== 'assign' || !entry || entry.deregistered) continue;
        if (!best || byStageOrder(best.assignment, last) < 0) best = { version: entry, assignment: last };
      }
      result.push({ holder: best });
    }
    return result;
  }

  /** The counter for the model's next counted tag: one more than the greatest N among all its tags, as GTO does. */
  nextCounter(model: string): number {
    return (this.models.get(model)?.maxCounter ?? 0) + 1;
  }

  /** The payload of a version, or a one-line ConfigurationError naming the tag when it has none or a bad one. */
  requirePayload(version: RegistryVersion): RegistryPayload {
    if (version.payload) return version.payload;
    throw new ConfigurationError(version.problem ?? `registry tag ${quote(version.tag)} has no mlops-actions payload: its message is plain text (written by GTO or by hand)`);
  }
}

function parseJsonObject(message: string): Record<string, unknown> | undefined {
  const text = message.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function byDate(a: { tag: AnnotatedTag; parsed: RegistryTag }, b: { tag: AnnotatedTag; parsed: RegistryTag }): number {
  return (
    a.tag.tagger.date.getTime() - b.tag.tagger.date.getTime() ||
    PRIORITY[a.parsed.kind] - PRIORITY[b.parsed.kind] ||
    (a.parsed.counter ?? -1) - (b.parsed.counter ?? -1) ||
    (a.tag.name < b.tag.name ? -1 : a.tag.name > b.tag.name ? 1 : 0)
  );
}

/** Counted tags by N; uncounted ones (GTO's `--simple`) before all counted ones, by tagger date. */
function byStageOrder(a: StageEvent, b: StageEvent): number {
  const ac = a.counter !== undefined ? 1 : 0;
  const bc = b.counter !== undefined ? 1 : 0;
  return ac - bc || (a.counter ?? 0) - (b.counter ?? 0) || a.at.getTime() - b.at.getTime() || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
}
