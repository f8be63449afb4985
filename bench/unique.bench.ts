// The `unique` check's table on 6 million distinct ids (as CSV text, the way validate-data sees an integer column)
// plus 1 % repeats of earlier ids, near and far: held in memory whole (the baseline, `memory: Infinity`) against
// the default 16 MiB budget that spills sorted runs to disk and merges them at the end. Each variant runs in a
// process of its own, so its peak RSS is its own; a third process only generates and hashes the values, the cost
// every variant shares. MLOPS_BENCH_VALUES to change the count.
import { spawnSync } from 'node:child_process';
import { UniqueTable } from '../shared/src/contract/unique';
import { hashNumber } from '../shared/src/hashing/hash64';
import { uniforms } from '../tests/fixtures/random';
import { median, ms, NODE, table } from './lib';

const distinct = Number(process.env['MLOPS_BENCH_VALUES'] ?? 6_000_000);
const ROUNDS = 3;

interface Figures {
  addMs: number;
  finishMs: number;
  rssMiB: number;
  duplicates: number;
  runs: number;
}

/** One variant, in this process: `none` only generates and hashes. */
function runVariant(variant: 'none' | 'memory' | 'spill'): Figures {
  const uniqueTable = variant === 'none' ? undefined : new UniqueTable(variant === 'memory' ? { memory: Number.POSITIVE_INFINITY } : {});
  const next = uniforms(1);
  let duplicates = 0;
  let line = 2;
  const started = process.hrtime.bigint();
  for (let i = 1; i <= distinct; i++) {
    // Every 100th row repeats an earlier id, anywhere from the row before to the first.
    const repeat = i % 100 === 0;
    const id = (repeat ? 1 + Math.floor(next() * (i - 1)) : i) * 7919; // spread, not sequential
    const text = String(id);
    hashNumber(Number(text));
    if (uniqueTable && !uniqueTable.add(line, 0, text)) duplicates++;
    line++;
    if (repeat) {
      const fresh = String(i * 7919);
      hashNumber(Number(fresh));
      if (uniqueTable && !uniqueTable.add(line, 0, fresh)) duplicates++;
      line++;
    }
  }
  const added = process.hrtime.bigint();
  const finished = uniqueTable?.finish();
  const done = process.hrtime.bigint();
  return {
    addMs: Number(added - started) / 1e6,
    finishMs: Number(done - added) / 1e6,
    rssMiB: process.resourceUsage().maxRSS / 1024,
    duplicates: duplicates + (finished?.count ?? 0),
    runs: uniqueTable?.runs ?? 0,
  };
}

function inChild(variant: string): Figures {
  const result = spawnSync(NODE, [process.argv[1] as string, variant], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`unique bench ${variant} exited with ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Figures;
}

const variant = process.argv[2];
if (variant === 'none' || variant === 'memory' || variant === 'spill') {
  process.stdout.write(JSON.stringify(runVariant(variant)));
} else {
  const runs: Record<string, Figures[]> = { none: [], memory: [], spill: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of ['none', 'memory', 'spill'] as const) runs[name]?.push(inChild(name));
  }
  const med = (name: string, key: keyof Figures): number => median((runs[name] ?? []).map((f) => f[key]));
  const work = (name: string): number => med(name, 'addMs') + med(name, 'finishMs') - med('none', 'addMs');
  const extra = (name: string): number => med(name, 'rssMiB') - med('none', 'rssMiB');
  const memoryDuplicates = runs['memory']?.[0]?.duplicates;
  const spillDuplicates = runs['spill']?.[0]?.duplicates;
  if (memoryDuplicates !== spillDuplicates) throw new Error(`the variants disagree: ${memoryDuplicates} against ${spillDuplicates} duplicates`);
  console.log(`${(distinct / 1e6).toFixed(1)} M distinct ids + ${memoryDuplicates} repeats, Node ${process.version}, median of ${ROUNDS}:`);
  table([
    ['generate and hash only', `${ms(med('none', 'addMs'))}, peak RSS ${med('none', 'rssMiB').toFixed(0)} MiB`],
    ['in memory (no budget)', `adds ${ms(med('memory', 'addMs'))}, peak RSS ${med('memory', 'rssMiB').toFixed(0)} MiB`],
    ['16 MiB budget, spilled', `adds ${ms(med('spill', 'addMs'))} + merge ${ms(med('spill', 'finishMs'))}, ${runs['spill']?.[0]?.runs} runs, peak RSS ${med('spill', 'rssMiB').toFixed(0)} MiB`],
    ['table time, spilled / in memory', `${ms(work('spill'))} / ${ms(work('memory'))} = ${(work('spill') / work('memory')).toFixed(2)}×`],
    ['peak RSS over the hashing alone', `${extra('spill').toFixed(0)} / ${extra('memory').toFixed(0)} MiB = ${(extra('spill') / extra('memory')).toFixed(2)}×`],
  ]);
}
