/**
 * The templates' inline node scripts (a `run:` of `node --input-type=module <<'SCRIPT' … SCRIPT`), taken out of the
 * template and run as the runner would: node with the step's inputs in the environment.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../harness';

interface Step {
  id?: string;
  run?: string;
}

/** The JavaScript between `<<'SCRIPT'` and `SCRIPT` of the step `stepId` of `job` (or the job's first step with one). */
export async function inlineScript(template: string, job: string, stepId?: string): Promise<string> {
  const workflow = parse(await readFile(path.join(REPO_ROOT, 'workflows-templates', template), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  const steps = workflow.jobs[job]?.steps ?? [];
  const run = (stepId === undefined ? steps.find((step) => (step.run ?? '').includes("<<'SCRIPT'")) : steps.find((step) => step.id === stepId))?.run ?? '';
  const match = /<<'SCRIPT'\n([\s\S]*?)\nSCRIPT\n?$/.exec(run);
  if (!match?.[1]) throw new Error(`${template}: jobs.${job}${stepId ? ` step ${stepId}` : ''} has no node script`);
  return match[1];
}

/** Runs a script as `node --input-type=module` with only PATH and `env`; its exit code and everything it printed. */
export function runInlineScript(script: string, env: Record<string, string>, cwd?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module'], { ...(cwd ? { cwd } : {}), env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(script);
  });
}
