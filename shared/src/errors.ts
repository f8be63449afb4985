/**
 * A mistake the user can fix: a bad input, a missing file, a malformed config. The run wrapper prints its
 * message as one line (no stack trace) and exits non-zero. Anything else is a bug and keeps its stack.
 *
 * Messages name the input, file, line or field, quote the bad value and say what was expected.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * A service the action depends on (the artifact or cache service, the GitHub API) refused or failed. Not a bug
 * of ours and not the user's typo: one line that says which input it concerns and what the service said.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
}

/** The user's command failed or was stopped: the action exits with the command's own exit code. */
export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Quote a user-supplied value for an error message: JSON quoting shows whitespace and control characters. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return JSON.stringify(shown);
}
