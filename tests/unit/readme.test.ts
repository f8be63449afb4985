// README.md: its generated usage blocks match the action.yml files, and it tells how to run the tests.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkReadme, renderAll, renderUsage, updateReadme, WRAP_COLUMNS } from '../../scripts/readme-usage.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README.md', () => {
  it('has fresh usage blocks (what `node scripts/readme-usage.mjs --check` checks)', async () => {
    expect(await checkReadme(root)).toEqual([]);
  });

  it('passes `node scripts/readme-usage.mjs --check`', () => {
    const result = spawnSync(process.execPath, ['scripts/readme-usage.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has a usage block for every action', async () => {
    const names = Object.keys(await renderAll(root));
    expect(names).toEqual(['evaluate-gate', 'promote', 'train', 'validate-data']);
    for (const name of names) {
      expect(readme).toContain(`<!-- usage:${name} -->`);
      expect(readme).toContain(`<!-- /usage:${name} -->`);
      expect(readme).toContain(`- uses: mlops-actions/mlops-actions/actions/${name}@v1`);
    }
  });

  it('names `npm test` as the test command', () => {
    expect(readme).toMatch(/```(?:sh|bash|shell)?\n[^`]*\bnpm test\b[^`]*```/);
  });
});

describe('renderUsage', () => {
  const actionYml = `
name: example
description: An example.
inputs:
  needed:
    description: |
      A long description that goes on and on, well past the hundred columns that a comment line may take in the
      usage block, so that it has to be wrapped.

      A second paragraph.
    required: true
  quoted:
    description: A value with a quote.
    default: "it's \${{ github.token }}"
  plain:
    description: Nothing special.
    required: false
outputs:
  piped:
    description: One of \`a|b\` or a | c, written to <dir>.
  multi:
    description: |
      First line
      second line.
runs:
  using: node24
  main: dist/index.js
`;
  const block = renderUsage('example', actionYml);

  it('writes each input as comments, then its default, with a note when it is required', () => {
    expect(block).toContain('- uses: mlops-actions/mlops-actions/actions/example@v1\n  with:\n    # A long description');
    expect(block).toContain('    # A second paragraph.\n    # Required.\n    needed: \'\'\n');
    expect(block).toContain("    quoted: 'it''s ${{ github.token }}'\n");
    expect(block).toContain("    # Nothing special.\n    plain: ''\n");
    expect(block).not.toMatch(/Nothing special\.\n\s*# Required/);
  });

  it('wraps comments, keeping paragraphs', () => {
    const comments = block.split('\n').filter((line) => line.trimStart().startsWith('#'));
    expect(comments.length).toBeGreaterThan(3);
    for (const line of comments) expect(line.length).toBeLessThanOrEqual(WRAP_COLUMNS);
    expect(block).toContain('so that it has to be wrapped.\n    #\n    # A second paragraph.');
  });

  it('puts the outputs in a table, escaped for its cells', () => {
    expect(block).toContain('| Output | Description |\n| --- | --- |\n');
    expect(block).toContain('| `piped` | One of `a\\|b` or a \\| c, written to &lt;dir>. |');
    expect(block).toContain('| `multi` | First line second line. |');
  });

  it('fences the YAML with more backticks than it contains', () => {
    const withFence = renderUsage('x', 'inputs:\n  a:\n    description: "use ```code```"\n');
    expect(withFence.startsWith('````yaml\n')).toBe(true);
    expect(withFence).toContain('\n````\n');
    expect(withFence).toContain('This action has no outputs.');
  });
});

describe('updateReadme', () => {
  const blocks = { one: 'ONE', two: 'TWO' };

  it('replaces what is between the markers and names the stale actions', () => {
    const before = 'intro\n<!-- usage:one -->\nold\n<!-- /usage:one -->\nmiddle\n<!-- usage:two -->\nTWO\n<!-- /usage:two -->\nend\n';
    const result = updateReadme(before, blocks);
    expect(result.stale).toEqual(['one']);
    expect(result.text).toBe('intro\n<!-- usage:one -->\nONE\n<!-- /usage:one -->\nmiddle\n<!-- usage:two -->\nTWO\n<!-- /usage:two -->\nend\n');
    expect(updateReadme(result.text, blocks)).toEqual({ text: result.text, stale: [], missing: [], unknown: [] });
  });

  it('reports actions without markers and markers without an action', () => {
    const result = updateReadme('<!-- usage:one -->\nONE\n<!-- /usage:one -->\n<!-- usage:gone -->\n<!-- /usage:gone -->\n', blocks);
    expect(result.missing).toEqual(['two']);
    expect(result.unknown).toEqual(['gone']);
  });
});
