/**
 * Failures the run wrapper reports as one `::error::` line with no stack trace, because a stack would help
 * nobody: the user's mistake, a service that refused, a command that failed, a verdict of "no". Any other
 * error is a bug of ours and keeps its stack.
 */
export class ReportedFailure extends Error {
  /** The process exit code. */
  readonly exitCode: number = 1;

  /** `position`: the file (relative to the workspace) and line the failure is about, which the run wrapper annotates. */
  constructor(
    message: string,
    readonly position?: FilePosition,
  ) {
    super(message);
  }
}

/** A place in one of the user's files, for an annotation: the path relative to the workspace, the 1-based line. */
export interface FilePosition {
  file: string;
  line?: number;
}

/**
 * A mistake the user can fix: a bad input, a missing file, a malformed config or data file. Messages name the
 * input, file, line or field, quote the bad value and say what was expected.
 */
export class ConfigurationError extends ReportedFailure {
  override readonly name = 'ConfigurationError';
}

/** The same mistake with `prefix` (an input's name, say) before its message, at the same position. */
export function prefixed(error: ConfigurationError, prefix: string): ConfigurationError {
  return error.message.startsWith(prefix) ? error : new ConfigurationError(`${prefix}${error.message}`, error.position);
}

/**
 * A service the action depends on (the artifact or cache service, the GitHub API) refused or failed. Not a bug
 * of ours and not the user's typo: one line that says which input it concerns and what the service said.
 */
export class ServiceError extends ReportedFailure {
  override readonly name = 'ServiceError';
}

/** The action did its work and the answer is no: the data failed its checks, the model failed its gate. */
export class VerdictFailure extends ReportedFailure {
  override readonly name = 'VerdictFailure';
}

/** The user's command failed or was stopped: the action exits with the command's own exit code. */
export class CommandFailedError extends ReportedFailure {
  override readonly name = 'CommandFailedError';
  constructor(
    message: string,
    override readonly exitCode: number,
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
