import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/src/errors';
import type { GitTag } from '../../shared/src/registry/git';
import { Registry, type RegistryPayload } from '../../shared/src/registry/registry';

const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);
const C3 = '3'.repeat(40);
const T0 = Date.parse('2024-05-01T09:00:00Z');

function payload(model: string, version: string, commit: string, digestChar = 'a'): RegistryPayload {
  return {
    schemaVersion: 1,
    model,
    version,
    modelDigest: `sha256:${digestChar.repeat(64)}`,
    metrics: { accuracy: 0.9 },
    run: { runId: 'run-1' },
    artifact: { store: 'local', path: `/store/${version}` },
    commit,
    workflowRunUrl: null,
  };
}

let clock = 0;
function tag(name: string, commit: string, message = '', minutes = clock++): GitTag {
  return { name, objectType: 'tag', object: `${minutes}`.padStart(40, 'f'), commit, tagger: { name: 'Mona', email: 'mona@example.com', date: new Date(T0 + minutes * 60_000) }, message };
}
function version(model: string, v: string, commit: string, digestChar = 'a'): GitTag {
  return tag(`${model}@${v}`, commit, JSON.stringify(payload(model, v, commit, digestChar)));
}

describe('Registry', () => {
  it('reads versions with payloads, plain messages kept as text, the latest by SemVer', () => {
    const registry = Registry.fromTags([
      version('churn', 'v1.0.0', C1),
      version('churn', 'v1.10.0', C3),
      tag('churn@v1.2.0', C2, 'Registered by GTO\n'),
    ]);
    expect(registry.versions('churn').map((v) => v.version)).toEqual(['v1.10.0', 'v1.2.0', 'v1.0.0']);
    expect(registry.latestVersion('churn')?.version).toBe('v1.10.0');
    expect(registry.version('churn', 'v1.0.0')?.payload?.modelDigest).toBe(`sha256:${'a'.repeat(64)}`);
    const gto = registry.version('churn', 'v1.2.0')!;
    expect(gto.payload).toBeUndefined();
    expect(gto.message).toBe('Registered by GTO\n');
    expect(() => registry.requirePayload(gto)).toThrow(/"churn@v1.2.0" has no mlops-actions payload: its message is plain text/);
    expect(registry.problems).toEqual([]);
  });

  it('reports a payload that does not fit its schema, naming the tag, and keeps reading the rest', () => {
    const bad = { ...payload('m', 'v1.0.0', C1), modelDigest: 'md5:abc' };
    const registry = Registry.fromTags([tag('m@v1.0.0', C1, JSON.stringify(bad)), version('m', 'v1.1.0', C2)]);
    expect(registry.problems).toHaveLength(1);
    expect(registry.problems[0]?.message).toMatch(/^registry tag: "m@v1.0.0" field "\/modelDigest" must match pattern/);
    expect(() => registry.requirePayload(registry.version('m', 'v1.0.0')!)).toThrow(ConfigurationError);
    expect(registry.latestVersion('m')?.payload).toBeDefined();
  });

  it('reports a payload that contradicts its tag', () => {
    const registry = Registry.fromTags([tag('m@v1.0.0', C1, JSON.stringify(payload('m', 'v2.0.0', C1)))]);
    expect(registry.problems[0]?.message).toBe('registry tag "m@v1.0.0": field "/version" is "v2.0.0", expected "v1.0.0" as the tag says');
  });

  it('ignores lightweight tags, but counts their names for the next N', () => {
    const light: GitTag = { name: 'm#prod#9', objectType: 'commit', object: C2, message: '' };
    const registry = Registry.fromTags([version('m', 'v1.0.0', C1), tag('m#prod#1', C1), light, { name: 'm@v9.0.0', objectType: 'commit', object: C2, message: '' }]);
    expect(registry.versions('m').map((v) => v.version)).toEqual(['v1.0.0']);
    expect(registry.history('m', 'prod').map((e) => e.tag)).toEqual(['m#prod#1']);
    expect(registry.nextCounter('m')).toBe(10);
  });

  it('the newest assignment (highest N) holds the stage, whatever the tagger dates say', () => {
    const registry = Registry.fromTags([
      version('m', 'v1.0.0', C1),
      version('m', 'v2.0.0', C2),
      // #3 carries an older date than #2 (a runner with a slow clock): N decides, not the date
      tag('m#prod#3', C1, '', 100),
      tag('m#prod#2', C2, '', 200),
      tag('m#staging#1', C2, '', 50),
    ]);
    expect(registry.stage('m', 'prod')?.version.version).toBe('v1.0.0');
    expect(registry.stage('m', 'prod')?.assignment.tag).toBe('m#prod#3');
    expect(registry.previousHolder('m', 'prod')?.version.version).toBe('v2.0.0');
    expect(registry.stage('m', 'staging')?.version.version).toBe('v2.0.0');
    expect(registry.history('m', 'prod').map((e) => [e.tag, e.version, e.by.name])).toEqual([
      ['m#prod#2', 'v2.0.0', 'Mona'],
      ['m#prod#3', 'v1.0.0', 'Mona'],
    ]);
    expect(registry.stages('m')).toEqual(['prod', 'staging']);
  });

  it('unassignment hands the stage back to the previous assignment still in effect (GTO: awesome-model#prod!#2)', () => {
    const registry = Registry.fromTags([
      version('m', 'v1.0.0', C1),
      version('m', 'v2.0.0', C2),
      tag('m#prod#1', C1),
      tag('m#prod#2', C2),
      tag('m#prod!#3', C2),
    ]);
    expect(registry.stage('m', 'prod')?.version.version).toBe('v1.0.0');
    const none = Registry.fromTags([version('m', 'v1.0.0', C1), tag('m#prod#1', C1), tag('m#prod!#2', C1)]);
    expect(none.stage('m', 'prod')).toBeUndefined();
  });

  it('a deregistered version holds no stage and is not the latest; a deprecated model has neither', () => {
    const registry = Registry.fromTags([
      version('m', 'v1.0.0', C1),
      version('m', 'v2.0.0', C2),
      tag('m#prod#1', C1),
      tag('m#prod#2', C2),
      tag('m@v2.0.0!', C2),
    ]);
    expect(registry.latestVersion('m')?.version).toBe('v1.0.0');
    expect(registry.stage('m', 'prod')?.version.version).toBe('v1.0.0');
    expect(registry.versions('m', { includeDeregistered: true })).toHaveLength(2);

    const deprecated = Registry.fromTags([version('d', 'v1.0.0', C1), tag('d#prod#1', C1), tag('d@deprecated', C1)]);
    expect(deprecated.isDeprecated('d')).toBe(true);
    expect(deprecated.stage('d', 'prod')).toBeUndefined();
    expect(deprecated.latestVersion('d')).toBeUndefined();
    expect(deprecated.latestVersion('d', { includeDeprecated: true })?.version).toBe('v1.0.0');
    const revived = Registry.fromTags([version('d', 'v1.0.0', C1), tag('d@deprecated', C1), version('d', 'v1.1.0', C2)]);
    expect(revived.isDeprecated('d')).toBe(false);
  });

  it('finds an assignment version from our message, else from the commit as GTO does; uncounted tags rank first', () => {
    const registry = Registry.fromTags([
      version('m', 'v1.0.0', C1),
      version('m', 'v1.0.1', C1),
      tag('m#prod', C1, 'GTO --simple'),
      tag('m#qa#4', C1, JSON.stringify({ schemaVersion: 1, kind: 'assignment', model: 'm', stage: 'qa', version: 'v1.0.0', reason: 'rollback' })),
      tag('m#prod#2', C1, JSON.stringify({ schemaVersion: 1, kind: 'assignment', model: 'm', stage: 'prod', version: 'v1.0.0' })),
    ]);
    expect(registry.history('m', 'prod').map((e) => [e.tag, e.version])).toEqual([
      ['m#prod', 'v1.0.1'],
      ['m#prod#2', 'v1.0.0'],
    ]);
    expect(registry.stage('m', 'qa')?.assignment.reason).toBe('rollback');
    expect(registry.stage('m', 'prod')?.version.version).toBe('v1.0.0');
  });

  it('keeps monorepo names apart', () => {
    const registry = Registry.fromTags([tag('a/b=m@v1.0.0', C1, 'x'), tag('m@v2.0.0', C2, 'y')]);
    expect(registry.modelNames()).toEqual(['a/b:m', 'm']);
    expect(registry.latestVersion('a/b:m')?.version).toBe('v1.0.0');
  });
});

