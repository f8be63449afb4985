/**
 * Escaping for untrusted text (metric names, values, paths, branch names) going into GitHub-flavoured
 * markdown. GitHub renders HTML inside markdown, so `<`, `>` and `&` become entities; markdown's own
 * punctuation gets a backslash; line breaks become spaces so a value cannot start a new block or table row.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~@:])/g, '\\$1');
}

/** Untrusted text as inline code: escaping does not work inside backticks, so HTML <code> with entities is used. */
export function markdownCode(text: string): string {
  const escaped = text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;');
  return `<code>${escaped}</code>`;
}

/** A markdown table; every cell must already be escaped. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
