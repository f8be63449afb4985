import { readFile } from 'node:fs/promises';
import schema from '../../../shared/schemas/validation.schema.json';
import { ConfigurationError, quote } from '../../../shared/src/errors';
import { assertMatchesSchema } from '../../../shared/src/files/schema';
import type { ValidationSummary } from '../../../shared/src/gate/types';

interface ValidationFile {
  passed: boolean;
  rows: number;
  errors: number;
  warnings: number;
  driftedColumns: string[];
}

/** The part of validate-data's validation.json that the gate's report shows, checked against its schema. */
export async function readValidationSummary(file: string, shown: string): Promise<ValidationSummary> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist; run validate-data first, or leave validation-report empty' : `is not valid JSON: ${(error as Error).message}`;
    throw new ConfigurationError(`validation-report: ${quote(shown)} ${reason}`);
  }
  assertMatchesSchema<ValidationFile>(schema, data, shown, 'validation-report');
  return { passed: data.passed, rows: data.rows, errors: data.errors, warnings: data.warnings, driftedColumns: data.driftedColumns };
}
