// Adversarial checks of the quantile sketch and of W1 from compacted sketches (an audit's findings).
import { describe, expect, it } from 'vitest';
import { profileDrift } from '../../actions/validate-data/src/drift';
import { QuantileSketch, type Profile } from '../../shared/src/profile';
import { uniforms } from '../fixtures/random';
import { profileOfColumns } from '../fixtures/profiles';

/** A one-column profile of `count` copies of `value`, as validate-data builds it. */
function constantProfile(value: number, count: number, reference?: Profile): Profile {
  return profileOfColumns({ price: new Array<number>(count).fill(value) }, reference ? { reference } : {});
}

describe('W1 drift of a constant column', () => {
  // The same constant on both sides has W1 = 0 (scipy: 0). Its σ is rounding noise (about 1e-15 for 0.3), and
  // sketchWasserstein's tail term |mean_ref − mean_cur − signed| is the two means' rounding difference, about the
  // same size, so W1/σ came out 0.1 to 6 and the column drifted whenever a side had more than 2,048 values. The
  // profile's view now reads a column whose min is its max as that constant (σ 0).
  it.each([
    [0.3, 5000, 100_000],
    [19.99, 5000, 100_000],
    [1 / 3, 5000, 100_000],
    [0.3, 2000, 100_000],
  ])('does not drift for the constant %s (%d rows against %d)', (value, n, m) => {
    const reference = constantProfile(value, n);
    const current = constantProfile(value, m, reference);
    const [entry] = profileDrift(reference, current, undefined);
    expect(entry!.drift.method).toBe('wasserstein');
    expect(entry!.drift.statistics.wasserstein).toBeLessThan(1e-6);
    expect(entry!.drift.drifted).toBe(false);
  });
});

describe('QuantileSketch JSON round trip with both -0 and 0', () => {
  // toJSON sorts each level with Float64Array.prototype.sort (-0 before 0), while in memory two zeros could sort in
  // either order: a sketch read back mid-stream then promoted other zeros than one that was not. The sketch now
  // holds every zero as 0, so it continues exactly as it would have.
  it('holds a −0 as 0 in addBatch too, min and quantiles included', () => {
    const sketch = new QuantileSketch();
    sketch.addBatch(Float64Array.from([-0, 1, -0]), 3);
    expect(Object.is(sketch.min, 0)).toBe(true);
    expect(Object.is(sketch.quantile(0.5), 0)).toBe(true);
  });

  it('continues as the sketch that was not read back', () => {
    const next = uniforms(7);
    const data = Float64Array.from({ length: 5000 }, () => (next() < 0.5 ? (next() < 0.5 ? 0 : -0) : next()));
    const whole = new QuantileSketch();
    for (const x of data) whole.add(x);
    const first = new QuantileSketch();
    for (const x of data.subarray(0, 2500)) first.add(x);
    const resumed = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
    for (const x of data.subarray(2500)) resumed.add(x);
    expect(JSON.stringify(resumed.toJSON()) === JSON.stringify(whole.toJSON())).toBe(true);
  });
});
