/**
 * The generated dataset as Parquet, with hyparquet-writer: the same rows as generate.ts writes (same seed), typed
 * columns (INT32 integers, DOUBLE decimals, UTF8 text, TIMESTAMP_MILLIS, BOOLEAN), Snappy, row groups of 100,000
 * rows written one at a time, so memory holds one row group.
 */
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import { COLUMNS, rows } from './generate';

const TYPES: Record<(typeof COLUMNS)[number], 'INT32' | 'DOUBLE' | 'STRING' | 'TIMESTAMP' | 'BOOLEAN'> = {
  id: 'INT32', age: 'INT32', income: 'DOUBLE', score: 'DOUBLE', plan: 'STRING', country: 'STRING', email: 'STRING',
  signup: 'TIMESTAMP', active: 'BOOLEAN', clicks: 'INT32', ratio: 'DOUBLE', name: 'STRING', zip: 'STRING',
  height: 'DOUBLE', weight: 'DOUBLE', segment: 'STRING', device: 'STRING', session_seconds: 'DOUBLE',
  referrer: 'STRING', notes: 'STRING',
};
export const PARQUET_ROW_GROUP = 100_000;

/** Writes the first `count` rows of the generated dataset to `file` as Parquet. */
export async function writeParquetDataset(file: string, count: number, seed = 1): Promise<void> {
  const columns: unknown[][] = COLUMNS.map(() => []);
  let writer: ParquetWriter | undefined;
  const flush = async (): Promise<void> => {
    const columnData = COLUMNS.map((name, i) => ({ name, data: columns[i] as unknown[], type: TYPES[name] }));
    writer ??= new ParquetWriter({ writer: fileWriter(file), schema: schemaFromColumnData({ columnData }) });
    await writer.write({ columnData: columnData.map(({ name, data }) => ({ name, data })), rowGroupSize: PARQUET_ROW_GROUP });
    for (const column of columns) column.length = 0;
  };
  for (const row of rows(count, seed)) {
    for (let i = 0; i < row.length; i++) {
      const value = row[i] ?? null;
      (columns[i] as unknown[]).push(TYPES[COLUMNS[i] as (typeof COLUMNS)[number]] === 'TIMESTAMP' && value !== null ? new Date(value as string) : value);
    }
    if ((columns[0] as unknown[]).length === PARQUET_ROW_GROUP) await flush();
  }
  if ((columns[0] as unknown[]).length > 0 || !writer) await flush();
  await writer?.finish();
}
