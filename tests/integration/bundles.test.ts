/** The committed bundles: fresh, runnable on Node 24 and 20, and the action of a later version fails in one line. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, majorVersion, runAction } from '../harness';

describe('the committed bundles', () => {
  it('equal a fresh build', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs'), '--check'], { encoding: 'utf8' });
    expect(result.stderr + result.stdout).toMatch(/4 action bundles match a fresh build\./);
    expect(result.status).toBe(0);
  });

  for (const name of ['evaluate-gate']) {
    it(`${name} fails at once with one line saying it is not available in this version`, async () => {
      const result = await runAction(name, {});
      expect(result.exitCode).toBe(1);
      expect(result.annotations.map((a) => `${a.level}: ${a.message}`)).toEqual([
        `error: ${name} is not available in this version of mlops-actions; only train, validate-data and promote are. Remove the step or pin a release that has it.`,
      ]);
      expect(result.stderr).toBe('');
      expect(result.durationMs).toBeLessThan(5_000);
    });
  }
});

/** A Node 20 for the compatibility check: MLOPS_TEST_NODE20, or the machine's own node when it is 20. */
function node20(): string | undefined {
  const candidates = [process.env['MLOPS_TEST_NODE20'], '/usr/bin/node', '/usr/local/bin/node'];
  if (!process.env['CI']) candidates.push(execFileSync('bash', ['-c', 'command -v node || true'], { encoding: 'utf8' }).trim());
  return candidates.find((candidate) => candidate && existsSync(candidate) && majorVersion(candidate) === 20);
}

describe('Node 20 compatibility', () => {
  const node = node20();
  it.skipIf(!node)(`the train bundle runs on Node 20 too (${node ?? 'no Node 20 on this machine'})`, async () => {
    const result = await runAction('train', { node, inputs: { command: 'mkdir -p model && echo w > model/w && echo \'{"a": 1}\' > m.json', model: 'model', metrics: 'm.json', cache: 'false' } });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs['metrics']).toBe('{"a":1}');
    expect(result.outputs['model-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
