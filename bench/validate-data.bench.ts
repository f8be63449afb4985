// The validate-data action on a generated dataset of 20 mixed columns (bench/validate-data/generate.ts) with the
// contract of bench/validate-data/contract.yaml (33 checks, the same ones bench/validate-data/pandas_checks.py
// runs), each figure against a baseline measured in the same run:
//
// 1. CSV throughput: the action's bundle against pandas (Debian's python3-pandas at /usr/bin/python3: read_csv plus
//    the same checks), both pinned to one core with `taskset -c 0`. Aim: at least 3× faster.
// 2. Peak memory of the action's process (VmRSS polled every 20 ms and VmHWM read while it runs) on the big CSV
//    and on a 100 MiB CSV of the same shape. Aims: under 256 MiB, and the big file's peak at most 1.25× the
//    small one's. Node 24 sizes V8's young generation from the machine's RAM, so the peaks are also measured
//    with NODE_OPTIONS=--max-semi-space-size=16 (which an action cannot set for itself on GitHub), and with the
//    contract less its one `unique: true`, whose table grows with the distinct values (by design, see
//    docs/contract.md), to show what the rest of the action holds.
// 3. JSON Lines: the action against pandas read_json(lines=True) plus the same checks (a smaller file by default:
//    pandas holds the whole file as Python objects, about 12× its size).
// 4. Parquet: the action against hyparquet's bare decode of the same file (bench/validate-data/decode-parquet.mjs:
//    the same compressors, one row group at a time, each column into one array as the action's reader does, nothing
//    else). Aim: validation adds at most 50 %.
// 5. Where the action's time goes, in this process on the 100 MiB CSV (best of 3): reading alone (the bytes scanned
//    and every column typed: what the checks and the profile read), reading and the
//    contract's checks, reading and the profile, all three (what the action does).
//
// Sizes in MiB (2^20 bytes): MLOPS_BENCH_VD_MB (default 1024), MLOPS_BENCH_VD_SMALL_MB (100),
// MLOPS_BENCH_VD_JSONL_MB (256), MLOPS_BENCH_VD_PARQUET_MB (default: the big CSV's size; the Parquet file holds the
// same rows as the CSV of that size). MLOPS_BENCH_VD_ROUNDS (default 2): interleaved rounds of each comparison,
// medians. Data is written once under .tmp/bench-validate-data/ and reused.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ContractChecker, loadContract } from '../shared/src/contract';
import { readDataset } from '../shared/src/data/read-dataset';
import type { Logger } from '../shared/src/ports';
import { Profiler } from '../shared/src/profile';
import { median, NODE, REPO, table } from './lib';
import { writeDataset } from './validate-data/generate';
import { writeParquetDataset } from './validate-data/parquet';

const env = process.env;
const BIG_MB = Number(env['MLOPS_BENCH_VD_MB'] ?? 1024);
const SMALL_MB = Number(env['MLOPS_BENCH_VD_SMALL_MB'] ?? 100);
const JSONL_MB = Number(env['MLOPS_BENCH_VD_JSONL_MB'] ?? 256);
const PARQUET_MB = Number(env['MLOPS_BENCH_VD_PARQUET_MB'] ?? BIG_MB);
const ROUNDS = Math.max(1, Number(env['MLOPS_BENCH_VD_ROUNDS'] ?? 2));
const MIB = 2 ** 20;
const SEMI_SPACE = '--max-semi-space-size=16';

const folder = path.join(REPO, '.tmp', 'bench-validate-data');
const workspace = path.join(folder, 'ws');
const contractFile = path.join(REPO, 'bench', 'validate-data', 'contract.yaml');
const pandasScript = path.join(REPO, 'bench', 'validate-data', 'pandas_checks.py');
const decodeScript = path.join(REPO, 'bench', 'validate-data', 'decode-parquet.mjs');
const bundle = path.join(REPO, 'actions', 'validate-data', 'dist', 'index.js');
const PYTHON = '/usr/bin/python3';
mkdirSync(workspace, { recursive: true });

// One core for every measured command; this process (which polls their memory) keeps to another one.
const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
const CORES = availableParallelism();
if (hasTaskset && CORES > 1) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const pinned = (command: string, args: string[]): [string, string[]] => (hasTaskset ? ['taskset', ['-c', '0', command, ...args]] : [command, args]);
const hasPandas = spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;

