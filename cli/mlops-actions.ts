/**
 * `mlops-actions`: the actions and workflows off GitHub. Bundled by scripts/build.mjs into
 * bin/mlops-actions.mjs, which finds the actions' bundles in ../actions beside it.
 *
 *   mlops-actions <action> --with key=value … [--event E] [--workspace DIR]
 *   mlops-actions run <workflow.yml> [--event E] [--job ID] [--input key=value …] [--workspace DIR]
 *   mlops-actions [<action>] --help
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportedFailure } from '../shared/src/errors';
import { parseArguments, type ParsedCommand } from '../shared/src/local/cli-arguments';
import { inputEnvironment, listActions, readActionMetadata } from '../shared/src/local/action-metadata';
import { localEvent, parseEventName } from '../shared/src/local/event-payload';
import { actionHelp, globalHelp } from '../shared/src/local/help';
import { ReadableLog } from '../shared/src/local/readable-log';
import { runLocalAction } from '../shared/src/local/run-local-action';
import { runWorkflow } from '../shared/src/local/workflow/executor';
import { openLocalWorkspace } from '../shared/src/local/workspace';

const ACTIONS_ROOT = process.env['MLOPS_ACTIONS_ROOT'] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'actions');

async function main(argv: string[]): Promise<number> {
  const command = parseArguments(argv, listActions(ACTIONS_ROOT));
  switch (command.kind) {
    case 'help':
      console.log(globalHelp(listActions(ACTIONS_ROOT).map((id) => readActionMetadata(ACTIONS_ROOT, id))));
      return 0;
    case 'action-help':
      console.log(actionHelp(readActionMetadata(ACTIONS_ROOT, command.action)));
      return 0;
    case 'action':
      return runAction(command);
    case 'run':
      return runWorkflowCommand(command);
  }
}

async function runAction(command: Extract<ParsedCommand, { kind: 'action' }>): Promise<number> {
  const metadata = readActionMetadata(ACTIONS_ROOT, command.action);
  // The command line's own mistakes first, before the workspace is touched.
  inputEnvironment(metadata, command.with, (text) => text, '--with');
  const eventName = parseEventName(command.event ?? 'workflow_dispatch', '--event');
  const workspace = await openLocalWorkspace(command.workspace ?? process.cwd());
  const event = localEvent(eventName, workspace.facts, {
    repository: workspace.repository,
    actor: workspace.actor,
    ...(command.pullRequest !== undefined ? { pullRequestNumber: command.pullRequest } : {}),
  });
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const log = new ReadableLog(out, { debug: process.env['RUNNER_DEBUG'] === '1' });
  const stepDir = await mkdtemp(path.join(os.tmpdir(), `mlops-local-${metadata.id}-`));
  out(`mlops-actions ${metadata.id} on ${event.name} at ${event.sha.slice(0, 12)} (${event.ref}) in ${workspace.dir}`);
  try {
    const result = await runLocalAction({
      actionsRoot: ACTIONS_ROOT,
      action: metadata.id,
      inputs: command.with,
      inputSource: '--with',
      workspace,
      event,
      stepDir,
      onOutput: (chunk) => log.push(chunk),
      onNote: (note) => out(note),
    });
    log.flush();

    out('');
    const outputs = Object.entries(result.outputs);
    out(outputs.length === 0 ? 'No outputs.' : 'Outputs:');
    for (const [name, value] of outputs) out(`  ${name} = ${value.includes('\n') ? `\n${value.replace(/^/gm, '    ')}` : value}`);

    const written: string[] = [];
    if (result.summary.trim() !== '') {
      const dir = path.join(workspace.localDir, 'summaries');
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${metadata.id}.md`);
      await writeFile(file, result.summary);
      written.push(`Job summary: ${path.relative(process.cwd(), file) || file}`);
    }
    // evaluate-gate writes its report (the PR comment's text) itself and names it in the `markdown` output.
    const markdown = result.outputs['markdown'];
    if (markdown && existsSync(path.resolve(workspace.dir, markdown))) written.push(`Report (the PR comment): ${path.relative(process.cwd(), path.resolve(workspace.dir, markdown))}`);
    if (written.length > 0) out(`\n${written.join('\n')}`);

    const code = result.exitCode ?? (result.timedOut ? 124 : 128 + (os.constants.signals[result.signal as NodeJS.Signals] ?? 0));
    out(`\n${metadata.id}: ${code === 0 ? 'succeeded' : `failed with exit code ${code}`}`);
    return code;
  } finally {
    await rm(stepDir, { recursive: true, force: true });
  }
}

async function runWorkflowCommand(command: Extract<ParsedCommand, { kind: 'run' }>): Promise<number> {
  const run = await runWorkflow({
    workflow: command.workflow,
    ...(command.workspace ? { workspace: command.workspace } : {}),
    actionsRoot: ACTIONS_ROOT,
    ...(command.event ? { event: command.event } : {}),
    ...(command.job ? { job: command.job } : {}),
    inputs: command.inputs,
    onLog: (line) => void process.stdout.write(`${line}\n`),
    debug: process.env['RUNNER_DEBUG'] === '1',
  });
  const summaries: string[] = [];
  for (const job of run.jobs) {
    if (job.summary.trim() === '') continue;
    const file = path.join(run.runDir, `summary-${job.name.replace(/[^A-Za-z0-9._-]+/g, '_')}.md`);
    await writeFile(file, job.summary);
    summaries.push(path.relative(process.cwd(), file) || file);
  }
  console.log(`\n${run.jobs.map((job) => `${job.name}: ${job.result}`).join('\n')}`);
  if (summaries.length > 0) console.log(`\nJob summaries:\n${summaries.map((file) => `  ${file}`).join('\n')}`);
  console.log(`Artifacts: ${path.relative(process.cwd(), run.artifactsDir) || run.artifactsDir}`);
  console.log(`\nworkflow: ${run.conclusion}`);
  return run.conclusion === 'success' ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // The user's mistakes (and refusals) are one line; anything else is our bug and keeps its stack.
    if (error instanceof ReportedFailure) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
