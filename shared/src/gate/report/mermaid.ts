/**
 * The report's chart: production and candidate values of the overall metrics as a Mermaid `xychart-beta` bar
 * chart, which GitHub renders in a ```mermaid block.
 *
 * Why this shape, to keep the picture honest:
 * - xychart bars grow from the bottom of the y-axis, not from 0, so signed differences as bars would mislead
 *   (a -1 % bar would stand tall above an axis at -5 %). Values are plotted instead, on an axis pinned at 0, and a
 *   metric with a negative value (R² can be) is left out and named under the chart.
 * - Metrics of different scales (accuracy in [0, 1], RMSE in the thousands) on one axis would flatten the small
 *   ones; each scale gets its own chart: [0, 1] metrics on a 0 → 1 axis, others grouped by order of magnitude.
 * - Two bar series in one chart are drawn on top of each other by the Mermaid versions GitHub has used, hiding
 *   the shorter; a line series of one point draws nothing. So each metric gets two categories, production and
 *   candidate, and each series is 0 in the other's category: the bars never overlap and keep their own colours
 *   whether Mermaid overlaps, groups or stacks series.
 *
 * Metric names are untrusted: inside the chart they pass `mermaidLabel`, which keeps letters, digits and a few
 * safe signs, so no quote, backtick, `%%` directive, `#` entity, HTML or line break reaches Mermaid.
 */
import { clipText } from '../../markdown';
import type { MetricComparison } from '../types';

/** Metrics per chart: beyond this the x-axis labels collide. */
export const CHART_MAX_METRICS = 12;
/** Charts per report: one per scale group. */
export const CHART_MAX_GROUPS = 3;
const LABEL_MAX = 24;

export interface ChartMetric {
  label: string;
  baseline: number | null;
  candidate: number;
}

/**
 * Untrusted text as a Mermaid label: letters, digits, space and `_ . + - / = ( )` kept, anything else a space;
 * runs of `-` folded (no `-->` arrow), spaces collapsed, clipped to 24 characters; `fallback` when nothing is left.
 */
export function mermaidLabel(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} _.+\-/=()]/gu, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? fallback : clipText(cleaned, LABEL_MAX);
}

/** A number as Mermaid's grammar reads it: plain decimal, no exponent, up to 6 significant digits. */
export function mermaidNumber(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return '0';
  const decimals = Math.min(12, Math.max(0, 5 - Math.floor(Math.log10(Math.abs(value)))));
  return value.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** The smallest 1, 2 or 5 × 10^k at or above `value`: a round top for the y-axis. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return Number((step * power).toPrecision(12));
  return 10 * power;
}

/** The overall (unsliced) metrics that have a candidate value, in report order, labelled uniquely. */
export function chartMetrics(rows: MetricComparison[]): ChartMetric[] {
  const seen = new Map<string, number>();
  const metrics: ChartMetric[] = [];
  for (const row of rows) {
    if (row.slice !== null || row.candidate === null || !Number.isFinite(row.candidate)) continue;
    let label = mermaidLabel(row.metric, `metric ${metrics.length + 1}`);
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    if (count > 1) label = `${label} ${count}`;
    const baseline = row.baseline !== null && Number.isFinite(row.baseline) ? row.baseline : null;
    metrics.push({ label, baseline, candidate: row.candidate });
  }
  return metrics;
}

interface ScaleGroup {
  unit: boolean;
  metrics: ChartMetric[];
}

/** Splits metrics by scale; metrics with a negative value cannot be drawn from 0 and are returned apart. */
function groupByScale(metrics: ChartMetric[]): { groups: ScaleGroup[]; negative: ChartMetric[] } {
  const groups = new Map<string, ScaleGroup>();
  const negative: ChartMetric[] = [];
  for (const metric of metrics) {
    const values = metric.baseline === null ? [metric.candidate] : [metric.baseline, metric.candidate];
    if (values.some((v) => v < 0)) {
      negative.push(metric);
      continue;
    }
    const largest = Math.max(...values);
    const unit = largest <= 1;
    const key = unit ? 'unit' : `e${Math.floor(Math.log10(largest))}`;
    const group = groups.get(key) ?? { unit, metrics: [] };
    group.metrics.push(metric);
    groups.set(key, group);
  }
  return { groups: [...groups.values()], negative };
}

/** What the baseline is called in the chart: the production model, or a baseline from a file. */
export type BaselineName = 'production' | 'baseline';

function chartBlock(group: ScaleGroup, baselineName: BaselineName): string {
  const metrics = group.metrics.slice(0, CHART_MAX_METRICS);
  const categories: string[] = [];
  const production: number[] = [];
  const candidate: number[] = [];
  for (const metric of metrics) {
    if (metric.baseline !== null) {
      categories.push(`${metric.label} (${baselineName === 'production' ? 'prod' : 'base'})`);
      production.push(metric.baseline);
      candidate.push(0);
    }
    categories.push(`${metric.label} (cand)`);
    production.push(0);
    candidate.push(metric.candidate);
  }
  const top = group.unit ? 1 : niceCeiling(Math.max(...production, ...candidate));
  const hasBaseline = metrics.some((m) => m.baseline !== null);
  const title = hasBaseline ? `${baselineName === 'production' ? 'Production' : 'Baseline'} vs candidate` : 'Candidate (no baseline)';
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis [${categories.map((c) => `"${c}"`).join(', ')}]`,
    `  y-axis "value" 0 --> ${mermaidNumber(top)}`,
  ];
  if (hasBaseline) lines.push(`  bar [${production.map(mermaidNumber).join(', ')}]`);
  lines.push(`  bar [${candidate.map(mermaidNumber).join(', ')}]`, '```');
  return lines.join('\n');
}

/**
 * The chart section's markdown (one or more ```mermaid blocks and a line naming what was left out), or null
 * when no overall metric has a value to draw.
 */
export function renderChart(rows: MetricComparison[], baselineName: BaselineName = 'production'): string | null {
  const metrics = chartMetrics(rows);
  if (metrics.length === 0) return null;
  const { groups, negative } = groupByScale(metrics);
  const shown = groups.slice(0, CHART_MAX_GROUPS);
  const left = [
    ...groups.slice(CHART_MAX_GROUPS).flatMap((g) => g.metrics),
    ...shown.flatMap((g) => g.metrics.slice(CHART_MAX_METRICS)),
  ].length;
  const parts = shown.map((group) => chartBlock(group, baselineName));
  const notes: string[] = [];
  if (negative.length > 0) notes.push(`${negative.length} metric${negative.length === 1 ? '' : 's'} with a negative value not charted (bars start at 0)`);
  if (left > 0) notes.push(`${left} more metric${left === 1 ? '' : 's'} not charted`);
  if (parts.length === 0) return notes.length > 0 ? `_${notes.join('; ')}; see the table._` : null;
  if (notes.length > 0) parts.push(`_${notes.join('; ')}; see the table._`);
  return parts.join('\n\n');
}
