// Regenerates the usage block of every action in README.md from its action.yml.
//   node scripts/readme-usage.mjs           rewrite README.md
//   node scripts/readme-usage.mjs --check   exit 1, naming the stale actions, when README.md is not up to date
//
// Each block sits between `<!-- usage:<name> -->` and `<!-- /usage:<name> -->`: a YAML example with every input
// (its description as a comment, then its default) and a table of the outputs. The markers are written by
// hand once; everything between them belongs to this script.
import { parse } from 'yaml';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository the actions are used from, as in `uses: <repo>/actions/<name>@<ref>`. */
export const USES_PREFIX = 'mlops-actions/mlops-actions/actions';
export const USES_REF = 'v1';
/** Comment lines in the YAML example are wrapped to this many columns, indentation included. */
export const WRAP_COLUMNS = 100;

const INPUT_INDENT = '    ';

/**
 * Renders the usage block of one action (without the markers) from the text of its action.yml.
 * Pure: the same text always gives the same markdown.
 * @param {string} name the action's folder name, such as `train`
 * @param {string} actionYml the text of actions/<name>/action.yml
 * @returns {string}
 */
export function renderUsage(name, actionYml) {
  const meta = parse(actionYml);
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new Error(`actions/${name}/action.yml: expected a mapping at the top level`);
  }
  const inputs = asEntries(meta.inputs, name, 'inputs');
  const outputs = asEntries(meta.outputs, name, 'outputs');

  const yamlLines = [`- uses: ${USES_PREFIX}/${name}@${USES_REF}`];
  if (inputs.length > 0) {
    yamlLines.push('  with:');
    inputs.forEach(([key, spec], i) => {
      if (i > 0) yamlLines.push('');
      const notes = [];
      if (isTrue(spec.required)) notes.push('Required.');
      if (typeof spec.deprecationMessage === 'string' && spec.deprecationMessage.trim() !== '') {
        notes.push(`Deprecated: ${spec.deprecationMessage.trim()}`);
      }
      for (const line of commentLines(text(spec.description), notes)) yamlLines.push(line);
      yamlLines.push(`${INPUT_INDENT}${key}: ${yamlScalar(spec.default === undefined || spec.default === null ? '' : String(spec.default))}`);
    });
  }
  const yamlBody = yamlLines.join('\n');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(yamlBody) + 1));

  const parts = [`${fence}yaml`, yamlBody, fence, ''];
  if (outputs.length === 0) {
    parts.push('This action has no outputs.');
  } else {
    parts.push('| Output | Description |', '| --- | --- |');
    for (const [key, spec] of outputs) parts.push(`| \`${key}\` | ${tableCell(text(spec.description))} |`);
  }
  return parts.join('\n');
}

/**
 * Replaces the content between each action's markers in the README text.
 * @param {string} readme the current README.md
 * @param {Record<string, string>} blocks usage block per action name, as renderUsage returns them
 * @returns {{ text: string, stale: string[], missing: string[], unknown: string[] }} the new README; the actions
 *   whose block differed; the actions without markers (left as they were); marker names that are no action
 */
export function updateReadme(readme, blocks) {
  let result = readme;
  const stale = [];
  const missing = [];
  for (const name of Object.keys(blocks).sort()) {
    const open = `<!-- usage:${name} -->`;
    const close = `<!-- /usage:${name} -->`;
    const start = result.indexOf(open);
    const end = start === -1 ? -1 : result.indexOf(close, start + open.length);
    if (start === -1 || end === -1) {
      missing.push(name);
      continue;
    }
    const fresh = `\n${blocks[name]}\n`;
    if (result.slice(start + open.length, end) !== fresh) {
      stale.push(name);
      result = result.slice(0, start + open.length) + fresh + result.slice(end);
    }
  }
  const unknown = [...readme.matchAll(/<!-- usage:([^\s>]+) -->/g)]
    .map((match) => match[1])
    .filter((name) => !Object.hasOwn(blocks, name));
  return { text: result, stale, missing, unknown: [...new Set(unknown)].sort() };
}

