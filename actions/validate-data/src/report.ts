import schema from '../../../shared/schemas/validation.schema.json';
import type { CheckResult } from '../../../shared/src/contract';
import { writeJsonFile } from '../../../shared/src/files/json-file';
import { escapeMarkdown, markdownCode, markdownTable } from '../../../shared/src/markdown';
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
  drift: Array<DriftEntry['drift'] & { column: string; contractLine?: number }>;
}

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
    drift: drift.map((entry) => ({ column: entry.column, ...entry.drift, ...(entry.contractLine ? { contractLine: entry.contractLine } : {}) })),
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
 * Annotations that point where to look: at the first failing row of the data file and at the contract line that
 * set the check. Paths are relative to the workspace, as GitHub resolves them against the repository.
 */
export function annotate(report: ValidationReport, logger: Logger): void {
  const budget = { error: ANNOTATIONS_PER_LEVEL, warning: ANNOTATIONS_PER_LEVEL };
  const emit = (level: 'error' | 'warning', message: string, file?: string, line?: number, title?: string): void => {
    if (budget[level] <= 0) return;
    budget[level]--;
    logger[level](message, file ? { file, line, title } : { title });
  };
  for (const check of report.checks.filter((c) => !c.passed)) {
    const level = check.severity === 'error' ? 'error' : 'warning';
    const first = check.failures[0];
    const title = `${check.id} failed`;
    // The message already quotes the first failing value and its line.
    emit(level, check.message, first?.file, first?.line, title);
    // The same words at the contract's line: the title already names the check.
    if (check.contractLine && report.contract) emit(level, check.message, report.contract, check.contractLine, title);
  }
  for (const drift of report.drift.filter((d) => d.drifted)) {
    const message = `column ${JSON.stringify(drift.column)} drifted: ${drift.method} ${format(drift.value)} is above the threshold ${format(drift.threshold)} and the noise floor ${format(drift.noiseFloor)}`;
    emit('warning', message, drift.contractLine && report.contract ? report.contract : undefined, drift.contractLine, 'drift');
  }
}

/** The job summary: the verdict, then failed checks, drift, and the passing checks folded away. Data text is escaped. */
export function summaryMarkdown(report: ValidationReport): string {
  const verdict = report.passed ? '✅ passed' : '❌ failed';
  const lines = [
    `### Data validation ${verdict}`,
    '',
    `${report.rows.toLocaleString('en-US')} rows in ${report.files.length} file${report.files.length === 1 ? '' : 's'}` +
      `${report.mode === 'shard' ? ` (shard ${report.shard})` : report.mode === 'merge' ? ' (merged shard profiles)' : ''}; ` +
      `${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'} (fail-on: ${report.failOn}).` +
      `${report.contract ? ` Contract ${markdownCode(report.contract)}.` : ' No contract: profile only.'}` +
      `${report.inferredContract ? ` Inferred contract written to ${markdownCode(report.inferredContract)}.` : ''}`,
  ];
  const failed = report.checks.filter((check) => !check.passed);
  if (failed.length > 0) {
    lines.push('', '#### Failed checks', '');
    lines.push(
      markdownTable(
        ['Check', 'Severity', 'Expected', 'Failed', 'First failing rows'],
        failed.map((check) => [
          markdownCode(check.id),
          check.severity,
          escapeMarkdown(check.threshold ?? ''),
          `${check.failed.toLocaleString('en-US')} of ${check.evaluated.toLocaleString('en-US')}`,
          check.failures
            .slice(0, 3)
            .map((f) => `${markdownCode(`${f.file}:${f.line}`)}${f.value === undefined ? '' : ` ${markdownCode(f.value)}`}`)
            .join('<br>') || escapeMarkdown(check.message),
        ]),
      ),
    );
  }
  const driftTable = (entries: ValidationReport['drift']): string =>
    markdownTable(
      ['Column', 'Method', 'Effect size', 'Threshold', 'Noise floor', 'Null rate change'],
      entries.map((d) => [markdownCode(d.column), d.method, format(d.value), format(d.threshold), format(d.noiseFloor), format(d.statistics.nullRateChange)]),
    );
  const drifted = report.drift.filter((d) => d.drifted);
  if (drifted.length > 0) {
    lines.push('', '#### ⚠️ Drifted columns', '', 'Above both the threshold and the noise floor for these sample sizes:', '', driftTable(drifted));
  }
  const steady = report.drift.filter((d) => !d.drifted);
  if (steady.length > 0) {
    lines.push('', `<details><summary>${steady.length} column${steady.length === 1 ? '' : 's'} without drift</summary>`, '', driftTable(steady), '', '</details>');
  }
  const passed = report.checks.filter((check) => check.passed);
  if (passed.length > 0) {
    lines.push('', `<details><summary>${passed.length} passed check${passed.length === 1 ? '' : 's'}</summary>`, '');
    lines.push(markdownTable(['Check', 'Expected', 'Evaluated'], passed.map((check) => [markdownCode(check.id), escapeMarkdown(check.skipped ? `skipped: ${check.message}` : check.threshold ?? ''), check.evaluated.toLocaleString('en-US')])));
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

function format(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Math.abs(value) >= 100 || value === 0 ? String(Math.round(value * 1000) / 1000) : value.toPrecision(3);
}
