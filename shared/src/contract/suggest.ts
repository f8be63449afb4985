/** Suggestions for typos: the closest candidate by edit distance, when it is close enough to be what was meant. */

/** Levenshtein distance, with a transposition of two neighbours counting as one edit (`mni` → `min`). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((d[(i - 1) * cols + j] ?? 0) + 1, (d[i * cols + j - 1] ?? 0) + 1, (d[(i - 1) * cols + j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] ?? 0;
}

/**
 * The candidate closest to `word` (case-insensitively), if at most about a third of its letters differ (at least
 * one edit is always allowed, two for words of five letters or more).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(word.length >= 5 ? 2 : 1, Math.floor(word.length / 3));
  if (best !== undefined && bestDistance <= allowed) return best;
  // A word that starts with a candidate, or the start of one (`warning` for `warn`, `uniq` for `unique`).
  if (lower.length >= 3) {
    for (const candidate of candidates) {
      const other = candidate.toLowerCase();
      if (other.length >= 3 && (lower.startsWith(other) || other.startsWith(lower))) return candidate;
    }
  }
  return undefined;
}

/** `; did you mean "min"?` or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const suggestion = closest(word, candidates);
  return suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`;
}
