import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { majorVersion, node24, REPO_ROOT } from '../harness/node';

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

/** The Node 24 the actions run on (it has process.execve), and a Node without execve (Debian's 20) when there is one. */
const NODE_24 = node24();
const NODE_WITHOUT_EXECVE = ['/usr/bin/node', process.execPath].find((binary) => majorVersion(binary) > 0 && majorVersion(binary) < 22);

async function runScript(env: Record<string, string>, signalAfterMs?: number, node = NODE_24): Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: Array<{ pid: number; execArgv: string[] }>; pid: number }> {
  const child = spawn(node, [script], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  if (signalAfterMs !== undefined) setTimeout(() => child.kill('SIGTERM'), signalAfterMs);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  const lines = out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { pid: number; execArgv: string[] });
  return { code, signal, lines, pid: child.pid ?? 0 };
}

describe('runWithNodeFlags', () => {
  it('on Node 24, becomes a Node started with the flags (execve: the same pid, no parent left) and exits with its code', async () => {
    const { code, lines, pid } = await runScript({ EXIT: '3' });
    expect(code).toBe(3);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.execArgv).toContain('--max-semi-space-size=16');
    expect(lines[0]?.pid).toBe(pid);
  });

  it.runIf(NODE_WITHOUT_EXECVE)('on a Node without execve, runs the work once in a child started with the flags, and exits with its code', async () => {
    const { code, lines, pid } = await runScript({ EXIT: '3' }, undefined, NODE_WITHOUT_EXECVE);
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

  for (const [name, node] of [['Node 24', NODE_24], ['a Node without execve', NODE_WITHOUT_EXECVE]] as const) {
    it.runIf(node)(`stops on SIGTERM, as when the job is cancelled (${name})`, async () => {
      const started = Date.now();
      const { code, signal } = await runScript({ SLEEP: '1' }, 500, node);
      expect(Date.now() - started).toBeLessThan(10_000);
      // After execve the signal reaches the work itself, which dies of it; a waiting parent exits with 128 + 15.
      expect(code === 143 || signal === 'SIGTERM').toBe(true);
    });
  }
});
