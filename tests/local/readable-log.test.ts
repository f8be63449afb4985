import { describe, expect, it } from 'vitest';
import { ReadableLog } from '../../shared/src/local/readable-log';

function render(text: string, options = {}): string[] {
  const lines: string[] = [];
  const log = new ReadableLog((line) => lines.push(line), options);
  // In two chunks that split a line, as a pipe delivers them.
  log.push(text.slice(0, 7));
  log.push(text.slice(7));
  log.flush();
  return lines;
}

describe('ReadableLog', () => {
  it('turns groups into headings and annotations into file:line lines, masking secrets', () => {
    const text = [
      '::group::Read the data',
      'reading',
      '::add-mask::hunter2',
      'token hunter2 used',
      '::error file=data/a.csv,line=11,col=3,title=columns.x.min failed::1 value%0Abelow',
      '::endgroup::',
      '::warning::no reference',
      '::notice file=a.txt::fyi',
      '::debug::hidden',
      'done',
    ].join('\n');
    expect(render(text)).toEqual(['▸ Read the data', '  reading', '  token *** used', 'error: data/a.csv:11:3: columns.x.min failed: 1 value', 'below', 'warning: no reference', 'notice: a.txt: fyi', 'done']);
    expect(render('::debug::shown', { debug: true })).toEqual(['debug: shown']);
  });

  it('prints commands verbatim between stop-commands and its token', () => {
    expect(render('::stop-commands::tok1\n::error::not an error\n::tok1::\n::error::an error')).toEqual(['::error::not an error', 'error: an error']);
  });
});
