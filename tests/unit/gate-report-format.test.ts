import { describe, expect, it } from 'vitest';
import { clipText } from '../../shared/src/markdown';
import { formatInterval, formatLevel, formatPercent, formatSigned, formatValue, signedFixed } from '../../shared/src/gate/report/format';
import { mermaidLabel, mermaidNumber, niceCeiling, renderChart } from '../../shared/src/gate/report/mermaid';
import { mermaidBlocks, mermaidProblems } from '../fixtures/gate-report/mermaid-check';
import { passed } from '../fixtures/gate-report/results';

describe('number formatting', () => {
  it('shows values with 4 significant digits, large integers in full, exponents only at the extremes', () => {
    expect([0.91234, 0.9, 12.3456, 1234.56, 98765.4, 0.00012346, 0, -0.5, 3e-9, 2.5e12, null].map(formatValue)).toEqual([
      '0.9123', '0.9000', '12.35', '1235', '98765', '0.0001235', '0', '-0.5000', '3.000e-9', '2.500e12', '—',
    ]);
  });

  it('signs changes, and never shows -0', () => {
    expect([formatSigned(0.0123), formatSigned(-1.5), formatSigned(0)]).toEqual(['+0.01230', '-1.500', '0']);
    expect([signedFixed(-0.00001, 3), signedFixed(0.0004, 3), signedFixed(0.0006, 3)]).toEqual(['0.000', '0.000', '+0.001']);
  });

  it('gives both bounds of an interval the decimals of the larger one', () => {
    expect(formatInterval(-0.01234, 0.02011)).toBe('[-0.0123, +0.0201]');
    expect(formatInterval(-0.012, 0.02)).toBe('[-0.0120, +0.0200]');
    expect(formatInterval(-134.2, 12.5)).toBe('[-134, +13]');
    expect(formatInterval(0, 0)).toBe('[0.00, 0.00]');
  });

  it('shows relative changes and levels as percentages', () => {
    expect([0.018471, -0.0014394, 0.12227, 1.5, -0.000001].map(formatPercent)).toEqual(['+1.85 %', '-0.14 %', '+12.2 %', '+150 %', '0.00 %']);
    expect([0.95, 0.9, 0.975].map(formatLevel)).toEqual(['95 %', '90 %', '97.5 %']);
  });

  it('clips by characters, not UTF-16 halves', () => {
    expect(clipText('abcdef', 4)).toBe('abc…');
    expect(clipText('😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(clipText('abc', 3)).toBe('abc');
  });
});

describe('Mermaid text', () => {
  it('keeps letters, digits and safe signs in labels; drops quotes, directives, entities, HTML, arrows and breaks', () => {
    expect(mermaidLabel('accuracy', 'm')).toBe('accuracy');
    expect(mermaidLabel('précision_macro', 'm')).toBe('précision_macro');
    expect(mermaidLabel('a"]\n%%{init: {"theme":"dark"}}%%', 'm')).toBe('a init theme dark');
    expect(mermaidLabel('x --> y #35; <b>`z`</b>', 'm')).toBe('x - y 35 b z /b');
    expect(mermaidLabel('"""', 'metric 3')).toBe('metric 3');
    expect(mermaidLabel('a'.repeat(40), 'm')).toBe(`${'a'.repeat(23)}…`);
  });

  it('writes numbers as plain decimals', () => {
    expect([0.9474, 1234.5, 0, 1e-9, 0.000123456789, 123456789].map(mermaidNumber)).toEqual(['0.9474', '1234.5', '0', '0.000000001', '0.000123457', '123456789']);
    expect([0.3, 7, 10, 11, 1234.5, 0].map(niceCeiling)).toEqual([0.5, 10, 10, 20, 2000, 1]);
  });

  it('emits charts a strict reading of xychart-beta accepts, however the metrics are named', () => {
    const names = ['"; click x "http://evil"', '%%{init}%%', 'a\nb', '`x`', '#quot;', '<br/>', '', 'a-->b', 'ok'];
    const rows = names.map((metric, i) => ({ ...passed.metrics[0]!, metric, candidate: 0.5 + i / 100, baseline: i % 2 === 0 ? 0.6 : null }));
    const markdown = renderChart(rows);
    expect(markdown).not.toBeNull();
    const blocks = mermaidBlocks(markdown!);
    expect(blocks).toHaveLength(1);
    expect(mermaidProblems(blocks[0]!)).toEqual([]);
    const axis = blocks[0]!.split('\n').find((line) => line.startsWith('  x-axis'))!;
    expect(axis).not.toMatch(/[%#<>`\n]|-->/);
    expect(axis.match(/"/g)).toHaveLength(2 * 14);
  });

  it('draws at most 12 metrics per chart and 3 scales, and says how many were left out', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ ...passed.metrics[0]!, metric: `m${i}`, baseline: 10 ** (i % 5), candidate: 10 ** (i % 5) * 1.1 }));
    const markdown = renderChart(rows)!;
    expect(mermaidBlocks(markdown)).toHaveLength(3);
    expect(markdown).toContain('_8 more metrics not charted; see the table._');
  });
});
