/**
 * The files a runner gives one step: the file commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE, GITHUB_PATH,
 * GITHUB_STEP_SUMMARY) fresh and empty, and the event payload. After the step they are read back as the
 * runner would, so a value the runner would reject fails here too.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseKeyValueFile, parsePathFile } from './file-commands';

export interface RunnerFiles {
  output: string;
  summary: string;
  env: string;
  state: string;
  path: string;
  event: string;
}

export interface FileCommandResults {
  /** GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY, raw markdown. */
  summary: string;
  /** GITHUB_ENV: variables exported to later steps. */
  env: Record<string, string>;
  /** GITHUB_STATE: values saved for the post step. */
  state: Record<string, string>;
  /** GITHUB_PATH: directories added to PATH for later steps, in the order written. */
  path: string[];
}

/** Creates the step's files under `root` (file_commands/ and workflow/event.json). */
export async function createRunnerFiles(root: string, payload: Record<string, unknown>): Promise<RunnerFiles> {
  const files: RunnerFiles = {
    output: path.join(root, 'file_commands', 'output'),
    summary: path.join(root, 'file_commands', 'step_summary'),
    env: path.join(root, 'file_commands', 'env'),
    state: path.join(root, 'file_commands', 'state'),
    path: path.join(root, 'file_commands', 'path'),
    event: path.join(root, 'workflow', 'event.json'),
  };
  await mkdir(path.dirname(files.output), { recursive: true });
  await mkdir(path.dirname(files.event), { recursive: true });
  for (const file of [files.output, files.summary, files.env, files.state, files.path]) await writeFile(file, '');
  await writeFile(files.event, JSON.stringify(payload, null, 2));
  return files;
}

/** The variables that point a step at its files. */
export function runnerFileVariables(files: RunnerFiles): Record<string, string> {
  return {
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    GITHUB_EVENT_PATH: files.event,
  };
}

export async function readRunnerFiles(files: RunnerFiles): Promise<FileCommandResults> {
  return {
    outputs: parseKeyValueFile(await readFile(files.output, 'utf8'), 'GITHUB_OUTPUT'),
    summary: await readFile(files.summary, 'utf8'),
    env: parseKeyValueFile(await readFile(files.env, 'utf8'), 'GITHUB_ENV'),
    state: parseKeyValueFile(await readFile(files.state, 'utf8'), 'GITHUB_STATE'),
    path: parsePathFile(await readFile(files.path, 'utf8')),
  };
}
