/**
 * Escaping for untrusted text (metric names, values, paths, branch names, column names) going into
 * GitHub-flavoured markdown. GitHub renders HTML inside markdown, so `<`, `>` and `&` become entities; markdown's
 * own punctuation gets a backslash; line breaks become spaces so a value cannot start a new block or table row.
 * GitHub finds @-mentions (and the autolink extension e-mail addresses) in the rendered text, where the backslash
 * is gone, so every `@` is also followed by a zero-width space: `@` then U+200B is neither a mention nor an address.
 * With `max`, the text is first clipped to that many characters (clipText).
 */
export function escapeMarkdown(text: string, max = Infinity): string {
  return unmention(
    clipText(text, max)
      .replace(/\r\n|\r|\n/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_{}[\]()#+\-.!|~@:])/g, '\\$1'),
  );
}

/**
 * Untrusted text as inline code. Escaping does not work inside backticks, so it is HTML <code> with entities; and
 * since GitHub still parses markdown between inline HTML tags (`<code>[a](http://x)</code>` is a link), the
 * markdown punctuation is escaped too. With `max`, the text is first clipped to that many characters (clipText).
 */
export function markdownCode(text: string, max = Infinity): string {
  // Backslashes first: the entities below contain `#`, which must stay as it is.
  const escaped = clipText(text, max)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/([\\*_{}[\]()#+\-.!~@:])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;');
  return `<code>${unmention(escaped)}</code>`;
}

/**
 * Text cut to `max` characters (code points, so a surrogate pair is never split), the last one `…` when cut. Done
 * before escaping, so an escape sequence is never cut in half; a huge column name then cannot fill a summary
 * (GitHub keeps 1 MiB of one).
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

function unmention(escaped: string): string {
  return escaped.replace(/\\@/g, '@&#8203;');
}

/** A markdown table; every cell must already be escaped. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
