import schema from '../../../shared/schemas/validation.schema.json';
import type { CheckResult } from '../../../shared/src/contract';
import { METHOD_NAMES, type DriftMethod } from '../../../shared/src/drift';
import { writeJsonFile } from '../../../shared/src/files/json-file';
import { clipText, escapeMarkdown, markdownCode, markdownTable } from '../../../shared/src/markdown';
import type { Logger, OutputSink } from '../../../shared/src/ports';
import type { DriftEntry } from './drift';
import type { FailOn } from './inputs';

/** `validation.json`; its JSON Schema is shared/schemas/validation.schema.json. */
export interface ValidationReport {
  schemaVersion: 1;
  passed: boolean;
  failOn: FailOn;
  mode: 'full' | 'shard' | 'merge';
  shard?: string;
  rows: number;
  files: Array<{ path: string; rows: number }>;
  contract: string | null;
  inferredContract?: string;
  reference: string | null;
  profile: string;
  errors: number;
  warnings: number;
  driftedColumns: string[];
  checks: CheckResult[];
  drift: DriftReportEntry[];
}

/** A column's drift in the report: the statistics, where its settings are, and how it was compared. */
export type DriftReportEntry = DriftEntry['drift'] & { column: string; contractLine?: number; note?: string };

export type ReportInput = Omit<ValidationReport, 'schemaVersion' | 'passed' | 'errors' | 'warnings' | 'driftedColumns' | 'drift'> & { drift: DriftEntry[] };

/**
 * Counts and the verdict. A failed check counts at its severity; a drifted column counts as a warning (drift is a
 * signal to look, not proof of bad data). `fail-on` then decides: error, warning, or never.
 */
export function buildReport(input: ReportInput): ValidationReport {
  const failed = input.checks.filter((check) => !check.passed);
  const errors = failed.filter((check) => check.severity === 'error').length;
  const drifted = input.drift.filter((entry) => entry.drift.drifted).map((entry) => entry.column);
  const warnings = failed.filter((check) => check.severity === 'warn').length + drifted.length;
  const passed = input.failOn === 'never' || (errors === 0 && (input.failOn === 'error' || warnings === 0));
  const { drift, ...rest } = input;
  return {
    schemaVersion: 1,
    ...rest,
    passed,
    errors,
    warnings,
    driftedColumns: drifted,
    drift: drift.map((entry) => ({
      column: entry.column,
      ...entry.drift,
      ...(entry.contractLine ? { contractLine: entry.contractLine } : {}),
      ...(entry.note ? { note: entry.note } : {}),
    })),
  };
}

export async function writeReport(file: string, report: ValidationReport): Promise<void> {
  await writeJsonFile(file, report, { schema, label: 'report' });
}

export function setValidateOutputs(outputs: OutputSink, report: ValidationReport, profilePath: string, reportPath: string): void {
  outputs.set('passed', report.passed);
  outputs.set('rows', report.rows);
  outputs.set('errors', report.errors);
  outputs.set('warnings', report.warnings);
  outputs.set('drifted-columns', JSON.stringify(report.driftedColumns));
  outputs.set('profile', profilePath);
  outputs.set('report', reportPath);
}

/** GitHub shows at most 10 annotations of each level per step; the rest of the failures are in the report. */
const ANNOTATIONS_PER_LEVEL = 10;
/**
 * Warning annotations kept for drifted columns, so ten failed `warn` checks (each annotated twice) cannot crowd
 * drift out. Checks take what drift does not need; drift then takes what is left.
 */
const DRIFT_ANNOTATIONS = 4;
/** Characters of a column name, check id or value in a message or the summary (values are 200 and `…`). */
const NAME_CHARS = 100;
const VALUE_CHARS = 201;
const TEXT_CHARS = 300;

/**
 * Annotations that point where to look: at the first failing row of the data file and at the contract line that
 * set the check. Paths are relative to the workspace, as GitHub resolves them against the repository. What does
 * not fit in GitHub's budget goes to the log as plain lines (one line each: see the runtime's logger).
 */
