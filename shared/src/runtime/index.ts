/**
 * The runtime adapters: the only code that imports @actions/*. `createActionRuntime()` gathers what an
 * action's logic takes as parameters, implemented for a runner (or, off one, for the local machine).
 */
import type { ArtifactUploader, Cache, Clock, CommandRunner, InputSource, JobSummary, Logger, OutputSink, RunContext } from '../ports';
import { selectArtifactUploader } from './artifact';
import { selectCache } from './cache';
import { bashCommandRunner } from './command';
import { readRunContext } from './context';
import { actionsInputs, actionsOutputs, actionsSummary } from './io';
import { actionsLogger } from './logger';

export { runWrapper } from './run-wrapper';
export { workflowRunUrlOf } from './context';
export { CacheSaveSkipped } from './cache';

export interface ActionRuntime {
  logger: Logger;
  inputs: InputSource;
  outputs: OutputSink;
  summary: JobSummary;
  context: RunContext;
  commands: CommandRunner;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** Created on first use, so actions that need no cache never warn about a missing one. */
  cache(): Cache;
  artifacts(): ArtifactUploader | undefined;
}

export function createActionRuntime(env: NodeJS.ProcessEnv = process.env): ActionRuntime {
  const context = readRunContext(env);
  let cache: Cache | undefined;
  return {
    logger: actionsLogger,
    inputs: actionsInputs,
    outputs: actionsOutputs,
    summary: actionsSummary(),
    context,
    commands: bashCommandRunner,
    clock: { now: () => Date.now() },
    env,
    cache: () => (cache ??= selectCache(env, context.workspace, actionsLogger)),
    artifacts: () => selectArtifactUploader(env),
  };
}
