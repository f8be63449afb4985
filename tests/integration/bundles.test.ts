/** The committed bundles: fresh, and runnable on Node 24 and 20. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, majorVersion, runAction } from '../harness';

describe('the committed bundles', () => {
  it('equal a fresh build', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs'), '--check'], { encoding: 'utf8' });
    expect(result.stderr + result.stdout).toMatch(/4 action bundles match a fresh build\./);
    expect(result.status).toBe(0);
  });
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

  it.skipIf(!node)('the validate-data and evaluate-gate bundles run on Node 20 too', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'node20-'));
    try {
      writeFileSync(path.join(cwd, 'data.csv'), 'id,x\n1,0.5\n2,1.5\n');
      const validate = await runAction('validate-data', { node, cwd, inputs: { data: 'data.csv', 'infer-contract': 'contract.yaml' } });
      expect(validate.exitCode, validate.stdout + validate.stderr).toBe(0);
      expect(validate.outputs['rows']).toBe('2');
      writeFileSync(path.join(cwd, 'metrics.json'), '{"accuracy": 0.9}');
      writeFileSync(path.join(cwd, 'policy.yaml'), 'metrics:\n  accuracy: { direction: higher, min: 0.8 }\n');
      const gate = await runAction('evaluate-gate', { node, cwd, inputs: { candidate: 'metrics.json', policy: 'policy.yaml', baseline: 'none', comment: 'never' } });
      expect(gate.exitCode, gate.stdout + gate.stderr).toBe(0);
      expect(gate.outputs).toMatchObject({ passed: 'true', verdict: 'no-baseline' });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
