import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../harness/node';

/** A script that runs `body` through runWithNodeFlags, bundled the way the actions are. */
let script: string;
beforeAll(async () => {
  script = path.join(mkdtempSync(path.join(os.tmpdir(), 'relaunch-')), 'script.mjs');
  await build({
    stdin: {
      contents: `import { runWithNodeFlags } from './shared/src/runtime/relaunch';
        void runWithNodeFlags(['--max-semi-space-size=16'], async () => {
          console.log(JSON.stringify({ pid: process.pid, execArgv: process.execArgv }));
          if (process.env.SLEEP) await new Promise((resolve) => setTimeout(resolve, 30_000));
          process.exitCode = Number(process.env.EXIT ?? 0);
        });`,
      resolveDir: REPO_ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: script,
    logLevel: 'silent',
  });
});

async function runScript(env: Record<string, string>, signalAfterMs?: number): Promise<{ code: number | null; lines: Array<{ pid: number; execArgv: string[] }>; pid: number }> {
  const child = spawn(process.execPath, [script], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  if (signalAfterMs !== undefined) setTimeout(() => child.kill('SIGTERM'), signalAfterMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  const lines = out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { pid: number; execArgv: string[] });
  return { code, lines, pid: child.pid ?? 0 };
}

describe('runWithNodeFlags', () => {
  it('runs the work once, in a child started with the flags, and exits with its code', async () => {
    const { code, lines, pid } = await runScript({ EXIT: '3' });
    expect(code).toBe(3);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.execArgv).toContain('--max-semi-space-size=16');
    expect(lines[0]?.pid).not.toBe(pid);
  });

  it('runs in place when the flags are given already, or when told not to re-launch', async () => {
    const cases: Array<Record<string, string>> = [{ NODE_OPTIONS: '--max-semi-space-size=16' }, { MLOPS_NO_RELAUNCH: '1' }];
    for (const env of cases) {
      const { code, lines, pid } = await runScript(env);
      expect(code).toBe(0);
      expect(lines[0]?.pid).toBe(pid);
    }
  });

  it('passes SIGTERM on to the child, as when the job is cancelled', async () => {
    const started = Date.now();
    const { code } = await runScript({ SLEEP: '1' }, 500);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(143);
  });
});
