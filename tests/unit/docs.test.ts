// The docs: every relative link in README.md, docs/*.md and the example's README points at a file that exists (and
// every #anchor at a heading of its file), the README lists every doc, and docs/gate-policy.md's key table is the
// one generated from shared/schemas/gate-policy.schema.json.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOCS = path.join(ROOT, 'docs');
const DOC_FILES = [
  'README.md',
  'examples/breast-cancer/README.md',
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

// ---------------------------------------------------------------------------------------------------------------
// Links and anchors

interface Link {
  target: string;
  line: number;
}

/** The markdown without fenced code blocks and inline code spans (lines kept, so line numbers stay right). */
function withoutCode(text: string): string {
  const lines = text.split('\n');
  let fence: string | undefined;
  return lines
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
        return '';
      }
      if (marker) {
        fence = marker;
        return '';
      }
      return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
    })
    .join('\n');
}

/** Inline links and images `[text](target "title")`, and reference definitions `[label]: target`. */
export function markdownLinks(text: string): Link[] {
  const links: Link[] = [];
  withoutCode(text)
    .split('\n')
    .forEach((line, index) => {
      for (const match of line.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) {
        links.push({ target: (match[1] ?? '').replace(/^<|>$/g, ''), line: index + 1 });
      }
      const definition = /^\s{0,3}\[[^\]]+\]:\s*(\S+)/.exec(line);
      if (definition?.[1]) links.push({ target: definition[1], line: index + 1 });
    });
  return links;
}

/** GitHub's anchor of a heading: lower case, markup and punctuation dropped, spaces to hyphens, duplicates -1, -2. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** One line per broken link of `file` (relative to the repository): a missing file, or an anchor with no heading. */
function brokenLinks(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const problems: string[] = [];
  for (const { target, line } of markdownLinks(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [pathPart = '', anchor] = target.split('#', 2);
    const resolved = pathPart === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), decodeURIComponent(pathPart));
    const shown = `${file}:${line}: ${target}`;
    if (!resolved.startsWith(ROOT + path.sep) && resolved !== ROOT) {
      problems.push(`${shown} leaves the repository`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${shown}: ${path.relative(ROOT, resolved)} does not exist`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!resolved.endsWith('.md') || statSync(resolved).isDirectory()) {
      problems.push(`${shown}: an anchor into a file that is not markdown`);
      continue;
    }
    if (!headingAnchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor))) {
      problems.push(`${shown}: ${path.relative(ROOT, resolved)} has no heading #${anchor}`);
    }
  }
  return problems;
}

