/**
 * Parses the runner's file commands: GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE hold `name=value` lines and
 * heredocs (`name<<DELIMITER`, the value lines, `DELIMITER`), which is what @actions/core writes for every
 * value. GITHUB_PATH holds one directory a line.
 *
 * Malformed content throws, as the runner fails the step on it: a test should never pass on output GitHub
 * would reject.
 */

export function parseKeyValueFile(content: string, fileName = 'file command'): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = content.split(/\r?\n/);
  // A trailing newline leaves one empty string at the end; empty lines are skipped anyway, as the runner does.
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals);
      if (name === '') throw new Error(`${fileName}: line ${index + 1} has no name: ${JSON.stringify(line)}`);
      values[name] = line.slice(equals + 1);
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (name === '' || delimiter === '') throw new Error(`${fileName}: line ${index + 1} is not a valid heredoc start: ${JSON.stringify(line)}`);
      const body: string[] = [];
      let closed = false;
      for (index++; index < lines.length; index++) {
        const bodyLine = lines[index] ?? '';
        if (bodyLine === delimiter) {
          closed = true;
          break;
        }
        body.push(bodyLine);
      }
      if (!closed) throw new Error(`${fileName}: matching delimiter not found: ${JSON.stringify(delimiter)}`);
      values[name] = body.join('\n');
    } else {
      throw new Error(`${fileName}: line ${index + 1} is neither name=value nor name<<DELIMITER: ${JSON.stringify(line)}`);
    }
  }
  return values;
}

/** GITHUB_PATH: directories the action prepends to PATH for later steps, in the order written. */
export function parsePathFile(content: string): string[] {
  return content.split(/\r?\n/).filter((line) => line.trim() !== '');
}
