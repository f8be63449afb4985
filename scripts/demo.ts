/**
 * The demo of this version: the example project's pull requests, told in runs of the validate-data and train
 * bundles with the runner's protocol (Node 24, INPUT_* variables, GITHUB_OUTPUT, the job summary, a real
 * pull_request payload):
 *
 *   1. the PR is opened: the data passes its contract, the model is trained and the run recorded;
 *   2. the PR is re-run with nothing changed: training is skipped and the outputs come back from the cache;
 *   3. a parameter changes: the model is retrained, and the metrics move;
 *   4. the training command breaks: the step fails with its exit code and reports no model;
 *   5. a PR corrupts the data: validate-data stops it, pointing at the rows and the contract lines.
 *
 * Everything it writes stays in one scratch folder under .tmp/; its path is printed at the end.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_TRAIN_STEP as STEP, EXAMPLE_VALIDATE_STEP, REPO_ROOT, checkoutExample, loadEvent, parseCommandLine, runAction, unescapeData, type ActionResult } from '../tests/harness';

const scratch = path.join(REPO_ROOT, '.tmp', `demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const workspace = path.join(scratch, 'workspace');
const summaries = path.join(scratch, 'summaries');
const env = { MLOPS_CACHE_DIR: path.join(scratch, 'cache') };
mkdirSync(summaries, { recursive: true });
checkoutExample(workspace);

const written: string[] = [];
let failures = 0;

async function step(title: string, action: 'train' | 'validate-data', event: 'pull_request.opened' | 'pull_request.synchronize', inputs: Record<string, string>, expectExit: number): Promise<ActionResult> {
  console.log(`\n━━ ${title}`);
  const result = await runAction(action, { cwd: workspace, inputs, env, event: loadEvent(event) });
  printLog(result.stdout + result.stderr);
  console.log(`  exit code ${result.exitCode}`);
  for (const [name, value] of Object.entries(result.outputs)) console.log(`  output ${name} = ${value}`);
  if (result.summary) {
    const file = path.join(summaries, `${written.length + 1}-${action}.md`);
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
    else if (['error', 'warning', 'notice'].includes(command.command)) {
      const where = command.properties['file'] ? ` ${command.properties['file']}${command.properties['line'] ? `:${command.properties['line']}` : ''}` : '';
      console.log(`  ${command.command.toUpperCase()}${where}: ${unescapeData(command.data)}`);
    }
  }
}

const metricsOf = (result: ActionResult): Record<string, number> => JSON.parse(result.outputs['metrics'] ?? '{}') as Record<string, number>;

await step('PR opened: the data passes its contract', 'validate-data', 'pull_request.opened', EXAMPLE_VALIDATE_STEP, 0);
const first = await step('PR opened: train the candidate', 'train', 'pull_request.opened', STEP, 0);
const second = await step('PR re-run, nothing changed: training is skipped', 'train', 'pull_request.synchronize', STEP, 0);
if (second.outputs['cache-hit'] !== 'true' || second.outputs['model-digest'] !== first.outputs['model-digest']) {
  failures++;
  console.log('  ✗ expected a cache hit with the same model digest');
}

const params = path.join(workspace, 'params.yaml');
writeFileSync(params, readFileSync(params, 'utf8').replace(/epochs: \d+/, 'epochs: 40'));
const third = await step('PR changes train.epochs to 40: the model is retrained', 'train', 'pull_request.synchronize', STEP, 0);
const before = metricsOf(first);
const after = metricsOf(third);
console.log('\n  metric            before    after');
for (const name of Object.keys(after)) console.log(`  ${name.padEnd(16)}  ${before[name]?.toFixed(4) ?? '—'}    ${after[name]?.toFixed(4)}`);

await step('PR breaks the training command: the step fails and reports no model', 'train', 'pull_request.synchronize', { ...STEP, command: 'node train.mjs && exit 3' }, 3);

// Row 10 gets a negative radius, row 20 a diagnosis nobody knows.
const data = path.join(workspace, 'data', 'breast_cancer.csv');
const lines = readFileSync(data, 'utf8').split('\n');
lines[10] = (lines[10] ?? '').replace(/^(\d+),[^,]+,/, '$1,-4.2,');
lines[20] = (lines[20] ?? '').replace(/,(benign|malignant)(\r?)$/, ',unknown$2');
writeFileSync(data, lines.join('\n'));
await step('PR corrupts the data: validate-data stops it', 'validate-data', 'pull_request.synchronize', EXAMPLE_VALIDATE_STEP, 1);

console.log(`\nThe job summaries, as markdown:\n${written.map((file) => `  ${path.relative(REPO_ROOT, file)}`).join('\n')}`);
console.log(`The scratch folder (workspace, cache, run.json): ${path.relative(REPO_ROOT, scratch)}`);
console.log('evaluate-gate and promote arrive in later versions; this demo shows validate-data and train.');
if (failures > 0) {
  console.log(`\n${failures} step(s) did not go as the story says.`);
  process.exitCode = 1;
}
