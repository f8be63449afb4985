import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readZip, startArtifactServer, type ArtifactServer } from '../harness/artifact-server';
import { node24, REPO_ROOT } from '../harness/node';

const execFileAsync = promisify(execFile);

/**
 * Uploads the files given as arguments, relative to the cwd, as the artifact `argv[2]` through the real client;
 * RETENTION in the environment is its retentionDays option.
 */
const SCRIPT = `
import { DefaultArtifactClient } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'node_modules/@actions/artifact/lib/artifact.js')).href)};
import path from 'node:path';
const [name, ...files] = process.argv.slice(2);
const options = process.env.RETENTION ? { retentionDays: Number(process.env.RETENTION) } : undefined;
const result = await new DefaultArtifactClient().uploadArtifact(name, files.map((f) => path.resolve(f)), process.cwd(), options);
console.log('RESULT ' + JSON.stringify(result));
`;

let dir: string;
let script: string;
let server: ArtifactServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mlops-artifact-test-'));
  script = path.join(dir, 'artifact-client.mjs');
  await writeFile(script, SCRIPT);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  server = await startArtifactServer();
});
afterEach(() => server.close());

async function upload(cwd: string, name: string, files: string[], env: Record<string, string> = server.env): Promise<{ result: unknown; stdout: string }> {
  const { stdout } = await execFileAsync(node24(), [script, name, ...files], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', GITHUB_SERVER_URL: 'https://github.com', GITHUB_RETENTION_DAYS: '5', ...env },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  return { result: JSON.parse(line?.slice('RESULT '.length) ?? 'null') as unknown, stdout };
}

describe('fake Actions results service, artifact upload', () => {
  it('takes a real @actions/artifact upload: create, blocks, block list, finalize; the zip holds the files', async () => {
    const work = path.join(dir, 'two-files');
    await mkdir(path.join(work, 'model'), { recursive: true });
    const weights = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251));
    await writeFile(path.join(work, 'model', 'weights.bin'), weights);
    await writeFile(path.join(work, 'metrics.json'), '{"accuracy": 0.97}\n');

    const { result } = await upload(work, 'my-model', ['model/weights.bin', 'metrics.json'], { ...server.env, RETENTION: '3' });
    const artifact = server.artifacts.get('my-model');
    expect(artifact).toMatchObject({ name: 'my-model', finalized: true, version: 7, mimeType: 'application/zip', contentType: 'application/zip' });
    expect(result).toEqual({ id: artifact?.id, size: artifact?.zip.length, digest: artifact?.digest?.slice('sha256:'.length) });
    expect(artifact?.size).toBe(artifact?.zip.length);
    // retentionDays 3 under the repository's maximum of 5 (GITHUB_RETENTION_DAYS): expires in three days.
    expect((Date.parse(artifact?.expiresAt ?? '') - Date.now()) / 86_400_000).toBeCloseTo(3, 1);

    const files = readZip(artifact?.zip ?? Buffer.alloc(0));
    expect([...files.keys()].sort()).toEqual(['metrics.json', 'model/weights.bin']);
    expect(files.get('model/weights.bin')).toEqual(weights);
    expect(files.get('metrics.json')?.toString()).toBe('{"accuracy": 0.97}\n');

    const requests = server.calls.map((c) => `${c.method} ${c.path.startsWith('/twirp/') ? c.path : `blob?comp=${c.query['comp']}`} ${c.status}`);
    expect(requests).toEqual([
      'POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact 200',
      'PUT blob?comp=block 201',
      'PUT blob?comp=blocklist 201',
      'POST /twirp/github.actions.results.api.v1.ArtifactService/FinalizeArtifact 200',
    ]);
    // The blob requests carry the SAS, never the runtime token.
    expect(server.calls.filter((c) => !c.path.startsWith('/twirp/')).every((c) => c.headers['authorization'] === undefined)).toBe(true);
  });

  it('joins the blocks of a zip over 8 MiB in the order of the block list', async () => {
    const work = path.join(dir, 'big');
    await mkdir(work, { recursive: true });
    const big = randomBytes(9 * 2 ** 20); // incompressible: the zip is two blocks
    await writeFile(path.join(work, 'big.bin'), big);
    await upload(work, 'big', ['big.bin']);
    const artifact = server.artifacts.get('big');
    expect(artifact?.finalized).toBe(true);
    expect(artifact?.blockList).toHaveLength(2);
    expect(server.calls.filter((c) => c.query['comp'] === 'block').map((c) => c.rawBody.length).sort((a, b) => b - a)[0]).toBe(8 * 2 ** 20);
    expect(readZip(artifact?.zip ?? Buffer.alloc(0)).get('big.bin')?.equals(big)).toBe(true);
  });

  it('reads the zip as unzip does; without retentionDays the service keeps its default expiry', async () => {
    let unzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      unzip = false;
    }
    const work = path.join(dir, 'unzip');
    await mkdir(work, { recursive: true });
    await writeFile(path.join(work, 'a.txt'), 'alpha\n'.repeat(1000));
    await upload(work, 'text', ['a.txt']);
    expect(server.artifacts.get('text')?.expiresAt).toBeUndefined();
    const zip = server.artifacts.get('text')?.zip ?? Buffer.alloc(0);
    expect(readZip(zip).get('a.txt')?.toString()).toBe('alpha\n'.repeat(1000));
    if (unzip) {
      const file = path.join(work, 'text.zip');
      await writeFile(file, zip);
      expect(execFileSync('unzip', ['-p', file, 'a.txt'], { encoding: 'utf8' })).toBe('alpha\n'.repeat(1000));
    }
  });

  it('refuses a second artifact of the same name in the run, and a token without the results scope', async () => {
    const work = path.join(dir, 'conflict');
    await mkdir(work, { recursive: true });
    await writeFile(path.join(work, 'a.txt'), 'a');
    await upload(work, 'same', ['a.txt']);
    await expect(upload(work, 'same', ['a.txt'])).rejects.toThrow(/\(409\) Conflict: an artifact with this name already exists on the workflow run/);

    const noScope = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"scp":"Actions.GenericRead:x"}').toString('base64url')}.`;
    await expect(upload(work, 'other', ['a.txt'], { ...server.env, ACTIONS_RUNTIME_TOKEN: noScope })).rejects.toThrow(/The provided JWT token is invalid and\/or missing claims/);
    expect([...server.artifacts.keys()]).toEqual(['same']);
  });

  it('answers twirp errors and Azure storage errors as the real services do', async () => {
    const create = (token: string, body: unknown): Promise<Response> =>
      fetch(`${server.url}twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ids = { workflow_run_backend_id: server.backendIds.workflowRunBackendId, workflow_job_run_backend_id: server.backendIds.workflowJobRunBackendId };
    const unauthenticated = await create('nope', { ...ids, name: 'x' });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ code: 'unauthenticated' });
    expect((await create(server.env.ACTIONS_RUNTIME_TOKEN, { ...ids, workflow_run_backend_id: 'other', name: 'x' })).status).toBe(403);

    const created = (await (await create(server.env.ACTIONS_RUNTIME_TOKEN, { ...ids, name: 'x', version: 7 })).json()) as { ok: boolean; signed_upload_url: string };
    expect(created.ok).toBe(true);
    const unsigned = new URL(created.signed_upload_url);
    unsigned.searchParams.delete('sig');
    unsigned.searchParams.set('comp', 'block');
    unsigned.searchParams.set('blockid', 'QUFB');
    const refused = await fetch(unsigned, { method: 'PUT', body: 'abc' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ms-error-code')).toBe('AuthenticationFailed');

    const blockList = await fetch(`${created.signed_upload_url}&comp=blocklist`, { method: 'PUT', body: '<?xml version="1.0" encoding="UTF-8"?><BlockList><Latest>QkJC</Latest></BlockList>' });
    expect(blockList.status).toBe(400);
    expect(await blockList.text()).toContain('<Code>InvalidBlockList</Code>');

    const finalize = await fetch(`${server.url}twirp/github.actions.results.api.v1.ArtifactService/FinalizeArtifact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.env.ACTIONS_RUNTIME_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...ids, name: 'x', size: '0' }),
    });
    expect(finalize.status).toBe(412);
    expect(server.artifacts.get('x')?.finalized).toBe(false);
  });
});
