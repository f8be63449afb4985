// A cached re-run of the train bundle (the key matches, the outputs come back from the cache) against the time
// to hash the same inputs, in the same run: the difference is what the action adds beyond hashing.
// Aim: under 1 s. The inputs are 256 MB of data (MLOPS_BENCH_RERUN_MB to change) plus a script.
import { randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { manifest, listFiles } from '../shared/src/hashing/digest';
import { median, ms, NODE, REPO, table, timeAsync, timeCommand } from './lib';

const dataMb = Number(process.env['MLOPS_BENCH_RERUN_MB'] ?? 256);
const workspace = path.join(REPO, '.tmp', `bench-rerun-${dataMb}`);
const cacheDir = path.join(workspace, '..', `bench-rerun-cache-${dataMb}`);
if (!existsSync(path.join(workspace, 'data'))) {
  mkdirSync(path.join(workspace, 'data'), { recursive: true });
  const chunk = Buffer.alloc(16 * 2 ** 20);
  for (let i = 0; i < Math.max(1, dataMb / 16); i++) writeFileSync(path.join(workspace, 'data', `part-${i}.bin`), randomFillSync(chunk));
  writeFileSync(path.join(workspace, 'train.sh'), 'mkdir -p model && echo "$MLOPS_RUN_ID" > model/weights.txt && echo \'{"accuracy": 0.9}\' > metrics.json\n');
}
rmSync(cacheDir, { recursive: true, force: true });
const env = {
  PATH: process.env['PATH'] ?? '',
  GITHUB_WORKSPACE: workspace,
  MLOPS_CACHE_DIR: cacheDir,
  'INPUT_COMMAND': 'bash train.sh',
  'INPUT_MODEL': 'model',
  'INPUT_METRICS': 'metrics.json',
  'INPUT_INPUTS': 'train.sh\ndata/**',
  'INPUT_CACHE': 'true',
};
const bundle = path.join(REPO, 'actions', 'train', 'dist', 'index.js');
const first = timeCommand(NODE, [bundle], { env, cwd: workspace });

const reruns: number[] = [];
const hashing: number[] = [];
for (let round = 0; round < 5; round++) {
  reruns.push(timeCommand(NODE, [bundle], { env, cwd: workspace }));
  hashing.push(await timeAsync(async () => manifest(workspace, [...(await listFiles(path.join(workspace, 'data'))).map((f) => `data/${f}`), 'train.sh'])));
}
console.log(`${dataMb} MB of inputs, Node ${process.version}, median of 5 (first run, which trained: ${ms(first)}):`);
table([
  ['hashing the inputs', ms(median(hashing))],
  ['cached re-run', ms(median(reruns))],
  ['overhead beyond hashing', `${ms(median(reruns) - median(hashing))}  (${(median(reruns) / median(hashing)).toFixed(2)}× hashing alone)`],
]);
