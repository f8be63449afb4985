/**
 * The gate report as GitHub-flavoured markdown: the sticky PR comment and the job summary are this same text.
 *
 * Order: the verdict first (a heading and one line of what was compared with what), the notes (why no interval
 * was possible, and the like: they change how the table reads, so they come before it), the table of overall
 * metrics, the slices, why the failed rows failed, the smallest change the test set can detect, the chart, the
 * data validation, and the provenance (digests) folded away.
 *
 * Everything that came from user files (metric names, slice columns and values, versions, paths, column names,
 * the policy's reasons) is escaped with shared/src/markdown.ts and clipped, so it can neither add markup (links,
 * HTML, mentions) nor break the table, nor blow the size budget. Numbers are ours and formatted by ./format.ts.
 *
 * Size: a comment holds at most 65,536 characters. When the full report is longer, rows are dropped from the
 * end of the tables (overall metrics first in policy order, then failed slices, then the rest) and a line says
 * how many were left out and that gate.json has them all.
 */
import { escapeMarkdown, markdownCode, markdownTable } from '../../markdown';
import type { DifferenceInterval, GateResult, GateVerdict, MetricComparison, MetricVerdict, SliceRef } from '../types';
import { NONE, decimalsFor, formatCount, formatInterval, formatLevel, formatPercent, formatValue, plural, signedFixed } from './format';
import { renderChart } from './mermaid';

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const COMMENT_MAX_LENGTH = 65_536;
/** The report's default budget: the comment limit less room for the sticky comment's hidden marker lines. */
export const REPORT_MAX_LENGTH = COMMENT_MAX_LENGTH - 1_024;

/** How much untrusted text one cell or line may show; the full text is in gate.json. */
const NAME_MAX = 60;
const TEXT_MAX = 200;
/** Above this many slice rows the slice table is folded in <details>. */
const SLICES_OPEN_MAX = 20;

export interface ReportOptions {
  /** The budget in characters (string length); REPORT_MAX_LENGTH by default. */
  maxLength?: number;
  /** The workflow run's URL, linked from the headline (built by the action from GITHUB_SERVER_URL; http(s) only). */
  runUrl?: string;
}

/** How many of the repeatable items to show; lowered step by step when the report is too long. */
interface Caps {
  rows: number;
  reasons: number;
  notes: number;
  drifted: number;
}

const CAP_LEVELS: Omit<Caps, 'rows'>[] = [
  { reasons: 20, notes: 10, drifted: 30 },
  { reasons: 5, notes: 3, drifted: 5 },
  { reasons: 0, notes: 0, drifted: 0 },
];

const GATE_VERDICT: Record<GateVerdict, string> = {
  improved: 'improved',
  unchanged: 'unchanged',
  'within-noise': 'within noise',
  'no-baseline': 'no baseline',
  failed: 'failed',
};

const METRIC_VERDICT: Record<MetricVerdict, string> = {
  improved: 'improved',
  unchanged: 'unchanged',
  'within-noise': 'within noise',
  regressed: 'regressed',
  'no-baseline': 'no baseline',
  missing: 'missing',
};

/**
 * Untrusted text as inline code, clipped. markdownCode makes an HTML <code> element, and markdown still parses
 * the text between HTML tags: `[a](http://evil)` inside it would become a link, `*x*` emphasis. So markdown's
 * punctuation gets a backslash first, which the renderer removes again: the reader sees the text as it was.
 * Ampersand, angle brackets, pipe and backtick are left to markdownCode, which makes them entities (a backslash
 * before an entity would show).
 */
export function code(text: string, max = NAME_MAX): string {
  return markdownCode(text, max);
}

/** Untrusted prose, escaped and clipped. */
function prose(text: string, max = TEXT_MAX): string {
  return escapeMarkdown(text, max);
}

/**
 * The verdict cell's mark: ❌ for any failed row; for passing rows ✅, except ⚠️ when the difference is within the
 * noise but its point estimate went the wrong way (it passed, and deserves a look).
 */
export function verdictMark(row: MetricComparison): string {
  if (!row.passed) return '❌';
  if (row.verdict === 'within-noise' && row.change !== null && isWorse(row, row.change.absolute)) return '⚠️';
  return '✅';
}

function isWorse(row: MetricComparison, difference: number): boolean {
  return row.direction === 'higher' ? difference < 0 : difference > 0;
}

export function verdictCell(row: MetricComparison): string {
  // Where McNemar's test decided, its p-value explains a verdict the interval alone would not give.
  const test = row.mcnemar && (row.verdict === 'improved' || row.verdict === 'within-noise') ? ` (McNemar p = ${formatValue(row.mcnemar.pValue)})` : '';
  return `${verdictMark(row)} ${METRIC_VERDICT[row.verdict]}${test}`;
}

