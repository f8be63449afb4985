import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/src/errors';
import { bumpVersion, compareVersions, formatTag, isValidModelName, isValidStage, parseTag } from '../../shared/src/registry/tags';

// The examples below are GTO's own (iterative/gto), read through the code search, not copied code:
//  - tests/test_tag.py (test_parse_name, test_parse_correct_names, test_parse_wrong_names, test_name_tag);
//  - tests/test_constants.py, newest version (names with '_' and capitals valid; `dir:name` / `dir=name`);
//  - the docs at dvc.org/doc/gto/command-reference/deprecate and …/register
//    ("Created git tag 'awesome-model#prod!#2' that unassigns a stage", "'awesome-model@v0.0.1' … registers").

describe('parseTag: GTO test_parse_name', () => {
  it.each([
    ['path@v1.2.3', { kind: 'register', model: 'path', version: 'v1.2.3' }],
    ['path@v1.2.3#5', { kind: 'register', model: 'path', version: 'v1.2.3', counter: 5 }],
    ['path@v1.2.3!', { kind: 'deregister', model: 'path', version: 'v1.2.3' }],
    ['path@v1.2.3!#2', { kind: 'deregister', model: 'path', version: 'v1.2.3', counter: 2 }],
    ['path#stage', { kind: 'assign', model: 'path', stage: 'stage' }],
    ['path#stage#1', { kind: 'assign', model: 'path', stage: 'stage', counter: 1 }],
    ['path#stage!#2', { kind: 'unassign', model: 'path', stage: 'stage', counter: 2 }],
    // the docs' examples
    ['awesome-model@v0.0.1', { kind: 'register', model: 'awesome-model', version: 'v0.0.1' }],
    ['awesome-model#prod!#2', { kind: 'unassign', model: 'awesome-model', stage: 'prod', counter: 2 }],
    ['awesome-model#prod#1', { kind: 'assign', model: 'awesome-model', stage: 'prod', counter: 1 }],
    // deprecation of a whole artifact: TagTemplates in gto/tag.py, `{artifact}@deprecated`
    ['nn@deprecated', { kind: 'deprecate', model: 'nn' }],
    ['nn@deprecated#3', { kind: 'deprecate', model: 'nn', counter: 3 }],
    // monorepo names: `dir:name` as a name, `dir=name` in a tag (test_check_fullname_in_tag_is_valid)
    ['dvclive=model@v1.0.0', { kind: 'register', model: 'dvclive:model', version: 'v1.0.0' }],
    ['some/folder=some/model#prod#4', { kind: 'assign', model: 'some/folder:some/model', stage: 'prod', counter: 4 }],
    ['Some/folder/A=Model@v1.0.0', { kind: 'register', model: 'Some/folder/A:Model', version: 'v1.0.0' }],
  ])('%s', (tag, expected) => {
    expect(parseTag(tag)).toEqual({ tag, ...expected });
  });
});

describe('parseTag: GTO test_parse_correct_names', () => {
  it.each([
    'nn#prod', 'nn#prod!', 'nn#prod#1', 'nn@v1.0.0', 'nn#prod!#2', 'nn@v1.0.0!', 'nn@v1.0.0#1', 'nn@v1.0.0!#1',
    'nn@v1.0.0-rc.2', 'nn@v1.0.0-alpha', 'nn@v1.0.0-alpha.1', 'nn@v1.0.0-alpha.beta', 'new-artifact@v1.0.1!',
  ])('%s is a GTO tag', (tag) => {
    expect(parseTag(tag)).toBeDefined();
  });
});

describe('parseTag: GTO test_parse_wrong_names', () => {
  it.each([
    '', '###', '@@@', 'model@v1', 'nn#prod#-1', 'model@v111', 'model-prod', 'model@0.0.1', 'model-prod-v1',
    'model#prod#-1', 'model#prod#1-2', 'model#prod?#1-2', 'model#prod@v1.2.3', 'model@v1.2.3#prod',
    'model-prod-v1-stage', 'model@prod@v1@stage-1', 'namespace/model@0.0.1', '@namespace/model@0.0.1',
    'model#prod#v1#stage#1-', 'model#prod-v1-stage@1-2', 'model#prod-v1-stage@1-2#@',
    // ours: release tags and SemVer with leading zeros
    'v1.2.3', 'model@v01.2.3',
  ])('%s is not a GTO tag', (tag) => {
    expect(parseTag(tag)).toBeUndefined();
  });
});

