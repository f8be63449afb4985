import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ConfigurationError, quote } from '../errors';

const ajv = new Ajv({ allErrors: false, strict: true });
const compiled = new Map<object, ValidateFunction>();

/**
 * Validates `data` against one of the project's JSON Schemas (compiled once per schema). When it does not
 * fit, the ConfigurationError names the input, the file, the field (as a JSON pointer) and what was expected.
 */
export function assertMatchesSchema<T>(schema: object, data: unknown, file: string, label: string): asserts data is T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(data)) return;
  const [error] = validate.errors ?? [];
  throw new ConfigurationError(`${label}: ${quote(file)} ${describeSchemaError(error)}`);
}

export function describeSchemaError(error: ErrorObject | undefined): string {
  if (!error) return 'does not match its schema';
  const field = error.instancePath ? `field ${quote(error.instancePath)}` : 'the document';
  switch (error.keyword) {
    case 'required':
      return `${field} lacks the required field ${quote((error.params as { missingProperty: string }).missingProperty)}`;
    case 'additionalProperties':
      return `${field} has the unknown field ${quote((error.params as { additionalProperty: string }).additionalProperty)}`;
    case 'enum':
      return `${field} ${error.message}: ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${field} ${error.message ?? 'is invalid'}`;
  }
}
