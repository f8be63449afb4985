// Streaming CSV parsers on a generated CSV of ~100 MB (MLOPS_BENCH_MB to change): 20 mixed columns (integers,
// decimals, categories, dates, timestamps, booleans, free text), about 5 % empty fields, about 10 % of rows
// with quoted fields (delimiters, "" escapes, and one row in 500 with a line break inside a quote). Every
// parser reads the same file from disk in chunks of the same size (64 KiB and 1 MiB: each counts at its better one),
// and each must count the same records. Median of 3 alternating rounds, page cache warm, MB/s and the ratio to the
// fastest.
//
// Candidates: csv-parse, papaparse, @fast-csv/parse, udsv (each handing over every record as an array of strings),
// and our readDelimitedFile (shared/src/data/csv.ts), which reads bytes and makes no string per field: bare (the
// batches with where each field lies), with every record made an array of strings as the others do, with every
// column read into typed arrays (kind, number, hash: what the profile and the checks read), and inside readDataset.
// Ours also gives what none of the others does: the line where each record starts (counting line breaks inside
// quotes), fatal UTF-8 validation, null for empty fields, checks of the header and of each record's width, and
// batches.
import { parse as csvParse } from 'csv-parse';
import { parse as csvParseSync } from 'csv-parse/sync';
import { parseStream as fastCsvParseStream, parseString as fastCsvParseString } from '@fast-csv/parse';
import Papa from 'papaparse';
import { inferSchema, initParser, type BaseParse } from 'udsv';
import { createReadStream, existsSync, mkdirSync, openSync, closeSync, writeFileSync, writeSync, statSync } from 'node:fs';
import path from 'node:path';
import { CSV_CHUNK_BYTES, readDelimitedFile } from '../shared/src/data/csv';
import { readDataset } from '../shared/src/data/read-dataset';
import { CHUNK_BYTES } from '../shared/src/data/text-source';
import type { RecordBatch } from '../shared/src/data/types';
import type { Logger } from '../shared/src/ports';
import { median, ms, REPO, table, timeAsync } from './lib';


const targetMb = Number(process.env['MLOPS_BENCH_MB'] ?? 100);
const folder = path.join(REPO, '.tmp', 'bench-csv');
const file = path.join(folder, `mixed-${targetMb}MB.csv`);

/** Writes the generated CSV and returns its number of records (without the header). */
export function generateCsv(target: string, megabytes: number): number {
  mkdirSync(path.dirname(target), { recursive: true });
  let seed = 42;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu'];
  const cities = ['Paris', 'Lagos', 'Lima', 'Osaka', 'Perth', 'Quito', 'Oslo', 'Pune'];
  const header = ['id', 'x1', 'x2', 'x3', 'x4', 'n1', 'n2', 'category', 'city', 'label', 'score', 'flag', 'date', 'timestamp', 'name', 'comment', 'code', 'ratio', 'count', 'note'];
  const maybe = (text: string): string => (random() < 0.05 ? '' : text);
  const fd = openSync(target, 'w');
  writeSync(fd, `${header.join(',')}\n`);
  let written = 0;
  let records = 0;
  let chunk = '';
  const limit = megabytes * 1e6;
  while (written < limit) {
    const quoted = random() < 0.1;
    const row = [
      String(records + 1),
      maybe((random() * 100 - 50).toFixed(4)),
      maybe((random() * 1e6).toFixed(2)),
      maybe(random().toExponential(6)),
      maybe((random() * 10).toFixed(1)),
      maybe(String(Math.floor(random() * 1000))),
      maybe(String(Math.floor(random() * 1e9) - 5e8)),
      maybe(pick(['a', 'b', 'c', 'd', 'e'])),
      maybe(pick(cities)),
      maybe(pick(['0', '1'])),
      maybe(random().toFixed(6)),
      maybe(pick(['true', 'false'])),
      maybe(`2024-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`),
      maybe(new Date(1.7e12 + Math.floor(random() * 3e10)).toISOString()),
      quoted ? `"${pick(words)}, ${pick(words)}"` : maybe(`${pick(words)} ${pick(words)}`),
      quoted && random() < 0.3 ? `"said ""${pick(words)}"" twice"` : maybe(`${pick(words)}-${pick(words)}-${pick(words)}`),
      maybe(Math.floor(random() * 0xffffff).toString(16)),
      maybe((random() * 2).toFixed(3)),
      maybe(String(Math.floor(random() * 50))),
      quoted && random() < 0.02 ? `"first line\nsecond line"` : maybe(pick(words)),
    ];
    chunk += `${row.join(',')}\n`;
    records++;
    if (chunk.length > 1 << 20) {
      written += writeSync(fd, chunk);
      chunk = '';
    }
  }
  if (chunk) writeSync(fd, chunk);
  closeSync(fd);
  return records;
}

