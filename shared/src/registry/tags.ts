/**
 * GTO's tag grammar (iterative/gto), parsed and written. See docs/registry.md for the grammar with examples.
 *
 *   <artifact>@v<semver>[#N]      register a version         <artifact>@v<semver>![#N]  deregister it
 *   <artifact>#<stage>[#N]        assign a stage             <artifact>#<stage>![#N]    unassign it
 *   <artifact>@deprecated[#N]     deprecate the artifact     <artifact>@created[#N]     GTO's reserved "create"
 *
 * <artifact> is `[<dir>=]<name>` in a tag and `[<dir>:]<name>` as a model name (monorepos: the folder of the
 * artifact's annotation). <name> and <stage>: letters, digits, `-`, `_` and `/`, starting and ending with a
 * letter or digit (one character is enough). <dir>: letters, digits, `-`, `_`, `.` and `/`. N: decimal digits.
 * These are GTO's current rules (gto/constants.py); anything else is not a GTO tag and parses to undefined.
 */
import { ConfigurationError, quote } from '../errors';

export type RegistryTag =
  | { kind: 'register' | 'deregister'; tag: string; model: string; version: string; counter?: number }
  | { kind: 'assign' | 'unassign'; tag: string; model: string; stage: string; counter?: number }
  | { kind: 'deprecate' | 'create'; tag: string; model: string; counter?: number };

export type RegistryTagKind = RegistryTag['kind'];

/** A tag to write: a RegistryTag without its name. */
export type TagSpec = RegistryTag extends infer T ? (T extends RegistryTag ? Omit<T, 'tag'> : never) : never;

const NAME = '[a-zA-Z0-9](?:[a-zA-Z0-9_/-]*[a-zA-Z0-9])?';
const DIR = '[a-zA-Z0-9_./-]+';
// SemVer 2.0.0: MAJOR.MINOR.PATCH, no leading zeros, optional pre-release and build metadata.
const NUMBER = '(?:0|[1-9][0-9]*)';
const PRE_ID = '(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)';
const BUILD_ID = '[0-9a-zA-Z-]+';
const SEMVER = `${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${PRE_ID}(?:\\.${PRE_ID})*)?(?:\\+${BUILD_ID}(?:\\.${BUILD_ID})*)?`;

const NAME_RE = new RegExp(`^${NAME}$`);
const MODEL_RE = new RegExp(`^(?:${DIR}:)?${NAME}$`);
const VERSION_RE = new RegExp(`^v${SEMVER}$`);
const TAG_RE = new RegExp(
  `^(?<artifact>(?:${DIR}=)?${NAME})` +
    `(?:(?:#(?<stage>${NAME})|@(?<version>v${SEMVER}))(?<cancel>!?)|@(?<special>deprecated|created))` +
    `(?:#(?<counter>[0-9]+))?$`,
);

/** The separator between a monorepo folder and the artifact name: `:` in a model name, `=` in a tag. */
export function modelToTagPart(model: string): string {
  return model.replace(':', '=');
}

export function tagPartToModel(part: string): string {
  return part.replace('=', ':');
}

/** Parses a tag name in GTO's grammar; undefined for any other tag (a release tag, a lightweight marker…). */
export function parseTag(name: string): RegistryTag | undefined {
  const match = TAG_RE.exec(name);
  if (!match?.groups) return undefined;
  const { artifact, stage, version, cancel, special, counter } = match.groups;
  if (artifact === undefined) return undefined;
  const model = tagPartToModel(artifact);
  const common = { tag: name, model, ...(counter !== undefined ? { counter: Number(counter) } : {}) };
  if (version !== undefined) return { kind: cancel === '!' ? 'deregister' : 'register', ...common, version };
  if (stage !== undefined) return { kind: cancel === '!' ? 'unassign' : 'assign', ...common, stage };
  if (special === 'deprecated') return { kind: 'deprecate', ...common };
  return { kind: 'create', ...common };
}

export function isValidModelName(model: string): boolean {
  return MODEL_RE.test(model) && isSafeRefPart(model);
}

export function isValidStage(stage: string): boolean {
  return NAME_RE.test(stage) && isSafeRefPart(stage);
}

export function isValidVersion(version: string): boolean {
  return VERSION_RE.test(version);
}

