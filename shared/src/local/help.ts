/** `--help` text, generated from action.yml so it says what the action really accepts. */
import type { ActionMetadata } from './action-metadata';

const WIDTH = 100;

export const USAGE = 'mlops-actions <action> --with key=value … [--event pull_request|push|workflow_dispatch] [--pull-request N] [--workspace DIR]';
export const RUN_USAGE = 'mlops-actions run <workflow.yml> [--event pull_request|push|workflow_dispatch] [--job ID] [--input key=value …] [--workspace DIR]';

/** Wraps text to `width` columns after `indent`; action.yml descriptions are single long lines. */
export function wrap(text: string, indent: string, width = WIDTH): string {
  const lines: string[] = [];
  for (const paragraph of text.trim().split(/\n\s*\n|\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line !== '' && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    if (line !== '') lines.push(indent + line);
  }
  return lines.join('\n');
}

export function actionHelp(metadata: ActionMetadata): string {
  const out: string[] = [metadata.name.startsWith("mlops-actions") ? metadata.name : `mlops-actions ${metadata.id}: ${metadata.name}`, '', wrap(metadata.description, ''), '', `Usage: ${USAGE.replace('<action>', metadata.id)}`, '', 'Inputs (--with name=value):'];
  for (const [name, input] of Object.entries(metadata.inputs)) {
    const facts = input.required ? 'required' : input.default === undefined || input.default === '' ? 'optional' : `default: ${JSON.stringify(input.default)}`;
    out.push(`  ${name}  (${facts})`, wrap(input.description, '      '));
  }
  out.push('', 'Outputs:');
  for (const [name, output] of Object.entries(metadata.outputs)) out.push(`  ${name}`, wrap(output.description, '      '));
  out.push(
    '',
    'Options:',
    '  --event NAME       the event the run stands for: pull_request, push or workflow_dispatch (default)',
    '  --pull-request N   with --event pull_request: the pull request\'s number (default 1)',
    '  --workspace DIR    the git working copy to run in (default: the current directory)',
    '',
    'Local defaults: the train cache, workflow artifacts and the promote store are under <workspace>/.mlops/; the',
    'registry is the repository\'s origin (a bare one is made under .mlops/ when there is none). See docs/local-runner.md.',
  );
  return out.join('\n');
}

export function globalHelp(actions: ActionMetadata[]): string {
  const width = Math.max(...actions.map((action) => action.id.length), 3) + 2;
  const firstSentence = (text: string): string => (/^.*?[.!?](\s|$)/.exec(text.trim())?.[0] ?? text).trim();
  return [
    'mlops-actions: run the MLOps actions and workflows off GitHub, with the runner\'s protocol.',
    '',
    'Usage:',
    `  ${USAGE}`,
    `  ${RUN_USAGE}`,
    '  mlops-actions <action> --help',
    '',
    'Actions:',
    ...actions.map((action) => `  ${action.id.padEnd(width)}${wrap(firstSentence(action.description), ' '.repeat(width + 2)).trimStart()}`),
    '',
    'See docs/local-runner.md for the defaults and what `run` supports.',
  ].join('\n');
}
