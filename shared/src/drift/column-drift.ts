/**
 * Drift of one column: every statistic, the primary one judged against its threshold and its noise floor, and
 * the null-rate change judged the same way. Formulas, defaults and floors: docs/statistics.md.
 */
import { ConfigurationError, quote } from '../errors';
import type { CategoricalDistribution, NumericDistribution } from './distributions';
import {
  jsNoiseFloor,
  ksNoiseFloor,
  nullRateNoiseFloor,
  psiNoiseFloor,
  wassersteinNoiseFloor,
} from './noise';
import {
  categoricalBins,
  cdfSpread,
  compareCdfs,
  decileEdges,
  jensenShannonDistance,
  occupiedBins,
  psi,
} from './statistics';

export type DriftMethod = 'psi' | 'ks' | 'js' | 'wasserstein' | 'off';
export type DriftKind = 'numeric' | 'categorical';

export const DRIFT_METHODS: readonly DriftMethod[] = ['psi', 'ks', 'js', 'wasserstein', 'off'];
/** The methods each kind of column supports. */
export const METHODS_BY_KIND: Readonly<Record<DriftKind, readonly DriftMethod[]>> = {
  numeric: ['psi', 'ks', 'js', 'wasserstein', 'off'],
  categorical: ['psi', 'js', 'off'],
};
/** The names the contract and the messages use (the contract spells Jensen–Shannon out). */
export const METHOD_NAMES: Readonly<Record<DriftMethod, string>> = {
  psi: 'psi',
  ks: 'ks',
  js: 'jensen-shannon',
  wasserstein: 'wasserstein',
  off: 'off',
};
/** METHOD_NAMES the other way: the method a contract's name stands for. */
export const METHODS_BY_NAME: Readonly<Record<string, DriftMethod>> = Object.fromEntries(
  Object.entries(METHOD_NAMES).map(([method, name]) => [name, method as DriftMethod]),
);
/** The primary method when the settings name none. */
export const DEFAULT_METHOD: Readonly<Record<DriftKind, DriftMethod>> = { numeric: 'wasserstein', categorical: 'psi' };
/** The threshold of each method when the settings give none. */
export const DEFAULT_THRESHOLD: Readonly<Record<Exclude<DriftMethod, 'off'>, number>> = {
  psi: 0.2,
  ks: 0.1,
  js: 0.1,
  wasserstein: 0.1,
};
export const DEFAULT_NULL_RATE_THRESHOLD = 0.05;
/** The false-drift probability each noise floor allows, per statistic and column. */
export const DEFAULT_ALPHA = 0.001;

export interface DriftSettings {
  /** The primary statistic; `off` judges nothing (statistics are still computed). Default per kind: DEFAULT_METHOD. */
  method?: DriftMethod;
  /** The primary statistic's threshold. Default: DEFAULT_THRESHOLD[method]. */
  threshold?: number;
  /** The noise floors' α. Default 0.001. */
  alpha?: number;
  /** Absolute null-rate change that drifts. Default 0.05. */
  nullRateThreshold?: number;
}

/** Each statistic; null where it is undefined (a side without non-null values). */
export interface DriftStatistics {
  /** PSI, natural log, fractions floored at 1e-4. */
  psi: number | null;
  /** KS D (numeric only). */
  ks?: number | null;
  /** Jensen–Shannon distance, base 2. */
  js: number | null;
  /** Wasserstein-1 divided by the reference's standard deviation (numeric only). */
  wasserstein?: number | null;
  /** Current null fraction − reference null fraction (of all rows); null when a side has no rows. */
  nullRateChange: number | null;
}

export interface NullRateDrift {
  /** Null fraction of all rows, reference and current (null without rows). */
  reference: number | null;
  current: number | null;
  change: number | null;
  threshold: number;
  noiseFloor: number | null;
  /** |change| above both the threshold and the noise floor. */
  drifted: boolean;
}