describe('Registry: GTO\'s own example registry', () => {
  it('reads iterative/example-gto as `gto show` documents it', () => {
    // The tags iterative/example-repos-dev example-gto/generate.sh writes with gto (one `tick` of 100,000 s
    // between steps), with gto's plain messages. Its README shows `gto show` of the result:
    //   churn     latest v3.1.1  #dev v3.1.1 (churn#dev#5)  #prod v3.0.0 (churn#prod#3)  #staging v3.1.0 (churn#staging#2)
    //   segment   latest v0.4.1  #dev v0.4.1 (segment#dev#1)
    //   cv-class  latest v0.1.13
    const [create, update, mlem] = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
    let tick = 0;
    const gto = (name: string, commit: string, message: string): GitTag => ({
      name,
      objectType: 'tag',
      object: `${name.length}${tick}`.padStart(40, 'e'),
      commit,
      tagger: { name: 'Alexander Guschin', email: '1aguschin@gmail.com', date: new Date(T0 + ++tick * 100_000_000) },
      message: `${message}\n`,
    });
    const tags = [
      gto('churn@v3.0.0', create, 'Registering artifact churn version v3.0.0'),
      gto('segment@v0.4.1', create, 'Registering artifact segment version v0.4.1'),
      gto('cv-class@v0.1.13', create, 'Registering artifact cv-class version v0.1.13'),
      gto('churn@v3.1.0', update, 'Registering artifact churn version v3.1.0'),
      gto('churn#dev#1', create, 'Assigning stage dev to artifact churn version v3.0.0'),
      gto('churn#staging#2', update, 'Assigning stage staging to artifact churn version v3.1.0'),
      gto('churn#prod#3', create, 'Assigning stage prod to artifact churn version v3.0.0'),
      gto('churn#dev#4', update, 'Assigning stage dev to artifact churn version v3.1.0'),
      gto('segment#dev#1', create, 'Assigning stage dev to artifact segment version v0.4.1'),
      // `gto assign churn --stage dev` on a commit with no version registers the next patch there first.
      gto('churn@v3.1.1', mlem, 'Registering artifact churn version v3.1.1'),
      gto('churn#dev#5', mlem, 'Assigning stage dev to artifact churn version v3.1.1'),
    ];
    // In any order: the registry sorts them itself.
    const registry = Registry.fromTags([...tags].reverse());
    expect(registry.modelNames()).toEqual(['churn', 'cv-class', 'segment']);
    const show = (model: string) => [registry.latestVersion(model)?.version, ...['dev', 'prod', 'staging'].map((s) => registry.stage(model, s)?.assignment.tag ?? '-')];
    expect(show('churn')).toEqual(['v3.1.1', 'churn#dev#5', 'churn#prod#3', 'churn#staging#2']);
    expect(['dev', 'prod', 'staging'].map((s) => registry.stage('churn', s)?.version.version)).toEqual(['v3.1.1', 'v3.0.0', 'v3.1.0']);
    expect(show('segment')).toEqual(['v0.4.1', 'segment#dev#1', '-', '-']);
    expect(registry.stage('segment', 'dev')?.version.version).toBe('v0.4.1');
    expect(show('cv-class')).toEqual(['v0.1.13', '-', '-', '-']);
    expect(registry.history('churn', 'dev').map((e) => [e.tag, e.version])).toEqual([
      ['churn#dev#1', 'v3.0.0'],
      ['churn#dev#4', 'v3.1.0'],
      ['churn#dev#5', 'v3.1.1'],
    ]);
    expect(registry.previousHolder('churn', 'dev')?.version.version).toBe('v3.1.0');
    expect(registry.nextCounter('churn')).toBe(6);
    expect(registry.nextCounter('segment')).toBe(2);
    expect(registry.problems).toEqual([]);
    expect(() => registry.requirePayload(registry.version('churn', 'v3.0.0')!)).toThrow(/plain text/);
  });
});
