import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { CommandResult, CommandRunner, CommandSpec } from '../ports';
import { ProcessGroupMemorySampler } from './memory';

/** After a timeout, how long the process group gets between SIGTERM and SIGKILL, unless the spec says. */
const KILL_GRACE_MS = 5_000;

/**
 * Runs a script the way the runner's `shell: bash` does (`bash --noprofile --norc -eo pipefail`), in its own
 * process group so that a timeout or a cancelled job stops everything it started, not only bash. Output is
 * inherited, so it streams to the log live and is never held in memory.
 */
export const bashCommandRunner: CommandRunner = {
  run: (spec) => runInProcessGroup(spec),
};

function runInProcessGroup(spec: CommandSpec): Promise<CommandResult> {
  const started = process.hrtime.bigint();
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', spec.script], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true, // a new process group whose id is the child's pid
  });
  const sampler = child.pid === undefined ? undefined : new ProcessGroupMemorySampler(child.pid);
  let timedOut = false;
  let killTimer: NodeJS.Timeout | undefined;

  const signalGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const stopGroup = (): void => {
    signalGroup('SIGTERM');
    killTimer ??= setTimeout(() => signalGroup('SIGKILL'), spec.killGraceMs ?? KILL_GRACE_MS);
  };
  const timeoutTimer =
    spec.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          stopGroup();
        }, spec.timeoutMs);
  // A cancelled job sends SIGINT, then SIGTERM, to the action: pass them on so the command stops too.
  const forward = (signal: NodeJS.Signals): void => {
    signalGroup(signal);
    stopGroup();
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);

  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      cleanUp();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      // Whatever the command left running in its group goes with it, as the runner would do at job end.
      if (timedOut) signalGroup('SIGKILL');
      const signalNumber = signal ? (constants.signals as Record<string, number>)[signal] ?? 0 : 0;
      resolve({
        exitCode: code ?? 128 + signalNumber,
        signal: signal ?? undefined,
        timedOut,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        peakMemoryBytes: sampler?.stop(),
      });
    });
  });

  function cleanUp(): void {
    if (timeoutTimer) clearTimeout(timeoutTimer);
    if (killTimer) clearTimeout(killTimer);
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

/**
 * The environment of a user's command: this process's, as a `run:` step sees it, less the action's own INPUT_*
 * variables (the command gets what it needs by name), plus `extra`.
 */
export function commandEnvironment(env: NodeJS.ProcessEnv, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !name.startsWith('INPUT_')) result[name] = value;
  for (const [name, value] of Object.entries(extra)) if (value) result[name] = value;
  return result;
}