export interface ColumnDrift {
  kind: DriftKind;
  method: DriftMethod;
  /** The primary statistic (null with `off`, or when it is undefined). */
  value: number | null;
  /** null with `off`. */
  threshold: number | null;
  /** The primary statistic's noise floor (null with `off`, or when undefined). */
  noiseFloor: number | null;
  alpha: number;
  /** The primary statistic is above both the threshold and the noise floor. */
  effectDrifted: boolean;
  nullRate: NullRateDrift;
  /** effectDrifted or nullRate.drifted; always false with `off`. */
  drifted: boolean;
  statistics: DriftStatistics;
  /** The noise floor of each statistic, same keys. */
  noiseFloors: DriftStatistics;
  /** The bins PSI and JS used (numeric: decile bins after dropping tied edges; categorical: categories + other). */
  bins: number;
  /** Numeric: the reference decile edges the bins are cut at. */
  edges?: number[];
  newCategories?: string[];
  vanishedCategories?: string[];
  /**
   * Why the primary statistic was not measured or not judged (a side without non-null values, a method that does
   * not apply to how the column is compared, columns that cannot be compared); absent when it was.
   */
  reason?: string;
  /** Non-null values on each side. */
  referenceCount: number;
  currentCount: number;
}

function isCategorical(d: NumericDistribution | CategoricalDistribution): d is CategoricalDistribution {
  return 'counts' in d && d.counts instanceof Map;
}

interface ResolvedSettings {
  method: DriftMethod;
  /** Why the method is not measured on this kind of column (lenient mode only); absent when it applies. */
  inapplicable?: string;
  threshold: number | null;
  alpha: number;
  nullRateThreshold: number;
}

/** Why `method` cannot be measured on a `kind` column, or undefined when it can. */
export function inapplicableMethod(kind: DriftKind, method: DriftMethod): string | undefined {
  if (METHODS_BY_KIND[kind].includes(method)) return undefined;
  return `drift method ${quote(METHOD_NAMES[method])} does not apply to a ${kind} column; use one of ${METHODS_BY_KIND[kind].map((m) => METHOD_NAMES[m]).join(', ')}`;
}

/** The settings with their defaults; `lenient` reports a method that does not apply to `kind` instead of throwing. */
function resolveSettings(kind: DriftKind, settings: DriftSettings, lenient = false): ResolvedSettings {
  const method = settings.method ?? DEFAULT_METHOD[kind];
  if (!DRIFT_METHODS.includes(method)) {
    throw new ConfigurationError(`drift method ${quote(method)} is not one of ${DRIFT_METHODS.join(', ')}`);
  }
  const inapplicable = inapplicableMethod(kind, method);
  if (inapplicable && !lenient) throw new ConfigurationError(inapplicable);
  const checkNumber = (name: string, value: number, ok: boolean, expected: string) => {
    if (typeof value !== 'number' || !ok) {
      throw new ConfigurationError(`drift ${name} ${quote(value)} must be ${expected}`);
    }
  };
  const alpha = settings.alpha ?? DEFAULT_ALPHA;
  checkNumber('alpha', alpha, alpha > 0 && alpha < 1, 'a number between 0 and 1 (exclusive)');
  const nullRateThreshold = settings.nullRateThreshold ?? DEFAULT_NULL_RATE_THRESHOLD;
  const nullRateOk = nullRateThreshold >= 0 && nullRateThreshold <= 1;
  checkNumber('null-rate threshold', nullRateThreshold, nullRateOk, 'a number from 0 to 1');
  let threshold: number | null = null;
  if (method !== 'off') {
    threshold = settings.threshold ?? DEFAULT_THRESHOLD[method];
    checkNumber('threshold', threshold, Number.isFinite(threshold) && threshold >= 0, 'a finite number ≥ 0');
  }
  return { method, threshold, alpha, nullRateThreshold, ...(inapplicable ? { inapplicable } : {}) };
}

/** What the null rate needs of a side: its non-null values, nulls, and rows (nulls and invalid values included). */
export interface RowCounts {
  count: number;
  nulls: number;
  /** Absent: count + nulls. */
  rows?: number;
}

