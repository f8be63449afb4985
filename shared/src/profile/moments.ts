/**
 * Count, mean, M2 (sum of squared deviations from the mean), min and max: Welford's update for one value and
 * Chan, Golub and LeVeque's pairwise combination for a merge. Exact up to floating-point rounding, in any order.
 */
export interface MomentsJson {
  count: number;
  /** null when it overflowed a double: JSON has no Infinity or NaN. */
  mean: number | null;
  m2: number | null;
  /** null while count is 0. */
  min: number | null;
  max: number | null;
}

export class Moments {
  count = 0;
  mean = 0;
  m2 = 0;
  min = Infinity;
  max = -Infinity;

  add(x: number): void {
    const count = ++this.count;
    const delta = x - this.mean;
    this.mean += delta / count;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /**
   * add() for values[0 … count): the batch's mean and M2 by two passes (no division per value, and no less
   * accurate than Welford's update), then combined as a merge.
   */
  addBatch(values: Float64Array, count: number): void {
    if (count === 0) return;
    let sum = 0;
    let min = this.min;
    let max = this.max;
    for (let i = 0; i < count; i++) {
      const x = values[i] as number;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const mean = sum / count;
    let m2 = 0;
    for (let i = 0; i < count; i++) {
      const delta = (values[i] as number) - mean;
      m2 += delta * delta;
    }
    this.combine(count, mean, m2);
    this.min = min;
    this.max = max;
  }

  merge(other: Moments): this {
    if (other.count === 0) return this;
    this.combine(other.count, other.mean, other.m2);
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    return this;
  }

  /** Chan et al.'s combination with the moments (count, mean, m2) of other values. */
  private combine(count: number, mean: number, m2: number): void {
    if (this.count === 0) {
      this.count = count;
      this.mean = mean;
      this.m2 = m2;
      return;
    }
    const total = this.count + count;
    const delta = mean - this.mean;
    // Weighted mean keeps the result independent of which side is larger, up to rounding.
    this.mean = (this.mean * this.count + mean * count) / total;
    this.m2 = this.m2 + m2 + (delta * delta * this.count * count) / total;
    this.count = total;
  }

  /** Population variance (M2 / count); 0 for no values. */
  get variance(): number {
    return this.count > 0 ? this.m2 / this.count : 0;
  }

  /** Sample variance (M2 / (count − 1)); 0 for fewer than two values. */
  get sampleVariance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : 0;
  }

  toJSON(): MomentsJson {
    const empty = this.count === 0;
    return {
      count: this.count,
      mean: Number.isFinite(this.mean) ? this.mean : null,
      m2: Number.isFinite(this.m2) ? this.m2 : null,
      min: empty ? null : this.min,
      max: empty ? null : this.max,
    };
  }

  static fromJSON(json: MomentsJson): Moments {
    const moments = new Moments();
    moments.count = json.count;
    // An overflow stays one: NaN and Infinity, never a finite number that looks right.
    moments.mean = json.mean ?? Number.NaN;
    moments.m2 = json.m2 ?? Number.POSITIVE_INFINITY;
    moments.min = json.min ?? Infinity;
    moments.max = json.max ?? -Infinity;
    return moments;
  }
}
