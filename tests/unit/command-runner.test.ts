import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bashCommandRunner } from '../../shared/src/runtime/command';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'command-'));
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };

/** Running, as opposed to gone or a zombie waiting for a parent that does not reap (PID 1 in a container). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('bashCommandRunner', () => {
  it('returns the exit code, and runs with -e and pipefail like the runner', async () => {
    expect((await bashCommandRunner.run({ script: 'exit 7', cwd, env })).exitCode).toBe(7);
    // pipefail: a failure inside a pipeline fails the script.
    expect((await bashCommandRunner.run({ script: 'false | cat; echo unreachable', cwd, env })).exitCode).toBe(1);
    expect((await bashCommandRunner.run({ script: 'true', cwd, env })).exitCode).toBe(0);
  });

  it('reports 128 + N when signal N ends the command', async () => {
    const result = await bashCommandRunner.run({ script: 'kill -KILL $$', cwd, env });
    expect(result).toMatchObject({ exitCode: 137, signal: 'SIGKILL', timedOut: false });
  });

  it('runs in the working directory with the given environment', async () => {
    await bashCommandRunner.run({ script: 'echo "$GREETING $(pwd)" > where.txt', cwd, env: { ...env, GREETING: 'hi' } });
    expect(readFileSync(path.join(cwd, 'where.txt'), 'utf8').trim()).toBe(`hi ${cwd}`);
  });

  it.runIf(process.platform === 'linux')('stops the whole process group at the timeout, grandchildren included', async () => {
    const pidFile = path.join(cwd, 'grandchild.pid');
    const started = Date.now();
    const result = await bashCommandRunner.run({
      // A background grandchild that ignores nothing, and a foreground sleep: both must go.
      script: `sleep 60 & echo $! > ${pidFile}; sleep 60`,
      cwd,
      env,
      timeoutMs: 500,
    });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBe(143); // SIGTERM
    expect(Date.now() - started).toBeLessThan(10_000);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(running(grandchild)).toBe(false);
  });

  it('kills with SIGKILL a command that ignores SIGTERM', async () => {
    const result = await bashCommandRunner.run({ script: "trap '' TERM; sleep 30 & wait; sleep 30", cwd, env, timeoutMs: 300, killGraceMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBe(137);
  });

  it.runIf(process.platform === 'linux')('measures the peak memory of the process group', async () => {
    // 200 MB held for half a second is seen by the 100 ms sampler.
    const result = await bashCommandRunner.run({
      script: `node -e "const b = Buffer.alloc(200 * 2 ** 20, 1); setTimeout(() => b.length, 500)"`,
      cwd,
      env: { ...env, PATH: `${path.dirname(process.execPath)}:${env.PATH}` },
    });
    expect(result.exitCode).toBe(0);
    expect(result.peakMemoryBytes).toBeGreaterThan(200 * 2 ** 20);
    expect(result.peakMemoryBytes).toBeLessThan(1024 * 2 ** 20);
  });
});
