import { ConfigurationError, quote } from '../errors';
import { flatten, isPlainObject, readStructuredFile } from '../files/structured';

export type Metrics = Record<string, number>;

/**
 * Reads a metrics file as DVC writes them: JSON, YAML or TOML, nested keys flattened with dots. Every value
 * must be a finite number; anything else is an error that names the key.
 */
export async function readMetricsFile(file: string, label: string): Promise<Metrics> {
  return toMetrics(await readStructuredFile(file, label), file, label);
}

export function toMetrics(document: unknown, file: string, label: string): Metrics {
  if (!isPlainObject(document)) {
    throw new ConfigurationError(`${label}: ${quote(file)} must hold an object of metric names and numbers, not ${describe(document)}`);
  }
  const metrics: Metrics = {};
  for (const [key, value] of Object.entries(flatten(document))) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ConfigurationError(`${label}: ${quote(file)} key ${quote(key)} is ${describe(value)}; expected a finite number`);
    }
    metrics[key] = value;
  }
  if (Object.keys(metrics).length === 0) {
    throw new ConfigurationError(`${label}: ${quote(file)} holds no metrics; expected at least one name with a number`);
  }
  return metrics;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${quote(value)}`;
  return `a ${typeof value}`;
}
