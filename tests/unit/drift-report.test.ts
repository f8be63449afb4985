// validate-data's annotations and job summary for drift: the rule that fired, drift's share of the annotation
// budget, failures past the budget in the log (escaped), clipped column names, new and vanished categories.
import { describe, expect, it } from 'vitest';
import { annotate, buildReport, summaryMarkdown, type ValidationReport } from '../../actions/validate-data/src/report';
import type { DriftEntry } from '../../actions/validate-data/src/drift';
import type { CheckResult } from '../../shared/src/contract';
import { columnDrift, exactCategorical, exactNumeric } from '../../shared/src/drift';
import type { Logger, SourceLocation } from '../../shared/src/ports';
import { normals } from '../fixtures/random';
import { oneLine } from '../../shared/src/runtime/logger';

interface Logged {
  level: 'info' | 'warning' | 'error';
  message: string;
  where?: SourceLocation;
}

function recorder(): { logger: Logger; logged: Logged[] } {
  const logged: Logged[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (message) => logged.push({ level: 'info', message }),
    warning: (message, where) => logged.push({ level: 'warning', message, where }),
    error: (message, where) => logged.push({ level: 'error', message, where }),
    group: (_name, fn) => fn(),
    mask: () => undefined,
  };
  return { logger, logged };
}

function reportOf(drift: DriftEntry[], checks: CheckResult[] = []): ValidationReport {
  return buildReport({ failOn: 'error', mode: 'full', rows: 1000, files: [{ path: 'data.csv', rows: 1000 }], contract: 'contract.yaml', reference: 'ref.json', profile: 'profile.json', checks, drift });
}

const values = Array.from(normals(1, 1000, 10, 2));
/** Null-rate drift only: a third of the values became null, the rest did not move. */
const nullsOnly: DriftEntry = { column: 'x', drift: columnDrift(exactNumeric(values), exactNumeric(values.map((v, i) => (i % 3 === 0 ? null : v)))) };
/** Both: shifted by 2σ and a third null. */
const both: DriftEntry = { column: 'y', drift: columnDrift(exactNumeric(values), exactNumeric(values.map((v, i) => (i % 3 === 0 ? null : v + 4)))) };
const shifted: DriftEntry = { column: 'z', drift: columnDrift(exactNumeric(values), exactNumeric(values.map((v) => v + 4))) };

function failedWarn(i: number): CheckResult {
  const message = `column "c${i}" has 3 values below 0 (first "-1" at data.csv:${i + 2})`;
  return { id: `columns.c${i}.min`, column: `c${i}`, check: 'min', severity: 'warn', passed: false, evaluated: 1000, failed: 3, threshold: '>= 0', message, contractLine: i + 3, failures: [{ file: 'data.csv', line: i + 2, value: '-1' }] };
}

describe('drift annotations', () => {
  it('name the rule that fired: the null rate, the effect, or both', () => {
    const { logger, logged } = recorder();
    annotate(reportOf([nullsOnly, both, shifted]), logger);
    const messages = logged.filter((l) => l.level === 'warning').map((l) => l.message);
    expect(messages[0]).toMatch(/^column "x" drifted: its null rate went from 0 to 0\.334, a change of \+0\.334 beyond the threshold 0\.0500 and the noise floor 0\.05\d+$/);
    expect(messages[0]).not.toContain('wasserstein');
    expect(messages[1]).toMatch(/^column "y" drifted: wasserstein 2\.\d+ is above the threshold 0\.100 and the noise floor 0\.2\d+; and its null rate went from 0 to 0\.334/);
    expect(messages[2]).toMatch(/^column "z" drifted: wasserstein 2\.\d+ is above the threshold 0\.100 and the noise floor 0\.2\d+$/);
  });

  it('keep a share of the warnings for drift when more than ten warn checks fail, and log the rest as plain lines', () => {
    const { logger, logged } = recorder();
    const checks = Array.from({ length: 12 }, (_, i) => failedWarn(i));
    annotate(reportOf([nullsOnly, shifted], checks), logger);
    const warnings = logged.filter((l) => l.level === 'warning');
    expect(warnings).toHaveLength(10);
    expect(warnings.filter((w) => w.where?.title === 'drift').map((w) => w.message)).toEqual([
      expect.stringMatching(/^column "x" drifted: its null rate/),
      expect.stringMatching(/^column "z" drifted: wasserstein/),
    ]);
    // 12 checks × 2 annotations (data row and contract line) = 24; 8 shown, 16 in the log.
    const lines = logged.filter((l) => l.level === 'info').map((l) => l.message);
    expect(lines[0]).toMatch(/^More than GitHub shows as annotations/);
    expect(lines).toHaveLength(17);
    expect(lines[1]).toBe('  warning at data.csv:6: column "c4" has 3 values below 0 (first "-1" at data.csv:6)');
  });

  it('escape untrusted text in the log lines past the budget, so it cannot start a workflow command', () => {
    const { logger, logged } = recorder();
    const checks = Array.from({ length: 11 }, (_, i) => ({ ...failedWarn(i), contractLine: undefined, message: `bad value "x\n::error title=forged::injected 100%"` }));
    annotate(reportOf([], checks), logger);
    // The runtime's logger writes every info line as one line (oneLine): the newline cannot start a command.
    const line = oneLine(logged.filter((l) => l.level === 'info')[1]!.message);
    expect(line).toBe('  warning at data.csv:12: bad value "x%0A::error title=forged::injected 100%"');
  });
});

