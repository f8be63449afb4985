import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMENT_MAX_LENGTH, REPORT_MAX_LENGTH, code, renderGateReport } from '../../shared/src/gate/report/markdown';
import type { GateResult, MetricComparison } from '../../shared/src/gate/types';
import { mermaidBlocks, mermaidProblems } from '../fixtures/gate-report/mermaid-check';
import { failedOnSlice, firstRun, passed, pointEstimates, sliceRow } from '../fixtures/gate-report/results';

const lines = (...text: string[]): string => text.join('\n');

/** The section that starts with `heading` and runs to the next blank-line-separated heading or fold. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`no section ${heading}`);
  const rest = markdown.slice(start);
  const end = rest.slice(1).search(/\n\n(?:#{3,4} |<details>|```mermaid|↑ higher|_… )/);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

describe('renderGateReport: a pass on intervals', () => {
  it('renders the whole report: headline, table, detectable change, chart, provenance', () => {
    expect(renderGateReport(passed, { runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/8812345678' })).toBe(
      lines(
        '### ✅ Model gate passed for <code>breast\\-cancer</code>: improved',
        '',
        'All 3 checks passed. Candidate from commit <code>9f2c1e4</code> ([run <code>8812345678\\-1</code>](https://github.com/octo-org/octo-repo/actions/runs/8812345678)) against production <code>v1\\.2\\.0</code> from the model registry, re-scored on this test set. Compared on paired-bootstrap intervals of the difference (2,000 resamples, seed 42).',
        '',
        '| Metric | Production | Candidate | Change | 95 % interval of the difference | Rule | Verdict |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| <code>accuracy</code> ↑ | 0.9474 | 0.9649 | +0.0175 (+1.85 %) | [+0.0035, +0.0316] | ≥ 0\\.9; regression ≤ 0\\.01 or 2 % | ✅ improved (McNemar p = 0.03130) |',
        '| <code>f1</code> ↑ | 0.9726 | 0.9712 | -0.0014 (-0.14 %) | [-0.0122, +0.0099] | regression ≤ 0\\.02 | ⚠️ within noise |',
        '| <code>log\\_loss</code> ↓ | 0.09120 | 0.09120 | 0.00000 (0.00 %) | [-0.00410, +0.00380] | regression ≤ 5 % | ✅ unchanged |',
        '',
        '↑ higher is better, ↓ lower is better.',
        '',
        '#### Smallest detectable change',
        '',
        'The minimum detectable effect at this test-set size (α = 0.05 two-sided, 80 % power): a real change smaller than this is likely to look like noise.',
        '',
        '- <code>accuracy</code>: ±0.02410; McNemar p = 0.03130 (6 rows only the candidate got right, 1 only production)',
        '- <code>f1</code>: ±0.01730',
        '- <code>log\\_loss</code>: ±0.01090',
        '',
        '```mermaid',
        'xychart-beta',
        '  title "Production vs candidate"',
        '  x-axis ["accuracy (prod)", "accuracy (cand)", "f1 (prod)", "f1 (cand)", "log_loss (prod)", "log_loss (cand)"]',
        '  y-axis "value" 0 --> 1',
        '  bar [0.9474, 0, 0.9726, 0, 0.0912, 0]',
        '  bar [0, 0.9649, 0, 0.9712, 0, 0.0912]',
        '```',
        '',
        '<details><summary>Provenance</summary>',
        '',
        '|  | Model digest | Test-set digest |',
        '| --- | --- | --- |',
        '| Candidate | <code>sha256\\:5d41402abc4b2a76b9719d911017c592ae2f0f6d3c8e6b1a7f0e9d8c7b6a5948</code> | <code>sha256\\:a3f5c2e1d0b9a8f7e6d5c4b3a2918070f6e5d4c3b2a19080f7e6d5c4b3a29181</code> |',
        '| Production | <code>sha256\\:0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7</code> | <code>sha256\\:a3f5c2e1d0b9a8f7e6d5c4b3a2918070f6e5d4c3b2a19080f7e6d5c4b3a29181</code> |',
        '',
        '</details>',
        '',
      ),
    );
  });

  it('links the run only for an http(s) URL without markdown-breaking characters', () => {
    expect(renderGateReport(passed, { runUrl: 'javascript:alert(1)' })).toContain('(run <code>8812345678\\-1</code>)');
    expect(renderGateReport(passed, { runUrl: 'https://x/a) [y](https://evil' })).not.toContain('https://evil');
  });
});

describe('renderGateReport: a failure on a slice, with data validation', () => {
  const report = renderGateReport(failedOnSlice);

  it('leads with the failure and the count of failed checks', () => {
    expect(report.split('\n').slice(0, 3)).toEqual([
      '### ❌ Model gate failed for <code>breast\\-cancer</code>',
      '',
      '**1 of 3 checks failed.** Candidate from commit <code>9f2c1e4</code> (run <code>8812345678\\-1</code>) against production <code>v1\\.2\\.0</code> from the model registry, re-scored on this test set. Compared on paired-bootstrap intervals of the difference (2,000 resamples, seed 42).',
    ]);
  });

  it('lists the slices, failed first, with their row counts', () => {
    expect(section(report, '#### Slices')).toBe(
      lines(
        '#### Slices: 2 rows, 1 failed',
        '',
        '| Metric | Slice | Rows | Production | Candidate | Change | 95 % interval of the difference | Rule | Verdict |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        '| <code>recall</code> ↑ | <code>age\\_band</code> = <code>60\\+</code> | 87 | 0.9425 | 0.8621 | -0.080 (-8.53 %) | [-0.138, -0.023] | regression ≤ 0\\.03 \\(slices of 30\\+ rows\\) | ❌ regressed |',
        '| <code>recall</code> ↑ | <code>age\\_band</code> = <code>40\\-59</code> | 212 | 0.9400 | 0.9500 | +0.0100 (+1.06 %) | [-0.0210, +0.0430] | regression ≤ 0\\.03 \\(slices of 30\\+ rows\\) | ✅ within noise |',
      ),
    );
  });

  it('says why the failed rows failed', () => {
    expect(section(report, '#### Why it failed')).toBe(
      lines(
        '#### Why it failed',
        '',
        '- ❌ recall on age\\_band = 60\\+ fell by 0\\.0804 \\(interval \\[\\-0\\.1379, \\-0\\.0230\\]\\), more than the 0\\.03 allowed',
      ),
    );
  });

  it('charts only the overall metrics', () => {
    const blocks = mermaidBlocks(report);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toContain('x-axis ["accuracy (prod)", "accuracy (cand)"]');
  });

  it('reports the data validation with its drifted columns', () => {
    expect(section(report, '#### Data validation')).toBe(
      lines('#### Data validation ✅ passed', '', '569 rows; 0 errors, 2 warnings.', 'Drifted columns (2): <code>mean radius</code>, <code>worst texture</code>.'),
    );
  });
});

describe('renderGateReport: without intervals, and on the first run', () => {
  it('shows the notes before the table, point estimates without intervals, a missing metric failing closed', () => {
    const report = renderGateReport(pointEstimates);
    expect(report.split('\n').slice(2, 15)).toEqual([
      '**2 of 3 checks failed.** Candidate from commit <code>9f2c1e4</code> (run <code>8812345678\\-1</code>) against the baseline in <code>baselines/metrics\\.json</code>. Compared on point estimates, without intervals of the difference.',
      '',
      '**Notes**',
      '',
      '- No interval was possible\\: no predictions were given, so the gate compared point estimates\\.',
      '',
      '| Metric | Baseline | Candidate | Change | Interval of the difference | Rule | Verdict |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| <code>accuracy</code> ↑ | 0.9474 | 0.9649 | +0.0175 (+1.85 %) | — | ≥ 0\\.9; regression ≤ 0\\.01 or 2 % | ✅ improved |',
      '| <code>rmse</code> ↓ | 1100 | 1235 | +135 (+12.2 %) | — | regression ≤ 10 % | ❌ regressed |',
      '| <code>roc\\_auc</code> ↑ | 0.9910 | — | — | — | ≥ 0\\.95 | ❌ missing |',
      '',
      '↑ higher is better, ↓ lower is better.',
    ]);
    expect(report).not.toContain('Smallest detectable change');
  });

  it('charts metrics of different scales on separate axes', () => {
    const blocks = mermaidBlocks(renderGateReport(pointEstimates));
    expect(blocks).toEqual([
      lines('xychart-beta', '  title "Baseline vs candidate"', '  x-axis ["accuracy (base)", "accuracy (cand)"]', '  y-axis "value" 0 --> 1', '  bar [0.9474, 0]', '  bar [0, 0.9649]'),
      lines('xychart-beta', '  title "Baseline vs candidate"', '  x-axis ["rmse (base)", "rmse (cand)"]', '  y-axis "value" 0 --> 2000', '  bar [1100, 0]', '  bar [0, 1234.5]'),
    ]);
  });

  it('says there was no baseline on the first run, and charts the candidate alone', () => {
    const report = renderGateReport(firstRun);
    expect(report.split('\n').slice(0, 7)).toEqual([
      '### ✅ Model gate passed for <code>breast\\-cancer</code>: no baseline',
      '',
      'The check passed. Candidate from commit <code>9f2c1e4</code> (run <code>8812345678\\-1</code>) had no baseline to compare with (a first run, or the baseline set to none). Only the absolute bounds were checked.',
      '',
      '**Notes**',
      '',
      '- There is no production model yet\\: only the absolute bounds were checked\\.',
    ]);
    expect(report).toContain('| <code>accuracy</code> ↑ | — | 0.9649 | — | — | ≥ 0\\.9 | ✅ no baseline |');
    expect(mermaidBlocks(report)).toEqual([lines('xychart-beta', '  title "Candidate (no baseline)"', '  x-axis ["accuracy (cand)"]', '  y-axis "value" 0 --> 1', '  bar [0.9649]')]);
    expect(report).not.toMatch(/^\| Production \|/m);
  });

  it('names a failed row that came without a reason, with its verdict', () => {
    const bare: MetricComparison = { ...pointEstimates.metrics[2]!, reasons: [] };
    expect(section(renderGateReport({ ...pointEstimates, metrics: [bare] }), '#### Why it failed')).toBe(lines('#### Why it failed', '', '- ❌ <code>roc\\_auc</code>: missing'));
  });

  it('leaves a metric with a negative value out of the chart and says so', () => {
    const r2: MetricComparison = { ...passed.metrics[0]!, metric: 'r2', candidate: -0.12, baseline: 0.31, change: { absolute: -0.43, relative: -1.387 } };
    const report = renderGateReport({ ...passed, metrics: [passed.metrics[0]!, r2] });
    expect(mermaidBlocks(report)).toHaveLength(1);
    expect(report).toContain('_1 metric with a negative value not charted (bars start at 0); see the table._');
  });
});

describe('renderGateReport: untrusted text', () => {
  const hostile = '| x <img src=x onerror=alert(1)> [a](http://evil)';
  const mention = '@everyone';
  const result: GateResult = {
    ...failedOnSlice,
    model: `${hostile} ${mention}`,
    baseline: { ...failedOnSlice.baseline, version: `v1 ${mention} ${hostile}`, rescored: false, location: `models/${hostile}.json` },
    metrics: [
      { ...failedOnSlice.metrics[0]!, metric: hostile, rule: `${hostile} ${mention}`, passed: false, reasons: [`${hostile} fell, ${mention} *look*`] },
      sliceRow(mention, 40, { metric: `${mention}\n| injected | row |`, slice: { column: hostile, value: mention, rows: 40 } }),
    ],
    notes: [`${hostile} ${mention} \`code\` <script>alert(1)</script>`],
    validation: { passed: false, rows: 10, errors: 1, warnings: 0, driftedColumns: [hostile, mention, '```mermaid'] },
  };
  const report = renderGateReport(result);
  const outsideMermaid = report.replace(/```mermaid\n[\s\S]*?\n```/g, '');

  it('lets no HTML through but our own tags', () => {
    const tags = [...report.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(['code', 'details', 'summary']));
    expect(report).not.toMatch(/<img|<script|onerror=alert\(/i);
  });

  it('makes no link, autolink or mention', () => {
    // What markdown sees once backslash escapes are taken out of play.
    const unescaped = outsideMermaid.replace(/\\./g, '');
    expect(unescaped).not.toMatch(/\]\(/);
    expect(unescaped).not.toMatch(/https?:\/\//);
    expect(outsideMermaid).not.toMatch(/@(?!&#8203;)/);
    expect(outsideMermaid).toContain('<code>@&#8203;everyone</code>');
  });

  it('keeps every table row to its columns', () => {
    for (const line of outsideMermaid.split('\n').filter((l) => l.startsWith('|'))) {
      const pipes = line.replace(/\\\|/g, '').match(/\|/g)?.length ?? 0;
      const header = line.startsWith('| Metric | Slice') || line.startsWith('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      expect([8, 10, 4]).toContain(pipes);
      if (header) expect(pipes).toBe(10);
    }
    // The line break in the slice's metric name did not start a row of its own.
    expect(report).not.toMatch(/^\| injected/m);
  });

  it('shows the text verbatim inside code, and no backtick fence from a column name', () => {
    expect(code(hostile)).toBe('<code>&#124; x &lt;img src=x onerror=alert\\(1\\)&gt; \\[a\\]\\(http\\://evil\\)</code>');
    expect(code(mention)).toBe('<code>@&#8203;everyone</code>');
    expect(code('a@b.com')).toBe('<code>a@&#8203;b\\.com</code>');
    expect(outsideMermaid).not.toContain('```');
  });

  it('sanitises the chart labels', () => {
    const blocks = mermaidBlocks(report);
    expect(blocks).toHaveLength(1);
    expect(mermaidProblems(blocks[0]!)).toEqual([]);
    expect(blocks[0]).toContain('x-axis ["x img src=x onerror=ale… (prod)", "x img src=x onerror=ale… (cand)"]');
  });
});

describe('renderGateReport: the link to the production model', () => {
  it('links the production version to its release when the registry knows the URL, and never a URL that is not http(s)', () => {
    const linked = renderGateReport({ ...passed, baseline: { ...passed.baseline, modelUrl: 'https://github.com/o/r/releases/tag/churn%40v1.2.0' } });
    expect(linked).toContain('[production <code>v1\\.2\\.0</code>](https://github.com/o/r/releases/tag/churn%40v1.2.0)');
    const hostile = renderGateReport({ ...passed, baseline: { ...passed.baseline, modelUrl: 'javascript:alert(1)' } });
    expect(hostile).not.toContain('javascript:');
    expect(hostile).toContain('production <code>v1\\.2\\.0</code> from the model registry');
  });
});

describe('renderGateReport: the size limit', () => {
  const many = (count: number, failedEvery = 0): MetricComparison[] =>
    Array.from({ length: count }, (_, i) =>
      sliceRow(`zip-${String(i).padStart(5, '0')}`, 30 + i, failedEvery > 0 && i % failedEvery === failedEvery - 1 ? { verdict: 'regressed', passed: false, reasons: [`recall fell on zip-${i}`] } : {}),
    );

  it('keeps every row when the report fits', () => {
    const result: GateResult = { ...passed, metrics: [...passed.metrics, ...many(50)] };
    const report = renderGateReport(result);
    expect(report.length).toBeLessThan(REPORT_MAX_LENGTH);
    expect(report).toContain('<details><summary>Slices: 50 rows, all passed</summary>');
    expect(report).not.toContain('not shown');
  });

  it('cuts thousands of slices to fit, keeps the failed ones, and says how many rows gate.json has besides', () => {
    const slices = many(5000, 1000);
    const result: GateResult = { ...failedOnSlice, metrics: [...passed.metrics, ...slices] };
    const report = renderGateReport(result);
    expect(report.length).toBeLessThanOrEqual(REPORT_MAX_LENGTH);
    expect(REPORT_MAX_LENGTH).toBeLessThan(COMMENT_MAX_LENGTH);
    const shownSlices = report.split('\n').filter((l) => l.startsWith('| <code>recall</code>')).length;
    expect(shownSlices).toBeGreaterThan(100);
    expect(shownSlices).toBeLessThan(5000);
    // The five failed slices come first, so the cut never hides a failure.
    expect(report.split('\n').filter((l) => l.startsWith('| <code>recall</code>')).slice(0, 5).every((l) => l.endsWith('❌ regressed |'))).toBe(true);
    expect(report).toContain(`_… ${(5000 - shownSlices).toLocaleString('en-US')} more rows not shown: a comment holds at most 65,536 characters. \`gate.json\` has every row._`);
    expect(report).toContain('<details><summary>Slices: 5,000 rows, 5 failed</summary>');
    // The fold is closed and the chart intact after the cut.
    expect(report.match(/<details>/g)?.length).toBe(report.match(/<\/details>/g)?.length);
    expect(mermaidBlocks(report).map(mermaidProblems)).toEqual([[]]);
    expect(report).toContain('#### Data validation');
  });

  it('counts the failed rows among those left out', () => {
    const result: GateResult = { ...failedOnSlice, metrics: many(3000, 2) };
    const report = renderGateReport(result, { maxLength: 20_000 });
    expect(report.length).toBeLessThanOrEqual(20_000);
    const shown = report.split('\n').filter((l) => l.startsWith('| <code>recall</code>')).length;
    expect(report).toMatch(new RegExp(`_… ${(3000 - shown).toLocaleString('en-US')} more rows \\(${(1500 - shown).toLocaleString('en-US')} failed\\) not shown`));
    expect(report).toContain('- _… and 1,480 more reasons in gate.json_');
  });

  it('clips a huge name instead of letting one row take the budget', () => {
    const result: GateResult = { ...passed, metrics: [{ ...passed.metrics[0]!, metric: 'm'.repeat(100_000) }] };
    const report = renderGateReport(result);
    expect(report).toContain(`<code>${'m'.repeat(59)}…</code>`);
    expect(report.length).toBeLessThan(5_000);
  });
});

describe('docs/gate-report.md', () => {
  it('shows the example exactly as the renderer writes it', () => {
    const doc = readFileSync(new URL('../../docs/gate-report.md', import.meta.url), 'utf8');
    const example = /<!-- example:start -->\n([\s\S]*?)\n<!-- example:end -->/.exec(doc)?.[1];
    expect(example).toBe(renderGateReport(failedOnSlice).trimEnd());
  });
});
