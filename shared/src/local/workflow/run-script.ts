/**
 * A `run:` step: the script (its `${{ }}` already substituted, as on GitHub) is bash's -c argument, never
 * pasted into another command line, with the shell flags the runner uses: `bash -e` when no shell is named,
 * `bash --noprofile --norc -eo pipefail` for `shell: bash`, `sh -e` for `shell: sh`.
 */
import { existsSync } from 'node:fs';
import { ConfigurationError, quote } from '../../errors';
import { spawnStep, type StepExit } from '../spawn-step';

export interface ScriptOptions {
  script: string;
  shell: string | undefined;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number | undefined;
  onOutput: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
}

export function shellCommand(shell: string | undefined, script: string): { command: string; args: string[] } {
  if (shell === undefined) return { command: 'bash', args: ['-e', '-c', script] };
  if (shell === 'bash') return { command: 'bash', args: ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script] };
  return { command: 'sh', args: ['-e', '-c', script] };
}

export function runScript(options: ScriptOptions): Promise<StepExit> {
  if (!existsSync(options.cwd)) throw new ConfigurationError(`working-directory: ${quote(options.cwd)} does not exist`);
  const { command, args } = shellCommand(options.shell, options.script);
  return spawnStep({ command, args, cwd: options.cwd, env: options.env, timeoutMs: options.timeoutMs, onOutput: options.onOutput });
}
