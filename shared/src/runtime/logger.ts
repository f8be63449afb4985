import * as core from '@actions/core';
import type { Logger, SourceLocation } from '../ports';

function annotation(where: SourceLocation | undefined): core.AnnotationProperties | undefined {
  if (!where) return undefined;
  return {
    file: where.file,
    startLine: where.line,
    endLine: where.endLine,
    startColumn: where.column,
    title: where.title,
  };
}

/**
 * A log line as one line: the runner reads a workflow command from any line that starts with `::` (after spaces),
 * so a newline in untrusted text (a file, column or metric name) could start one. CR and LF are written as the
 * runner's own escapes; every line the actions log is one line.
 */
export function oneLine(message: string): string {
  return message.replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Logs through the runner's workflow commands: groups fold, warnings and errors become annotations. */
export const actionsLogger: Logger = {
  // core.debug, warning and error escape their text as command data; info writes it as it is.
  debug: (message) => core.debug(message),
  info: (message) => core.info(oneLine(message)),
  warning: (message, where) => core.warning(message, annotation(where)),
  error: (message, where) => core.error(message, annotation(where)),
  group: (name, fn) => core.group(name, fn),
  mask: (secret) => core.setSecret(secret),
};
