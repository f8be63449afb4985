import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

/** `npm run bench` runs every benchmark with the repository as its working directory. */
export const REPO = process.cwd();
export const NODE = process.env['MLOPS_BENCH_NODE'] ?? process.execPath;

/** Wall time of a command in milliseconds; throws when it exits with a code other than `expectCode`. */
export function timeCommand(command: string, args: string[], options: SpawnSyncOptions = {}, expectCode = 0): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore', ...options });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== expectCode) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}, expected ${expectCode}`);
  return elapsed;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function table(rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
}
