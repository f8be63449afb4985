import type { Contract } from '../../../shared/src/contract';
import {
  lenientColumnDrift,
  METHODS_BY_NAME,
  unmeasuredColumnDrift,
  type ColumnDrift,
  type DriftKind,
  type DriftSettings,
} from '../../../shared/src/drift';
import { categoricalDistribution, numericDistribution, readingOf, type NumericReading, type Profile, type ProfileColumn } from '../../../shared/src/profile';

export interface DriftEntry {
  column: string;
  drift: ColumnDrift;
  /** The contract line of the column's drift settings (or of the column), for annotations. */
  contractLine?: number;
  /**
   * How the column was compared when the two sides read it differently (the current data now reads as string,
   * compared on its values that read as numbers): the values left out, for the annotation and the summary.
   */
  note?: string;
}

/** The contract spells Jensen–Shannon out; the drift module's name for it is `js`. */

/**
 * Drift of every column the reference and the current profile share, with the contract's per-column settings.
 * A column with `drift: off` is measured and reported, not judged. A column the two sides cannot be compared on
 * (no non-null values on a side, numbers against text) is reported with the reason, and its null rate judged.
 * Never throws on the data: the column's current type may differ from the contract's or the reference's.
 */
export function profileDrift(reference: Profile, current: Profile, contract: Contract | undefined): DriftEntry[] {
  const referenceColumns = new Map(reference.columns.map((column) => [column.name, column]));
  const entries: DriftEntry[] = [];
  for (const column of current.columns) {
    const before = referenceColumns.get(column.name);
    if (!before) continue;
    const { drift, note } = compare(before, column, settingsOf(contract, column.name));
    // The contract's line only for a column it describes (lineOf would fall back to `columns:` for another).
    const contractLine = contract?.column(column.name) ? (contract.lineOf('columns', column.name, 'drift') ?? contract.lineOf('columns', column.name)) : undefined;
    entries.push({ column: column.name, drift, ...(contractLine ? { contractLine } : {}), ...(note ? { note } : {}) });
  }
  return entries;
}

function settingsOf(contract: Contract | undefined, column: string): DriftSettings {
  const setting = contract?.drift(column);
  if (setting === 'off') return { method: 'off' };
  const settings: DriftSettings = {};
  if (setting?.method) settings.method = METHODS_BY_NAME[setting.method];
  if (setting?.threshold !== undefined) settings.threshold = setting.threshold;
  return settings;
}

/**
 * As numbers (or timestamps) when either side's type is, and both sides have such values: a column whose
 * current values partly became text is still compared on its numbers, so a shift is not hidden by the type
 * change. Else as categories when both sides have them. Else not comparable, with the reason.
 */
function compare(reference: ProfileColumn, current: ProfileColumn, settings: DriftSettings): { drift: ColumnDrift; note?: string } {
  const reading = readingOf(reference) ?? readingOf(current);
  if (reading) {
    const before = numericDistribution(reference, reading);
    const after = numericDistribution(current, reading);
    if (before && after) return { drift: lenientColumnDrift(before, after, settings), note: typeNote(reference, current, reading) };
  }
  const before = categoricalDistribution(reference);
  const after = categoricalDistribution(current);
  if (before && after) return { drift: lenientColumnDrift(before, after, settings) };
  const kind: DriftKind = reading ? 'numeric' : 'categorical';
  return { drift: unmeasuredColumnDrift(kind, rowCounts(reference), rowCounts(current), settings, whyNotComparable(reference, current, reading)) };
}

function rowCounts(column: ProfileColumn): { count: number; nulls: number; rows: number } {
  return { count: column.count - column.nulls, nulls: column.nulls, rows: column.count };
}

function whyNotComparable(reference: ProfileColumn, current: ProfileColumn, reading: NumericReading | undefined): string {
  const refValues = reference.count - reference.nulls;
  const curValues = current.count - current.nulls;
  if (refValues === 0 && curValues === 0) return 'neither side has non-null values';
  if (refValues === 0) return 'the reference has no non-null values';
  if (curValues === 0) return 'the current data has no non-null values';
  const what = reading === 'timestamps' ? 'timestamps' : 'numbers';
  return reading
    ? `the reference reads it as ${reference.type} and the current data as ${current.type}, and one side has no values that read as ${what}`
    : `the reference reads it as ${reference.type} and the current data as ${current.type}: no statistic compares the two`;
}

/** When a side's type is not the reading compared on, how many of its non-null values were left out. */
function typeNote(reference: ProfileColumn, current: ProfileColumn, reading: NumericReading): string | undefined {
  const parts: string[] = [];
  for (const [side, column] of [['the reference', reference], ['the current data', current]] as const) {
    if (readingOf(column) === reading) continue;
    const kept = (reading === 'numbers' ? column.numeric : column.timestamps)?.count ?? 0;
    const values = column.count - column.nulls;
    parts.push(`${side} reads it as ${column.type}: compared on its ${kept.toLocaleString('en-US')} values that read as ${reading}, ${(values - kept).toLocaleString('en-US')} other values left out`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}
