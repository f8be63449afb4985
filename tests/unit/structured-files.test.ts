import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/src/errors';
import { flatten, readStructuredFile } from '../../shared/src/files/structured';
import { readMetricsFile } from '../../shared/src/metrics/metrics-file';

const dir = mkdtempSync(path.join(os.tmpdir(), 'structured-'));
function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

async function errorOf(promise: Promise<unknown>): Promise<ConfigurationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

describe('metrics files', () => {
  it('flattens nested keys with dots in JSON, YAML and TOML alike', async () => {
    const expected = { 'test.accuracy': 0.9, 'test.auc': 0.95, loss: 0.1 };
    expect(await readMetricsFile(file('m.json', '{"test": {"accuracy": 0.9, "auc": 0.95}, "loss": 0.1}'), 'metrics')).toEqual(expected);
    expect(await readMetricsFile(file('m.yaml', 'test:\n  accuracy: 0.9\n  auc: 0.95\nloss: 0.1\n'), 'metrics')).toEqual(expected);
    expect(await readMetricsFile(file('m.toml', 'loss = 0.1\n[test]\naccuracy = 0.9\nauc = 0.95\n'), 'metrics')).toEqual(expected);
  });

  it('names the key of a value that is not a number', async () => {
    const error = await errorOf(readMetricsFile(file('s.json', '{"test": {"accuracy": "high"}}'), 'metrics'));
    expect(error.message).toBe(`metrics: ${JSON.stringify(path.join(dir, 's.json'))} key "test.accuracy" is the string "high"; expected a finite number`);
  });

  it('refuses NaN and infinities, which YAML and TOML can spell', async () => {
    expect((await errorOf(readMetricsFile(file('n.yaml', 'loss: .nan\n'), 'metrics'))).message).toMatch(/key "loss" is NaN; expected a finite number/);
    expect((await errorOf(readMetricsFile(file('i.toml', 'loss = inf\n'), 'metrics'))).message).toMatch(/key "loss" is Infinity/);
  });

  it('refuses lists, booleans and an empty file', async () => {
    expect((await errorOf(readMetricsFile(file('l.json', '{"a": [1, 2]}'), 'metrics'))).message).toMatch(/key "a" is a list/);
    expect((await errorOf(readMetricsFile(file('b.json', '{"a": true}'), 'metrics'))).message).toMatch(/key "a" is a boolean/);
    expect((await errorOf(readMetricsFile(file('e.json', '{}'), 'metrics'))).message).toMatch(/holds no metrics/);
    expect((await errorOf(readMetricsFile(file('top.json', '[1]'), 'metrics'))).message).toMatch(/must hold an object of metric names and numbers, not a list/);
  });
});

describe('structured files', () => {
  it('gives the line of a syntax error in each format', async () => {
    expect((await errorOf(readStructuredFile(file('bad.json', '{\n  "a": 1,\n  "b": \n}'), 'params'))).message).toMatch(/^params: ".*bad\.json" line 4 is not valid JSON/);
    expect((await errorOf(readStructuredFile(file('bad.yaml', 'a: 1\nb: [1, 2\nc: 3\n'), 'params'))).message).toMatch(/^params: ".*bad\.yaml" line \d is not valid YAML/);
    expect((await errorOf(readStructuredFile(file('bad.toml', 'a = 1\nb = = 2\n'), 'params'))).message).toMatch(/^params: ".*bad\.toml" line 2 is not valid TOML/);
  });

  it('refuses duplicate YAML keys', async () => {
    expect((await errorOf(readStructuredFile(file('dup.yaml', 'a: 1\na: 2\n'), 'params'))).message).toMatch(/line 2 is not valid YAML/);
  });

  it('names a missing file, a folder, and an unknown extension', async () => {
    expect((await errorOf(readStructuredFile(path.join(dir, 'none.yaml'), 'params'))).message).toBe(`params: ${JSON.stringify(path.join(dir, 'none.yaml'))} does not exist`);
    expect((await errorOf(readStructuredFile(`${dir}/sub.json`.replace('sub.json', ''), 'params'))).message).toMatch(/has no known extension/);
    expect((await errorOf(readStructuredFile(file('p.ini', 'a=1'), 'params'))).message).toBe(`params: ${JSON.stringify(path.join(dir, 'p.ini'))} has no known extension; expected .json, .yaml, .yml or .toml`);
  });

  it('strips a BOM', async () => {
    expect(await readStructuredFile(file('bom.json', '\uFEFF{"a": 1}'), 'params')).toEqual({ a: 1 });
  });
});

describe('flatten', () => {
  it('keeps lists and scalars as leaves', () => {
    expect(flatten({ a: { b: [1, 2], c: null, d: 'x' }, e: true })).toEqual({ 'a.b': [1, 2], 'a.c': null, 'a.d': 'x', e: true });
  });
});

describe('jsonErrorOffset', () => {
  it('points at the first character JSON.parse would refuse', async () => {
    const { jsonErrorOffset } = await import('../../shared/src/files/json-error-offset');
    const cases: Array<[string, number]> = [
      ['{"a": 1,}', 8],
      ['[1, 2', 5],
      ['{"a" 1}', 5],
      ['{"a": tru}', 6],
      ['{"a": "x\ny"}', 8],
      ['{"a": 01}', 7],
      ['{"a": 1} x', 9],
      ['{"a": "\\q"}', 8],
    ];
    for (const [text, offset] of cases) {
      expect(() => JSON.parse(text)).toThrow();
      expect([text, jsonErrorOffset(text)]).toEqual([text, offset]);
    }
  });
});