export function annotate(report: ValidationReport, logger: Logger): void {
  const drifted = report.drift.filter((d) => d.drifted);
  const budget = { error: ANNOTATIONS_PER_LEVEL, warning: ANNOTATIONS_PER_LEVEL - Math.min(drifted.length, DRIFT_ANNOTATIONS) };
  let unshown = 0;
  const emit = (level: 'error' | 'warning', message: string, file?: string, line?: number, title?: string): void => {
    if (budget[level] > 0) {
      budget[level]--;
      logger[level](message, file ? { file, line, title } : { title });
      return;
    }
    if (unshown++ === 0) logger.info(`More than GitHub shows as annotations (${ANNOTATIONS_PER_LEVEL} a level); the rest, also in the report:`);
    // The logger keeps it one line, so untrusted text in it cannot start a workflow command.
    logger.info(`  ${level}${file ? ` at ${file}${line ? `:${line}` : ''}` : ''}: ${message}`);
  };
  for (const check of report.checks.filter((c) => !c.passed)) {
    const level = check.severity === 'error' ? 'error' : 'warning';
    const first = check.failures[0];
    const title = `${clipText(check.id, NAME_CHARS)} failed`;
    // The message already quotes the first failing value and its line.
    emit(level, check.message, first?.file, first?.line, title);
    // The same words at the contract's line: the title already names the check.
    if (check.contractLine && report.contract) emit(level, check.message, report.contract, check.contractLine, title);
  }
  // Drift's share of the warnings, which the checks could not take.
  budget.warning += Math.min(drifted.length, DRIFT_ANNOTATIONS);
  for (const drift of drifted) {
    emit('warning', driftMessage(drift), drift.contractLine && report.contract ? report.contract : undefined, drift.contractLine, 'drift');
  }
}

/** Why a column drifted, naming the rule that fired: its effect size, its null rate, or both. */
export function driftMessage(drift: DriftReportEntry): string {
  const reasons: string[] = [];
  if (drift.effectDrifted) {
    reasons.push(`${methodName(drift.method)} ${format(drift.value)} is above the threshold ${format(drift.threshold)} and the noise floor ${format(drift.noiseFloor)}`);
  }
  if (drift.nullRate.drifted) reasons.push(nullRateSentence(drift));
  const extra = [drift.reason, drift.note].filter((text): text is string => Boolean(text));
  return `column ${JSON.stringify(clipText(drift.column, NAME_CHARS))} drifted: ${reasons.join('; and ')}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`;
}

function nullRateSentence(drift: DriftReportEntry): string {
  const { reference, current, change, threshold, noiseFloor } = drift.nullRate;
  return (
    `its null rate went from ${format(reference)} to ${format(current)}, a change of ${signed(change)} beyond ` +
    `the threshold ${format(threshold)} and the noise floor ${format(noiseFloor)}`
  );
}

/** A method as the contract spells it (`jensen-shannon`; validation.json keeps the short `js`). */
function methodName(method: DriftMethod): string {
  return METHOD_NAMES[method];
}

/** The rule that fired, for the summary's table. */
function ruleOf(drift: DriftReportEntry): string {
  if (drift.effectDrifted && drift.nullRate.drifted) return `${methodName(drift.method)} and null rate`;
  return drift.effectDrifted ? methodName(drift.method) : 'null rate';
}

