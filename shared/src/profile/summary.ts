import { Moments, type MomentsJson } from './moments';
import { QuantileSketch, type QuantileSketchJson } from './quantiles';

/** Counts on fixed bins (−∞, e0], (e0, e1], …, (e_last, +∞): edges.length + 1 counts. Merges exactly on equal edges. */
export interface HistogramJson {
  edges: number[];
  counts: number[];
}

export class Histogram {
  readonly counts: Float64Array;

  constructor(readonly edges: Float64Array) {
    this.counts = new Float64Array(edges.length + 1);
  }

  add(x: number): void {
    const edges = this.edges;
    // The bin is the number of edges below x; edges are few (9 deciles), so a scan beats a search.
    let bin = 0;
    while (bin < edges.length && (edges[bin] as number) < x) bin++;
    this.counts[bin]! += 1;
  }

  /** add() for values[0 … count). */
  addBatch(values: Float64Array, count: number): void {
    const edges = this.edges;
    const counts = this.counts;
    for (let i = 0; i < count; i++) {
      const x = values[i] as number;
      let bin = 0;
      while (bin < edges.length && (edges[bin] as number) < x) bin++;
      counts[bin]! += 1;
    }
  }

  sameEdges(other: Histogram): boolean {
    return sameEdges(this.edges, other.edges);
  }

  merge(other: Histogram): this {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i] as number;
    return this;
  }

  toJSON(): HistogramJson {
    return { edges: [...this.edges], counts: [...this.counts] };
  }

  static fromJSON(json: HistogramJson): Histogram {
    if (json.counts.length !== json.edges.length + 1) throw new Error(`a histogram on ${json.edges.length} edges has ${json.counts.length} counts, not ${json.edges.length + 1}`);
    const histogram = new Histogram(Float64Array.from(json.edges));
    histogram.counts.set(json.counts);
    return histogram;
  }
}

export function sameEdges(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks bin edges given for a column: finite and strictly increasing. */
export function checkEdges(column: string, edges: readonly number[]): Float64Array {
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i] as number;
    if (!Number.isFinite(edge)) throw new Error(`bin edges of column ${JSON.stringify(column)}: ${edge} is not a finite number`);
    if (i > 0 && edge <= (edges[i - 1] as number)) throw new Error(`bin edges of column ${JSON.stringify(column)} must increase strictly: ${edges[i - 1]} then ${edge}`);
  }
  return Float64Array.from(edges);
}

export interface NumericSummaryJson extends MomentsJson {
  /** Population standard deviation, √(m2 / count): derived, for reading; ignored when read back. */
  std: number | null;
  quantiles: QuantileSketchJson;
  histogram: HistogramJson | null;
}

export interface TimestampSummaryJson extends NumericSummaryJson {
  /** min and max (epoch milliseconds) as ISO 8601 UTC: derived, for reading. */
  minIso: string | null;
  maxIso: string | null;
}

/** Moments, quantile sketch and (when bin edges were given) a histogram of one column's numeric values. */
export class NumericSummary {
  readonly moments: Moments;
  readonly quantiles: QuantileSketch;
  histogram: Histogram | null;

  constructor(edges: Float64Array | null, moments = new Moments(), quantiles = new QuantileSketch()) {
    this.moments = moments;
    this.quantiles = quantiles;
    this.histogram = edges ? new Histogram(edges) : null;
  }

  add(x: number): void {
    this.moments.add(x);
    this.quantiles.add(x);
    if (this.histogram !== null) this.histogram.add(x);
  }

  /** add() for values[0 … count), finite numbers, in order: the same summary, moments up to float rounding. */
  addBatch(values: Float64Array, count: number): void {
    this.moments.addBatch(values, count);
    this.quantiles.addBatch(values, count);
    if (this.histogram !== null) this.histogram.addBatch(values, count);
  }

  merge(other: NumericSummary): this {
    this.moments.merge(other.moments);
    this.quantiles.merge(other.quantiles);
    // A histogram survives a merge only where both sides counted on the same edges.
    this.histogram = this.histogram !== null && other.histogram !== null && this.histogram.sameEdges(other.histogram) ? this.histogram.merge(other.histogram) : null;
    return this;
  }

  toJSON(): NumericSummaryJson {
    const std = Math.sqrt(this.moments.variance);
    return { ...this.moments.toJSON(), std: Number.isFinite(std) ? std : null, quantiles: this.quantiles.toJSON(), histogram: this.histogram?.toJSON() ?? null };
  }

  toTimestampJSON(): TimestampSummaryJson {
    const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
    const json = this.toJSON();
    return { ...json, minIso: iso(json.min), maxIso: iso(json.max) };
  }

  static fromJSON(json: NumericSummaryJson): NumericSummary {
    const summary = new NumericSummary(null, Moments.fromJSON(json), QuantileSketch.fromJSON(json.quantiles));
    summary.histogram = json.histogram ? Histogram.fromJSON(json.histogram) : null;
    if (summary.moments.count !== summary.quantiles.n) throw new Error(`the summary counts ${summary.moments.count} values but its quantile sketch ${summary.quantiles.n}`);
    return summary;
  }
}