/** Git refuses ref names with `..`, `//`, a component starting with `.` or ending with `.lock`; so do we. */
function isSafeRefPart(value: string): boolean {
  return !value.includes('..') && !value.includes('//') && !value.split(/[/:=]/).some((part) => part.startsWith('.') || part.endsWith('.lock'));
}

export function assertModelName(model: string, label = 'model name'): void {
  if (!isValidModelName(model)) {
    throw new ConfigurationError(
      `${label} ${quote(model)} is not a GTO artifact name: expected letters, digits, '-', '_' or '/', starting and ending with a letter or digit, optionally after '<folder>:'`,
    );
  }
}

export function assertStage(stage: string, label = 'stage'): void {
  if (!isValidStage(stage)) {
    throw new ConfigurationError(`${label} ${quote(stage)} is not a GTO stage name: expected letters, digits, '-', '_' or '/', starting and ending with a letter or digit`);
  }
}

export function assertVersion(version: string, label = 'version'): void {
  if (!isValidVersion(version)) {
    throw new ConfigurationError(`${label} ${quote(version)} is not a version: expected 'v' and a SemVer version, such as v1.2.3 or v1.0.0-rc.1`);
  }
}

/** Writes a tag name in GTO's grammar. Validates names, stages and versions (ConfigurationError when wrong). */
export function formatTag(tag: TagSpec): string {
  assertModelName(tag.model);
  const artifact = modelToTagPart(tag.model);
  let name: string;
  switch (tag.kind) {
    case 'register':
    case 'deregister':
      assertVersion(tag.version);
      name = `${artifact}@${tag.version}${tag.kind === 'deregister' ? '!' : ''}`;
      break;
    case 'assign':
    case 'unassign':
      assertStage(tag.stage);
      name = `${artifact}#${tag.stage}${tag.kind === 'unassign' ? '!' : ''}`;
      break;
    case 'deprecate':
      name = `${artifact}@deprecated`;
      break;
    case 'create':
      name = `${artifact}@created`;
      break;
  }
  if (tag.counter !== undefined) {
    if (!Number.isSafeInteger(tag.counter) || tag.counter < 0) throw new ConfigurationError(`tag counter ${quote(tag.counter)} is not a whole number`);
    name += `#${tag.counter}`;
  }
  return name;
}

interface ParsedSemver {
  major: bigint;
  minor: bigint;
  patch: bigint;
  prerelease: string[];
}

function parseSemver(version: string): ParsedSemver {
  const core = version.replace(/^v/, '').split('+')[0] ?? '';
  const dash = core.indexOf('-');
  const main = dash === -1 ? core : core.slice(0, dash);
  const pre = dash === -1 ? [] : core.slice(dash + 1).split('.');
  const [major = '0', minor = '0', patch = '0'] = main.split('.');
  return { major: BigInt(major), minor: BigInt(minor), patch: BigInt(patch), prerelease: pre };
}

/** SemVer 2.0.0 precedence (build metadata ignored): negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (x[key] !== y[key]) return x[key] < y[key] ? -1 : 1;
  }
  if (x.prerelease.length === 0 || y.prerelease.length === 0) return y.prerelease.length - x.prerelease.length;
  for (let i = 0; i < Math.min(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i] as string;
    const q = y.prerelease[i] as string;
    if (p === q) continue;
    const pn = /^[0-9]+$/.test(p);
    const qn = /^[0-9]+$/.test(q);
    if (pn && qn) return BigInt(p) < BigInt(q) ? -1 : 1;
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return x.prerelease.length - y.prerelease.length;
}

/** The next version after `version` (or `v0.1.0` when there is none yet). Pre-release parts are dropped. */
export function bumpVersion(version: string | undefined, part: 'major' | 'minor' | 'patch'): string {
  if (version === undefined) return 'v0.1.0';
  const v = parseSemver(version);
  if (part === 'major') return `v${v.major + 1n}.0.0`;
  if (part === 'minor') return `v${v.major}.${v.minor + 1n}.0`;
  return v.prerelease.length > 0 ? `v${v.major}.${v.minor}.${v.patch}` : `v${v.major}.${v.minor}.${v.patch + 1n}`;
}
