import type { Contract } from '../../../shared/src/contract';
import { columnDrift, type ColumnDrift, type DriftMethod, type DriftSettings } from '../../../shared/src/drift';
import { categoricalDistribution, numericDistribution, type Profile } from '../../../shared/src/profile';
import type { ProfileColumn } from '../../../shared/src/profile';

export interface DriftEntry {
  column: string;
  drift: ColumnDrift;
  /** The contract line of the column's drift settings (or of the column), for annotations. */
  contractLine?: number;
}

/** The contract spells Jensen–Shannon out; the drift module's name for it is `js`. */
const METHOD_NAMES: Record<string, DriftMethod> = { psi: 'psi', ks: 'ks', 'jensen-shannon': 'js', wasserstein: 'wasserstein' };

/**
 * Drift of every column the reference and the current profile share, with the contract's per-column settings
 * (a column with `drift: off` is left out). A column is compared as numbers when both profiles read it as
 * numbers or timestamps, else by its values as categories.
 */
export function profileDrift(reference: Profile, current: Profile, contract: Contract | undefined): DriftEntry[] {
  const referenceColumns = new Map(reference.columns.map((column) => [column.name, column]));
  const entries: DriftEntry[] = [];
  for (const column of current.columns) {
    const before = referenceColumns.get(column.name);
    if (!before) continue;
    const setting = contract?.drift(column.name);
    if (setting === 'off') continue;
    const settings: DriftSettings = {};
    if (setting?.method) settings.method = METHOD_NAMES[setting.method];
    if (setting?.threshold !== undefined) settings.threshold = setting.threshold;
    const drift = compare(before, column, settings);
    if (drift) entries.push({ column: column.name, drift, contractLine: contract?.lineOf('columns', column.name, 'drift') ?? contract?.lineOf('columns', column.name) });
  }
  return entries;
}

function compare(reference: ProfileColumn, current: ProfileColumn, settings: DriftSettings): ColumnDrift | undefined {
  const numericReference = isNumeric(reference) ? numericDistribution(reference) : undefined;
  const numericCurrent = isNumeric(current) ? numericDistribution(current) : undefined;
  if (numericReference && numericCurrent) return columnDrift(numericReference, numericCurrent, settings);
  const categoricalReference = categoricalDistribution(reference);
  const categoricalCurrent = categoricalDistribution(current);
  if (categoricalReference && categoricalCurrent) return columnDrift(categoricalReference, categoricalCurrent, settings);
  return undefined;
}

function isNumeric(column: ProfileColumn): boolean {
  return column.type === 'integer' || column.type === 'number' || column.type === 'timestamp';
}
