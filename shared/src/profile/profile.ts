import { readFile } from 'node:fs/promises';
import schema from '../../schemas/profile.schema.json';
import type { RecordBatch } from '../data/types';
import { ConfigurationError, quote } from '../errors';
import { assertMatchesSchema } from '../files/schema';
import { writeJsonFile } from '../files/json-file';
import { ColumnAccumulator, type ProfileColumn } from './column';
import { checkEdges } from './summary';

export const PROFILE_SCHEMA_VERSION = 1;
export const PROFILE_SCHEMA = schema;

/** `profile.json`: what validate-data learned of a dataset, mergeable across shards. Schema: shared/schemas/profile.schema.json. */
export interface Profile {
  schemaVersion: 1;
  /** Rows read, over all files. */
  rows: number;
  /** Each file read and its rows, in the order first read. */
  files: Array<{ path: string; rows: number }>;
  /** Only when the caller passes one: a profile is otherwise a pure function of its data. */
  createdAt?: string;
  /** In the order first seen. */
  columns: ProfileColumn[];
}

export interface ProfilerOptions {
  /**
   * Per numeric (or timestamp) column, the inner edges of a fixed histogram, strictly increasing: the reference
   * profile's deciles (`referenceBinEdges(reference)`), so drift compares counts on the same bins exactly.
   */
  binEdges?: Record<string, readonly number[]>;
  /** Written as the profile's createdAt. */
  createdAt?: string;
}

/** Builds a profile from record batches, in one pass and bounded memory per column. */
export class Profiler {
  private readonly columns = new Map<string, ColumnAccumulator>();
  private readonly files = new Map<string, number>();
  private readonly edges = new Map<string, Float64Array>();
  private rows = 0;
  private lastColumns: readonly string[] | null = null;
  private lastAccumulators: ColumnAccumulator[] = [];
  private lastFile: string | null = null;

  constructor(private readonly options: ProfilerOptions = {}) {
    for (const [name, edges] of Object.entries(options.binEdges ?? {})) this.edges.set(name, checkEdges(name, edges));
  }

  add(batch: RecordBatch): void {
    const size = batch.size;
    this.rows += size;
    const rowsBefore = this.files.get(batch.file) ?? 0;
    this.files.set(batch.file, rowsBefore + size);
    if (batch.columns !== this.lastColumns) {
      // A key first seen in a later batch of a JSON Lines file: the file's earlier records lacked it, and a
      // missing key is a null, so they count as its nulls.
      const known = batch.file === this.lastFile ? new Set(this.lastColumns) : undefined;
      this.lastColumns = batch.columns;
      this.lastAccumulators = batch.columns.map((name) => {
        const column = this.column(name);
        if (known && !known.has(name) && rowsBefore > 0) column.addNulls(rowsBefore);
        return column;
      });
    }
    this.lastFile = batch.file;
    const accumulators = this.lastAccumulators;
    const width = accumulators.length;
    // Column by column: one column's sketches stay in cache while its values go by.
    for (let j = 0; j < width; j++) (accumulators[j] as ColumnAccumulator).addColumn(batch.column(j));
  }

  result(): Profile {
    const profile: Profile = {
      schemaVersion: 1,
      rows: this.rows,
      files: [...this.files].map(([file, rows]) => ({ path: file, rows })),
      columns: [...this.columns.values()].map((column) => column.toJSON()),
    };
    if (this.options.createdAt !== undefined) profile.createdAt = this.options.createdAt;
    return profile;
  }

  private column(name: string): ColumnAccumulator {
    let column = this.columns.get(name);
    if (!column) {
      column = new ColumnAccumulator(name, this.edges.get(name) ?? null);
      this.columns.set(name, column);
    }
    return column;
  }
}

/**
 * The profile of the union of the profiles' data: rows summed, files listed in order (a file that shards split,
 * once, with its rows summed), columns matched by name
 * (in first-seen order). Counts, kinds, nulls, lengths, moments, histograms (on equal edges) and exact-mode
 * sketches merge exactly; the approximate sketches stay within their stated error, in any grouping or order.
 */
export function mergeProfiles(profiles: readonly Profile[], options: { createdAt?: string } = {}): Profile {
  const columns = new Map<string, ColumnAccumulator>();
  const files = new Map<string, number>();
  let rows = 0;
  for (const profile of profiles) {
    rows += profile.rows;
    for (const file of profile.files) files.set(file.path, (files.get(file.path) ?? 0) + file.rows);
    for (const json of profile.columns) {
      const column = ColumnAccumulator.fromJSON(json);
      const existing = columns.get(json.name);
      if (existing) existing.merge(column);
      else columns.set(json.name, column);
    }
  }
  const merged: Profile = { schemaVersion: 1, rows, files: [...files].map(([path, fileRows]) => ({ path, rows: fileRows })), columns: [...columns.values()].map((column) => column.toJSON()) };
  if (options.createdAt !== undefined) merged.createdAt = options.createdAt;
  return merged;
}

/**
 * Reads a profile and checks it: a one-line ConfigurationError naming `label` and the file for another schema
 * version, a schema violation (with the field) or an inconsistent sketch (with the column). `shown`: the file as
 * messages name it (relative to the workspace).
 */
export async function readProfile(file: string, label: string, shown = file): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigurationError(`${label}: the profile ${quote(shown)} does not exist or cannot be read`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${label}: the profile ${quote(shown)} is not valid JSON: ${(error as Error).message}`, { file: shown });
  }
  return checkProfile(data, shown, label);
}

/** The checks of readProfile on data already parsed (a profile from the registry, say). */
export function checkProfile(data: unknown, file: string, label: string): Profile {
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && 'schemaVersion' in data && data.schemaVersion !== PROFILE_SCHEMA_VERSION) {
    throw new ConfigurationError(
      `${label}: ${quote(file)} has schemaVersion ${JSON.stringify(data.schemaVersion)}; this version reads ${PROFILE_SCHEMA_VERSION} (profile the data again with this version)`,
      { file },
    );
  }
  assertMatchesSchema<Profile>(schema, data, file, label);
  for (const column of data.columns) {
    try {
      ColumnAccumulator.fromJSON(column);
    } catch (error) {
      throw new ConfigurationError(`${label}: ${quote(file)} column ${quote(column.name)} is inconsistent: ${(error as Error).message}`);
    }
  }
  return data;
}

/** Writes the profile after checking it against its schema, to a temporary file renamed into place: never half. */
export async function writeProfile(file: string, profile: Profile): Promise<void> {
  await writeJsonFile(file, profile, { schema, label: 'profile', pretty: false });
}