/**
 * Reads every actions/<name>/action.yml under the repository root and renders its usage block.
 * @param {string} root the repository root
 * @returns {Promise<Record<string, string>>}
 */
export async function renderAll(root) {
  const dir = path.join(root, 'actions');
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort();
  /** @type {Record<string, string>} */
  const blocks = {};
  for (const name of names) blocks[name] = renderUsage(name, await readFile(path.join(dir, name, 'action.yml'), 'utf8'));
  return blocks;
}

/**
 * What `--check` does, without exiting: the problems with README.md, one line each (empty when it is fresh).
 * @param {string} root the repository root
 * @returns {Promise<string[]>}
 */
export async function checkReadme(root) {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  return describeProblems(updateReadme(readme, await renderAll(root)), true);
}

/**
 * One line per problem in an updateReadme result; with `check`, stale blocks are problems too.
 * @param {{ stale: string[], missing: string[], unknown: string[] }} result
 * @param {boolean} check
 * @returns {string[]}
 */
export function describeProblems({ stale, missing, unknown }, check) {
  return [
    ...(check ? stale : []).map((name) => `README.md: the usage block of ${name} is stale; run \`npm run readme\` to regenerate it.`),
    ...missing.map((name) => `README.md: no usage block for ${name}; add \`<!-- usage:${name} -->\` and \`<!-- /usage:${name} -->\` on lines of their own where it belongs, then run \`npm run readme\`.`),
    ...unknown.map((name) => `README.md: \`<!-- usage:${name} -->\` names no action under actions/; remove the block.`),
  ];
}

// ---------------------------------------------------------------------------------------------------------

/** @returns {Array<[string, Record<string, unknown>]>} */
function asEntries(section, name, field) {
  if (section === undefined || section === null) return [];
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw new Error(`actions/${name}/action.yml: expected \`${field}\` to be a mapping`);
  }
  return Object.entries(section).map(([key, spec]) => [key, spec !== null && typeof spec === 'object' ? spec : {}]);
}

function isTrue(value) {
  return value === true || value === 'true';
}

function text(value) {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** A description as YAML comment lines: paragraphs kept, lines joined and wrapped, then the notes. */
function commentLines(description, notes) {
  const prefix = `${INPUT_INDENT}# `;
  const width = Math.max(20, WRAP_COLUMNS - prefix.length);
  const paragraphs = description
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');
  const lines = [];
  paragraphs.forEach((paragraph, i) => {
    if (i > 0) lines.push(`${INPUT_INDENT}#`);
    for (const line of wrap(paragraph, width)) lines.push(prefix + line);
  });
  for (const note of notes) for (const line of wrap(note, width)) lines.push(prefix + line);
  return lines;
}

/** Greedy word wrap; a word longer than the width gets a line of its own. */
function wrap(paragraph, width) {
  const lines = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A default value as a YAML scalar: single-quoted, or double-quoted (JSON) when it spans lines. */
function yamlScalar(value) {
  if (/[\n\r]/.test(value)) return JSON.stringify(value);
  return `'${value.replaceAll("'", "''")}'`;
}

function longestBacktickRun(value) {
  let longest = 0;
  for (const match of value.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}

/**
 * Markdown for one table cell: on one line, pipes escaped (GitHub unescapes `\|` inside code spans too), and
 * outside code spans `<` escaped so that placeholders such as <dir> are shown rather than taken for HTML.
 */
function tableCell(value) {
  const oneLine = value.trim().replace(/\s*\n\s*/g, ' ');
  return oneLine
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replaceAll('<', '&lt;')))
    .join('')
    .replaceAll('|', '\\|');
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const check = process.argv.includes('--check');
  if (check) {
    const problems = await checkReadme(root);
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) process.exit(1);
    console.log('README.md: every usage block is up to date.');
    return;
  }
  const readmePath = path.join(root, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const result = updateReadme(readme, await renderAll(root));
  if (result.text !== readme) await writeFile(readmePath, result.text);
  console.log(result.stale.length > 0 ? `README.md: regenerated the usage blocks of ${result.stale.join(', ')}.` : 'README.md: every usage block was up to date.');
  const problems = describeProblems(result, false);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
