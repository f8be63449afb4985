// Digest throughput over a folder of 1 GB (64 files of 16 MiB; MLOPS_BENCH_MB to change) against coreutils'
// sha256sum over the same files, page cache warm for both, alternating rounds. Aim: at least 0.8 of sha256sum.
// A folder is hashed with several files in flight; one file alone shows the single-stream speed.
import { randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, openSync, closeSync, writeSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { digestPath } from '../shared/src/hashing/digest';
import { median, ms, REPO, table, timeAsync, timeCommand } from './lib';

const totalMb = Number(process.env['MLOPS_BENCH_MB'] ?? 1024);
const fileMb = 16;
const files = Math.max(1, Math.round(totalMb / fileMb));
const folder = path.join(REPO, '.tmp', `bench-digest-${files}x${fileMb}MiB`);

if (!existsSync(folder) || readdirSync(folder).length !== files) {
  mkdirSync(folder, { recursive: true });
  const chunk = Buffer.alloc(fileMb * 2 ** 20);
  for (let i = 0; i < files; i++) {
    randomFillSync(chunk);
    const fd = openSync(path.join(folder, `part-${String(i).padStart(4, '0')}.bin`), 'w');
    writeSync(fd, chunk);
    closeSync(fd);
  }
}
const bytes = readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0);
const sha256sum = (): number => timeCommand('bash', ['-c', 'find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum > /dev/null'], { cwd: folder });

sha256sum(); // warm the page cache
const ours: number[] = [];
const theirs: number[] = [];
for (let round = 0; round < 3; round++) {
  theirs.push(sha256sum());
  ours.push(await timeAsync(() => digestPath(folder)));
}
const single = path.join(folder, 'part-0000.bin');
const singleOurs: number[] = [];
const singleTheirs: number[] = [];
for (let round = 0; round < 5; round++) {
  singleTheirs.push(timeCommand('sha256sum', [single], { stdio: 'ignore' }));
  singleOurs.push(await timeAsync(() => digestPath(single)));
}
const singleBytes = statSync(single).size;
const mbps = (value: number, size = bytes): string => `${(size / 1e6 / (value / 1000)).toFixed(0)} MB/s`;
console.log(`${(bytes / 1e9).toFixed(2)} GB in ${files} files, Node ${process.version}, median of 3:`);
table([
  ['sha256sum', `${ms(median(theirs))}  ${mbps(median(theirs))}`],
  ['digestPath', `${ms(median(ours))}  ${mbps(median(ours))}  (${(median(theirs) / median(ours)).toFixed(2)}× sha256sum's throughput)`],
  [`one ${fileMb} MiB file: sha256sum`, `${ms(median(singleTheirs))}  ${mbps(median(singleTheirs), singleBytes)}`],
  [`one ${fileMb} MiB file: digestPath`, `${ms(median(singleOurs))}  ${mbps(median(singleOurs), singleBytes)}  (${(median(singleTheirs) / median(singleOurs)).toFixed(2)}×)`],
]);