describe('names and stages: GTO test_constants', () => {
  it.each(['1', 'm', 'nn', 'm1', '1nn', 'model-prod', 'model-prod-v1', 'model_prod_v1', 'dvclive/model', 'model_A', 'DVCLive/Model'])(
    '%s is a valid name',
    (name) => {
      expect(isValidModelName(name)).toBe(true);
      expect(isValidStage(name)).toBe(true);
    },
  );
  it.each(['', 'm/', '/m', '###', '@@@', 'a model', '_model', '-model', 'model-', 'model@1', 'model#1', '@namespace/model'])(
    '%s is not a valid name',
    (name) => {
      expect(isValidModelName(name)).toBe(false);
      expect(isValidStage(name)).toBe(false);
    },
  );
  it.each(['model', 'dvclive:model', 'some/folder:some/model', 'some/Other_Folder:some/model'])('%s is a valid full name', (name) => {
    expect(isValidModelName(name)).toBe(true);
  });
  it('refuses what git refuses in a ref name', () => {
    expect(isValidModelName('a..b:model')).toBe(false);
    expect(isValidModelName('dir/.hidden:model')).toBe(false);
  });
});

describe('formatTag', () => {
  // gto/tests/test_tag.py test_name_tag (with SemVer versions: our versions are SemVer)
  it('writes the forms of test_name_tag', () => {
    expect(formatTag({ kind: 'register', model: 'myartifact', version: 'v1.0.0' })).toBe('myartifact@v1.0.0');
    expect(formatTag({ kind: 'register', model: 'myartifact', version: 'v1.0.0', counter: 1 })).toBe('myartifact@v1.0.0#1');
    expect(formatTag({ kind: 'deregister', model: 'myartifact', version: 'v1.0.0' })).toBe('myartifact@v1.0.0!');
    expect(formatTag({ kind: 'deregister', model: 'myartifact', version: 'v1.0.0', counter: 1 })).toBe('myartifact@v1.0.0!#1');
    expect(formatTag({ kind: 'assign', model: 'myartifact', stage: 'stage' })).toBe('myartifact#stage');
    expect(formatTag({ kind: 'assign', model: 'myartifact', stage: 'stage', counter: 1 })).toBe('myartifact#stage#1');
    expect(formatTag({ kind: 'unassign', model: 'myartifact', stage: 'stage', counter: 1 })).toBe('myartifact#stage!#1');
    expect(formatTag({ kind: 'deprecate', model: 'myartifact' })).toBe('myartifact@deprecated');
    expect(formatTag({ kind: 'assign', model: 'dvclive:model', stage: 'prod', counter: 7 })).toBe('dvclive=model#prod#7');
  });
  it('round-trips through parseTag', () => {
    for (const tag of ['m@v1.2.3-rc.1+build.5', 'a/b=c/d#prod!#12', 'x@deprecated#2', 'n#staging']) {
      const parsed = parseTag(tag);
      expect(parsed).toBeDefined();
      expect(formatTag(parsed!)).toBe(tag);
    }
  });
  it('names the bad value in one line', () => {
    expect(() => formatTag({ kind: 'register', model: 'my model', version: 'v1.0.0' })).toThrow(ConfigurationError);
    expect(() => formatTag({ kind: 'register', model: 'm', version: '1.0.0' })).toThrow(/version "1.0.0" is not a version: expected 'v' and a SemVer/);
    expect(() => formatTag({ kind: 'assign', model: 'm', stage: 'prod!' })).toThrow(/stage "prod!" is not a GTO stage name/);
  });
});

describe('versions', () => {
  it('orders by SemVer precedence (semver.org §11)', () => {
    const ordered = ['v1.0.0-alpha', 'v1.0.0-alpha.1', 'v1.0.0-alpha.beta', 'v1.0.0-beta', 'v1.0.0-beta.2', 'v1.0.0-beta.11', 'v1.0.0-rc.1', 'v1.0.0', 'v1.0.1', 'v1.10.0', 'v2.0.0'];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareVersions)).toEqual(ordered);
    expect(compareVersions('v1.0.0+a', 'v1.0.0+b')).toBe(0);
  });
  it('bumps', () => {
    expect(bumpVersion(undefined, 'patch')).toBe('v0.1.0');
    expect(bumpVersion('v1.2.3', 'patch')).toBe('v1.2.4');
    expect(bumpVersion('v1.2.3', 'minor')).toBe('v1.3.0');
    expect(bumpVersion('v1.2.3', 'major')).toBe('v2.0.0');
    expect(bumpVersion('v1.2.3-rc.1', 'patch')).toBe('v1.2.3');
  });
});