/** The job summary: the verdict, then failed checks, drift, and the passing checks folded away. Data text is escaped. */
export function summaryMarkdown(report: ValidationReport): string {
  const verdict = report.passed ? '✅ passed' : '❌ failed';
  const lines = [
    `### Data validation ${verdict}`,
    '',
    `${report.rows.toLocaleString('en-US')} row${report.rows === 1 ? '' : 's'} in ${report.files.length} file${report.files.length === 1 ? '' : 's'}` +
      `${report.mode === 'shard' ? ` (shard ${escapeMarkdown(report.shard ?? '', NAME_CHARS)})` : report.mode === 'merge' ? ' (merged shard profiles)' : ''}; ` +
      `${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'} (fail-on: ${report.failOn}).` +
      `${report.contract ? ` Contract ${markdownCode(report.contract, TEXT_CHARS)}.` : ' No contract: profile only.'}` +
      `${report.inferredContract ? ` Inferred contract written to ${markdownCode(report.inferredContract, TEXT_CHARS)}.` : ''}`,
  ];
  const failed = report.checks.filter((check) => !check.passed);
  if (failed.length > 0) {
    lines.push('', '#### Failed checks', '');
    lines.push(
      markdownTable(
        ['Check', 'Severity', 'Expected', 'Failed', 'First failing rows'],
        failed.map((check) => [
          markdownCode(check.id, NAME_CHARS),
          check.severity,
          escapeMarkdown(check.threshold ?? '', TEXT_CHARS),
          `${check.failed.toLocaleString('en-US')} of ${check.evaluated.toLocaleString('en-US')}`,
          check.failures
            .slice(0, 3)
            .map((f) => `${markdownCode(`${f.file}:${f.line}`, TEXT_CHARS)}${f.value === undefined ? '' : ` ${markdownCode(f.value, VALUE_CHARS)}`}`)
            .join('<br>') || escapeMarkdown(check.message, TEXT_CHARS),
        ]),
      ),
    );
  }
  lines.push(...driftSections(report.drift));
  const passed = report.checks.filter((check) => check.passed);
  if (passed.length > 0) {
    lines.push('', `<details><summary>${passed.length} passed check${passed.length === 1 ? '' : 's'}</summary>`, '');
    lines.push(
      markdownTable(
        ['Check', 'Expected', 'Evaluated'],
        passed.map((check) => [
          markdownCode(check.id, NAME_CHARS),
          escapeMarkdown(check.skipped ? `skipped: ${check.message}` : check.threshold ?? '', TEXT_CHARS),
          check.evaluated.toLocaleString('en-US'),
        ]),
      ),
    );
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Drifted columns with the rule that fired; columns whose effect could not be measured or judged, with why; then
 * the steady and the `drift: off` columns folded away.
 */
function driftSections(entries: ValidationReport['drift']): string[] {
  const lines: string[] = [];
  const drifted = entries.filter((d) => d.drifted);
  if (drifted.length > 0) {
    lines.push(
      '',
      '#### ⚠️ Drifted columns',
      '',
      'Each is above both the threshold and the noise floor (for these sample sizes) of the rule named: its effect size, its null rate, or both.',
      '',
      driftTable(drifted, true),
    );
  }
  const unmeasured = entries.filter((d) => !d.drifted && d.reason !== undefined && d.method !== 'off');
  if (unmeasured.length > 0) {
    lines.push('', '#### Columns without an effect size', '', 'Not judged on their effect size, for the reason given; their null rate still is.', '', driftTable(unmeasured, false));
  }
  const steady = entries.filter((d) => !d.drifted && d.reason === undefined && d.method !== 'off');
  if (steady.length > 0) {
    lines.push('', `<details><summary>${plural(steady.length, 'column')} without drift</summary>`, '', driftTable(steady, false), '', '</details>');
  }
  // `off` judges nothing, the null rate included: with or without an effect size, folded away.
  const off = entries.filter((d) => d.method === 'off');
  if (off.length > 0) {
    lines.push('', `<details><summary>${plural(off.length, 'column')} not judged (<code>drift: off</code>)</summary>`, '', driftTable(off, false), '', '</details>');
  }
  return lines;
}

function driftTable(entries: ValidationReport['drift'], withRule: boolean): string {
  return markdownTable(
    ['Column', ...(withRule ? ['Drifted on'] : []), 'Method', 'Effect size', 'Threshold', 'Noise floor', 'Null rate', 'Categories', 'Notes'],
    entries.map((d) => [
      markdownCode(d.column, NAME_CHARS),
      ...(withRule ? [ruleOf(d)] : []),
      d.method === 'off' ? 'off (not judged)' : methodName(d.method),
      d.method === 'off' ? statisticsText(d) : format(d.value),
      format(d.threshold),
      format(d.noiseFloor),
      `${format(d.nullRate.reference)} → ${format(d.nullRate.current)}`,
      categoriesText(d),
      escapeMarkdown([d.reason, d.note].filter((text): text is string => Boolean(text)).join('; '), TEXT_CHARS),
    ]),
  );
}

/** A `drift: off` column's statistics, since none is its effect size. */
function statisticsText(d: DriftReportEntry): string {
  const names: Array<[keyof DriftReportEntry['statistics'], string]> = [['psi', 'psi'], ['js', METHOD_NAMES.js], ['ks', 'ks'], ['wasserstein', 'W1/σ']];
  return names
    .filter(([key]) => d.statistics[key] !== undefined)
    .map(([key, name]) => `${name} ${format(d.statistics[key])}`)
    .join(', ');
}

/** Categories shown per list; the rest are counted. */
const CATEGORIES_SHOWN = 5;

function categoriesText(d: DriftReportEntry): string {
  const list = (label: string, values: string[] | undefined): string | undefined => {
    if (!values || values.length === 0) return undefined;
    const shown = values.slice(0, CATEGORIES_SHOWN).map((value) => markdownCode(value, NAME_CHARS));
    const more = values.length > CATEGORIES_SHOWN ? ` and ${values.length - CATEGORIES_SHOWN} more` : '';
    return `${label}: ${shown.join(', ')}${more}`;
  };
  return [list('new', d.newCategories), list('vanished', d.vanishedCategories)].filter(Boolean).join('<br>');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function signed(value: number | null): string {
  if (value === null) return '—';
  return `${value > 0 ? '+' : ''}${format(value)}`;
}

function format(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Math.abs(value) >= 100 || value === 0 ? String(Math.round(value * 1000) / 1000) : value.toPrecision(3);
}
