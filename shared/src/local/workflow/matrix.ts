/**
 * strategy.matrix expanded as GitHub does: the product of the lists, minus the `exclude` entries (an entry
 * matches a combination when all its keys do), then each `include` entry is added to every combination it
 * does not contradict on an original matrix value, or becomes a combination of its own when it fits none.
 */
import type { Value } from './expressions';

export type Combination = Record<string, Value>;

export class MatrixError extends Error {}

export function expandMatrix(matrix: Value): Combination[] {
  if (matrix === null || typeof matrix !== 'object' || Array.isArray(matrix)) throw new MatrixError('strategy.matrix must be a mapping of names to lists');
  const { include, exclude, ...axes } = matrix;
  let combinations: Combination[] = [{}];
  for (const [key, values] of Object.entries(axes)) {
    if (!Array.isArray(values) || values.length === 0) throw new MatrixError(`strategy.matrix.${key} must be a non-empty list`);
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value })));
  }
  if (Object.keys(axes).length === 0) combinations = [];

  for (const entry of listOf(exclude, 'exclude')) {
    combinations = combinations.filter((combination) => !Object.entries(entry).every(([key, value]) => deepEqual(combination[key] ?? null, value)));
  }

  const originalKeys = new Set(Object.keys(axes));
  // Includes extend only the product's combinations; one an include made is never extended by a later include.
  const product = combinations.map((combination) => ({ ...combination }));
  const ofTheirOwn: Combination[] = [];
  for (const entry of listOf(include, 'include')) {
    let added = false;
    combinations.forEach((combination, index) => {
      const original = product[index] as Combination;
      const fits = Object.entries(entry).every(([key, value]) => !originalKeys.has(key) || !(key in original) || deepEqual(original[key] ?? null, value));
      if (fits) {
        Object.assign(combination, entry);
        added = true;
      }
    });
    if (!added) ofTheirOwn.push({ ...entry });
  }
  return [...combinations, ...ofTheirOwn];
}

function listOf(value: Value | undefined, name: string): Combination[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) {
    throw new MatrixError(`strategy.matrix.${name} must be a list of mappings`);
  }
  return value as Combination[];
}

function deepEqual(a: Value, b: Value): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** GitHub's name for a matrix job: `train (a, 1)`, the combination's values in order. */
export function matrixJobName(base: string, combination: Combination): string {
  const values = Object.values(combination).map((value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value)));
  return values.length === 0 ? base : `${base} (${values.join(', ')})`;
}
