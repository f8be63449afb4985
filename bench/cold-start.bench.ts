// Cold start of an action bundle against `node -e 0` on the same Node, interleaved so both see the same machine.
// Every bundle is started with no inputs, so they load everything they need to read their
// inputs and stop at the first check (validate-data after re-launching itself with its V8 flag): what is measured
// is start-up, not work. Aim: under 200 ms of overhead.
import path from 'node:path';
import { median, ms, NODE, REPO, table, timeCommand } from './lib';

const ROUNDS = 30;
const env = { PATH: process.env['PATH'] ?? '', GITHUB_WORKSPACE: REPO };
const bundles = ['train', 'validate-data', 'evaluate-gate', 'promote'].map((name) => [name, path.join(REPO, 'actions', name, 'dist', 'index.js')] as const);

const baseline: number[] = [];
const times = new Map<string, number[]>(bundles.map(([name]) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  baseline.push(timeCommand(NODE, ['-e', '0'], { env }));
  for (const [name, bundle] of bundles) times.get(name)?.push(timeCommand(NODE, [bundle], { env }, 1));
}
const base = median(baseline);
console.log(`Node ${process.version}, ${ROUNDS} rounds, medians:`);
const rows: Array<[string, string]> = [['node -e 0', ms(base)]];
for (const [name] of bundles) {
  const value = median(times.get(name) ?? []);
  rows.push([`${name} bundle`, `${ms(value)}  (overhead ${ms(value - base)}, ${(value / base).toFixed(2)}× node -e 0)`]);
}
table(rows);
