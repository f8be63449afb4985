import * as core from '@actions/core';
import { CommandFailedError, ConfigurationError, ServiceError } from '../errors';

/**
 * Owns how an action ends. A ConfigurationError (the user's mistake) or a ServiceError (a service that refused)
 * becomes one `::error::` line and exit code 1; a failed user command exits with that command's code; anything else is a bug and is reported with
 * its stack so it can be fixed.
 */
export async function runWrapper(actionName: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof ServiceError) {
      core.setFailed(error.message.replace(/\s*\n\s*/g, ' '));
    } else if (error instanceof CommandFailedError) {
      core.setFailed(error.message);
      process.exitCode = error.exitCode;
    } else {
      const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
      core.setFailed(`${actionName}: unexpected error, please report it with this log: ${stack}`);
    }
  }
}