describe('links in the docs', () => {
  it('reads links and headings as GitHub does', () => {
    const text = [
      '# Title',
      'See [a](docs/a.md#the-part), ![img](x.png "t") and `[not](code.md)`.',
      '```',
      '[not](fenced.md)',
      '# not a heading',
      '```',
      '[ref]: other.md',
      '## `local:<dir>`',
      '## Frequent values: Misra-Gries',
      '## Title',
    ].join('\n');
    expect(markdownLinks(text)).toEqual([
      { target: 'docs/a.md#the-part', line: 2 },
      { target: 'x.png', line: 2 },
      { target: 'other.md', line: 7 },
    ]);
    expect([...headingAnchors(text)]).toEqual(['title', 'localdir', 'frequent-values-misra-gries', 'title-1']);
  });

  it.each(DOC_FILES)('%s: every relative link and anchor resolves', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it("README.md's Documentation section links every doc in docs/", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('\n## Documentation\n');
    expect(start, 'README.md has no "## Documentation" section').toBeGreaterThan(-1);
    const end = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, end === -1 ? undefined : end);
    const linked = new Set(markdownLinks(section).map((link) => link.target.split('#')[0]));
    const missing = DOC_FILES.filter((file) => file.startsWith('docs/') && !linked.has(file));
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The gate policy's key table, generated from its JSON Schema

interface SchemaNode {
  $ref?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  minProperties?: number;
  minLength?: number;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

const POLICY_SCHEMA_FILE = 'shared/schemas/gate-policy.schema.json';
const POLICY_DOC = path.join(DOCS, 'gate-policy.md');
const POLICY_START = `<!-- policy-keys:start (generated from ${POLICY_SCHEMA_FILE}; UPDATE_POLICY_DOCS=1 npx vitest run tests/unit/docs.test.ts) -->`;
const POLICY_END = '<!-- policy-keys:end -->';

/** The node a `$ref` points at, with the referring node's own description (which is the more specific) kept. */
function resolve(root: SchemaNode, node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1];
  const target = name ? root.definitions?.[name] : undefined;
  if (!target) throw new Error(`${POLICY_SCHEMA_FILE}: cannot resolve ${node.$ref}`);
  const resolved = resolve(root, target);
  return { ...resolved, description: node.description ?? resolved.description };
}

function valueText(node: SchemaNode, root: SchemaNode): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((value) => `\`${String(value)}\``).join(', ');
  const words: Record<string, string> = { object: 'mapping', array: 'list', number: 'number', integer: 'integer', string: 'text', boolean: 'true/false' };
  let text = [node.type ?? 'any'].flat().map((type) => words[type] ?? type).join(' or ');
  if (node.items) text += ` of ${valueText(resolve(root, node.items), root)}`;
  const low = node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : node.minimum !== undefined ? `≥ ${node.minimum}` : '';
  const high = node.exclusiveMaximum !== undefined ? `< ${node.exclusiveMaximum}` : node.maximum !== undefined ? `≤ ${node.maximum}` : '';
  if (low || high) text += ` (${[low, high].filter(Boolean).join(', ')})`;
  return text;
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The table of every key of the gate policy, at every level, from the schema. */
export function policyKeysMarkdown(schema: SchemaNode): string {
  const rows: string[][] = [];
  const visit = (raw: SchemaNode, key: string, required: boolean): void => {
    const node = resolve(schema, raw);
    const fallback = node.default === undefined ? (required ? 'required' : '') : `\`${JSON.stringify(node.default).replace(/^"|"$/g, '')}\``;
    rows.push([`\`${key}\``, valueText(node, schema), fallback, cell(node.description ?? '')]);
    for (const [name, child] of Object.entries(node.properties ?? {})) visit(child, `${key}.${name}`, node.required?.includes(name) ?? false);
    if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, `${key}.<name>`, false);
    const item = node.items ? resolve(schema, node.items) : undefined;
    for (const [name, child] of Object.entries(item?.properties ?? {})) visit(child, `${key}[].${name}`, item?.required?.includes(name) ?? false);
  };
  for (const [name, child] of Object.entries(schema.properties ?? {})) visit(child, name, schema.required?.includes(name) ?? false);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const header = ['key', 'value', 'default', 'meaning'];
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

describe('docs/gate-policy.md', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, POLICY_SCHEMA_FILE), 'utf8')) as SchemaNode;

  it('has the key table generated from the schema', () => {
    const text = readFileSync(POLICY_DOC, 'utf8');
    const start = text.indexOf(POLICY_START);
    const end = text.indexOf(POLICY_END);
    expect(start, 'docs/gate-policy.md lacks the policy-keys markers').toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const generated = `${POLICY_START}\n\n${policyKeysMarkdown(schema)}\n\n${POLICY_END}`;
    const current = text.slice(start, end + POLICY_END.length);
    if (process.env['UPDATE_POLICY_DOCS'] === '1' && current !== generated) {
      writeFileSync(POLICY_DOC, text.slice(0, start) + generated + text.slice(end + POLICY_END.length));
      return;
    }
    expect(current, 'docs/gate-policy.md is out of date: UPDATE_POLICY_DOCS=1 npx vitest run tests/unit/docs.test.ts').toBe(generated);
  });

  it('the table has a row for every key of the schema, at every level', () => {
    const table = policyKeysMarkdown(schema);
    const metric = schema.definitions?.['metric']?.properties ?? {};
    const slice = schema.definitions?.['slice']?.properties ?? {};
    const keys = [
      ...Object.keys(schema.properties ?? {}),
      'metrics.<name>',
      ...Object.keys(metric).map((key) => `metrics.<name>.${key}`),
      ...Object.keys(slice).map((key) => `metrics.<name>.slices[].${key}`),
      'metrics.<name>.max-regression.abs',
      'metrics.<name>.slices[].min-improvement.rel',
    ];
    for (const key of keys) expect(table).toContain(`| \`${key}\` |`);
    expect(table).toContain('| `metrics.<name>.direction` | `higher`, `lower` | required |');
    expect(table).toContain('| `first-run` | `value-only`, `fail` | `value-only` |');
  });
});