export function metricCell(row: MetricComparison): string {
  return `${code(row.metric)} ${row.direction === 'higher' ? '↑' : '↓'}`;
}

export function sliceCell(slice: SliceRef): string {
  return `${code(slice.column)} = ${code(slice.value)}`;
}

/** Change and interval share their decimals, so the point and the bounds line up. */
function differenceDecimals(row: MetricComparison): number {
  const values = [row.change?.absolute ?? 0];
  if (row.interval) values.push(row.interval.low, row.interval.high);
  return decimalsFor(values);
}

export function changeCell(row: MetricComparison): string {
  if (row.change === null) return NONE;
  const absolute = signedFixed(row.change.absolute, differenceDecimals(row));
  const relative = row.change.relative === null ? 'baseline 0' : formatPercent(row.change.relative);
  return `${absolute} (${relative})`;
}

export function intervalCell(row: MetricComparison, sharedLevel: number | null): string {
  if (row.interval === null) return NONE;
  const text = formatInterval(row.interval.low, row.interval.high, differenceDecimals(row));
  return sharedLevel === null ? `${text} at ${formatLevel(row.interval.level)}` : text;
}

/** The confidence level every interval shares, or null when they differ (then each cell says its own). */
function sharedLevel(rows: MetricComparison[]): number | null {
  const levels = new Set(rows.map((r) => r.interval?.level).filter((l): l is number => l !== undefined));
  return levels.size === 1 ? [...levels][0]! : null;
}

function intervalHeader(level: number | null): string {
  return level === null ? 'Interval of the difference' : `${formatLevel(level)} interval of the difference`;
}

function baselineHeader(result: GateResult): string {
  return result.baseline.source === 'file' ? 'Baseline' : 'Production';
}

function overallRowCells(row: MetricComparison, level: number | null): string[] {
  return [metricCell(row), formatValue(row.baseline), formatValue(row.candidate), changeCell(row), intervalCell(row, level), prose(row.rule), verdictCell(row)];
}

function sliceRowCells(row: MetricComparison, level: number | null): string[] {
  const slice = row.slice!;
  return [metricCell(row), sliceCell(slice), formatCount(slice.rows), formatValue(row.baseline), formatValue(row.candidate), changeCell(row), intervalCell(row, level), prose(row.rule), verdictCell(row)];
}

/** Where the row is: `accuracy` or `accuracy` on `region` = `EU`. */
function rowName(row: MetricComparison): string {
  return row.slice === null ? code(row.metric) : `${code(row.metric)} on ${sliceCell(row.slice)}`;
}

function headline(result: GateResult, options: ReportOptions): string[] {
  const mark = result.passed ? '✅' : '❌';
  const model = result.model === undefined ? '' : ` for ${code(result.model)}`;
  const title = result.passed ? `### ${mark} Model gate passed${model}: ${GATE_VERDICT[result.verdict]}` : `### ${mark} Model gate failed${model}`;
  const total = result.metrics.length;
  const failed = result.metrics.filter((m) => !m.passed).length;
  const counts = failed > 0 ? `**${formatCount(failed)} of ${plural(total, 'check')} failed.**` : total === 1 ? 'The check passed.' : `All ${plural(total, 'check')} passed.`;
  const against = result.baseline.source === 'none' ? 'had no baseline to compare with (a first run, or the baseline set to none)' : `against ${baselinePhrase(result)}`;
  return [title, '', `${counts} ${candidatePhrase(result, options)} ${against}. ${comparisonPhrase(result)}`];
}

function candidatePhrase(result: GateResult, options: ReportOptions): string {
  const parts = ['Candidate'];
  if (result.commit) parts.push(`from commit ${code(result.commit.slice(0, 7))}`);
  // A bare metrics file has no run: say what was gated instead.
  const run = result.candidate.runId === null ? `metrics ${code(result.candidate.location, 80)}` : `run ${code(result.candidate.runId, 40)}`;
  parts.push(options.runUrl && isHttpUrl(options.runUrl) ? `([${run}](${options.runUrl}))` : `(${run})`);
  return parts.join(' ');
}

/** A URL safe to put in a markdown link target: http(s), no spaces, parentheses or angle brackets. */
function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s()<>]+$/.test(url);
}

