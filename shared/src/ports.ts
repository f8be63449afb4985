/**
 * The side effects the actions' logic needs, as interfaces. The logic takes them as parameters, so it runs the
 * same in an action (shared/src/runtime/ implements them with the Actions toolkit), in the local runner and in
 * unit tests with fakes. Nothing outside shared/src/runtime/ imports @actions/*.
 */

/** Where a message points in a file, for `::error file=…,line=…::` annotations. */
export interface SourceLocation {
  file?: string;
  line?: number;
  endLine?: number;
  column?: number;
  title?: string;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string, where?: SourceLocation): void;
  error(message: string, where?: SourceLocation): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Registers a secret so the runner masks it in every later log line. */
  mask(secret: string): void;
}

/** Raw action inputs: the trimmed value, or '' when the input was not given. */
export interface InputSource {
  get(name: string): string;
}

export interface OutputSink {
  set(name: string, value: string | number | boolean): void;
}

/** The job summary: markdown appended in order, written once at the end. */
export interface JobSummary {
  append(markdown: string): void;
  write(): Promise<void>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** A key/value store of folders and files, as `@actions/cache` offers on a runner. */
export interface Cache {
  /** Human-readable name of the backend, for the log. */
  readonly description: string;
  /** Restores `paths` saved under `key`; returns the matched key, or undefined on a miss. */
  restore(paths: string[], key: string): Promise<string | undefined>;
  save(paths: string[], key: string): Promise<void>;
}

export interface ArtifactUploader {
  readonly description: string;
  /** Uploads `files` (absolute paths under `rootDirectory`) as one workflow artifact named `name`. */
  upload(name: string, files: string[], rootDirectory: string): Promise<{ id?: number; size?: number; location?: string }>;
}

export interface CommandSpec {
  /** A bash script, run as `bash --noprofile --norc -eo pipefail -c <script>` like the runner's `shell: bash`. */
  script: string;
  cwd: string;
  env: Record<string, string>;
  /** Stop the whole process group after this many milliseconds; undefined for no limit. */
  timeoutMs?: number;
  /** After the timeout, how long the group gets between SIGTERM and SIGKILL (default 5 s). */
  killGraceMs?: number;
}

export interface CommandResult {
  /** The exit code, or 128 + signal number when a signal ended it. */
  exitCode: number;
  signal?: string;
  timedOut: boolean;
  durationMs: number;
  /** Peak resident memory of the command's process group in bytes, sampled; undefined where not measurable. */
  peakMemoryBytes?: number;
}

/** Runs a user's command with its output streamed live to the log. */
export interface CommandRunner {
  run(spec: CommandSpec): Promise<CommandResult>;
}

/** What the workflow run is: read from the runner's GITHUB_* variables, or made up locally. */
export interface RunContext {
  eventName: string;
  sha?: string;
  ref?: string;
  repository?: string;
  serverUrl: string;
  apiUrl: string;
  workflow?: string;
  job?: string;
  runId?: string;
  runAttempt?: string;
  actor?: string;
  workspace: string;
  tempDir: string;
  runnerOs: string;
  runnerArch: string;
  runnerName?: string;
  /** True on a GitHub-hosted or self-hosted runner (GITHUB_ACTIONS=true). */
  onRunner: boolean;
  /** The parsed event payload, or {} when there is none. */
  payload: Record<string, unknown>;
}
