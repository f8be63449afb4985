import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import schema from '../../shared/schemas/contract.schema.json';
import { loadContract, parseContract, writeContract } from '../../shared/src/contract';
import { ConfigurationError } from '../../shared/src/errors';

const fixtures = path.join(import.meta.dirname, '../fixtures/contract');

function errorOf(text: string, file = 'contract.yaml'): string {
  try {
    parseContract(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loading a contract', () => {
  it('reads the YAML and the JSON form of the same contract alike', async () => {
    const yaml = await loadContract(path.join(fixtures, 'full.yaml'));
    const json = await loadContract(path.join(fixtures, 'full.json'));
    expect(json.spec).toEqual(yaml.spec);
    expect(yaml.columns.map((c) => c.name)).toEqual(['age', 'email', 'plan', 'signup', 'score', 'note']);
    expect(yaml.column('age')).toEqual({ name: 'age', type: 'integer', nullable: false, min: 0, max: 120, mostly: 0.99, severity: 'error' });
    expect(yaml.spec.dataset).toEqual({
      rows: { min: 100, max: 10000000 },
      rowsChange: { maxRelative: 0.5 },
      freshness: { column: 'signup', maxAge: '7d' },
      requiredColumns: ['age', 'email'],
      forbiddenColumns: ['ssn'],
      columnOrder: false,
    });
    expect(yaml.spec.records).toEqual({ type: 'object', required: ['age'] });
  });

  it('knows the line of every key, in YAML and in JSON', async () => {
    const yaml = await loadContract(path.join(fixtures, 'full.yaml'));
    expect(yaml.lineOf('columns', 'age', 'min')).toBe(7);
    expect(yaml.lineOf('columns', 'email', 'unique')).toBe(11);
    expect(yaml.lineOf('dataset', 'freshness')).toBe(19);
    expect(yaml.lineOf('records')).toBe(23);
    const json = await loadContract(path.join(fixtures, 'full.json'));
    expect(json.lineOf('columns', 'age', 'min')).toBe(4);
    expect(json.lineOf('dataset', 'rows-change')).toBe(13);
  });

  it('gives each column its drift setting', async () => {
    const contract = await loadContract(path.join(fixtures, 'full.yaml'));
    expect(contract.drift('score')).toEqual({ method: 'psi', threshold: 0.2 });
    expect(contract.drift('note')).toBe('off');
    expect(contract.drift('age')).toBeUndefined();
    expect(contract.drift('nothing')).toBeUndefined();
    expect(parseContract('version: 1\ncolumns:\n  a: { drift: false }\n', 'c.yaml').drift('a')).toBe('off');
  });

  it('requires every column of the contract by default', () => {
    const contract = parseContract('version: 1\ncolumns:\n  a: {}\n  b:\n', 'c.yaml');
    expect(contract.requiredColumns).toEqual(['a', 'b']);
    expect(parseContract('version: 1\ncolumns:\n  a: {}\ndataset:\n  required-columns: []\n', 'c.yaml').requiredColumns).toEqual([]);
  });

  it('the fixtures are valid for ajv against the JSON Schema (draft-07) that editors use', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(schema);
    for (const name of ['full.yaml', 'full.json']) {
      const data: unknown = parseYaml(readFileSync(path.join(fixtures, name), 'utf8'));
      expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ version: 1, columns: { age: { mni: 0 } } })).toBe(false);
    expect(validate({ version: 1, columns: { age: { drift: 'on' } } })).toBe(false);
  });

  it('says when the file is missing or of another kind', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'contract-'));
    await expect(loadContract(path.join(dir, 'none.yaml'))).rejects.toThrow(`contract: ${JSON.stringify(path.join(dir, 'none.yaml'))} does not exist`);
    writeFileSync(path.join(dir, 'c.toml'), 'version = 1\n');
    await expect(loadContract(path.join(dir, 'c.toml'))).rejects.toThrow('has no known extension; expected .yaml, .yml or .json');
  });
});

describe('column names', () => {
  it('keep the file\'s order, names such as 1 and __proto__ included, through a write and a load', () => {
    const text = 'version: 1\ncolumns:\n  "null": { type: string }\n  "1": { type: integer }\n  __proto__: { type: integer, min: 0 }\n  "true": { type: boolean }\n';
    const contract = parseContract(text, 'c.yaml');
    expect(contract.columns.map((c) => c.name)).toEqual(['null', '1', '__proto__', 'true']);
    expect(contract.column('__proto__')?.min).toBe(0);
    expect(contract.lineOf('columns', '__proto__', 'min')).toBe(5);
    const again = parseContract(writeContract(contract), 'c.yaml');
    expect(again.columns.map((c) => c.name)).toEqual(['null', '1', '__proto__', 'true']);
  });
});

