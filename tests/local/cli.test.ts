/**
 * The command line as a user types it: `node bin/mlops-actions.mjs …` in a clone of the example project.
 * The committed bin is what runs (build first, as for every bundle test).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActionMetadata } from '../../shared/src/local/action-metadata';
import { EXAMPLE_TRAIN_STEP } from '../harness/example-project';
import { REPO_ROOT } from '../harness/node';
import { scratchRepo, type Scratch } from './scratch';

const BIN = path.join(REPO_ROOT, 'bin', 'mlops-actions.mjs');

function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const withFlags = (inputs: Readonly<Record<string, string>>): string[] => Object.entries(inputs).flatMap(([key, value]) => ['--with', `${key}=${value}`]);

describe('mlops-actions <action>', () => {
  let repo: Scratch;
  beforeAll(async () => {
    repo = await scratchRepo({ example: true, origin: true });
  });
  afterAll(() => repo.close());

  it('trains the example: the log with groups as headings, then the outputs, the summary file, exit 0', () => {
    const { status, stdout, stderr } = cli(repo.dir, 'train', ...withFlags(EXAMPLE_TRAIN_STEP));
    expect(status, stdout + stderr).toBe(0);
    expect(stdout).toMatch(/^▸ Train$/m);
    expect(stdout).not.toMatch(/::(group|endgroup|error|warning)/);
    expect(stdout).toMatch(/^Outputs:\n {2}cache-hit = false\n/m);
    expect(stdout).toMatch(/^ {2}model-digest = sha256:[0-9a-f]{64}$/m);
    const summary = /^Job summary: (.+\.md)$/m.exec(stdout)?.[1];
    expect(summary).toBeDefined();
    expect(readFileSync(path.resolve(repo.dir, summary as string), 'utf8')).toMatch(/\S/);
    expect(existsSync(path.join(repo.dir, '.mlops', 'cache'))).toBe(true);
    // .mlops/ is ignored through info/exclude, so the working tree stays as it was.
    expect(repo.git('status', '--porcelain', '--ignored=no', '--', '.mlops')).toBe('');

    const again = cli(repo.dir, 'train', ...withFlags(EXAMPLE_TRAIN_STEP));
    expect(again.stdout).toMatch(/^ {2}cache-hit = true$/m);
  });

  it('stops a bad row in validate-data with a readable error line and the action exit code', () => {
    const data = path.join(repo.dir, 'data', 'breast_cancer.csv');
    const original = readFileSync(data, 'utf8');
    const lines = original.split('\n');
    lines[10] = (lines[10] ?? '').replace(/^(\d+),[^,]+,/, '$1,-4.2,');
    writeFileSync(data, lines.join('\n'));
    try {
      const { status, stdout } = cli(repo.dir, 'validate-data', '--with', 'data=data/*.csv', '--with', 'contract=contract.yaml', '--event', 'pull_request');
      expect(status).toBe(1);
      expect(stdout).toMatch(/^error: data\/breast_cancer\.csv:11: .*"-4\.2"/m);
      expect(stdout).toMatch(/^ {2}passed = false$/m);
      expect(stdout).toMatch(/^validate-data: failed with exit code 1$/m);
    } finally {
      writeFileSync(data, original);
    }
  });

  it('names a mistyped --with key and lists the inputs, in one line and before touching anything', async () => {
    const fresh = await scratchRepo({ example: false });
    try {
      const { status, stdout, stderr } = cli(fresh.dir, 'train', '--with', 'comand=node train.mjs');
      expect(status).toBe(1);
      expect(stdout).toBe('');
      const inputs = Object.keys(readActionMetadata(path.join(REPO_ROOT, 'actions'), 'train').inputs).join(', ');
      expect(stderr).toBe(`error: --with: actions/train/action.yml declares no input "comand"; it declares: ${inputs}\n`);
      expect(existsSync(path.join(fresh.dir, '.mlops'))).toBe(false);
    } finally {
      await fresh.close();
    }
  });

  it('makes a bare origin under .mlops/ for a repository without a remote, and says so, only when the registry is read', async () => {
    const fresh = await scratchRepo({ example: true });
    try {
      // A run that reads no registry leaves the repository's remotes as they are.
      cli(fresh.dir, 'validate-data', '--with', 'data=data/*.csv', '--with', 'contract=contract.yaml');
      expect(fresh.git('remote')).toBe('');
      const { stdout } = cli(fresh.dir, 'validate-data', '--with', 'data=data/*.csv', '--with', 'contract=contract.yaml', '--with', 'reference=production', '--with', 'model-name=m');
      expect(stdout).toContain('The repository had no remote: made the bare repository .mlops/registry.git and added it as origin');
      expect(fresh.git('remote', 'get-url', 'origin')).toBe(path.join(fresh.dir, '.mlops', 'registry.git'));
    } finally {
      await fresh.close();
    }
  });

  it('refuses an unknown action, option and event in one line each', () => {
    expect(cli(repo.dir, 'trian').stderr).toBe('error: "trian" is not an action or command; expected one of: evaluate-gate, promote, train, validate-data, run (mlops-actions --help)\n');
    expect(cli(repo.dir, 'train', '--whith', 'a=b').stderr).toMatch(/^error: "--whith" is not an option of mlops-actions train; its options: --with key=value, --event, --pull-request, --workspace, --help\n$/);
    expect(cli(repo.dir, 'train', '--with', 'command=true', '--event', 'release').stderr).toBe('error: --event: "release" is not an event the local runner makes; expected one of pull_request, push, workflow_dispatch\n');
  });

  it('gives the pull request the number --pull-request names, and refuses one that is not a number or has no pull request', () => {
    const { stdout } = cli(repo.dir, 'validate-data', '--with', 'data=data/*.csv', '--event', 'pull_request', '--pull-request', '7');
    expect(stdout.split('\n')[0]).toMatch(/^mlops-actions validate-data on pull_request at [0-9a-f]{12} \(refs\/pull\/7\/merge\)/);
    expect(cli(repo.dir, 'train', '--event', 'pull_request', '--pull-request', '0').stderr).toBe('error: --pull-request: "0" is not a pull request number; expected a whole number from 1\n');
    expect(cli(repo.dir, 'train', '--pull-request', '3').stderr).toBe('error: --pull-request: a pull request number goes with --event pull_request\n');
  });
});

describe('mlops-actions --help', () => {
  it('lists the actions', () => {
    const { status, stdout } = cli(REPO_ROOT, '--help');
    expect(status).toBe(0);
    for (const action of ['train', 'validate-data', 'evaluate-gate', 'promote']) expect(stdout).toMatch(new RegExp(`^  ${action} +\\S`, 'm'));
    expect(stdout).toContain('mlops-actions run <workflow.yml>');
  });

  it('describes every input with its default and every output, from action.yml', () => {
    for (const action of ['train', 'validate-data', 'evaluate-gate', 'promote']) {
      const metadata = readActionMetadata(path.join(REPO_ROOT, 'actions'), action);
      const { status, stdout } = cli(REPO_ROOT, action, '--help');
      expect(status).toBe(0);
      for (const [name, input] of Object.entries(metadata.inputs)) {
        const facts = input.required ? 'required' : input.default ? `default: ${JSON.stringify(input.default)}` : 'optional';
        expect(stdout, `${action} ${name}`).toContain(`  ${name}  (${facts})`);
        expect(stdout.replace(/\s+/g, ' '), `${action} ${name}`).toContain(input.description.trim().replace(/\s+/g, ' '));
      }
      for (const name of Object.keys(metadata.outputs)) expect(stdout).toMatch(new RegExp(`^  ${name}$`, 'm'));
    }
  });
});

describe('mlops-actions run', () => {
  it('runs a workflow file and exits with its conclusion', async () => {
    const fresh = await scratchRepo({ example: false, files: { 'w.yml': 'on: push\njobs:\n  a:\n    steps:\n      - run: echo "::warning::careful" && echo "sha ${{ github.sha }}"\n  b:\n    needs: a\n    steps:\n      - run: exit 4\n' } });
    try {
      const { status, stdout } = cli(fresh.dir, 'run', 'w.yml');
      expect(status).toBe(1);
      expect(stdout).toMatch(/^ {4}warning: careful$/m);
      expect(stdout).toContain(`sha ${fresh.git('rev-parse', 'HEAD')}`);
      expect(stdout).toMatch(/^a: success\nb: failure$/m);
      expect(stdout).toMatch(/^workflow: failure$/m);
    } finally {
      await fresh.close();
    }
  });
});
