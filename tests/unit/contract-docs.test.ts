import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractKeysMarkdown } from '../../shared/src/contract';
import { contractSchema } from '../../shared/src/contract/load';
import { closest, editDistance } from '../../shared/src/contract/suggest';

const docs = path.join(import.meta.dirname, '../../docs/contract.md');
const START = '<!-- contract-keys:start (generated from shared/schemas/contract.schema.json; UPDATE_CONTRACT_DOCS=1 npx vitest run tests/unit/contract-docs.test.ts) -->';
const END = '<!-- contract-keys:end -->';

describe('docs/contract.md', () => {
  it('lists every key of the schema, as generated from it', () => {
    const text = readFileSync(docs, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, 'docs/contract.md lacks the contract-keys markers').toBeGreaterThan(-1);
    const generated = `${START}\n\n${contractKeysMarkdown()}\n\n${END}`;
    const current = text.slice(start, end + END.length);
    if (process.env.UPDATE_CONTRACT_DOCS === '1' && current !== generated) {
      writeFileSync(docs, text.slice(0, start) + generated + text.slice(end + END.length));
      return;
    }
    expect(current, 'docs/contract.md is out of date: UPDATE_CONTRACT_DOCS=1 npx vitest run tests/unit/contract-docs.test.ts').toBe(generated);
  });

  it('the key table has a row for every key at every level', () => {
    const table = contractKeysMarkdown();
    for (const key of ['version', 'columns', 'columns.<name>.mostly', 'columns.<name>.drift.method', 'dataset.rows.min', 'dataset.rows-change.max-relative', 'dataset.freshness.max-age', 'dataset.column-order', 'records']) {
      expect(table).toContain(`| \`${key}\` |`);
    }
    const columnKeys = Object.keys(contractSchema.definitions?.column?.properties ?? {});
    for (const key of columnKeys) expect(table).toContain(`| \`columns.<name>.${key}\` |`);
  });
});

describe('suggestions', () => {
  it('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('mni', 'min')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only what is close', () => {
    const keys = ['min', 'max', 'mostly', 'unique', 'min-length', 'max-length'];
    expect(closest('mni', keys)).toBe('min');
    expect(closest('maxlength', keys)).toBe('max-length');
    expect(closest('Unique', keys)).toBe('unique');
    expect(closest('uniq', keys)).toBe('unique');
    expect(closest('severity', keys)).toBeUndefined();
  });
});
