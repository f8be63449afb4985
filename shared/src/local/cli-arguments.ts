/** The command line of `mlops-actions`, parsed into what to do; mistakes are one line naming the flag. */
import { ConfigurationError, quote } from '../errors';

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'action-help'; action: string }
  | { kind: 'action'; action: string; with: Record<string, string>; event: string | undefined; workspace: string | undefined; pullRequest: number | undefined }
  | { kind: 'run'; workflow: string; event: string | undefined; job: string | undefined; inputs: Record<string, string>; workspace: string | undefined };

/** `key=value` (the value may hold `=` and newlines); a key may be given once. */
function addPair(target: Record<string, string>, pair: string, flag: string): void {
  const equals = pair.indexOf('=');
  if (equals <= 0) throw new ConfigurationError(`${flag}: ${quote(pair)} is not key=value`);
  const key = pair.slice(0, equals);
  if (key in target) throw new ConfigurationError(`${flag}: ${quote(key)} is given twice`);
  target[key] = pair.slice(equals + 1);
}

export function parseArguments(argv: readonly string[], actions: readonly string[]): ParsedCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { kind: 'help' };
  const isRun = first === 'run';
  if (!isRun && !actions.includes(first)) {
    throw new ConfigurationError(`${quote(first)} is not an action or command; expected one of: ${[...actions, 'run'].join(', ')} (mlops-actions --help)`);
  }
  const pairs: Record<string, string> = {};
  let event: string | undefined;
  let workspace: string | undefined;
  let job: string | undefined;
  let workflow: string | undefined;
  let pullRequest: number | undefined;
  const pairFlag = isRun ? '--input' : '--with';

  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--help' || arg === '-h') return isRun ? { kind: 'help' } : { kind: 'action-help', action: first };
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    const value = (): string => {
      if (equals > 0) return arg.slice(equals + 1);
      const next = rest[i + 1];
      if (next === undefined) throw new ConfigurationError(`${flag}: expected a value after it`);
      i++;
      return next;
    };
    if (flag === pairFlag) addPair(pairs, value(), pairFlag);
    else if (flag === '--event') event = value();
    else if (flag === '--workspace') workspace = value();
    else if (isRun && flag === '--job') job = value();
    else if (!isRun && flag === '--pull-request') pullRequest = pullRequestNumber(value());
    else if (isRun && !arg.startsWith('-') && workflow === undefined) workflow = arg;
    else {
      const known = isRun ? '--event, --job, --input key=value, --workspace, --help' : '--with key=value, --event, --pull-request, --workspace, --help';
      throw new ConfigurationError(`${quote(arg)} is not an option of mlops-actions ${first}; its options: ${known}`);
    }
  }
  if (isRun) {
    if (workflow === undefined) throw new ConfigurationError('run: expected a workflow file: mlops-actions run <workflow.yml>');
    return { kind: 'run', workflow, event, job, inputs: pairs, workspace };
  }
  if (pullRequest !== undefined && event !== 'pull_request') throw new ConfigurationError('--pull-request: a pull request number goes with --event pull_request');
  return { kind: 'action', action: first, with: pairs, event, workspace, pullRequest };
}

/** `--pull-request N`: the number the event's pull request has (1 by default). */
function pullRequestNumber(text: string): number {
  const number = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(number) || number < 1) throw new ConfigurationError(`--pull-request: ${quote(text)} is not a pull request number; expected a whole number from 1`);
  return number;
}
