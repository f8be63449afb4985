/**
 * The demo of this version: the example project's pull request, told in four runs of the train bundle with the
 * runner's protocol (Node 24, INPUT_* variables, GITHUB_OUTPUT, the job summary, a real pull_request payload):
 *
 *   1. the PR is opened: the model is trained and the run recorded;
 *   2. the PR is re-run with nothing changed: training is skipped and the outputs come back from the cache;
 *   3. a parameter changes: the model is retrained, and the metrics move;
 *   4. the training command breaks: the step fails with its exit code and reports no model.
 *
 * Everything it writes stays in one scratch folder under .tmp/; its path is printed at the end.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_TRAIN_STEP as STEP, REPO_ROOT, checkoutExample, loadEvent, parseCommandLine, runAction, unescapeData, type ActionResult } from '../tests/harness';

const scratch = path.join(REPO_ROOT, '.tmp', `demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const workspace = path.join(scratch, 'workspace');
const summaries = path.join(scratch, 'summaries');
const env = { MLOPS_CACHE_DIR: path.join(scratch, 'cache') };
mkdirSync(summaries, { recursive: true });
checkoutExample(workspace);

const written: string[] = [];
let failures = 0;

async function step(title: string, event: 'pull_request.opened' | 'pull_request.synchronize', inputs: Record<string, string>, expectExit: number): Promise<ActionResult> {
  console.log(`\n━━ ${title}`);
  const result = await runAction('train', { cwd: workspace, inputs, env, event: loadEvent(event) });
  printLog(result.stdout + result.stderr);
  console.log(`  exit code ${result.exitCode}`);
  for (const [name, value] of Object.entries(result.outputs)) console.log(`  output ${name} = ${value}`);
  if (result.summary) {
    const file = path.join(summaries, `${written.length + 1}-${title.split(':')[0]?.toLowerCase().replace(/\W+/g, '-')}.md`);
    writeFileSync(file, result.summary);
    written.push(file);
  }
  if (result.exitCode !== expectExit) {
    failures++;
    console.log(`  ✗ expected exit code ${expectExit}`);
  }
  return result;
}

/** The log as a reader sees it on GitHub: groups as headings, annotations as labelled lines, the rest indented. */
function printLog(log: string): void {
  for (const line of log.split('\n')) {
    if (line.trim() === '') continue;
    const command = parseCommandLine(line);
    if (!command) console.log(`    ${line}`);
    else if (command.command === 'group') console.log(`  ▸ ${command.data}`);
    else if (['error', 'warning', 'notice'].includes(command.command)) console.log(`  ${command.command.toUpperCase()}: ${unescapeData(command.data)}`);
  }
}

const metricsOf = (result: ActionResult): Record<string, number> => JSON.parse(result.outputs['metrics'] ?? '{}') as Record<string, number>;

const first = await step('PR opened: train the candidate', 'pull_request.opened', STEP, 0);
const second = await step('PR re-run, nothing changed: training is skipped', 'pull_request.synchronize', STEP, 0);
if (second.outputs['cache-hit'] !== 'true' || second.outputs['model-digest'] !== first.outputs['model-digest']) {
  failures++;
  console.log('  ✗ expected a cache hit with the same model digest');
}

const params = path.join(workspace, 'params.yaml');
writeFileSync(params, readFileSync(params, 'utf8').replace(/epochs: \d+/, 'epochs: 40'));
const third = await step('PR changes train.epochs to 40: the model is retrained', 'pull_request.synchronize', STEP, 0);
const before = metricsOf(first);
const after = metricsOf(third);
console.log('\n  metric            before    after');
for (const name of Object.keys(after)) console.log(`  ${name.padEnd(16)}  ${before[name]?.toFixed(4) ?? '—'}    ${after[name]?.toFixed(4)}`);

await step('PR breaks the training command: the step fails and reports no model', 'pull_request.synchronize', { ...STEP, command: 'node train.mjs && exit 3' }, 3);

console.log(`\nThe job summaries, as markdown:\n${written.map((file) => `  ${path.relative(REPO_ROOT, file)}`).join('\n')}`);
console.log(`The scratch folder (workspace, cache, run.json): ${path.relative(REPO_ROOT, scratch)}`);
console.log('validate-data, evaluate-gate and promote arrive in later versions; this demo shows train.');
if (failures > 0) {
  console.log(`\n${failures} step(s) did not go as the story says.`);
  process.exitCode = 1;
}
