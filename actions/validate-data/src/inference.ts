import type { ColumnSummary, DatasetSummary } from '../../../shared/src/contract';
import { TopValues, type Profile, type ProfileColumn } from '../../../shared/src/profile';

/** What contract inference needs to know of the data, read off its profile. */
export function datasetSummary(profile: Profile): DatasetSummary {
  return { rows: profile.rows, columns: profile.columns.map(columnSummary) };
}

function columnSummary(column: ProfileColumn): ColumnSummary {
  const nonNull = column.count - column.nulls;
  const numbers = column.type === 'timestamp' ? column.timestamps : column.type === 'integer' || column.type === 'number' ? column.numeric : null;
  const { kinds } = column;
  return {
    name: column.name,
    type: nonNull === 0 ? 'unknown' : column.type,
    count: nonNull,
    nulls: column.nulls,
    invalid: column.invalid,
    numbersAndBooleans: kinds.integer + kinds.decimal + kinds.boolean,
    min: numbers?.min ?? undefined,
    max: numbers?.max ?? undefined,
    // Whether counts are exact decides `unique`: an estimate proves nothing (docs/profile.md).
    distinct: column.distinct.estimate,
    distinctExact: column.distinct.exact,
    topValues: [...TopValues.fromJSON(column.top).items()].map(([value, count]) => ({ value, count })),
    topError: column.top.error,
    minLength: column.type === 'string' ? column.length?.min : undefined,
    maxLength: column.type === 'string' ? column.length?.max : undefined,
  };
}