// ---------------------------------------------------------------------------------------------------------------
// Data: written once, reused when the file and its row count (written last) are there.

async function dataset(format: 'csv' | 'jsonl', megabytes: number): Promise<{ file: string; rows: number; bytes: number }> {
  const file = path.join(folder, `data-${megabytes}MiB.${format}`);
  const rowsFile = `${file}.rows`;
  if (!existsSync(file) || !existsSync(rowsFile)) {
    const started = Date.now();
    const rows = await writeDataset(file, format, megabytes * MIB);
    writeFileSync(rowsFile, String(rows));
    console.log(`  (wrote ${path.relative(REPO, file)}: ${rows.toLocaleString('en-US')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return { file, rows: Number(readFileSync(rowsFile, 'utf8')), bytes: statSync(file).size };
}

async function parquetDataset(rows: number): Promise<{ file: string; rows: number; bytes: number }> {
  const file = path.join(folder, `data-${rows}rows.parquet`);
  const done = `${file}.done`;
  if (!existsSync(file) || !existsSync(done)) {
    const started = Date.now();
    await writeParquetDataset(file, rows);
    writeFileSync(done, '');
    console.log(`  (wrote ${path.relative(REPO, file)}: ${rows.toLocaleString('en-US')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return { file, rows, bytes: statSync(file).size };
}

// ---------------------------------------------------------------------------------------------------------------
// Running a command: wall time, and the peak of its resident memory.

interface Run {
  ms: number;
  /**
   * The peak resident memory of the command's process tree, in bytes: per process the larger of the highest VmRSS
   * polled and the last VmHWM read, summed over the processes (the action re-launches itself once with V8 flags,
   * and its waiting parent counts too).
   */
  peak: number;
  stdout: string;
}

function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

async function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const [file, argv] = pinned(command, args);
  const started = process.hrtime.bigint();
  const child = spawn(file, argv, { cwd: workspace, env: { PATH: env['PATH'] ?? '', HOME: env['HOME'] ?? '', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const peaks = new Map<number, number>();
  const poll = (): void => {
    for (const pid of processTree(child.pid)) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        peaks.set(pid, Math.max(peaks.get(pid) ?? 0, statusKb(status, 'VmRSS'), statusKb(status, 'VmHWM')));
      } catch {
        // gone between the tick and the read
      }
    }
  };
  const timer = setInterval(poll, 20);
  const [code, elapsed] = await new Promise<[number | null, number]>((resolve) => {
    child.on('exit', (exitCode) => resolve([exitCode, Number(process.hrtime.bigint() - started) / 1e6]));
  });
  clearInterval(timer);
  await new Promise((resolve) => (child.stdout.readableEnded ? resolve(undefined) : child.stdout.on('close', resolve)));
  if (code !== 0) throw new Error(`${file} ${argv.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}${stdout.slice(-2000)}`);
  const peakKb = [...peaks.values()].reduce((sum, kb) => sum + kb, 0);
  return { ms: elapsed, peak: peakKb * 1024, stdout };
}

/** A process and its descendants, from /proc/<pid>/task/<pid>/children. */
function processTree(root: number | undefined): number[] {
  if (root === undefined) return [];
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)) if (child) queue.push(Number(child));
    } catch {
      // gone, or no such file
    }
  }
  return found;
}

/** The action's bundle on `data`; checks that it passed and read `rows` rows. */
async function action(data: string, rows: number, options: { contract?: string; nodeOptions?: string } = {}): Promise<Run> {
  rmSync(path.join(workspace, 'validation.json'), { force: true });
  const result = await run(NODE, [bundle], {
    GITHUB_WORKSPACE: workspace,
    INPUT_DATA: data,
    INPUT_CONTRACT: options.contract ?? contractFile,
    ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}),
  });
  const report = JSON.parse(readFileSync(path.join(workspace, 'validation.json'), 'utf8')) as { passed: boolean; rows: number };
  if (!report.passed || report.rows !== rows) throw new Error(`the action on ${data}: passed ${report.passed}, ${report.rows} rows, expected ${rows}`);
  return result;
}

