import type { CategoricalDistribution, NumericDistribution, QuantileKnots } from '../drift/distributions';
import type { ProfileColumn } from './column';
import type { Profile } from './profile';
import { DEFAULT_QUANTILE_K, type QuantileSketch } from './quantiles';
import { NumericSummary, sameEdges, type NumericSummaryJson } from './summary';
import { TopValues } from './top-values';

/** Which of a column's summaries to read: the values that read as numbers, or as timestamps (epoch ms). */
export type NumericReading = 'numbers' | 'timestamps';

/** The reading that stands for a column of this type: numbers for integer and number, timestamps for timestamp. */
export function readingOf(column: ProfileColumn): NumericReading | undefined {
  if (column.type === 'integer' || column.type === 'number') return 'numbers';
  if (column.type === 'timestamp') return 'timestamps';
  return undefined;
}

function typedSummary(column: ProfileColumn, reading = readingOf(column)): NumericSummaryJson | null {
  if (reading === 'numbers') return column.numeric;
  if (reading === 'timestamps') return column.timestamps;
  return null;
}

/**
 * The normalized rank error a compacted sketch's cdf is within: docs/profile.md states 1 % at k = 400 (measured
 * worst 0.61 % over 999 ranks and quantiles of a million values). KLL's error grows as 1/k, so a smaller k gets a
 * proportionally larger bound.
 */
export const SKETCH_RANK_ERROR = 0.01;

function rankErrorOf(sketch: QuantileSketch): number {
  if (sketch.exact) return 0;
  return Math.min(1, (SKETCH_RANK_ERROR * DEFAULT_QUANTILE_K) / Math.min(sketch.k, DEFAULT_QUANTILE_K));
}

/**
 * Every distinct value of an exact sketch, increasing (it holds every value, each of weight 1). So KS and W1 on
 * exact profiles are evaluated where the CDFs jump, as scipy does.
 */
function exactSupport(sketch: QuantileSketch): number[] {
  const points: number[] = [];
  for (const x of sketch.sortedItems().values) if (points.length === 0 || x > (points[points.length - 1] as number)) points.push(x);
  return points;
}

/**
 * A compacted sketch's quantile function as knots (see QuantileKnots): each held item, of weight w and cumulative
 * weight c (items sorted by value), is a knot at the middle of the ranks it stands for, p = (c − w/2)/n, and Q is
 * linear between knots, as the ranks between two items are shared between them. The exact min and max each own
 * their 1/n at the ends (p in [0, 1/n] and [1 − 1/n, 1]), as one value does; between those and the outer knots Q
 * stays at the outer items. Linear interpolation and the exact extremes are what make W1 from two sketches close to
 * the exact one on heavy tails (docs/statistics.md, "Profiles (sketches) against exact data").
 */
function sketchKnots(sketch: QuantileSketch): QuantileKnots {
  const { values, cumulative } = sketch.sortedItems();
  const n = sketch.n;
  const low = 1 / n;
  const high = 1 - 1 / n;
  const p: number[] = [0, low];
  const x: number[] = [sketch.min, sketch.min];
  for (let i = 0; i < values.length; i++) {
    const before = i === 0 ? 0 : (cumulative[i - 1] as number);
    const middle = (before + (cumulative[i] as number)) / 2 / n;
    if (middle <= low || middle >= high) continue;
    if (p.length === 2) {
      p.push(low);
      x.push(values[i] as number);
    }
    p.push(middle);
    x.push(values[i] as number);
  }
  // The last inner item's value up to 1 − 1/n (the min's if there were none), then the max.
  p.push(high, high, 1);
  x.push(x[x.length - 1]!, sketch.max, sketch.max);
  return { p: Float64Array.from(p), x: Float64Array.from(x) };
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
 * quantile sketch (quantile and cdf: exact while the sketch is, else within `rankError`); undefined for other
 * types or when the column has no such values. `reading` picks the summary whatever the type (the numbers of a
 * column now read as string, to compare it with a numeric reference). `nulls` is the column's nulls, `rows` all
 * its rows; values that do not read as numbers (or timestamps) are in neither `count` nor `nulls`. While the
 * sketch is exact, `support()` is every distinct value and `rankError` 0, so KS and W1 are scipy's.
 */
export function numericDistribution(column: ProfileColumn, reading = readingOf(column)): NumericDistribution | undefined {
  const json = typedSummary(column, reading);
  if (!json || json.count === 0) return undefined;
  const summary = decode(json);
  const { moments, quantiles, histogram } = summary;
  // A constant column is exactly that: its variance and mean carry rounding noise (3.6e-15 for 0.1), which W1/σ
  // would divide by, and two such means differ by noise that W1's tail term would count.
  const constant = moments.min === moments.max;
  const std = constant ? 0 : Math.sqrt(moments.variance);
  const mean = constant ? moments.min : moments.mean;
  // Values too large for a double's variance (beyond about 1e150) have no distances to compare on.
  if (!Number.isFinite(std) || !Number.isFinite(mean)) return undefined;
  let support: number[] | undefined;
  let knots: QuantileKnots | undefined;
  return {
    count: moments.count,
    nulls: column.nulls,
    rows: column.count,
    mean,
    std,
    min: moments.min,
    max: moments.max,
    quantile: (p) => quantiles.quantile(p),
    cdf: (x) => quantiles.cdf(x),
    rankError: rankErrorOf(quantiles),
    // A compacted sketch has no support: KS reads its quantiles at p = 0, 1/1000, …, 1, and W1 its quantile
    // function through its items (docs/statistics.md).
    ...(quantiles.exact ? { support: () => (support ??= exactSupport(quantiles)) } : { quantileKnots: () => (knots ??= sketchKnots(quantiles)) }),
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
