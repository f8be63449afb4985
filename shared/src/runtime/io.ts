import * as core from '@actions/core';
import type { InputSource, JobSummary, OutputSink } from '../ports';

/** Inputs as the runner passes them (INPUT_<NAME> variables), trimmed. */
export const actionsInputs: InputSource = {
  get: (name) => core.getInput(name),
};

/** Outputs through the runner's GITHUB_OUTPUT file. */
export const actionsOutputs: OutputSink = {
  set: (name, value) => core.setOutput(name, String(value)),
};

/** The job summary through GITHUB_STEP_SUMMARY; off a runner (no such file) it is printed to the log instead. */
export function actionsSummary(): JobSummary {
  const parts: string[] = [];
  return {
    append: (markdown) => {
      parts.push(markdown);
    },
    write: async () => {
      if (parts.length === 0) return;
      const markdown = parts.join('\n');
      parts.length = 0;
      if (process.env['GITHUB_STEP_SUMMARY']) {
        await core.summary.addRaw(markdown, true).write();
      } else {
        core.info(`Job summary (GITHUB_STEP_SUMMARY is not set):\n${markdown}`);
      }
    },
  };
}
