/**
 * A step's log the way a reader sees it on GitHub, for a terminal: `::group::` becomes a heading with its lines
 * indented, annotations become `error: file:line: message` (the compiler convention editors link), masked
 * values become ***, and the commands nobody reads (`::endgroup::`, `::add-mask::`, debug unless asked) go.
 * Lines between `::stop-commands::<token>` and `::<token>::` are printed as they are, as the runner does.
 */
import { parseCommandLine } from './workflow-commands';

export interface ReadableLogOptions {
  /** Show `::debug::` lines (RUNNER_DEBUG on GitHub). */
  debug?: boolean;
  /** Put before every line, e.g. a step's indentation in a workflow run. */
  indent?: string;
}

export class ReadableLog {
  private pending = '';
  private inGroup = false;
  private stopToken: string | undefined;
  private readonly masks: string[] = [];

  constructor(
    private readonly write: (line: string) => void,
    private readonly options: ReadableLogOptions = {},
  ) {}

  /** Feeds output as it arrives; whole lines are written at once, a partial line waits for its end. */
  push(chunk: Buffer | string): void {
    this.pending += chunk.toString();
    const lines = this.pending.split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Writes a last line that had no newline. */
  flush(): void {
    if (this.pending !== '') this.line(this.pending);
    this.pending = '';
  }

  private emit(text: string, inGroup: boolean): void {
    const prefix = (this.options.indent ?? '') + (inGroup ? '  ' : '');
    for (const line of this.mask(text).split('\n')) this.write(prefix + line);
  }

  private mask(text: string): string {
    let masked = text;
    for (const secret of this.masks) masked = masked.split(secret).join('***');
    return masked;
  }

  private line(line: string): void {
    const command = parseCommandLine(line);
    if (this.stopToken !== undefined) {
      if (command?.command === this.stopToken.toLowerCase()) this.stopToken = undefined;
      else this.emit(line, this.inGroup);
      return;
    }
    if (!command) {
      this.emit(line, this.inGroup);
      return;
    }
    switch (command.command) {
      case 'group':
        this.inGroup = true;
        this.emit(`▸ ${command.data}`, false);
        return;
      case 'endgroup':
        this.inGroup = false;
        return;
      case 'add-mask':
        if (command.data !== '') this.masks.push(command.data);
        return;
      case 'stop-commands':
        if (command.data !== '') this.stopToken = command.data;
        return;
      case 'debug':
        if (this.options.debug) this.emit(`debug: ${command.data}`, this.inGroup);
        return;
      case 'error':
      case 'warning':
      case 'notice':
        this.emit(annotationLine(command.command, command.properties, command.data), false);
        return;
      default:
        this.emit(line, this.inGroup);
    }
  }
}

/** `error: data/a.csv:11:4: title: message`, each part only when given. */
export function annotationLine(level: string, properties: Record<string, string>, message: string): string {
  const file = properties['file'];
  const where = file ? [file, properties['line'], properties['line'] ? properties['col'] : undefined].filter((part) => part !== undefined && part !== '').join(':') : '';
  const title = properties['title'];
  return `${level}: ${where ? `${where}: ` : ''}${title ? `${title}: ` : ''}${message}`;
}
