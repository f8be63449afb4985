/**
 * The hidden lines that make a PR comment the gate's sticky comment for one model, and record the commit it was
 * written for:
 *
 *   <!-- mlops-actions:evaluate-gate model=<name> -->
 *   <!-- mlops-actions:evaluate-gate commit=<sha> -->
 *
 * The model name is user text inside an HTML comment, so it is percent-encoded (encodeURIComponent): no space,
 * `>` or line break survives, so `-->` cannot end the comment early and the marker stays one exact string to
 * compare. The lines open the body, where no cut of the report can reach them.
 */

const PREFIX = 'mlops-actions:evaluate-gate';

/** The marker line for `model` (undefined: the gate's single unnamed model). */
export function modelMarker(model: string | undefined): string {
  return `<!-- ${PREFIX} model=${encodeURIComponent(model ?? '')} -->`;
}

/** The line recording the commit the report was written for; only hex survives, so it cannot end the comment. */
export function commitMarker(commit: string): string {
  return `<!-- ${PREFIX} commit=${commit.toLowerCase().replace(/[^0-9a-f]/g, '')} -->`;
}

/** The comment body: both hidden lines, then the report. */
export function withMarkers(body: string, model: string | undefined, commit: string): string {
  return `${modelMarker(model)}\n${commitMarker(commit)}\n${body}`;
}

/** The first lines of a body, however GitHub stored its line ends. */
function headLines(body: string): string[] {
  return body.split(/\r?\n/, 2);
}

/** True when `body` opens with the marker for `model`; a marker quoted further down does not count. */
export function hasModelMarker(body: string, model: string | undefined): boolean {
  return headLines(body)[0] === modelMarker(model);
}

/** The commit a marked body was written for, or null when it records none. */
export function markedCommit(body: string): string | null {
  const match = new RegExp(`^<!-- ${PREFIX} commit=([0-9a-f]+) -->$`).exec(headLines(body)[1] ?? '');
  return match?.[1] ?? null;
}
