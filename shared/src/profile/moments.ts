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

  merge(other: Moments): this {
    if (other.count === 0) return this;
    if (this.count === 0) {
      this.count = other.count;
      this.mean = other.mean;
      this.m2 = other.m2;
    } else {
      const count = this.count + other.count;
      const delta = other.mean - this.mean;
      // Weighted mean keeps the result independent of which side is larger, up to rounding.
      this.mean = (this.mean * this.count + other.mean * other.count) / count;
      this.m2 = this.m2 + other.m2 + (delta * delta * this.count * other.count) / count;
      this.count = count;
    }
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    return this;
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
