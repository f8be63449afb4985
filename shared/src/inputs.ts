import { ConfigurationError, quote } from './errors';
import type { InputSource } from './ports';

/** Typed readers over raw inputs, each failing with a message that names the input and the expected form. */

export function requiredInput(inputs: InputSource, name: string, what: string): string {
  const value = inputs.get(name);
  if (!value) throw new ConfigurationError(`${name}: the input is required; give ${what}`);
  return value;
}

/** `true` or `false`, in the spellings of YAML 1.2's core schema, as the runner's getBooleanInput accepts. */
export function booleanInput(inputs: InputSource, name: string, fallback: boolean): boolean {
  const value = inputs.get(name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ConfigurationError(`${name}: ${quote(value)} is not a boolean; expected true or false`);
}

/** A positive number (decimals allowed), or undefined when not given. */
export function positiveNumberInput(inputs: InputSource, name: string): number | undefined {
  const value = inputs.get(name);
  if (value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new ConfigurationError(`${name}: ${quote(value)} is not a positive number`);
  }
  return number;
}

/** One item a line, blank lines and `#` comments skipped, as `actions/cache` reads `path`. */
export function multilineInput(inputs: InputSource, name: string): string[] {
  return inputs
    .get(name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