const countFile = `${file}.records`;
let expected: number;
if (!existsSync(file) || !existsSync(countFile)) {
  expected = generateCsv(file, targetMb);
  const fd = openSync(countFile, 'w');
  writeSync(fd, String(expected));
  closeSync(fd);
} else {
  const { readFileSync } = await import('node:fs');
  expected = Number(readFileSync(countFile, 'utf8'));
}
const bytes = statSync(file).size;

const silent: Logger = { debug() {}, info() {}, warning() {}, error() {}, group: (_name, fn) => fn(), mask() {} };

/** Our reader over the file in chunks of `chunkBytes`, `use` given each batch: the records counted. */
async function ours(chunkBytes: number, use: (batch: RecordBatch) => number): Promise<number> {
  let records = 0;
  for await (const batch of readDelimitedFile(file, file, { delimiter: ',', gzip: false, batchRows: 8192, chunkBytes })) records += use(batch);
  return records;
}

/** Each parser returns the number of data records it gave (the header not counted). */
const parsers: Record<string, (chunkBytes: number) => Promise<number>> = {
  'csv-parse': (chunkBytes) =>
    new Promise((resolve, reject) => {
      let records = 0;
      const parser = csvParse({ bom: true });
      parser.on('data', () => records++);
      parser.on('end', () => resolve(records - 1));
      parser.on('error', reject);
      createReadStream(file, { highWaterMark: chunkBytes }).pipe(parser);
    }),
  papaparse: (chunkBytes) =>
    new Promise((resolve, reject) => {
      let records = 0;
      Papa.parse(createReadStream(file, { highWaterMark: chunkBytes, encoding: 'utf8' }) as unknown as File, {
        chunk: (results: Papa.ParseResult<string[]>) => {
          records += results.data.length;
        },
        skipEmptyLines: true,
        complete: () => resolve(records - 1),
        error: reject,
      });
    }),
  '@fast-csv/parse': (chunkBytes) =>
    new Promise((resolve, reject) => {
      let records = 0;
      fastCsvParseStream(createReadStream(file, { highWaterMark: chunkBytes }))
        .on('data', () => records++)
        .on('end', () => resolve(records - 1))
        .on('error', reject);
    }),
  udsv: async (chunkBytes) => {
    let records = 0;
    let parser: ReturnType<typeof initParser> | undefined;
    const count = (): boolean => {
      records++;
      return true;
    };
    for await (const chunk of createReadStream(file, { highWaterMark: chunkBytes, encoding: 'utf8' })) {
      parser ??= initParser(inferSchema(chunk as string, { col: ',', row: '\n', encl: '"' }));
      parser.chunk<string[]>(chunk as string, parser.stringArrs as BaseParse<string[]>, count);
    }
    parser?.end();
    return records;
  },
  'readDelimitedFile (ours, bare)': (chunkBytes) => ours(chunkBytes, (batch) => batch.size),
  'readDelimitedFile (ours, records as strings)': (chunkBytes) => ours(chunkBytes, (batch) => batch.rows.length),
  'readDelimitedFile (ours, every column typed)': (chunkBytes) =>
    ours(chunkBytes, (batch) => {
      for (let j = 0; j < batch.columns.length; j++) batch.column(j);
      return batch.size;
    }),
  // Its chunk size is fixed (the reader's own): it runs once. Bare as above (its typed columns are made on first use).
  'readDataset (ours, bare, through the dataset reader)': async () => {
    let records = 0;
    for await (const batch of readDataset([path.basename(file)], { cwd: folder, logger: silent })) records += batch.size;
    return records;
  },
};

