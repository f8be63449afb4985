import { describe, expect, it } from 'vitest';
import { clipText, escapeMarkdown, markdownCode, markdownTable } from '../../shared/src/markdown';

describe('escapeMarkdown', () => {
  it('neutralises HTML, table pipes, mentions, links and line breaks in untrusted text', () => {
    const hostile = '<img src=x onerror=alert(1)>|@octocat [click](http://evil) **bold**\n| new row';
    const escaped = escapeMarkdown(hostile);
    expect(escaped).not.toMatch(/<|>/);
    expect(escaped).not.toMatch(/(^|[^\\])\|/);
    // GitHub finds mentions after the backslashes are gone: an @ is always followed by a zero-width space.
    expect(escaped).not.toMatch(/@(?!&#8203;)/);
    expect(escaped).not.toMatch(/(^|[^\\])\[/);
    expect(escaped).not.toContain('\n');
    expect(escaped).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt;\\|@&#8203;octocat \\[click\\]\\(http\\://evil\\) \\*\\*bold\\*\\* \\| new row',
    );
  });
});

describe('markdownCode', () => {
  it('shows text verbatim in a code span that backticks and pipes cannot break out of', () => {
    expect(markdownCode('a`b|c<d>&\ne')).toBe('<code>a&#96;b&#124;c&lt;d&gt;&amp; e</code>');
  });

  it('makes no link, emphasis or mention inside the code element, where GitHub still parses markdown', () => {
    expect(markdownCode('[a](http://evil) **b** @everyone')).toBe('<code>\\[a\\]\\(http\\://evil\\) \\*\\*b\\*\\* @&#8203;everyone</code>');
  });
});

describe('markdownTable', () => {
  it('lays out a header, a rule and rows', () => {
    expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
});

describe('clipping', () => {
  it('cuts untrusted text to a number of characters before escaping, never inside a character or an escape', () => {
    expect(clipText('abcdef', 4)).toBe('abc…');
    expect(clipText('abc', 4)).toBe('abc');
    expect(clipText('😀😀😀😀😀', 3)).toBe('😀😀…'); // code points, not UTF-16 halves
    expect(markdownCode('a<b<c<d', 4)).toBe('<code>a&lt;b…</code>');
    expect(escapeMarkdown('a|b|c|d', 4)).toBe('a\\|b…');
    expect(markdownCode('x'.repeat(5000), 100)).toBe(`<code>${'x'.repeat(99)}…</code>`);
    // Without a limit, nothing is cut (callers that clip themselves, as the gate report does).
    expect(markdownCode('x'.repeat(5000))).toHaveLength(5000 + '<code></code>'.length);
  });
});
