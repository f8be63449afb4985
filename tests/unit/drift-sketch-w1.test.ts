// Wasserstein-1 from compacted sketches (more than 2,048 values a side): real Profiler profiles of seeded samples,
// against the exact W1 of the raw values (scipy's wasserstein_distance, which exactNumeric + compareCdfs give).
// Two samples of one heavy-tailed distribution stay far under the default threshold and near the exact value;
// shifts still drift. See docs/statistics.md, "Profiles (sketches) against exact data".
import { describe, expect, it } from 'vitest';
import { columnDrift } from '../../shared/src/drift';
import { exactNumeric } from '../../shared/src/drift/exact';
import { compareCdfs } from '../../shared/src/drift/statistics';
import { numericDistribution, type Profile } from '../../shared/src/profile';
import { normals, uniforms } from '../fixtures/random';
import { profileOfColumns } from '../fixtures/profiles';

const N = 300_000;
const map = (values: Float64Array, f: (x: number) => number): Float64Array => values.map(f);
const lognormal = (seed: number, sigma: number, scale = 1) => map(normals(seed, N), (z) => scale * Math.exp(sigma * z));
const pareto = (seed: number, alpha: number) => {
  const next = uniforms(seed);
  return Float64Array.from({ length: N }, () => (1 - next()) ** (-1 / alpha));
};

/** A profile of numeric columns of equal length, through the Profiler as validate-data builds it. */
function profileOf(columns: Record<string, Float64Array>): Profile {
  return profileOfColumns(columns, { batchRows: N });
}

function view(profile: Profile, name: string) {
  const column = profile.columns.find((c) => c.name === name)!;
  return numericDistribution(column)!;
}

// Seeds under which the 1,001-point step CDFs gave W1/σ 0.31 (lognormal σ = 3), 0.20 (σ = 2) and 0.05 (Pareto):
// scipy says 0.003, 0.006 and 0.003.
const reference = { ln3: lognormal(1002, 3), ln2: lognormal(1002, 2), pareto: pareto(1004, 2.2), ln1: lognormal(1006, 1), normal: normals(1008, N) };
const current = { ln3: lognormal(1003, 3), ln2: lognormal(1003, 2), pareto: pareto(1005, 2.2), ln1: lognormal(1007, 1), normal: normals(1009, N) };
const shifted = { ln1: lognormal(1007, 1, 1.3), normal: normals(1009, N, 0.2) };

describe('W1 from compacted sketches', () => {
  const before = profileOf(reference);
  const after = profileOf(current);
  const moved = profileOf(shifted);

  it.each(['ln3', 'ln2', 'pareto', 'ln1', 'normal'] as const)('stays near the exact W1 and under the threshold for one distribution (%s)', (name) => {
    const ref = view(before, name);
    const cur = view(after, name);
    expect(ref.support).toBeUndefined(); // compacted: W1 comes from the quantile curves
    const exactRef = exactNumeric(reference[name]);
    const exact = compareCdfs(exactRef, exactNumeric(current[name])).wasserstein / exactRef.std;
    const drift = columnDrift(ref, cur);
    expect(drift.method).toBe('wasserstein');
    const estimate = drift.value!;
    expect(estimate).toBeCloseTo(compareCdfs(ref, cur).wasserstein / ref.std, 12);
    expect(drift.drifted).toBe(false);
    expect(estimate).toBeLessThan(drift.noiseFloor!); // at 300k a side, the noise floor too
    // Within 0.012σ of the exact value and at most 4 times it. Not below a quarter of it either, except for
    // lognormal σ = 3, where the exact 0.0033 is mostly the few largest values' noise, which a sketch does not
    // hold (its tails count by the exact means only): 0.0004 here.
    expect(Math.abs(estimate - exact)).toBeLessThan(0.012);
    expect(estimate).toBeLessThan(4 * exact);
    expect(estimate).toBeGreaterThan(name === 'ln3' ? exact / 10 : exact / 4);
  });

  it.each(['ln1', 'normal'] as const)('drifts on a real change (%s; lognormal ×1.3, normal +0.2σ), within 2 % of the exact W1', (name) => {
    const ref = view(before, name);
    const cur = view(moved, name);
    const exactRef = exactNumeric(reference[name]);
    const exact = compareCdfs(exactRef, exactNumeric(shifted[name])).wasserstein / exactRef.std;
    const drift = columnDrift(ref, cur);
    expect(drift.drifted).toBe(true);
    expect(Math.abs(drift.value! - exact) / exact).toBeLessThan(0.02);
  });
});
