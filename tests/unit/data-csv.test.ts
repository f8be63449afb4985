import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readDelimitedFile } from '../../shared/src/data/csv';
import type { RecordBatch, Value } from '../../shared/src/data/types';

const dir = mkdtempSync(path.join(tmpdir(), 'data-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  writeFileSync(path.join(dir, name), content);
  return name;
}

async function read(name: string, options: { delimiter?: string; gzip?: boolean; batchRows?: number; chunkBytes?: number } = {}): Promise<RecordBatch[]> {
  const batches: RecordBatch[] = [];
  const reader = readDelimitedFile(path.join(dir, name), name, {
    delimiter: options.delimiter ?? ',',
    gzip: options.gzip ?? false,
    batchRows: options.batchRows ?? 8192,
    ...(options.chunkBytes ? { chunkBytes: options.chunkBytes } : {}),
  });
  for await (const batch of reader) batches.push(batch);
  return batches;
}

async function rowsAndLines(name: string, options: Parameters<typeof read>[1] = {}): Promise<{ columns: readonly string[]; rows: Value[][]; lines: number[] }> {
  const batches = await read(name, options);
  return { columns: batches[0]?.columns ?? [], rows: batches.flatMap((b) => b.rows), lines: batches.flatMap((b) => b.lines) };
}

async function failure(name: string, options: Parameters<typeof read>[1] = {}): Promise<string> {
  try {
    await read(name, options);
  } catch (error) {
    expect((error as Error).name).toBe('ConfigurationError');
    return (error as Error).message;
  }
  throw new Error(`${name} was read without an error`);
}

let parsed = 0;

/**
 * Parses `text` read in chunks of `chunkBytes` (so every chunk boundary can be crossed): the header and the
 * records, with the lines where they start (the header's is 1 in these texts).
 */
async function parse(text: string, chunkBytes?: number): Promise<{ rows: Value[][]; lines: number[] }> {
  const name = file(`parse-${parsed++}.csv`, text);
  const { columns, rows, lines } = await rowsAndLines(name, chunkBytes ? { chunkBytes } : {});
  return { rows: [[...columns], ...rows], lines: [1, ...lines] };
}

describe('the CSV scanner', () => {
  const tricky = 'a,b,c\r\n1,"x\r\ny",3\r\n\r\n"q""r",,"a,b"\n"","",""\n5,6,"7\n\n8"\n9,1"0,end';
  const expected = {
    rows: [
      ['a', 'b', 'c'],
      ['1', 'x\r\ny', '3'],
      ['q"r', null, 'a,b'],
      [null, null, null],
      ['5', '6', '7\n\n8'],
      ['9', '1"0', 'end'],
    ],
    lines: [1, 2, 5, 6, 7, 10],
  };

  it('parses RFC 4180 quoting, CRLF, blank lines, empty fields and multi-line fields with their start lines', async () => {
    expect(await parse(tricky)).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    for (let chunkBytes = 1; chunkBytes <= tricky.length; chunkBytes++) expect(await parse(tricky, chunkBytes)).toEqual(expected);
  });

  it('keeps a trailing empty field and the last line without a newline', async () => {
    expect(await parse('a,b\n1,\n2,"x"')).toEqual({ rows: [['a', 'b'], ['1', null], ['2', 'x']], lines: [1, 2, 3] });
    expect(await parse('a,b\n"1",')).toEqual({ rows: [['a', 'b'], ['1', null]], lines: [1, 2] });
  });

  it('refuses text after a closing quote', async () => {
    file('junk.csv', 'a,b\n"x"y,2\n');
    expect(await failure('junk.csv')).toBe('"junk.csv" line 2: unexpected "y" after the closing quote of a quoted field; expected the delimiter "," or the end of the line (a " inside a quoted field is written "")');
  });
});

describe('readDelimitedFile', () => {
  it('reads CSV with a BOM, CRLF and multi-line quoted fields, with exact line numbers', async () => {
    file('bom.csv', '\uFEFFid,text,n\r\n1,"two\r\nlines",3\r\n2,"say ""hi""",\r\n\r\n3,"a\nb\nc",x\r\n');
    expect(await rowsAndLines('bom.csv')).toEqual({
      columns: ['id', 'text', 'n'],
      rows: [
        ['1', 'two\r\nlines', '3'],
        ['2', 'say "hi"', null],
        ['3', 'a\nb\nc', 'x'],
      ],
      lines: [2, 4, 6],
    });
  });

  it('reads TSV, and gzip', async () => {
    file('t.tsv', 'a\tb\n1\t"x\ty"\n\t2\n');
    expect(await rowsAndLines('t.tsv', { delimiter: '\t' })).toEqual({ columns: ['a', 'b'], rows: [['1', 'x\ty'], [null, '2']], lines: [2, 3] });
    file('t.csv.gz', gzipSync('a,b\n1,2\n3,"4\n5"\n6,7\n'));
    expect(await rowsAndLines('t.csv.gz', { gzip: true, chunkBytes: 5 })).toEqual({
      columns: ['a', 'b'],
      rows: [['1', '2'], ['3', '4\n5'], ['6', '7']],
      lines: [2, 3, 5],
    });
  });

  it('cuts batches of batchRows rows, and gives one empty batch for a header-only file', async () => {
    file('ten.csv', `n\n${Array.from({ length: 10 }, (_, i) => i).join('\n')}\n`);
    const batches = await read('ten.csv', { batchRows: 4, chunkBytes: 7 });
    expect(batches.map((b) => b.rows.length)).toEqual([4, 4, 2]);
    expect(batches.flatMap((b) => b.lines)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    file('header.csv', 'a,b\r\n');
    expect(await read('header.csv')).toEqual([{ file: 'header.csv', columns: ['a', 'b'], rows: [], lines: [] }]);
  });

  it('caps a batch at 32,768 values, so wide files get fewer rows a batch', async () => {
    const header = Array.from({ length: 40 }, (_, i) => `c${i}`).join(',');
    file('wide.csv', `${header}\n${`${'1,'.repeat(39)}1\n`.repeat(1000)}`);
    expect((await read('wide.csv')).map((b) => b.rows.length)).toEqual([819, 181]);
  });

  it('decodes UTF-8 split across chunks', async () => {
    file('utf8.csv', 'name,city\nJosé,Zürich\n😀,"日本\n語"\n');
    for (const chunkBytes of [1, 2, 3, 5]) {
      expect(await rowsAndLines('utf8.csv', { chunkBytes })).toEqual({
        columns: ['name', 'city'],
        rows: [['José', 'Zürich'], ['😀', '日本\n語']],
        lines: [2, 3],
      });
    }
  });

  describe('bad input: one line with the file, the line and what was expected', () => {
    it('an unterminated quote names the line where the quoted field starts', async () => {
      file('open.csv', 'a,b\n1,2\n3,"never\nclosed\n4,5\n');
      expect(await failure('open.csv')).toBe(
        '"open.csv" line 3: a quoted field starts here and has no closing quote before the end of the file; expected a closing " (a " inside a quoted field is written "")',
      );
    });

    it('a ragged row', async () => {
      file('ragged.csv', 'a,b,c,d,e,f\n1,2,3,4,5,6\n"x\ny",2,3,4,5,6\n\n1,2,3,4,5,6\n1,2,3,4,5\n');
      expect(await failure('ragged.csv')).toBe('"ragged.csv" line 7: 5 fields; expected 6, as the header has');
      file('one.csv', 'a,b\nlonely\n');
      expect(await failure('one.csv')).toBe('"one.csv" line 2: 1 field; expected 2, as the header has');
    });

    it('invalid UTF-8 names its line, also across chunk boundaries', async () => {
      file('latin1.csv', Buffer.concat([Buffer.from('a,b\n1,"two\nlines"\nJos'), Buffer.from([0xe9]), Buffer.from(',x\n')]));
      for (const chunkBytes of [undefined, 1, 2, 4]) {
        expect(await failure('latin1.csv', chunkBytes ? { chunkBytes } : {})).toBe('"latin1.csv" line 4: invalid UTF-8: byte 0xe9 at byte offset 21; expected UTF-8 text');
      }
      file('cut.csv', Buffer.concat([Buffer.from('a\nok\n'), Buffer.from([0xe2, 0x82])]));
      expect(await failure('cut.csv', { chunkBytes: 1 })).toBe('"cut.csv" line 3: invalid UTF-8: byte 0xe2 at byte offset 5; expected UTF-8 text');
    });

    it('an empty file has no header row', async () => {
      file('empty.csv', '');
      expect(await failure('empty.csv')).toBe('"empty.csv" has no header row; expected a first line naming the columns');
      file('blank.csv', '\r\n\n');
      expect(await failure('blank.csv')).toBe('"blank.csv" has no header row; expected a first line naming the columns');
    });

    it('duplicate and empty column names', async () => {
      file('dup.csv', 'a,b,a\n1,2,3\n');
      expect(await failure('dup.csv')).toBe('"dup.csv" line 1: the header names column "a" twice (columns 1 and 3); expected unique column names');
      file('noname.csv', 'a,,c\n1,2,3\n');
      expect(await failure('noname.csv')).toBe('"noname.csv" line 1: column 2 of the header has an empty name; expected a name for every column');
    });

    it('a truncated gzip file', async () => {
      const whole = gzipSync(Buffer.from('a,b\n'.repeat(1000)));
      file('short.csv.gz', whole.subarray(0, whole.length - 10));
      expect(await failure('short.csv.gz', { gzip: true })).toBe('"short.csv.gz" is not a valid gzip file: unexpected end of file; expected a complete gzip stream');
      file('notgz.csv.gz', 'a,b\n1,2\n');
      expect(await failure('notgz.csv.gz', { gzip: true })).toBe('"notgz.csv.gz" is not a valid gzip file: incorrect header check; expected a complete gzip stream');
    });
  });
});
