import { describe, expect, it } from 'vitest';
import { computeChange, gain, reachesImprovement, withinRegression } from '../../shared/src/gate/change';
import { describeRule, formatNumber, formatPercent, formatSigned } from '../../shared/src/gate/wording';

/** Golden values, computed by hand: absolute = c − b, relative = (c − b) / |b|. */
const GOLDEN: Array<{ what: string; candidate: number; baseline: number; absolute: number; relative: number | null }> = [
  { what: 'accuracy up 2 points', candidate: 0.92, baseline: 0.9, absolute: 0.02, relative: 0.02 / 0.9 },
  { what: 'accuracy down 1 point', candidate: 0.9, baseline: 0.91, absolute: -0.01, relative: -0.01 / 0.91 },
  { what: 'no change', candidate: 0.5, baseline: 0.5, absolute: 0, relative: 0 },
  // A negative baseline (R² below 0): dividing by |b| keeps "went up" positive.
  { what: 'R² −0.5 → −0.4', candidate: -0.4, baseline: -0.5, absolute: 0.1, relative: 0.2 },
  { what: 'R² −0.5 → −0.6', candidate: -0.6, baseline: -0.5, absolute: -0.1, relative: -0.2 },
  { what: 'R² −0.2 → 0.3, crossing zero', candidate: 0.3, baseline: -0.2, absolute: 0.5, relative: 2.5 },
  // Lower is better: the formula is the same; the direction decides what is good.
  { what: 'RMSE 2.0 → 2.5', candidate: 2.5, baseline: 2, absolute: 0.5, relative: 0.25 },
  { what: 'log loss 0.3 → 0.27', candidate: 0.27, baseline: 0.3, absolute: -0.03, relative: -0.1 },
  // A zero baseline has no relative change.
  { what: 'MAE 0 → 0.1', candidate: 0.1, baseline: 0, absolute: 0.1, relative: null },
  { what: '0 → 0', candidate: 0, baseline: 0, absolute: 0, relative: null },
];

describe('the change between candidate and baseline', () => {
  it.each(GOLDEN)('$what', ({ candidate, baseline, absolute, relative }) => {
    const change = computeChange(candidate, baseline);
    expect(change.absolute).toBeCloseTo(absolute, 12);
    if (relative === null) expect(change.relative).toBeNull();
    else expect(change.relative).toBeCloseTo(relative, 12);
  });

  it('orients a difference so that positive is better', () => {
    expect(gain(0.02, 'higher')).toBe(0.02);
    expect(gain(0.5, 'lower')).toBe(-0.5); // RMSE went up by 0.5: worse
    expect(gain(-0.03, 'lower')).toBe(0.03); // log loss went down: better
  });
});

describe('max-regression', () => {
  it('allows exactly the limit (inclusive), despite floating-point rounding', () => {
    // 0.90 − 0.91 is −0.010000000000000009 in floating point.
    expect(withinRegression(gain(0.9 - 0.91, 'higher'), 0.91, { abs: 0.01 })).toEqual({ allowed: 0.01, holds: true });
    expect(withinRegression(-0.0101, 0.91, { abs: 0.01 }).holds).toBe(false);
  });

  it('turns rel into an amount of |baseline|, and holds both when both are given (the smaller wins)', () => {
    // 2 % of 0.91 = 0.0182; abs 0.01 is smaller, so it binds.
    expect(withinRegression(-0.015, 0.91, { abs: 0.01, rel: 0.02 })).toEqual({ allowed: 0.01, holds: false });
    expect(withinRegression(-0.015, 0.91, { rel: 0.02 })).toEqual({ allowed: 0.0182, holds: true });
    expect(withinRegression(-0.019, 0.91, { rel: 0.02 }).holds).toBe(false);
    // 10 % of |−0.5| = 0.05 for a negative baseline.
    expect(withinRegression(-0.05, -0.5, { rel: 0.1 })).toEqual({ allowed: 0.05, holds: true });
    expect(withinRegression(-0.06, -0.5, { rel: 0.1 }).holds).toBe(false);
  });

  it('judges a lower-is-better metric on its gain: RMSE 2.0 → 2.1 is a regression of 0.1', () => {
    const worse = gain(computeChange(2.1, 2).absolute, 'lower');
    expect(withinRegression(worse, 2, { abs: 0.1 }).holds).toBe(true);
    expect(withinRegression(worse, 2, { rel: 0.04 }).holds).toBe(false); // 4 % of 2 = 0.08
    expect(withinRegression(gain(computeChange(1.5, 2).absolute, 'lower'), 2, { abs: 0 }).holds).toBe(true); // better
  });

  it('on a zero baseline applies abs only, and a rel-only limit allows no worsening', () => {
    expect(withinRegression(-0.05, 0, { abs: 0.1, rel: 0.02 })).toEqual({ allowed: 0.1, holds: true });
    expect(withinRegression(-0.05, 0, { rel: 0.5 })).toEqual({ allowed: 0, holds: false });
    expect(withinRegression(0, 0, { rel: 0.5 }).holds).toBe(true);
    expect(withinRegression(0.2, 0, { rel: 0.5 }).holds).toBe(true);
  });
});

describe('min-improvement', () => {
  it('requires the larger of abs and rel × |baseline|', () => {
    // 1 % of 0.8 = 0.008 > abs 0.005.
    expect(reachesImprovement(0.008, 0.8, { abs: 0.005, rel: 0.01 })).toEqual({ required: 0.008, holds: true });
    expect(reachesImprovement(0.007, 0.8, { abs: 0.005, rel: 0.01 }).holds).toBe(false);
    expect(reachesImprovement(0.005, 0.8, { abs: 0.005 }).holds).toBe(true);
    expect(reachesImprovement(-0.001, 0.8, { abs: 0 }).holds).toBe(false);
  });

  it('on a zero baseline applies abs only, and a rel-only requirement asks for any improvement', () => {
    expect(reachesImprovement(0.01, 0, { abs: 0.02, rel: 0.1 })).toEqual({ required: 0.02, holds: false });
    expect(reachesImprovement(0, 0, { rel: 0.1 }).holds).toBe(false);
    expect(reachesImprovement(0.001, 0, { rel: 0.1 }).holds).toBe(true);
    expect(reachesImprovement(0, 0, { rel: 0 }).holds).toBe(true);
  });
});

describe('the words', () => {
  it('formats numbers without float noise, changes with their sign, fractions as percentages', () => {
    expect(formatNumber(0.9 - 0.91)).toBe('-0.01');
    expect(formatNumber(0.98591549)).toBe('0.985915');
    expect(formatSigned(-0.031)).toBe('−0.031');
    expect(formatSigned(0.004)).toBe('+0.004');
    expect(formatSigned(0)).toBe('0');
    expect(formatPercent(0.02)).toBe('2 %');
    expect(formatPercent(0.0222222)).toBe('2.22 %');
  });

  it('writes the rule of a row', () => {
    expect(describeRule({ min: 0.9, maxRegression: { abs: 0.01, rel: 0.02 } })).toBe('≥ 0.9; regression ≤ 0.01 and ≤ 2 %');
    expect(describeRule({ max: 0.5, maxRegression: { rel: 0.05 }, minImprovement: { abs: 0.001 } })).toBe('≤ 0.5; regression ≤ 5 %; improvement ≥ 0.001');
    expect(describeRule({ min: 0, max: 1 })).toBe('≥ 0; ≤ 1');
    expect(describeRule({})).toBe('no threshold (reported only)');
  });
});
