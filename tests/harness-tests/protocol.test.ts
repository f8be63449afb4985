import { describe, expect, it } from 'vitest';
import { parseKeyValueFile, parsePathFile } from '../harness/file-commands';
import { buildInputEnv, inputVariable } from '../harness/run-action';
import { parseCommandLine, parseWorkflowCommands, unescapeData, unescapeProperty } from '../harness/workflow-commands';

describe('file commands', () => {
  it('reads name=value lines and the heredocs @actions/core writes', () => {
    const delimiter = 'ghadelimiter_3f1c9e2a-8d4b-4c1e-9a53-0b7e2f6d1c44';
    const content = [
      'cache-hit=false',
      `metrics<<${delimiter}`,
      '{"accuracy": 0.93,',
      ' "f1": 0.9}',
      delimiter,
      `empty<<${delimiter}`,
      delimiter,
      'equals=a=b<<c',
      '',
    ].join('\n');
    expect(parseKeyValueFile(content)).toEqual({
      'cache-hit': 'false',
      metrics: '{"accuracy": 0.93,\n "f1": 0.9}',
      empty: '',
      equals: 'a=b<<c',
    });
  });

  it('accepts CRLF line endings and lets a later value win, as the runner does', () => {
    expect(parseKeyValueFile('a=1\r\nb<<EOF\r\nx\r\nEOF\r\na=2\r\n')).toEqual({ a: '2', b: 'x' });
  });

  it('rejects a heredoc without its closing delimiter and a line that is no command', () => {
    expect(() => parseKeyValueFile('notes<<EOF\nline\n', 'GITHUB_OUTPUT')).toThrow(/GITHUB_OUTPUT: matching delimiter not found: "EOF"/);
    expect(() => parseKeyValueFile('just text\n')).toThrow(/line 1 is neither/);
    expect(() => parseKeyValueFile('=value\n')).toThrow(/no name/);
  });

  it('reads GITHUB_PATH one directory a line', () => {
    expect(parsePathFile('/opt/tool/bin\n\n/home/runner/.local/bin\n')).toEqual(['/opt/tool/bin', '/home/runner/.local/bin']);
  });
});

describe('workflow commands', () => {
  it('undoes the data escaping, %25 last', () => {
    expect(unescapeData('100%25 done%0Anext%0D%0Aline %250A')).toBe('100% done\nnext\r\nline %0A');
  });

  it('undoes the property escaping, including : and ,', () => {
    expect(unescapeProperty('a%3Ab%2Cc%25d%0A')).toBe('a:b,c%d\n');
  });

  it('parses annotations with properties the way @actions/core writes them', () => {
    // What core.error('bad value\nsecond line', { file: 'params.yaml', startLine: 3, title: 'lr: 0,1' }) prints.
    const command = parseCommandLine('::error title=lr%3A 0%2C1,file=params.yaml,line=3::bad value%0Asecond line');
    expect(command).toEqual({ command: 'error', properties: { title: 'lr: 0,1', file: 'params.yaml', line: '3' }, data: 'bad value\nsecond line' });
  });

  it('ignores plain lines and lines that merely contain ::', () => {
    expect(parseCommandLine('plain text')).toBeUndefined();
    expect(parseCommandLine('see ::error:: inside')).toBeUndefined();
    expect(parseCommandLine('::not-closed')).toBeUndefined();
  });

  it('collects annotations, groups and masks from a log, skipping commands between stop-commands markers', () => {
    const log = [
      '::group::Restore cache',
      'Cache restored',
      '::endgroup::',
      '::add-mask::s3cr3t',
      '::warning file=data.csv,line=10,col=2::drift in %60age%60',
      '::stop-commands::pause-token-1',
      '::error::not a command while stopped',
      '::pause-token-1::',
      '  ::notice::leading spaces are allowed',
      '::debug::details',
      '::ERROR::upper-case command names work',
    ].join('\n');
    const parsed = parseWorkflowCommands(log);
    expect(parsed.groups).toEqual(['Restore cache']);
    expect(parsed.masks).toEqual(['s3cr3t']);
    expect(parsed.annotations).toEqual([
      { level: 'warning', message: 'drift in %60age%60', properties: { file: 'data.csv', line: '10', col: '2' } },
      { level: 'notice', message: 'leading spaces are allowed', properties: {} },
      { level: 'debug', message: 'details', properties: {} },
      { level: 'error', message: 'upper-case command names work', properties: {} },
    ]);
  });
});

describe('inputs', () => {
  it('names variables as the runner does: spaces become underscores, hyphens stay', () => {
    expect(inputVariable('working-directory')).toBe('INPUT_WORKING-DIRECTORY');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });

  it('sets every declared input: the given value, else the default, with github.token from GITHUB_TOKEN', async () => {
    const env = await buildInputEnv('promote', { stage: 'production' }, { GITHUB_TOKEN: 'ghs_example' });
    expect(env['INPUT_STAGE']).toBe('production');
    expect(env['INPUT_REGISTRY']).toBe('origin');
    expect(env['INPUT_MODEL']).toBe('');
    expect(env['INPUT_GITHUB-TOKEN']).toBe('ghs_example');
    expect(Object.keys(env)).toHaveLength(14);
    expect((await buildInputEnv('promote', {}, {}))['INPUT_GITHUB-TOKEN']).toBe('');
  });

  it('refuses an input the action does not declare, so a typo in a test cannot pass silently', async () => {
    await expect(buildInputEnv('train', { comand: 'python train.py' }, {})).rejects.toThrow(/declares no input "comand"/);
  });
});