function nullRateDrift(reference: RowCounts, current: RowCounts, s: ResolvedSettings): NullRateDrift {
  // Fractions of all rows: a value that is neither null nor of the column's type still counts as a row.
  const refRows = reference.rows ?? reference.count + reference.nulls;
  const curRows = current.rows ?? current.count + current.nulls;
  const refRate = refRows > 0 ? reference.nulls / refRows : null;
  const curRate = curRows > 0 ? current.nulls / curRows : null;
  const change = refRate !== null && curRate !== null ? curRate - refRate : null;
  const floor = change === null ? null : nullRateNoiseFloor(reference.nulls, refRows, current.nulls, curRows, s.alpha);
  const drifted =
    s.method !== 'off' && change !== null && floor !== null && Math.abs(change) > Math.max(s.nullRateThreshold, floor);
  return { reference: refRate, current: curRate, change, threshold: s.nullRateThreshold, noiseFloor: floor, drifted };
}

/**
 * The drift of a column from `reference` to `current` (both numeric or both categorical views).
 * Throws ConfigurationError for settings that do not apply (an unknown method, `ks` on a categorical column, a
 * negative threshold, α outside (0, 1)) and when the two views are of different kinds.
 */
export function columnDrift(
  reference: NumericDistribution,
  current: NumericDistribution,
  settings?: DriftSettings,
): ColumnDrift;
export function columnDrift(
  reference: CategoricalDistribution,
  current: CategoricalDistribution,
  settings?: DriftSettings,
): ColumnDrift;
export function columnDrift(
  reference: NumericDistribution | CategoricalDistribution,
  current: NumericDistribution | CategoricalDistribution,
  settings?: DriftSettings,
): ColumnDrift;
export function columnDrift(
  reference: NumericDistribution | CategoricalDistribution,
  current: NumericDistribution | CategoricalDistribution,
  settings: DriftSettings = {},
): ColumnDrift {
  const refCategorical = isCategorical(reference);
  if (refCategorical !== isCategorical(current)) {
    const kindOf = (c: boolean) => (c ? 'categorical' : 'numeric');
    throw new ConfigurationError(
      `the reference is ${kindOf(refCategorical)} and the current data ${kindOf(!refCategorical)}: ` +
        'drift compares a column with its own kind',
    );
  }
  const kind: DriftKind = refCategorical ? 'categorical' : 'numeric';
  return measure(kind, reference, current, resolveSettings(kind, settings));
}

/**
 * columnDrift, except that a method that does not apply to the views' kind (`ks` on columns compared as
 * categories) is not an error: every statistic of the kind is still computed and reported, the primary one is
 * not judged (`reason` says why), and the null rate is judged as usual. For data whose type changed from the
 * reference's, where refusing would lose the whole report after reading all the data.
 */
export function lenientColumnDrift(
  reference: NumericDistribution | CategoricalDistribution,
  current: NumericDistribution | CategoricalDistribution,
  settings: DriftSettings = {},
): ColumnDrift {
  if (isCategorical(reference) !== isCategorical(current)) return columnDrift(reference, current, settings);
  const kind: DriftKind = isCategorical(reference) ? 'categorical' : 'numeric';
  return measure(kind, reference, current, resolveSettings(kind, settings, true));
}

/**
 * The drift of a column whose two sides have no statistic in common (one side has no non-null values, or one
 * is read as numbers and the other as text): every effect size null, `reason` saying why, and the null-rate
 * change judged as usual. `kind` is the kind the column is reported as.
 */
export function unmeasuredColumnDrift(
  kind: DriftKind,
  reference: RowCounts,
  current: RowCounts,
  settings: DriftSettings,
  reason: string,
): ColumnDrift {
  const s = resolveSettings(kind, settings, true);
  const nullRate = nullRateDrift(reference, current, s);
  const empty = (): DriftStatistics => ({
    psi: null,
    js: null,
    ...(kind === 'numeric' ? { ks: null, wasserstein: null } : {}),
    nullRateChange: null,
  });
  return {
    kind,
    method: s.method,
    value: null,
    threshold: s.threshold,
    noiseFloor: null,
    alpha: s.alpha,
    effectDrifted: false,
    nullRate,
    drifted: nullRate.drifted,
    statistics: { ...empty(), nullRateChange: nullRate.change },
    noiseFloors: { ...empty(), nullRateChange: nullRate.noiseFloor },
    bins: 0,
    reason,
    referenceCount: reference.count,
    currentCount: current.count,
  };
}

