/**
 * On GitHub, promote pushes the registry tags with its `github-token` input, not with the token actions/checkout
 * left in .git/config. The remote here is a real git smart-HTTP server over https (`git http-backend` behind a
 * Node https server with a throw-away certificate), standing in for GITHUB_SERVER_URL; it serves only requests
 * that carry exactly one Authorization header, the one of the expected token, as github.com would.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitRepo, loadEvent, makeTempDir, removeTempDir, runAction, type GitRepo } from '../harness';

const TOKEN = 'ghs_promoteInputToken000000000000000000';
const CHECKOUT_TOKEN = 'ghs_checkoutPersistedToken0000000000000';
const basic = (token: string): string => `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface GitHttpsServer {
  url: string;
  certFile: string;
  /** The Authorization headers of every request, as sent (duplicates kept). */
  authorizations: string[][];
}

/** A smart-HTTP git server over https for the bare repositories in `root`, requiring `basic(token)`. */
async function startGitHttpsServer(root: string, token: string): Promise<GitHttpsServer> {
  const certDir = await makeTempDir('cert');
  cleanups.push(() => removeTempDir(certDir));
  const keyFile = path.join(certDir, 'key.pem');
  const certFile = path.join(certDir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const authorizations: string[][] = [];
  const server: Server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (req, res) => {
    // rawHeaders keeps duplicates (req.headers would keep only the first Authorization).
    const values: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === 'authorization') values.push(req.rawHeaders[i + 1] ?? '');
    authorizations.push(values);
    if (values.length !== 1 || values[0]?.toLowerCase() !== basic(token).toLowerCase()) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitHub"' }).end('bad credentials');
      return;
    }
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env['PATH'] ?? '',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const [name, ...rest] = line.split(':');
        const value = rest.join(':').trim();
        if (name?.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else if (name) headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    cgi.on('close', () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}`, certFile, authorizations };
}

function sha256sumOfFolder(folder: string): string {
  const script = "find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum | cut -d' ' -f1";
  return `sha256:${execFileSync('bash', ['-c', script], { cwd: folder, encoding: 'utf8' }).trim()}`;
}

/** Every file under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, entry);
    if (statSync(file).isFile() && readFileSync(file).includes(needle)) found.push(entry);
  }
  return found;
}

describe('promote: pushing with github-token', () => {
  it('pushes over https with the github-token input, not the token the checkout persisted, and writes the token nowhere', async () => {
    const repo: GitRepo = await createGitRepo({ files: { 'model/weights.bin': 'weights\n' } });
    cleanups.push(() => repo.close());
    const server = await startGitHttpsServer(path.dirname(repo.remote), TOKEN);
    const remoteUrl = `${server.url}/${path.basename(repo.remote)}`;
    // What actions/checkout leaves: origin on the server, and its own token as an extraheader in .git/config.
    await repo.git('remote', 'set-url', 'origin', remoteUrl);
    await repo.git('config', `http.${server.url}/.extraheader`, `AUTHORIZATION: ${basic(CHECKOUT_TOKEN)}`);
    const digest = sha256sumOfFolder(path.join(repo.dir, 'model'));
    writeFileSync(path.join(repo.dir, 'gate.json'), JSON.stringify({ schemaVersion: 1, passed: true, verdict: 'improved', candidate: { modelDigest: digest, runId: 'run-1' } }));

    const env = {
      GITHUB_SERVER_URL: server.url,
      GIT_SSL_CAINFO: server.certFile,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_COMMITTER_NAME: 'Promoter',
      GIT_COMMITTER_EMAIL: 'promoter@example.com',
    };
    const inputs = { 'model-name': 'churn', stage: 'staging', model: 'model', 'artifact-store': 'local:store' };
    const result = await runAction('promote', { cwd: repo.dir, inputs: { ...inputs, 'github-token': TOKEN }, event: loadEvent('workflow_dispatch'), env });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({ version: 'v0.1.0', 'stage-tag': 'churn#staging#1' });
    const tags = execFileSync('git', ['--git-dir', repo.remote, 'tag', '--list'], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(tags).toEqual(['churn#staging#1', 'churn@v0.1.0']);

    // Every request (fetches and pushes) carried exactly the input's token; the checkout's never reached the server.
    expect(server.authorizations.length).toBeGreaterThanOrEqual(4);
    for (const sent of server.authorizations) expect(sent).toEqual([basic(TOKEN)]);
    expect(result.masks).toEqual(expect.arrayContaining([TOKEN, Buffer.from(`x-access-token:${TOKEN}`).toString('base64')]));
    expect(result.stdout).toContain(`Git reaches the registry at ${remoteUrl}`);
    // Not in .git/config, the store or anywhere else in the workspace.
    expect(filesContaining(repo.dir, TOKEN)).toEqual([]);
    expect(filesContaining(repo.dir, Buffer.from(`x-access-token:${TOKEN}`).toString('base64'))).toEqual([]);

    // Without the input, git has only the checkout's token, which this server refuses: one line, nothing written.
    const refused = await runAction('promote', { cwd: repo.dir, inputs: { ...inputs, stage: 'production', 'github-token': '' }, event: loadEvent('workflow_dispatch'), env });
    expect(refused.exitCode).toBe(1);
    const errors = refused.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^registry: cannot fetch the tags of "origin": /);
    expect(execFileSync('git', ['--git-dir', repo.remote, 'tag', '--list'], { encoding: 'utf8' }).trim().split('\n').sort()).toEqual(tags);
  });
});
