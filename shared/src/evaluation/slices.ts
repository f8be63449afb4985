/**
 * Subsets of paired predictions, for per-slice metrics: the rows whose slice column holds a value. A subset is a
 * PairedPredictions like any other, so every metric, interval and test applies to a slice unchanged (the classes
 * are then those of the slice's rows).
 */
import { ConfigurationError, quote } from '../errors';
import { pickRows, type PairedPredictions } from './predictions';

/** The rows of the candidate's slice column `column` equal to `value`, in row order. */
export function sliceRows(paired: PairedPredictions, column: string, value: string): Int32Array {
  const values = paired.candidate.slices.get(column);
  if (!values) {
    throw new ConfigurationError(`${paired.candidate.input}: ${quote(paired.candidate.file)}: ${quote(column)} is not a slice column read from it; expected one of the slice columns named when reading`);
  }
  const rows: number[] = [];
  values.forEach((v, row) => {
    if (v === value) rows.push(row);
  });
  return Int32Array.from(rows);
}

/** The paired predictions restricted to `rows` (indexes into both tables' aligned rows). */
export function selectRows(paired: PairedPredictions, rows: Int32Array): PairedPredictions {
  return { rows: rows.length, ids: Array.from(rows, (row) => paired.ids[row] as string), candidate: pickRows(paired.candidate, rows), baseline: pickRows(paired.baseline, rows) };
}