describe('drift in the job summary', () => {
  it('says which rule each drifted column crossed', () => {
    const summary = summaryMarkdown(reportOf([nullsOnly, both, shifted]));
    expect(summary).toContain('the rule named: its effect size, its null rate, or both');
    expect(summary).not.toContain('Above both the threshold and the noise floor for these sample sizes:');
    const row = (name: string) => summary.split('\n').find((l) => l.startsWith(`| <code>${name}</code> |`))!.split(' | ');
    expect(row('x').slice(1, 3)).toEqual(['null rate', 'wasserstein']);
    expect(row('y').slice(1, 3)).toEqual(['wasserstein and null rate', 'wasserstein']);
    expect(row('z').slice(1, 3)).toEqual(['wasserstein', 'wasserstein']);
    expect(row('x')[6]).toBe('0 → 0.334');
  });

  it('shows new and vanished categories, escaped', () => {
    const drift = columnDrift(exactCategorical([...Array(500).fill('a'), ...Array(500).fill('<b>')]), exactCategorical([...Array(500).fill('a'), ...Array(500).fill('@new|x')]));
    const summary = summaryMarkdown(reportOf([{ column: 'city', drift }]));
    expect(summary).toContain('new: <code>@&#8203;new&#124;x</code><br>vanished: <code>&lt;b&gt;</code>');
  });

  it('clips long column names like values, in the drift table and in check ids', () => {
    const name = 'n'.repeat(5000);
    const check: CheckResult = { ...failedWarn(0), id: `columns.${name}.min`, column: name };
    const summary = summaryMarkdown(reportOf([{ ...shifted, column: name }], [check, { ...check, passed: true }]));
    expect(summary).not.toContain('n'.repeat(101));
    expect(summary).toContain(`<code>${'n'.repeat(99)}…</code>`);
    expect(summary.length).toBeLessThan(4000);
  });

  it('lists columns without an effect size with the reason, and `drift: off` columns as not judged', () => {
    const off: DriftEntry = { column: 'quiet', drift: columnDrift(exactNumeric(values), exactNumeric(values.map((v) => v + 4)), { method: 'off' }) };
    // Half null before, all null now: too few rows for the null rate to drift, and no values to measure.
    const empty: DriftEntry = { column: 'gone', drift: columnDrift(exactNumeric([...values.slice(0, 5), null, null, null, null, null]), exactNumeric([null, null])) };
    expect(empty.drift.drifted).toBe(false);
    const summary = summaryMarkdown(reportOf([off, empty]));
    expect(summary).toContain('#### Columns without an effect size');
    expect(summary).toMatch(/\| <code>gone<\/code> \| wasserstein \| — \|.*\| the current data has no non\\-null values \|/);
    expect(summary).toContain('1 column not judged (<code>drift: off</code>)');
    expect(summary).toMatch(/\| <code>quiet<\/code> \| off \(not judged\) \| psi [\d.]+, jensen-shannon [\d.]+, ks 0\.\d+, W1\/σ 2\.\d+ \|/);
  });
});
