import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDelimitedFile } from '../../shared/src/data/csv';
import { TypedColumn, typedColumnOf } from '../../shared/src/data/typed-column';
import type { RecordBatch, Value } from '../../shared/src/data/types';
import { uniforms } from '../fixtures/random';

// The CSV reader reads each column's values straight from the file's bytes (csv-bytes.ts). These tests hold it to
// the one reading of text, TypedColumn.setText: for every field, the same kind, number, hash and length, and the
// same text back from value(i).

const dir = mkdtempSync(path.join(tmpdir(), 'data-csv-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIXED = [
  // Numbers of every shape values.ts reads, and near misses.
  '0', '-0', '+0', '+1', '-1', '.5', '-.5', '+.5', '7.', '-7.', '007', '00.100', '1e3', '1E-3', '-1.5e+10', '2.5E5', '1e', 'e5', '1e+', '1e-0', '1e22', '1e23', '1e-22', '1.5e-22', '123456789012345e7', '.5e1', '5.e-1', '-0e5', '1e5x', '1e5.', '1e+-5', '.e5', '-e5', '1e0005',
  '123456789012345', '1234567890123456', '12345678901234567890', '0.1234567890123456', '1234567.12345678', '999999999999999.9', '9007199254740993',
  '1.2.3', '--1', '+-1', '+', '-', '.', '..', '-.', '1-2', '1 ', ' 1', '0x10', 'Infinity', 'NaN', '1_000', '1e400', '-1e400', '1e-400',
  // Dates and timestamps, valid and not.
  '2024-02-29', '2023-02-29', '2000-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-1-01', '2024-01-32', '0000-01-01', '9999-12-31',
  '2024-10-25T10:43:30.751Z', '2024-10-25 10:43', '2024-10-25t10:43:30z', '2024-10-25T10:43:30+05:30', '2024-10-25T10:43:30-0800', '2024-10-25T10:43+01',
  '2024-10-25T25:00', '2024-10-25T10:60', '2024-10-25X', '2024-10-25T10:43:30.', '2024-10-25T10:43:30.123456789Z', '1999-12-31T23:59:60Z', '2024-10-25T10:43:30Z ',
  '2024-10-25T10:43:30+24:00', '2024-10-2', '2024-10-25é', '２０２４-10-25', '12345-10-25',
  // Booleans in any case, and near misses.
  'true', 'false', 'TRUE', 'False', 'tRuE', 'fAlSe', '1', '0', 'truee', 'tru', 'fals', 'yes', 'T', 'F',
  // Text, with quotes, delimiters, line breaks and characters outside ASCII.
  'hello', 'a"b', 'say "hi"', '"', '""', '"quoted"', 'a,b', 'a\tb', 'line\nbreak', 'cr\rinside', 'crlf\r\ninside', 'trailing cr\r', ' ', '  padded  ',
  'é', 'naïve', '日本', '日本\n語', '😀', 'a😀b', '1é', 'é1', '-é', 'Zürich, "CH"', '\u00a0', '\u2028',
];

/** One random field's text ('' is an empty field). */
function randomText(random: () => number): string {
  const pick = random();
  const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('');
  if (pick < 0.35) return FIXED[Math.floor(random() * FIXED.length)] as string;
  if (pick < 0.45) return '';
  if (pick < 0.55) return (random() < 0.3 ? '-' : '') + digits(1 + Math.floor(random() * 18));
  if (pick < 0.7) {
    const sign = ['', '', '-', '+'][Math.floor(random() * 4)] as string;
    const mantissa = random() < 0.2 ? digits(1 + Math.floor(random() * 17)) : `${digits(Math.floor(random() * 10))}.${digits(Math.floor(random() * 10))}`;
    const exponent = random();
    // Exponents near the exact range's ends (10^±22 and the mantissa's decimals) and far past them.
    if (exponent < 0.3) return `${sign}${mantissa}${random() < 0.5 ? 'e' : 'E'}${['', '+', '-'][Math.floor(random() * 3)]}${Math.floor(random() * 40)}`;
    if (exponent < 0.35) return `${sign}${mantissa}e${digits(1 + Math.floor(random() * 4))}`;
    return sign + mantissa;
  }
  if (pick < 0.8) return new Date(Math.floor(random() * 4e12) - 1e12).toISOString().slice(0, random() < 0.3 ? 10 : 24);
  const alphabet = 'abcxyzABC019 .,-+"\'\t\n\réü日😀';
  return Array.from({ length: 1 + Math.floor(random() * 12) }, () => Array.from(alphabet)[Math.floor(random() * Array.from(alphabet).length)]).join('');
}

/** `text` as a CSV field: quoted when it must be (or at random when it may be), with `"` doubled. */
function written(text: string, random: () => number): string {
  // A `"` inside an unquoted field is data; one at its start would open a quote. A CR is quoted, as one before
  // the line's end would be read as part of a CRLF.
  if (/[,\n\r]/.test(text) || text.startsWith('"') || random() < 0.2) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

interface Generated {
  csv: string;
  columns: string[];
  rows: Value[][];
  lines: number[];
}

function generate(seed: number, records: number, width: number): Generated {
  const random = uniforms(seed);
  const columns = Array.from({ length: width }, (_, j) => `c${j}`);
  const rows: Value[][] = [];
  const lines: number[] = [];
  let csv = `${columns.join(',')}\n`;
  let line = 2;
  for (let r = 0; r < records; r++) {
    if (random() < 0.05) {
      // A blank line, counted but skipped.
      csv += random() < 0.5 ? '\n' : '\r\n';
      line++;
    }
    const texts = Array.from({ length: width }, () => randomText(random));
    // A record of one empty field would be a blank line: give it text.
    if (width === 1 && texts[0] === '') texts[0] = 'x';
    rows.push(texts.map((text) => (text === '' ? null : text)));
    lines.push(line);
    const record = texts.map((text) => written(text, random)).join(',');
    csv += record + (random() < 0.3 ? '\r\n' : '\n');
    line += 1 + (record.match(/\n/g)?.length ?? 0);
  }
  return { csv, columns, rows, lines };
}

async function readAll(name: string, content: string, options: { batchRows: number; chunkBytes?: number }, encoding: BufferEncoding = 'utf8'): Promise<RecordBatch[]> {
  writeFileSync(path.join(dir, name), content, encoding);
  const batches: RecordBatch[] = [];
  const reader = readDelimitedFile(path.join(dir, name), name, { delimiter: ',', gzip: false, ...options });
  for await (const batch of reader) batches.push(batch);
  return batches;
}

/** Where two columns differ, as readable lines (empty when they agree in every array, in value(i) and textView(i)). */
function differences(actual: TypedColumn, expected: TypedColumn): string[] {
  const found: string[] = [];
  for (let i = 0; i < expected.size; i++) {
    const what = JSON.stringify(expected.value(i));
    if (actual.value(i) !== expected.value(i)) found.push(`${i} ${what}: value ${JSON.stringify(actual.value(i))}`);
    if (actual.kinds[i] !== expected.kinds[i]) found.push(`${i} ${what}: kind ${actual.kinds[i]}, expected ${expected.kinds[i]}`);
    if (!Object.is(actual.numbers[i], expected.numbers[i])) found.push(`${i} ${what}: number ${actual.numbers[i]}, expected ${expected.numbers[i]}`);
    if (actual.highs[i] !== expected.highs[i] || actual.lows[i] !== expected.lows[i]) found.push(`${i} ${what}: hash differs`);
    if (actual.lengths[i] !== expected.lengths[i]) found.push(`${i} ${what}: length ${actual.lengths[i]}, expected ${expected.lengths[i]}`);
    // The regex checks' view of a value (a slice of the column's text) is its text.
    if (expected.value(i) !== null && actual.textView(i) !== expected.text(i)) found.push(`${i} ${what}: textView ${JSON.stringify(actual.textView(i))}`);
  }
  return found;
}

describe('CsvBatch columns read from bytes', () => {
  it('every field of the fixed list reads as setText reads its text', async () => {
    const columns = ['a', 'b'];
    const rows: Value[][] = FIXED.map((text, i) => [text, FIXED[(i * 7) % FIXED.length] as string]);
    const csv = `a,b\n${rows.map((row) => row.map((text) => `"${(text as string).replaceAll('"', '""')}"`).join(',')).join('\n')}\n`;
    const batches = await readAll('fixed.csv', csv, { batchRows: 1000 });
    expect(batches).toHaveLength(1);
    const batch = batches[0] as RecordBatch;
    expect(batch.rows).toEqual(rows.map((row) => row.map((text) => (text === '' ? null : text))));
    for (let j = 0; j < columns.length; j++) expect(differences(batch.column(j), typedColumnOf(batch.rows, j))).toEqual([]);
    // And unquoted, where a field may be.
    const bare = rows.filter((row) => row.every((text) => !/[,\n\r]/.test(text as string) && !(text as string).startsWith('"') && text !== ''));
    const plain = await readAll('plain.csv', `a,b\n${bare.map((row) => row.join(',')).join('\n')}\n`, { batchRows: 1000 });
    const plainBatch = plain[0] as RecordBatch;
    expect(plainBatch.rows).toEqual(bare);
    for (let j = 0; j < columns.length; j++) expect(differences(plainBatch.column(j), typedColumnOf(bare, j))).toEqual([]);
  });

  for (const [seed, records, width, batchRows, chunkBytes] of [
    [1, 20_000, 7, 500, undefined],
    [2, 5_000, 3, 64, 4096],
    [3, 2_000, 1, 100, 97],
    [4, 3_000, 12, 1000, 1],
  ] as const) {
    it(`random fields (seed ${seed}, ${records} records of ${width}, batches of ${batchRows}${chunkBytes ? `, ${chunkBytes}-byte chunks` : ''}) read as setText reads them`, async () => {
      const generated = generate(seed, chunkBytes === 1 ? Math.min(records, 300) : records, width);
      const batches = await readAll(`random-${seed}.csv`, generated.csv, { batchRows, ...(chunkBytes ? { chunkBytes } : {}) });
      expect(batches[0]?.columns).toEqual(generated.columns);
      // Columns read before the rows are made, batch by batch, after the reader has moved on.
      let offset = 0;
      for (const batch of batches) {
        const expectedRows = generated.rows.slice(offset, offset + batch.size);
        for (let j = 0; j < width; j++) expect(differences(batch.column(j), typedColumnOf(expectedRows, j))).toEqual([]);
        expect(batch.rows).toEqual(expectedRows);
        expect(batch.lines).toEqual(generated.lines.slice(offset, offset + batch.size));
        offset += batch.size;
      }
      expect(offset).toBe(generated.rows.length);
    });
  }

  it("a shard's pick of rows is still read from the bytes, as setText reads its fields", async () => {
    const generated = generate(5, 1_500, 6);
    const batches = await readAll('pick.csv', generated.csv, { batchRows: 256 });
    let offset = 0;
    for (const batch of batches) {
      const keep = Array.from({ length: batch.size }, (_, i) => i).filter((i) => (offset + i) % 3 === 1);
      const picked = batch.pick?.(keep) as RecordBatch;
      expect(picked.constructor).toBe(batch.constructor);
      const expectedRows = keep.map((i) => generated.rows[offset + i] as Value[]);
      for (let j = 0; j < 6; j++) expect(differences(picked.column(j), typedColumnOf(expectedRows, j))).toEqual([]);
      expect(picked.rows).toEqual(expectedRows);
      expect(picked.lines).toEqual(keep.map((i) => generated.lines[offset + i]));
      expect(batch.pick?.([]).size).toBe(0);
      offset += batch.size;
    }
  });

  it('a column is read once, and value(i) gives fresh strings', async () => {
    const [batch] = await readAll('once.csv', 'a,b\nx,"y ""z"""\n,2\n', { batchRows: 10 });
    expect(batch?.column(0)).toBe(batch?.column(0));
    expect([batch?.column(1).value(0), batch?.column(1).value(1), batch?.column(0).value(1)]).toEqual(['y "z"', '2', null]);
  });

  it('drops a BOM and keeps the byte offsets of invalid UTF-8 from the start of the file, whatever the chunks', async () => {
    for (const chunkBytes of [1, 2, 3, 4, 5, 64]) {
      const [batch] = await readAll('bom.csv', '\uFEFFa,b\n1,é\n', { batchRows: 10, chunkBytes });
      expect([batch?.columns, batch?.rows]).toEqual([['a', 'b'], [['1', 'é']]]);
      const bad = Buffer.concat([Buffer.from('\uFEFFa,b\n1,"x\ny"\n2,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]).toString('latin1');
      await expect(readAll('bad.csv', bad, { batchRows: 10, chunkBytes }, 'latin1')).rejects.toThrow('"bad.csv" line 4: invalid UTF-8: byte 0xc3 at byte offset 17; expected UTF-8 text');
    }
  });

  it('quoted fields end at CR LF, at a lone CR before the end of the file, and refuse a CR followed by more', async () => {
    const [batch] = await readAll('cr.csv', 'a,b\r\n"1","x"\r\n"2",y\r', { batchRows: 10 });
    expect(batch?.rows).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
    await expect(readAll('cr2.csv', 'a,b\n"1"\r,2\n', { batchRows: 10 })).rejects.toThrow(
      '"cr2.csv" line 2: unexpected "\\r" after the closing quote of a quoted field; expected the delimiter "," or the end of the line (a " inside a quoted field is written "")',
    );
  });
});
