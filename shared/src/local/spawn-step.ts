/**
 * Runs one step's process the way the runner does: output captured (and streamed to whoever shows it live),
 * and on a timeout the runner's cancel sequence — SIGINT, SIGTERM 7.5 s later, then the whole process tree
 * killed 2.5 s after that. Both the action bundles and `run:` scripts go through here.
 */
import { spawn } from 'node:child_process';
import { killTree } from './process-tree';

export interface SpawnStepOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Cancel after this long; undefined for no limit. */
  timeoutMs?: number | undefined;
  /** Every chunk of stdout and stderr as it arrives, for a live log. */
  onOutput?: ((chunk: Buffer, stream: 'stdout' | 'stderr') => void) | undefined;
}

export interface StepExit {
  /** The exit code, or null when a signal ended the process. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when timeoutMs ran out and the step was cancelled. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
}

const SIGTERM_AFTER_MS = 7_500;
const SIGKILL_AFTER_MS = 2_500;
/** How long after the process's exit its output pipes may stay open (held by something it left running). */
const PIPE_DRAIN_MS = 3_000;

export function spawnStep(options: SpawnStepOptions): Promise<StepExit> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, [...options.args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      options.onOutput?.(chunk, 'stdout');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      options.onOutput?.(chunk, 'stderr');
    });

    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    if (options.timeoutMs !== undefined) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          child.kill('SIGINT');
          timers.push(
            setTimeout(() => {
              child.kill('SIGTERM');
              timers.push(setTimeout(() => child.pid !== undefined && killTree(child.pid), SIGKILL_AFTER_MS));
            }, SIGTERM_AFTER_MS),
          );
        }, options.timeoutMs),
      );
    }

    let settled = false;
    child.once('error', (error) => {
      timers.forEach(clearTimeout);
      settled = true;
      reject(error);
    });
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      resolve({
        exitCode,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: performance.now() - started,
      });
    };
    // 'close' waits until stdout and stderr are drained. A process left running in the background keeps the
    // pipes open, though; the runner does not wait for it either, so give up on the pipes shortly after exit.
    child.once('close', finish);
    child.once('exit', (exitCode, signal) => {
      timers.push(
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          child.removeAllListeners('close');
          finish(exitCode, signal);
        }, PIPE_DRAIN_MS),
      );
    });
  });
}
