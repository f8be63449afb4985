/**
 * Parses the workflow commands an action prints (`::error file=a,line=3::message`), the way the runner's
 * ActionCommand parser does, so tests assert on what GitHub would show rather than on raw log text.
 *
 * Format: a line that starts with `::` (after leading whitespace), the command name, optional
 * `key=value` properties separated by commas after a space, `::`, then the data. Data escapes `%`, CR and LF
 * as %25, %0D, %0A; properties also escape `:` and `,` as %3A and %2C.
 */

export type AnnotationLevel = 'error' | 'warning' | 'notice' | 'debug';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  /** The properties as given (file, line, endLine, col, endColumn, title), unescaped. */
  properties: Record<string, string>;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

export interface ParsedLog {
  annotations: Annotation[];
  /** Names of `::group::` blocks, in order. */
  groups: string[];
  /** Values registered with `::add-mask::`, which the runner would replace with *** in every later line. */
  masks: string[];
}

/** Undoes the data escaping. %25 goes last, so an escaped `%0A` (written `%250A`) stays `%0A`. */
export function unescapeData(value: string): string {
  return value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/gi, '%');
}

export function unescapeProperty(value: string): string {
  return value
    .replace(/%0D/gi, '\r')
    .replace(/%0A/gi, '\n')
    .replace(/%3A/gi, ':')
    .replace(/%2C/gi, ',')
    .replace(/%25/gi, '%');
}

/** One line as a workflow command, or undefined when it is plain log output. */
export function parseCommandLine(line: string): WorkflowCommand | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('::')) return undefined;
  const end = trimmed.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = trimmed.slice(2, end);
  const space = info.indexOf(' ');
  const command = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (command === '') return undefined;
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const equals = pair.indexOf('=');
      // The runner drops properties without a value, as it does malformed pairs.
      if (equals <= 0 || equals === pair.length - 1) continue;
      properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1));
    }
  }
  return { command, properties, data: unescapeData(trimmed.slice(end + 2)) };
}

/**
 * Collects annotations, group names and masks from a log. Honours `::stop-commands::<token>` … `::<token>::`,
 * between which the runner ignores commands (actions use it to print untrusted text safely).
 */
export function parseWorkflowCommands(log: string): ParsedLog {
  const parsed: ParsedLog = { annotations: [], groups: [], masks: [] };
  let stopToken: string | undefined;
  for (const line of log.split(/\r?\n/)) {
    const command = parseCommandLine(line);
    if (!command) continue;
    if (stopToken !== undefined) {
      if (command.command === stopToken.toLowerCase()) stopToken = undefined;
      continue;
    }
    switch (command.command) {
      case 'error':
      case 'warning':
      case 'notice':
      case 'debug':
        parsed.annotations.push({ level: command.command, message: command.data, properties: command.properties });
        break;
      case 'group':
        parsed.groups.push(command.data);
        break;
      case 'add-mask':
        if (command.data !== '') parsed.masks.push(command.data);
        break;
      case 'stop-commands':
        if (command.data !== '') stopToken = command.data;
        break;
    }
  }
  return parsed;
}
