import * as core from '@actions/core';
import { ReportedFailure } from '../errors';

/**
 * Owns how an action ends. A ReportedFailure (the user's mistake, a service that refused, a failed command, a
 * verdict) becomes one `::error::` line (with file= and line= when it names a place in a file) and its exit code; anything else is a bug and is reported with its
 * stack so it can be fixed.
 */
export async function runWrapper(actionName: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ReportedFailure) {
      const message = error.message.replace(/\s*\n\s*/g, ' ');
      // At a file's line when the failure names one, so GitHub shows it there (the contract's line, the data's).
      const position = error.position;
      if (position) core.error(message, { file: position.file, ...(position.line !== undefined ? { startLine: position.line } : {}) });
      else core.error(message);
      process.exitCode = error.exitCode;
    } else {
      const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
      core.setFailed(`${actionName}: unexpected error, please report it with this log: ${stack}`);
    }
  }
}
