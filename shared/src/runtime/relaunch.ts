import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';

/**
 * Runs `main` in a Node.js started with `flags`, re-launching this script once when they are missing.
 *
 * The runner starts an action as `node dist/index.js`, with no way to pass V8 flags, and Node 24 sizes V8's young
 * generation from the machine's RAM (128 MiB on a 24 GB machine): for an action that streams gigabytes through
 * short-lived values, that is memory held for nothing. validate-data measured 218 → 136 MiB of peak RSS on 100 MiB
 * of CSV with `--max-semi-space-size=16`, 4 % slower.
 *
 * Where Node has `process.execve` (22.15, 23.11 and later, so on the runner's Node 24), this process becomes the
 * new one: the same pid, stdio and environment, and no parent left waiting (a waiting Node holds about 45 MiB of
 * its own). Elsewhere a child is spawned that inherits stdio and the environment (and so the runner's files); its
 * exit code becomes ours, and SIGINT and SIGTERM (a cancelled job) are passed on to it.
 * MLOPS_NO_RELAUNCH=1 runs in this process as it is.
 */
export async function runWithNodeFlags(flags: readonly string[], main: () => Promise<void>): Promise<void> {
  const given = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  const missing = flags.filter((flag) => !given.includes(flag));
  if (missing.length === 0 || process.env['MLOPS_NO_RELAUNCH'] === '1' || !process.argv[1]) return main();
  const args = [...process.execArgv, ...missing, ...process.argv.slice(1)];
  const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
  if (typeof execve === 'function') execve(process.execPath, [process.execPath, ...args], process.env);
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    process.exitCode = code ?? 128 + ((signal && (constants.signals as Record<string, number>)[signal]) || 0);
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}