async function pandas(format: 'csv' | 'jsonl', data: string, rows: number): Promise<Run> {
  const result = await run(PYTHON, [pandasScript, format, data]);
  const expected = `rows=${rows} checks=33 failing=[]`;
  if (result.stdout.trim() !== expected) throw new Error(`pandas_checks.py on ${data}: ${result.stdout.trim()}, expected ${expected}`);
  return result;
}

async function bareDecode(data: string, rows: number): Promise<Run> {
  const result = await run(NODE, [decodeScript, data]);
  if (result.stdout.trim() !== `rows=${rows}`) throw new Error(`decode-parquet.mjs on ${data}: ${result.stdout.trim()}, expected rows=${rows}`);
  return result;
}

const s = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(2)} s`;
const mib = (bytes: number): string => `${(bytes / MIB).toFixed(0)} MiB`;
const rate = (bytes: number, milliseconds: number): string => `${(bytes / MIB / (milliseconds / 1000)).toFixed(1)} MiB/s`;
const verdict = (met: boolean): string => (met ? 'aim met' : 'aim NOT met');
const summary: string[] = [];

// The figures belong to one build of the action: its commit, and a warning when the bundle changes during the run.
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
const bundleTime = statSync(bundle).mtimeMs;
console.log(
  `Commit ${commit}${spawnSync('git', ['diff', '--quiet', 'HEAD', '--', 'actions/validate-data/dist', 'shared/src'], { cwd: REPO }).status === 0 ? '' : ' (with uncommitted changes to the bundle or shared/src)'}, ` +
  `Node ${process.version} (${NODE === process.execPath ? 'this Node' : NODE}), ${CORES} cores, ` +
    `${hasTaskset ? 'every command pinned to core 0 with taskset -c 0' : 'taskset NOT found (util-linux): commands are NOT pinned to one core'}, ` +
    `${ROUNDS} interleaved round${ROUNDS === 1 ? '' : 's'} (medians); peaks are the largest of the rounds.`,
);
if (!hasPandas) console.log(`  ${PYTHON} cannot import pandas (Debian's python3-pandas): the pandas comparisons are skipped.`);

// ---------------------------------------------------------------------------------------------------------------
// 1 and 2: CSV throughput against pandas; the action's peak memory on the big and the small CSV.

const big = await dataset('csv', BIG_MB);
const small = await dataset('csv', SMALL_MB);
const withoutUnique = path.join(workspace, 'contract-without-unique.yaml');
const contractText = readFileSync(contractFile, 'utf8');
if (!contractText.includes(', unique: true')) throw new Error('contract.yaml has no ", unique: true" to take out');
writeFileSync(withoutUnique, contractText.replace(', unique: true', ''));

const csvOurs: Run[] = [];
const csvPandas: Run[] = [];
for (let round = 0; round < ROUNDS; round++) {
  csvOurs.push(await action(big.file, big.rows));
  if (hasPandas) csvPandas.push(await pandas('csv', big.file, big.rows));
}
const smallRuns: Run[] = [];
for (let round = 0; round < Math.max(3, ROUNDS); round++) smallRuns.push(await action(small.file, small.rows));
const peakOf = (runs: Run[]): number => Math.max(...runs.map((r) => r.peak));
const msOf = (runs: Run[]): number => median(runs.map((r) => r.ms));

console.log(`\nCSV, ${mib(big.bytes)} (${big.rows.toLocaleString('en-US')} rows, 20 columns), 33 checks:`);
const rowsCsv: Array<[string, string]> = [['validate-data action', `${s(msOf(csvOurs))}  ${rate(big.bytes, msOf(csvOurs))}  (peak RSS ${mib(peakOf(csvOurs))})`]];
if (hasPandas) {
  const ratio = msOf(csvPandas) / msOf(csvOurs);
  rowsCsv.push(['pandas read_csv + checks', `${s(msOf(csvPandas))}  ${rate(big.bytes, msOf(csvPandas))}  (peak RSS ${mib(peakOf(csvPandas))})`]);
  rowsCsv.push(['action vs pandas', `${ratio.toFixed(2)}× as fast as pandas  (aim ≥ 3×: ${verdict(ratio >= 3)})`]);
  summary.push(`CSV ${mib(big.bytes)}, one core: action ${rate(big.bytes, msOf(csvOurs))}, pandas ${rate(big.bytes, msOf(csvPandas))}: ${ratio.toFixed(2)}× (aim ≥ 3×: ${verdict(ratio >= 3)})`);
}
table(rowsCsv);

// Peaks with the flags as the action runs on GitHub, with a 16 MiB semi-space, and without the unique check.
const variants: Array<{ name: string; nodeOptions?: string; contract?: string; bigRuns: Run[]; smallRuns: Run[] }> = [
  { name: 'as on GitHub (default V8 flags)', bigRuns: csvOurs, smallRuns },
  { name: `NODE_OPTIONS=${SEMI_SPACE}`, nodeOptions: SEMI_SPACE, bigRuns: [], smallRuns: [] },
  { name: 'contract without unique', contract: withoutUnique, bigRuns: [], smallRuns: [] },
  { name: `without unique, ${SEMI_SPACE}`, contract: withoutUnique, nodeOptions: SEMI_SPACE, bigRuns: [], smallRuns: [] },
];
for (const variant of variants.slice(1)) {
  variant.bigRuns.push(await action(big.file, big.rows, variant));
  for (let round = 0; round < 2; round++) variant.smallRuns.push(await action(small.file, small.rows, variant));
}
console.log(`\nPeak RSS of the action's process, ${mib(big.bytes)} and ${mib(small.bytes)} CSV (aims: < 256 MiB, big ≤ 1.25× small):`);
table(
  variants.map((variant) => {
    const bigPeak = peakOf(variant.bigRuns);
    const smallPeak = peakOf(variant.smallRuns);
    const ratio = bigPeak / smallPeak;
    const line = `${mib(bigPeak)} / ${mib(smallPeak)}: ${ratio.toFixed(2)}× (big file ${s(msOf(variant.bigRuns))})  ${bigPeak < 256 * MIB ? '< 256 MiB' : '≥ 256 MiB'}, ${ratio <= 1.25 ? 'ratio ≤ 1.25' : 'ratio > 1.25'}`;
    summary.push(`peak RSS ${variant.name}: ${mib(bigPeak)} on ${mib(big.bytes)}, ${mib(smallPeak)} on ${mib(small.bytes)}, ${ratio.toFixed(2)}× (aims < 256 MiB: ${verdict(bigPeak < 256 * MIB)}; ≤ 1.25×: ${verdict(ratio <= 1.25)})`);
    return [variant.name, line];
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// 3: JSON Lines against pandas read_json(lines=True).

const jsonl = await dataset('jsonl', JSONL_MB);
const jsonOurs: Run[] = [];
const jsonPandas: Run[] = [];
for (let round = 0; round < ROUNDS; round++) {
  jsonOurs.push(await action(jsonl.file, jsonl.rows));
  if (hasPandas) jsonPandas.push(await pandas('jsonl', jsonl.file, jsonl.rows));
}
console.log(`\nJSON Lines, ${mib(jsonl.bytes)} (${jsonl.rows.toLocaleString('en-US')} rows, the same rows as the CSV's first):`);
const rowsJson: Array<[string, string]> = [['validate-data action', `${s(msOf(jsonOurs))}  ${rate(jsonl.bytes, msOf(jsonOurs))}  (peak RSS ${mib(peakOf(jsonOurs))})`]];
if (hasPandas) {
  const ratio = msOf(jsonPandas) / msOf(jsonOurs);
  rowsJson.push(['pandas read_json(lines=True) + checks', `${s(msOf(jsonPandas))}  ${rate(jsonl.bytes, msOf(jsonPandas))}  (peak RSS ${mib(peakOf(jsonPandas))})`]);
  rowsJson.push(['action vs pandas', `${ratio.toFixed(2)}× as fast as pandas`]);
  summary.push(`JSON Lines ${mib(jsonl.bytes)}, one core: action ${rate(jsonl.bytes, msOf(jsonOurs))}, pandas ${rate(jsonl.bytes, msOf(jsonPandas))}: ${ratio.toFixed(2)}×`);
}
table(rowsJson);

// ---------------------------------------------------------------------------------------------------------------
// 4: Parquet against hyparquet's bare decode.

const parquetRows = PARQUET_MB === BIG_MB ? big.rows : (await dataset('csv', PARQUET_MB)).rows;
const parquet = await parquetDataset(parquetRows);
const pqOurs: Run[] = [];
const pqBare: Run[] = [];
for (let round = 0; round < ROUNDS; round++) {
  pqBare.push(await bareDecode(parquet.file, parquet.rows));
  pqOurs.push(await action(parquet.file, parquet.rows));
}
const added = msOf(pqOurs) / msOf(pqBare) - 1;
console.log(`\nParquet, ${mib(parquet.bytes)} (Snappy, row groups of 100,000; the ${parquet.rows.toLocaleString('en-US')} rows of the ${PARQUET_MB} MiB CSV):`);
table([
  ['hyparquet bare decode', `${s(msOf(pqBare))}  (peak RSS ${mib(peakOf(pqBare))})`],
  ['validate-data action', `${s(msOf(pqOurs))}  (peak RSS ${mib(peakOf(pqOurs))})`],
  ['validation adds', `${(added * 100).toFixed(0)} % (${(msOf(pqOurs) / msOf(pqBare)).toFixed(2)}× the decode; aim ≤ 50 %: ${verdict(added <= 0.5)})`],
]);
summary.push(`Parquet ${parquet.rows.toLocaleString('en-US')} rows: bare decode ${s(msOf(pqBare))}, action ${s(msOf(pqOurs))}: validation adds ${(added * 100).toFixed(0)} % (aim ≤ 50 %: ${verdict(added <= 0.5)})`);

// ---------------------------------------------------------------------------------------------------------------
// 5: where the time goes, in this process (one core, no start-up): the reader, the checks, the profile.

const logger: Logger = { debug() {}, info() {}, warning() {}, error() {}, group: (_name, fn) => fn(), mask() {} };
const contract = await loadContract(contractFile);
async function pass(profile: boolean, check: boolean): Promise<number> {
  const started = process.hrtime.bigint();
  const profiler = profile ? new Profiler() : undefined;
  const checker = check ? new ContractChecker(contract) : undefined;
  let rows = 0;
  for await (const batch of readDataset([small.file], { cwd: folder, logger })) {
    rows += batch.size;
    // Reading is the reader's typed columns, which the checks and the profile then read (made once, on first use).
    for (let j = 0; j < batch.columns.length; j++) batch.column(j);
    profiler?.add(batch);
    checker?.add(batch);
  }
  profiler?.result();
  checker?.finish({ rows, now: Date.now() });
  if (rows !== small.rows) throw new Error(`read ${rows} rows of ${small.file}, expected ${small.rows}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const parts = { read: [] as number[], checks: [] as number[], profile: [] as number[], all: [] as number[] };
for (let round = 0; round < 3; round++) {
  parts.read.push(await pass(false, false));
  parts.checks.push(await pass(false, true));
  parts.profile.push(await pass(true, false));
  parts.all.push(await pass(true, true));
}
// The best of 3: in one process, what is left of the noise after warm-up only ever adds time.
const [read, checks, profile, all] = [Math.min(...parts.read), Math.min(...parts.checks), Math.min(...parts.profile), Math.min(...parts.all)];
console.log(`\nWhere the action's time goes, ${mib(small.bytes)} CSV in this process (Node ${process.version}, one core, best of 3):`);
table([
  ['readDataset alone', `${s(read)}  ${rate(small.bytes, read)}`],
  ['+ ContractChecker', `${s(checks)}  ${rate(small.bytes, checks)}  (checks: ${s(checks - read)})`],
  ['+ Profiler', `${s(profile)}  ${rate(small.bytes, profile)}  (profile: ${s(profile - read)})`],
  ['+ both (the action)', `${s(all)}  ${rate(small.bytes, all)}  (reading ${((100 * read) / all).toFixed(0)} %, checks ${((100 * (checks - read)) / all).toFixed(0)} %, profile ${((100 * (profile - read)) / all).toFixed(0)} %)`],
]);
summary.push(`time split on ${mib(small.bytes)} CSV: reading ${s(read)}, checks ${s(checks - read)}, profile ${s(profile - read)} (all three ${s(all)})`);

if (statSync(bundle).mtimeMs !== bundleTime) console.log('\nWARNING: actions/validate-data/dist/index.js changed during the run: the figures mix two builds.');
console.log('\nSummary:');
for (const line of summary) console.log(`  ${line}`);
