import { quote } from '../errors';

/**
 * How a configuration file's values and expected types are named in a one-line error, the same for every file the
 * actions read (the data contract, the gate policy): `must be a number, got "abc"`.
 */

/** A JSON Schema type as the words a message says it with. */
export const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

/** The value as a message shows it: strings quoted, numbers and booleans as they are, collections by kind. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? quote(value) : String(value);
}
