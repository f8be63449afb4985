import type { CategoricalDistribution, NumericDistribution } from '../drift/distributions';
import type { ProfileColumn } from './column';
import type { Profile } from './profile';
import { NumericSummary, sameEdges, type NumericSummaryJson } from './summary';
import { TopValues } from './top-values';

/** The summary that stands for a column's values: numbers for integer and number columns, epoch ms for timestamps. */
function typedSummary(column: ProfileColumn): NumericSummaryJson | null {
  if (column.type === 'integer' || column.type === 'number') return column.numeric;
  if (column.type === 'timestamp') return column.timestamps;
  return null;
}

const decoded = new WeakMap<object, NumericSummary>();
function decode(json: NumericSummaryJson): NumericSummary {
  let summary = decoded.get(json);
  if (!summary) {
    summary = NumericSummary.fromJSON(json);
    decoded.set(json, summary);
  }
  return summary;
}

/**
 * The numeric distribution of an integer, number or timestamp (epoch ms) column, from its moments (exact) and
 * quantile sketch (quantile and cdf: exact while the sketch is, else within its rank error); undefined for other
 * types or when the column has no such values. `nulls` is the column's nulls; invalid values are left out of both.
 */
export function numericDistribution(column: ProfileColumn): NumericDistribution | undefined {
  const json = typedSummary(column);
  if (!json || json.count === 0) return undefined;
  const summary = decode(json);
  const { moments, quantiles, histogram } = summary;
  const std = Math.sqrt(moments.variance);
  // Values too large for a double's variance (beyond about 1e150) have no distances to compare on.
  if (!Number.isFinite(std) || !Number.isFinite(moments.mean)) return undefined;
  return {
    count: moments.count,
    nulls: column.nulls,
    mean: moments.mean,
    std,
    min: moments.min,
    max: moments.max,
    quantile: (p) => quantiles.quantile(p),
    cdf: (x) => quantiles.cdf(x),
    histogram(edges) {
      if (histogram !== null && sameEdges(histogram.edges, edges)) return [...histogram.counts];
      const counts: number[] = [];
      let below = 0;
      for (const edge of edges) {
        const cumulative = quantiles.cdf(edge) * moments.count;
        counts.push(cumulative - below);
        below = cumulative;
      }
      counts.push(moments.count - below);
      return counts;
    },
  };
}

/**
 * The categorical distribution of a string, boolean or integer column from its top values (booleans as
 * `true`/`false`, other values as their text): every count exact while the column has at most 1,000 distinct
 * values, else the tracked counts (each an undercount by at most `top.error`) and the rest in `otherCount`.
 * Undefined for number and timestamp columns and for columns without values.
 */
export function categoricalDistribution(column: ProfileColumn): CategoricalDistribution | undefined {
  if (column.type === 'number' || column.type === 'timestamp') return undefined;
  const count = column.count - column.nulls;
  if (count === 0) return undefined;
  const counts = new Map<string, number>(TopValues.fromJSON(column.top).items());
  let tracked = 0;
  for (const value of counts.values()) tracked += value;
  return { count, nulls: column.nulls, counts, otherCount: count - tracked };
}

/**
 * The inner decile edges of a numeric or timestamp column, read from its quantile sketch (the 10 %, …, 90 %
 * lower quantiles), duplicates dropped so they increase strictly: up to 9 edges, none for other columns. Pass
 * them (per column) as the next Profiler's `binEdges` so its histogram counts on the reference's bins.
 */
export function binEdges(column: ProfileColumn): number[] {
  const json = typedSummary(column);
  if (!json || json.count === 0) return [];
  const { quantiles } = decode(json);
  const edges: number[] = [];
  for (let decile = 1; decile <= 9; decile++) {
    const edge = quantiles.quantile(decile / 10);
    if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge);
  }
  return edges;
}

/** binEdges for every column of a reference profile that has them: the Profiler's `binEdges` option. */
export function referenceBinEdges(profile: Profile): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const column of profile.columns) {
    const edges = binEdges(column);
    if (edges.length > 0) result[column.name] = edges;
  }
  return result;
}