// Each parser with 64 KiB and 1 MiB chunks; its better median counts.
const SIZES = [CHUNK_BYTES, 1 << 20];
const times = new Map<string, number[]>();
const counts: Record<string, number> = {};
for (const [name, run] of Object.entries(parsers)) counts[name] = await run(CHUNK_BYTES); // warm-up, and the record counts
for (let round = 0; round < 3; round++) {
  for (const [name, run] of Object.entries(parsers)) {
    for (const size of name.startsWith('readDataset') ? [CSV_CHUNK_BYTES] : SIZES) {
      const key = `${name}\t${size}`;
      times.set(key, [...(times.get(key) ?? []), await timeAsync(() => run(size))]);
    }
  }
}
const best = Object.keys(parsers).map((name) => {
  const [value, size] = SIZES.filter((size) => times.has(`${name}\t${size}`))
    .map((size) => [median(times.get(`${name}\t${size}`) ?? []), size] as const)
    .sort((a, b) => a[0] - b[0])[0] as readonly [number, number];
  return { name, value, size };
});
const fastest = Math.min(...best.map((entry) => entry.value));
console.log(`${(bytes / 1e6).toFixed(0)} MB, ${expected} records of 20 columns, Node ${process.version}, median of 3, each at its better chunk size:`);
table(
  best.map(({ name, value, size }) => {
    const wrong = counts[name] === expected ? '' : `  WRONG: ${counts[name]} records, expected ${expected}`;
    const mbps = (bytes / 1e6 / (value / 1000)).toFixed(0).padStart(4);
    return [name, `${ms(value).padStart(10)}  ${mbps} MB/s  ${(fastest / value).toFixed(2)}× the fastest  (${size >> 10} KiB chunks)${wrong}`];
  }),
);

// What each gives on inputs a data validator must not get wrong, each fed in two chunks split mid-way. "error"
// is right for the first two; the third must give [["1","2"],["3","4"]].
const edgeCases: Record<string, string> = {
  'a ragged row': 'a,b,c\n1,2,3\n4,5\n6,7,8\n',
  'an unterminated quote': 'a,b\n1,"abc\n2,3\n',
  'LF and CRLF mixed': 'a,b\r\n1,2\n3,4\r\n',
};
const inMemory: Record<string, (text: string) => Promise<unknown[][]>> = {
  'csv-parse': async (text) => (csvParseSync(text) as unknown[][]).slice(1),
  papaparse: async (text) => {
    const result = Papa.parse<string[]>(text, { skipEmptyLines: true });
    if (result.errors.length > 0) throw new Error(result.errors[0]?.message);
    return result.data.slice(1);
  },
  '@fast-csv/parse': (text) =>
    new Promise((resolve, reject) => {
      const rows: unknown[][] = [];
      fastCsvParseString(text, { headers: true, strictColumnHandling: true })
        .on('data', (row: Record<string, string>) => rows.push(Object.values(row)))
        .on('data-invalid', (row: unknown) => reject(new Error(`invalid row ${JSON.stringify(row)}`)))
        .on('error', reject)
        .on('end', () => resolve(rows));
    }),
  udsv: async (text) => {
    const rows: unknown[][] = [];
    const parser = initParser(inferSchema(text));
    const add = (row: string[]): boolean => rows.push(row) > 0;
    const middle = Math.floor(text.length / 2);
    parser.chunk<string[]>(text.slice(0, middle), parser.stringArrs as BaseParse<string[]>, add);
    parser.chunk<string[]>(text.slice(middle), parser.stringArrs as BaseParse<string[]>, add);
    parser.end();
    return rows;
  },
  'readDelimitedFile (ours)': async (text) => {
    const edge = path.join(folder, 'edge-case.csv');
    writeFileSync(edge, text);
    const rows: unknown[][] = [];
    // Chunks of half the text: the read is cut mid-way as the others' are.
    const chunkBytes = Math.max(1, Math.floor(Buffer.byteLength(text) / 2));
    for await (const batch of readDelimitedFile(edge, 'edge-case.csv', { delimiter: ',', gzip: false, batchRows: 8192, chunkBytes })) rows.push(...batch.rows);
    return rows;
  },
};
console.log('\nEdge cases (error is right for the first two):');
const edgeRows: Array<[string, string]> = [];
for (const [name, parse] of Object.entries(inMemory)) {
  const results: string[] = [];
  for (const [what, text] of Object.entries(edgeCases)) {
    let result: string;
    try {
      result = JSON.stringify(await parse(text));
    } catch {
      result = 'error';
    }
    results.push(`${what}: ${result}`);
  }
  edgeRows.push([name, results.join('; ')]);
}
table(edgeRows);