describe('contract errors: one line with the file and line', () => {
  const cases: Array<[string, string, string]> = [
    ['a misspelt key, with a suggestion', 'version: 1\ncolumns:\n  age:\n    type: integer\n    mni: 0\n', 'line 5: columns.age.mni is not a known key; did you mean "min"?'],
    ['a key far from any', 'version: 1\ncolumns:\n  age:\n    zzzzzzzz: 0\n', 'line 4: columns.age.zzzzzzzz is not a known key; expected one of: type, nullable, max-null-fraction, min, max, regex, allowed, min-length, max-length, unique, mostly, severity, drift, description'],
    ['a misspelt top-level key', 'version: 1\ncolumns: {}\ndatset:\n  rows: { min: 1 }\n', 'line 3: datset is not a known key; did you mean "dataset"?'],
    ['a misspelt dataset key', 'version: 1\ndataset:\n  requried-columns: [a]\n', 'line 3: dataset.requried-columns is not a known key; did you mean "required-columns"?'],
    ['a numeric drift method on a category column', 'version: 1\ncolumns:\n  plan:\n    type: category\n    drift: { method: ks }\n', 'line 5: columns.plan.drift.method is ks, which compares numbers, but the column\'s type is category; expected psi or jensen-shannon'],
    ['a records schema with an unknown format', 'version: 1\nrecords:\n  properties:\n    ip: { type: string, format: ipv6 }\n', 'line 2: records uses the format "ipv6", which is not one of date, date-time, time, email, uri, uuid, ipv4'],
    ['a required column one slip from a described one', 'version: 1\ncolumns:\n  score: { type: number }\ndataset:\n  required-columns: [scor]\n', 'line 5: dataset.required-columns[0] "scor" is not one of the columns under columns; did you mean "score"?'],
    ['a word for a number', 'version: 1\ncolumns:\n  age:\n    type: integer\n    min: zero\n', 'line 5: columns.age.min must be a number, got "zero"'],
    ['a list for a number', 'version: 1\ncolumns:\n  age:\n    mostly: [1]\n', 'line 4: columns.age.mostly must be a number, got a list'],
    ['an unknown type', 'version: 1\ncolumns:\n  age: { type: interger }\n', 'line 3: columns.age.type must be one of integer, number, string, boolean, timestamp, category, got "interger"; did you mean "integer"?'],
    ['min above max', 'version: 1\ncolumns:\n  age:\n    type: integer\n    min: 10\n    max: 5\n', 'line 5: columns.age.min (10) is greater than columns.age.max (5)'],
    ['mostly 0', 'version: 1\ncolumns:\n  age:\n    mostly: 0\n', 'line 4: columns.age.mostly must be greater than 0 and at most 1, got 0'],
    ['mostly above 1', 'version: 1\ncolumns:\n  age:\n    mostly: 1.5\n', 'line 4: columns.age.mostly must be greater than 0 and at most 1, got 1.5'],
    ['an invalid regex', "version: 1\ncolumns:\n  email:\n    type: string\n    regex: '^(abc'\n", 'line 5: columns.email.regex is not a valid regular expression (Unterminated group), got "^(abc"'],
    ['a regex on a number', "version: 1\ncolumns:\n  n:\n    type: number\n    regex: '^1'\n", "line 5: columns.n.regex applies to string, category and untyped columns; this column's type is number"],
    ['min on a string', 'version: 1\ncolumns:\n  s:\n    type: string\n    min: 1\n', "line 5: columns.s.min applies to integer, number and timestamp columns; this column's type is string"],
    ['a bad timestamp bound', 'version: 1\ncolumns:\n  t:\n    type: timestamp\n    min: yesterday\n', 'line 5: columns.t.min must be a timestamp such as 2024-01-31 or 2024-01-31T12:00:00Z, got "yesterday"'],
    ['min-length above max-length', 'version: 1\ncolumns:\n  s: { type: string, min-length: 5, max-length: 2 }\n', 'line 3: columns.s.min-length (5) is greater than columns.s.max-length (2)'],
    ['an allowed value of the wrong type', 'version: 1\ncolumns:\n  n:\n    type: integer\n    allowed:\n      - 1\n      - two\n', 'line 7: columns.n.allowed[1] must be an integer, got "two"'],
    ['an allowed value listed twice', 'version: 1\ncolumns:\n  p:\n    allowed: [a, b, a]\n', 'line 4: columns.p.allowed[2] "a" is listed twice (also columns.p.allowed[0])'],
    ['nullable false with a null fraction', 'version: 1\ncolumns:\n  a:\n    nullable: false\n    max-null-fraction: 0.1\n', 'line 5: columns.a.max-null-fraction cannot be set on a column with nullable: false'],
    ['a null fraction above 1', 'version: 1\ncolumns:\n  a:\n    max-null-fraction: 2\n', 'line 4: columns.a.max-null-fraction must be at least 0 and at most 1, got 2'],
    ['a misspelt drift method', 'version: 1\ncolumns:\n  a:\n    drift: { method: pis }\n', 'line 4: columns.a.drift.method must be one of psi, ks, jensen-shannon, wasserstein, got "pis"; did you mean "psi"?'],
    ['drift neither off nor a mapping', 'version: 1\ncolumns:\n  a:\n    drift: 5\n', 'line 4: columns.a.drift must be off, false or a mapping, got 5'],
    ['drift misspelt off', 'version: 1\ncolumns:\n  a:\n    drift: of\n', 'line 4: columns.a.drift must be one of off, false, got "of"; did you mean "off"?'],
    ['a severity that is not one', 'version: 1\ncolumns:\n  a: { severity: warning }\n', 'line 3: columns.a.severity must be one of error, warn, got "warning"; did you mean "warn"?'],
    ['version 2', 'version: 2\ncolumns: {}\n', 'line 1: version must be 1, got 2'],
    ['no version', 'columns: {}\n', 'line 1: the contract lacks the required key "version"'],
    ['a freshness column that is not a timestamp', 'version: 1\ncolumns:\n  day: { type: string }\ndataset:\n  freshness:\n    column: day\n    max-age: 7d\n', 'line 6: dataset.freshness.column "day" must be a column of type timestamp; its type is string'],
    ['a freshness column that is not there', 'version: 1\ncolumns:\n  signup: { type: timestamp }\ndataset:\n  freshness: { column: singup, max-age: 7d }\n', 'line 5: dataset.freshness.column "singup" is not a column of the contract; did you mean "signup"?'],
    ['a duration without unit', 'version: 1\ncolumns:\n  t: { type: timestamp }\ndataset:\n  freshness:\n    column: t\n    max-age: 7 days\n', 'line 7: dataset.freshness.max-age must be a duration such as 7d or 36h (a number and s, m, h, d or w), got "7 days"'],
    ['freshness without max-age', 'version: 1\ncolumns:\n  t: { type: timestamp }\ndataset:\n  freshness:\n    column: t\n', 'line 5: dataset.freshness lacks the required key "max-age"'],
    ['row bounds the wrong way', 'version: 1\ndataset:\n  rows:\n    min: 10\n    max: 1\n', 'line 4: dataset.rows.min (10) is greater than dataset.rows.max (1)'],
    ['a fractional row bound', 'version: 1\ndataset:\n  rows: { min: 1.5 }\n', 'line 3: dataset.rows.min must be an integer, got 1.5'],
    ['a forbidden column that the contract checks', 'version: 1\ncolumns:\n  ssn: {}\ndataset:\n  forbidden-columns: [id, ssn]\n', 'line 5: dataset.forbidden-columns[1] "ssn" is also a column of the contract'],
    ['a records schema that is not one', 'version: 1\nrecords:\n  type: objec\n', 'line 2: records is not a valid JSON Schema: schema is invalid: data/type must be equal to one of the allowed values'],
    ['records that are a list', 'version: 1\nrecords: [a]\n', 'line 2: records must be a mapping or true or false, got a list'],
    ['a duplicate key', 'version: 1\ncolumns:\n  a: {}\n  a: {}\n', 'line 4: not valid YAML: Map keys must be unique'],
    ['bad YAML', 'version: 1\ncolumns:\n  a: {type: integer\n', 'line 4: not valid YAML:'],
    ['a column that is a word', 'version: 1\ncolumns:\n  a: integer\n', 'line 3: columns.a must be a mapping, got "integer"'],
    ['a contract that is a list', '- version: 1\n', 'line 1: the contract must be a mapping, got a list'],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(errorOf(text)).toContain(`contract: "contract.yaml" ${expected}`);
  });

  it('an empty file', () => {
    expect(errorOf('# nothing\n')).toBe('contract: "contract.yaml" is empty; expected a mapping with version and columns');
  });

  it('names lines in JSON contracts too', () => {
    const text = '{\n  "version": 1,\n  "columns": {\n    "age": {\n      "type": "integer",\n      "mni": 0\n    }\n  }\n}\n';
    expect(errorOf(text, 'contract.json')).toBe('contract: "contract.json" line 6: columns.age.mni is not a known key; did you mean "min"?');
    const wrongType = '{"version": 1,\n "columns": {"age": {"type": "integer",\n  "min": "zero"}}}';
    expect(errorOf(wrongType, 'contract.json')).toBe('contract: "contract.json" line 3: columns.age.min must be a number, got "zero"');
    expect(errorOf('{"version": 1,\n "columns": {,}}', 'contract.json')).toMatch(/^contract: "contract.json" line 2 is not valid JSON: unexpected ","$/);
  });
});