export function baselinePhrase(result: GateResult): string {
  const baseline = result.baseline;
  if (baseline.source === 'none') return 'no baseline';
  if (baseline.source === 'file') return `the baseline in ${baseline.location ? code(baseline.location, 120) : 'a metrics file'}`;
  const named = baseline.version ? `production ${code(baseline.version, 40)}` : 'the production model';
  // A link to the model the candidate was compared with, where the registry says where it is on the web.
  const version = baseline.modelUrl && isHttpUrl(baseline.modelUrl) ? `[${named}](${baseline.modelUrl})` : named;
  if (baseline.rescored) return `${version} from the model registry, re-scored on this test set`;
  return `${version} from the model registry${baseline.location ? ` (metrics from ${code(baseline.location, 120)})` : ''}`;
}

function comparisonPhrase(result: GateResult): string {
  if (result.comparison === 'bounds-only') return 'Only the absolute bounds were checked.';
  if (result.comparison === 'point-estimates') return 'Compared on point estimates, without intervals of the difference.';
  const interval = result.metrics.find((m) => m.interval !== null)?.interval;
  return interval ? `Compared on paired-bootstrap intervals of the difference (${describeBootstrap(interval)}).` : 'Compared on paired-bootstrap intervals of the difference.';
}

function describeBootstrap(interval: DifferenceInterval): string {
  return `${formatCount(interval.resamples)} resamples, seed ${interval.seed}`;
}

function notesSection(notes: string[], cap: number): string[] {
  if (notes.length === 0 || cap === 0) return notes.length === 0 ? [] : [`_${plural(notes.length, 'note')} left out for length; gate.json has them._`];
  const lines = notes.slice(0, cap).map((note) => `- ${prose(note, 300)}`);
  if (notes.length > cap) lines.push(`- _… and ${plural(notes.length - cap, 'more note')} in gate.json_`);
  return ['**Notes**', '', ...lines];
}

function reasonsSection(failedRows: MetricComparison[], cap: number): string[] {
  // The decision's reasons are sentences that name their row (shared/src/gate/judge.ts); a failed row without
  // one is named here with its verdict.
  const reasons = failedRows.flatMap((row) => (row.reasons.length > 0 ? row.reasons.map((reason) => `- ❌ ${prose(reason)}`) : [`- ❌ ${rowName(row)}: ${METRIC_VERDICT[row.verdict]}`]));
  if (reasons.length === 0) return [];
  const lines = reasons.slice(0, cap);
  if (reasons.length > cap) lines.push(`- _… and ${plural(reasons.length - cap, 'more reason')} in gate.json_`);
  return ['#### Why it failed', '', ...lines];
}

/** The smallest change the test set detects, for the overall metrics, with McNemar's test where it was run. */
function detectableSection(rows: MetricComparison[]): string[] {
  const items = rows
    .filter((row) => row.mde !== null || row.mcnemar !== null)
    .map((row) => {
      const parts: string[] = [];
      if (row.mde !== null) parts.push(`±${formatValue(row.mde)}`);
      if (row.mcnemar !== null) {
        const m = row.mcnemar;
        parts.push(`McNemar p = ${formatValue(m.pValue)} (${formatCount(m.candidateOnlyCorrect)} rows only the candidate got right, ${formatCount(m.baselineOnlyCorrect)} only production)`);
      }
      return `- ${code(row.metric)}: ${parts.join('; ')}`;
    });
  if (items.length === 0) return [];
  return [
    '#### Smallest detectable change',
    '',
    'The minimum detectable effect at this test-set size (α = 0.05 two-sided, 80 % power): a real change smaller than this is likely to look like noise.',
    '',
    ...items,
  ];
}

function validationSection(result: GateResult, cap: number): string[] {
  const validation = result.validation;
  if (validation === null) return [];
  const lines = [
    `#### Data validation ${validation.passed ? '✅ passed' : '❌ failed'}`,
    '',
    `${plural(validation.rows, 'row')}; ${plural(validation.errors, 'error')}, ${plural(validation.warnings, 'warning')}.`,
  ];
  const drifted = validation.driftedColumns;
  if (drifted.length === 0) lines.push('No column drifted.');
  else {
    const shown = drifted.slice(0, cap).map((c) => code(c));
    const more = drifted.length - shown.length;
    const list = shown.length > 0 ? `: ${shown.join(', ')}${more > 0 ? `, and ${formatCount(more)} more` : ''}` : '';
    lines.push(`Drifted ${drifted.length === 1 ? 'column' : 'columns'} (${formatCount(drifted.length)})${list}.`);
  }
  return lines;
}

function provenanceSection(result: GateResult): string[] {
  const rows: string[][] = [
    ['Candidate', result.candidate.modelDigest ? code(result.candidate.modelDigest, 80) : NONE, result.candidate.testSetDigest ? code(result.candidate.testSetDigest, 80) : NONE],
  ];
  if (result.baseline.source !== 'none') {
    rows.push([baselineHeader(result), result.baseline.modelDigest ? code(result.baseline.modelDigest, 80) : NONE, result.baseline.testSetDigest ? code(result.baseline.testSetDigest, 80) : NONE]);
  }
  return ['<details><summary>Provenance</summary>', '', markdownTable(['', 'Model digest', 'Test-set digest'], rows), '', '</details>'];
}

