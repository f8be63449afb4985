import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/** The string formats a records schema may use (ajv knows none by itself; these are the common ones). */
const FORMATS: Record<string, RegExp | ((text: string) => boolean)> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'date-time': /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/,
  time: /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)?$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: (text) => {
    try {
      return new URL(text).protocol.length > 1;
    } catch {
      return false;
    }
  },
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  ipv4: /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
};

/** The formats a records schema may name. */
export const RECORD_FORMATS = Object.keys(FORMATS);

/** Compiles a contract's records schema once; throws ajv's error when the schema itself is wrong. */
export function compileRecordsSchema(schema: Record<string, unknown> | boolean): ValidateFunction {
  const ajv = new Ajv({ allErrors: false, strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false, formats: FORMATS });
  return ajv.compile(schema);
}

/** ajv's first error as one short line: `/age must be >= 0`, `must have required property 'age'`. */
export function describeRecordError(errors: ErrorObject[] | null | undefined): string {
  const [error] = errors ?? [];
  if (!error) return 'does not match the records schema';
  const where = error.instancePath ? `${error.instancePath} ` : '';
  if (error.keyword === 'additionalProperties') {
    return `${where}has the unknown property ${JSON.stringify((error.params as { additionalProperty: string }).additionalProperty)}`;
  }
  if (error.keyword === 'enum') {
    return `${where}must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${where}${error.message ?? 'is invalid'}`;
}
