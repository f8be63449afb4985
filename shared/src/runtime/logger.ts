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

/** Logs through the runner's workflow commands: groups fold, warnings and errors become annotations. */
export const actionsLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warning: (message, where) => core.warning(message, annotation(where)),
  error: (message, where) => core.error(message, annotation(where)),
  group: (name, fn) => core.group(name, fn),
  mask: (secret) => core.setSecret(secret),
};
