// Sketch accuracy on 10 million rows (MLOPS_BENCH_ROWS to change) of three columns: normal, lognormal, and
// uniform integers over 0 … 4,999,999 (many distinct values). For the profile of the whole and for the merge of
// 8 shard profiles: the quantile rank error (max over p = 1 %, …, 99 %) against the exact sorted data, and the
// distinct count's relative error against the exact count. Aims: rank error ≤ 1 %, distinct error ≤ 2 %.
// Then Profiler.add throughput on CSV-like batches of 20 mixed string columns, in rows/s and in MB/s of the
// equivalent CSV text. Aim: ≥ 50 MB/s on one core.
import type { RecordBatch, Value } from '../shared/src/data/types';
import { mergeProfiles, numericDistribution, Profiler, type Profile } from '../shared/src/profile';
import { table } from './lib';
import { RowBatch } from '../shared/src/data/batch';

const ROWS = Number(process.env['MLOPS_BENCH_ROWS'] ?? 10_000_000);
const SHARDS = 8;
const BATCH = 10_000;

let state = 0x9e3779b9;
function uniform(): number {
  // xorshift32, then (0, 1)
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return (state + 0.5) / 4294967296;
}
function normal(): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

const distributions: Array<[string, () => number]> = [
  ['normal', () => 100 + 15 * normal()],
  ['lognormal', () => Math.exp(1 + 0.75 * normal())],
  ['uniform-int', () => Math.floor(uniform() * 5_000_000)],
];

console.log(`${ROWS.toLocaleString('en')} rows, ${SHARDS} shards, Node ${process.version}`);
const results: Array<[string, string]> = [];
let worstRank = 0;
let worstDistinct = 0;
for (const [name, draw] of distributions) {
  const data = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) data[i] = draw();
  const whole = new Profiler();
  const shards = Array.from({ length: SHARDS }, () => new Profiler());
  const rows: Value[][] = [];
  for (let start = 0; start < ROWS; start += BATCH) {
    rows.length = 0;
    for (let i = start; i < Math.min(ROWS, start + BATCH); i++) rows.push([data[i] as number]);
    const batch: RecordBatch = new RowBatch({ file: `${name}.jsonl`, columns: [name], rows, lines: [] });
    whole.add(batch);
    (shards[Math.floor((start / ROWS) * SHARDS)] as Profiler).add(batch);
  }
  const sorted = data.slice().sort();
  let distinct = ROWS > 0 ? 1 : 0;
  for (let i = 1; i < ROWS; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  for (const [label, profile] of [
    ['whole', whole.result()],
    [`merge of ${SHARDS}`, mergeProfiles(shards.map((shard) => shard.result()))],
  ] as Array<[string, Profile]>) {
    const column = profile.columns[0]!;
    const distribution = numericDistribution(column)!;
    let rankError = 0;
    for (let percent = 1; percent <= 99; percent++) {
      const p = percent / 100;
      const q = distribution.quantile(p);
      // The true normalized ranks of q span [below / n, atOrBelow / n]; the error is p's distance from that span.
      const below = lowerBound(sorted, q) / ROWS;
      const atOrBelow = upperBound(sorted, q) / ROWS;
      rankError = Math.max(rankError, p < below ? below - p : p > atOrBelow ? p - atOrBelow : 0);
    }
    const distinctError = Math.abs(column.distinct.estimate - distinct) / distinct;
    worstRank = Math.max(worstRank, rankError);
    worstDistinct = Math.max(worstDistinct, distinctError);
    results.push([
      `${name}, ${label}`,
      `rank error ${(rankError * 100).toFixed(3)} %   distinct ${column.distinct.estimate.toLocaleString('en')} of ${distinct.toLocaleString('en')} (${(distinctError * 100).toFixed(3)} %)`,
    ]);
  }
}
table(results);
console.log(`worst: rank error ${(worstRank * 100).toFixed(3)} % (aim ≤ 1 %), distinct error ${(worstDistinct * 100).toFixed(3)} % (aim ≤ 2 %)`);
if (worstRank > 0.01 || worstDistinct > 0.02) {
  console.log('FAILED: an error is over its aim');
  process.exitCode = 1;
}

function lowerBound(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < x) low = middle + 1;
    else high = middle;
  }
  return low;
}
function upperBound(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

// Throughput: 20 columns as a CSV reader gives them (strings, empty fields as null).
const POOL = 100_000;
const PASSES = Number(process.env['MLOPS_BENCH_PASSES'] ?? 10);
const categories = ['red', 'green', 'blue', 'cyan', 'magenta', 'yellow', 'black', 'white'];
const columns = Array.from({ length: 20 }, (_, j) => `c${j}`);
const pool: Value[][] = [];
let csvBytes = 0;
for (let i = 0; i < POOL; i++) {
  const row: Value[] = [];
  for (let j = 0; j < 20; j++) {
    let value: Value;
    switch (j % 5) {
      case 0: // integer id-like, many distinct
        value = String(Math.floor(uniform() * 1e7));
        break;
      case 1: // decimal
        value = (100 + 15 * normal()).toFixed(4);
        break;
      case 2: // category, a few nulls
        value = uniform() < 0.02 ? null : (categories[Math.floor(uniform() * categories.length)] as string);
        break;
      case 3: // small integer
        value = String(Math.floor(uniform() * 100));
        break;
      default: // timestamp in one of five columns, boolean in the other
        value = j === 4 ? new Date(1.7e12 + Math.floor(uniform() * 3e10)).toISOString().slice(0, 19) + 'Z' : uniform() < 0.5 ? 'true' : 'false';
    }
    row.push(value);
    csvBytes += (value === null ? 0 : value.length) + 1;
  }
  pool.push(row);
}
const batches: RecordBatch[] = [];
for (let start = 0; start < POOL; start += BATCH) batches.push(new RowBatch({ file: 'wide.csv', columns, rows: pool.slice(start, start + BATCH), lines: [] }));
const profiler = new Profiler();
for (const batch of batches.slice(0, 3)) profiler.add(batch); // warm up
const started = process.hrtime.bigint();
for (let pass = 0; pass < PASSES; pass++) for (const batch of batches) profiler.add(batch);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const rows = POOL * PASSES;
table([
  ['Profiler.add, 20 columns', `${Math.round(rows / seconds).toLocaleString('en')} rows/s   ${((csvBytes * PASSES) / 1e6 / seconds).toFixed(1)} MB/s of CSV (${(csvBytes / POOL).toFixed(0)} bytes a row; aim ≥ 50 MB/s)`],
]);
const resultStarted = process.hrtime.bigint();
const profile = profiler.result();
table([['result()', `${(Number(process.hrtime.bigint() - resultStarted) / 1e6).toFixed(1)} ms, ${(JSON.stringify(profile).length / 1024).toFixed(0)} KiB of JSON`]]);