/** Every statistic of `kind`, the primary one judged unless the method does not apply, and the null rate. */
function measure(
  kind: DriftKind,
  reference: NumericDistribution | CategoricalDistribution,
  current: NumericDistribution | CategoricalDistribution,
  s: ResolvedSettings,
): ColumnDrift {
  const n = reference.count;
  const m = current.count;
  const comparable = n > 0 && m > 0;
  const nullRate = nullRateDrift(reference, current, s);

  const statistics: DriftStatistics = { psi: null, js: null, nullRateChange: nullRate.change };
  const noiseFloors: DriftStatistics = { psi: null, js: null, nullRateChange: nullRate.noiseFloor };
  let bins = 0;
  const result: Partial<ColumnDrift> = {};

  if (kind === 'numeric') {
    const ref = reference as NumericDistribution;
    const cur = current as NumericDistribution;
    statistics.ks = null;
    statistics.wasserstein = null;
    noiseFloors.ks = null;
    noiseFloors.wasserstein = null;
    if (comparable) {
      const edges = decileEdges(ref);
      const refCounts = ref.histogram(edges);
      const curCounts = cur.histogram(edges);
      bins = occupiedBins(refCounts, curCounts);
      result.edges = edges;
      statistics.psi = psi(refCounts, curCounts);
      statistics.js = jensenShannonDistance(refCounts, curCounts);
      const { ks, wasserstein } = compareCdfs(ref, cur);
      // W1 is scaled by the reference's standard deviation; a constant reference falls back to the current's,
      // and two constant columns to 1 (W1 is then the distance between the two constants).
      const scale = ref.std > 0 ? ref.std : cur.std > 0 ? cur.std : 1;
      statistics.ks = ks;
      statistics.wasserstein = wasserstein / scale;
      noiseFloors.ks = ksNoiseFloor(n, m, s.alpha, (ref.rankError ?? 0) + (cur.rankError ?? 0));
      noiseFloors.wasserstein = wassersteinNoiseFloor(cdfSpread(ref), ref.std, n, m, s.alpha) / scale;
    }
  } else {
    const categorical = categoricalBins(reference as CategoricalDistribution, current as CategoricalDistribution);
    result.newCategories = categorical.newCategories;
    result.vanishedCategories = categorical.vanishedCategories;
    bins = occupiedBins(categorical.reference, categorical.current);
    if (comparable) {
      statistics.psi = psi(categorical.reference, categorical.current);
      statistics.js = jensenShannonDistance(categorical.reference, categorical.current);
    }
  }
  if (comparable) {
    noiseFloors.psi = psiNoiseFloor(bins, n, m, s.alpha);
    noiseFloors.js = jsNoiseFloor(bins, n, m, s.alpha);
  }

  const judged = s.method !== 'off' && !s.inapplicable;
  const value = judged ? (statistics[s.method as Exclude<DriftMethod, 'off'>] ?? null) : null;
  const noiseFloor = judged ? (noiseFloors[s.method as Exclude<DriftMethod, 'off'>] ?? null) : null;
  const reason = s.inapplicable ?? (!comparable && s.method !== 'off' ? emptySide(n, m) : undefined);
  const effectDrifted =
    value !== null && noiseFloor !== null && s.threshold !== null && value > Math.max(s.threshold, noiseFloor);
  return {
    kind,
    method: s.method,
    value,
    threshold: s.threshold,
    noiseFloor,
    alpha: s.alpha,
    effectDrifted,
    nullRate,
    drifted: effectDrifted || nullRate.drifted,
    statistics,
    noiseFloors,
    bins,
    ...result,
    ...(reason ? { reason } : {}),
    referenceCount: n,
    currentCount: m,
  };
}

/** The reason a side without non-null values gives no effect size. */
function emptySide(n: number, m: number): string {
  if (n === 0 && m === 0) return 'neither side has non-null values';
  return `${n === 0 ? 'the reference' : 'the current data'} has no non-null values`;
}