/** The report with at most `caps.rows` table rows; `omitted` says how many rows the budget left out. */
function render(result: GateResult, options: ReportOptions, ordered: MetricComparison[], caps: Caps): string {
  const shown = ordered.slice(0, caps.rows);
  const overall = shown.filter((row) => row.slice === null);
  const slices = shown.filter((row) => row.slice !== null);
  const allOverall = result.metrics.filter((row) => row.slice === null);
  const allSlices = result.metrics.filter((row) => row.slice !== null);
  const level = sharedLevel(result.metrics);
  const interval = intervalHeader(level);
  const baseline = baselineHeader(result);
  const sections: string[][] = [headline(result, options), notesSection(result.notes, caps.notes)];

  if (overall.length > 0) {
    sections.push([markdownTable(['Metric', baseline, 'Candidate', 'Change', interval, 'Rule', 'Verdict'], overall.map((row) => overallRowCells(row, level))), '', '↑ higher is better, ↓ lower is better.']);
  } else if (allOverall.length === 0 && allSlices.length === 0) {
    sections.push(['_The policy names no metric: nothing was compared._']);
  }

  if (slices.length > 0) {
    const failed = allSlices.filter((row) => !row.passed).length;
    const table = markdownTable(['Metric', 'Slice', 'Rows', baseline, 'Candidate', 'Change', interval, 'Rule', 'Verdict'], slices.map((row) => sliceRowCells(row, level)));
    const summary = `Slices: ${plural(allSlices.length, 'row')}, ${failed === 0 ? 'all passed' : `${formatCount(failed)} failed`}`;
    sections.push(allSlices.length > SLICES_OPEN_MAX ? [`<details><summary>${summary}</summary>`, '', table, '', '</details>'] : [`#### ${summary}`, '', table]);
  }

  const omitted = ordered.length - shown.length;
  if (omitted > 0) {
    const failed = ordered.slice(caps.rows).filter((row) => !row.passed).length;
    sections.push([
      `_… ${plural(omitted, 'more row')}${failed > 0 ? ` (${formatCount(failed)} failed)` : ''} not shown: a comment holds at most ${formatCount(COMMENT_MAX_LENGTH)} characters. \`gate.json\` has every row._`,
    ]);
  }

  sections.push(reasonsSection(ordered.filter((row) => !row.passed), caps.reasons));
  sections.push(detectableSection(overall));
  const chart = renderChart(result.metrics, result.baseline.source === 'file' ? 'baseline' : 'production');
  if (chart !== null) sections.push([chart]);
  sections.push(validationSection(result, caps.drifted));
  sections.push(provenanceSection(result));
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

/**
 * Table rows in the order they are kept when the report must be cut: overall metrics (policy order), then failed
 * slices, then passing slices, so the cut falls on what matters least.
 */
function rowsByPriority(metrics: MetricComparison[]): MetricComparison[] {
  const overall = metrics.filter((row) => row.slice === null);
  const slices = metrics.filter((row) => row.slice !== null);
  return [...overall, ...slices.filter((row) => !row.passed), ...slices.filter((row) => row.passed)];
}

/**
 * The gate report as markdown, at most `options.maxLength` characters (REPORT_MAX_LENGTH by default): every row
 * when it fits, else as many rows as fit (binary search on the count) and a line saying how many were left out.
 */
export function renderGateReport(result: GateResult, options: ReportOptions = {}): string {
  const maxLength = options.maxLength ?? REPORT_MAX_LENGTH;
  const ordered = rowsByPriority(result.metrics);
  let text = '';
  for (const level of CAP_LEVELS) {
    const full = render(result, options, ordered, { ...level, rows: ordered.length });
    if (full.length <= maxLength) return full;
    let low = 0;
    let high = ordered.length - 1;
    text = render(result, options, ordered, { ...level, rows: 0 });
    if (text.length > maxLength) continue;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (render(result, options, ordered, { ...level, rows: middle }).length <= maxLength) low = middle;
      else high = middle - 1;
    }
    return render(result, options, ordered, { ...level, rows: low });
  }
  // Only a budget far below any real comment gets here: cut at a line, closing nothing half-open but the text.
  return `${text.slice(0, Math.max(0, maxLength - 80)).replace(/\n[^\n]*$/, '')}\n\n_The report was cut to fit; gate.json has all of it._\n`.slice(0, maxLength);
}
