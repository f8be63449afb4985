// Resolving the production version in a registry of 5,000 tags (MLOPS_BENCH_TAGS to change): 25 models, each with
// 100 registered versions and 100 stage assignments, written with one `git fast-import`. Against the bare
// `git for-each-ref` over the same tags in the same run: what reading them costs git alone. Aim: under 1 s.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { GitRegistry, createGitRunner } from '../shared/src/registry';
import { median, ms, REPO, table, timeAsync, timeCommand } from './lib';

const TAGS = Number(process.env['MLOPS_BENCH_TAGS'] ?? 5000);
const MODELS = 25;
const perModel = Math.max(2, Math.floor(TAGS / MODELS / 2));
const root = path.join(REPO, '.tmp', `bench-registry-${TAGS}`);
const remote = path.join(root, 'remote.git');
const clone = path.join(root, 'clone');
const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
const git = (cwd: string, args: string[], input?: string): string => execFileSync('git', args, { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 30 });

rmSync(root, { recursive: true, force: true });
mkdirSync(clone, { recursive: true });
git(root, ['init', '--quiet', '--bare', remote]);
git(clone, ['init', '--quiet', '-b', 'main']);
git(clone, ['commit', '--quiet', '--allow-empty', '-m', 'models']);
const commit = git(clone, ['rev-parse', 'HEAD']).trim();

// One fast-import stream of annotated tags: versions with our JSON payload, then staging and production
// assignments alternating, so the production holder is the newest production assignment of each model.
let stream = '';
let time = 1_700_000_000;
const tag = (name: string, message: string): void => {
  const data = Buffer.byteLength(message);
  stream += `tag ${name}\nfrom ${commit}\ntagger bench <bench@example.com> ${time++} +0000\ndata ${data}\n${message}\n`;
};
for (let m = 0; m < MODELS; m++) {
  const model = `model-${m}`;
  for (let v = 1; v <= perModel; v++) {
    const version = `v1.0.${v}`;
    tag(`${model}@${version}`, JSON.stringify({
      schemaVersion: 1, model, version, modelDigest: `sha256:${String(v).padStart(64, '0')}`, metrics: { accuracy: 0.9 },
      run: { runId: `run-${v}` }, artifact: { store: 'local', path: `models/${model}/${version}` }, commit, workflowRunUrl: null,
    }));
  }
  for (let n = 1; n <= perModel; n++) {
    const stage = n % 2 === 0 ? 'production' : 'staging';
    const version = `v1.0.${n}`;
    tag(`${model}#${stage}#${n}`, JSON.stringify({ schemaVersion: 1, kind: 'assign', model, stage, version }));
  }
}
git(clone, ['fast-import', '--quiet'], stream);
git(clone, ['remote', 'add', 'origin', remote]);
git(clone, ['push', '--quiet', 'origin', 'main', '--tags']);
const count = Number(git(remote, ['for-each-ref', '--count=1000000', '--format=x', 'refs/tags']).split('\n').filter(Boolean).length);

const registry = new GitRegistry({ git: createGitRunner(), cwd: clone });
await registry.read(); // the first fetch copies the objects; what is measured is a read of a clone that has them
const format = '--format=%(refname)%00%(objecttype)%00%(*objectname)%00%(taggername)%00%(contents)';
const bare: number[] = [];
const resolve: number[] = [];
let holder = '';
for (let round = 0; round < 5; round++) {
  bare.push(timeCommand('git', ['for-each-ref', format, 'refs/registry-mirror/tags'], { cwd: clone }));
  resolve.push(await timeAsync(async () => {
    holder = (await registry.read()).stage('model-7', 'production')?.version.version ?? 'none';
  }));
}
const expected = `v1.0.${perModel % 2 === 0 ? perModel : perModel - 1}`;
if (holder !== expected) throw new Error(`model-7's production holder is ${holder}, expected ${expected}`);
console.log(`${count} registry tags (${MODELS} models), Node ${process.version}, median of 5; model-7 is in production at ${holder}:`);
table([
  ['git for-each-ref over the tags', ms(median(bare))],
  ['fetch, read and resolve production', `${ms(median(resolve))}  (${(median(resolve) / median(bare)).toFixed(2)}× git for-each-ref alone)`],
]);
