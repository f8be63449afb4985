import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertMatchesSchema } from './schema';

export interface WriteJsonOptions {
  /** The file's JSON Schema: what is written is checked against it first, so a bug never writes a bad file. */
  schema: object;
  /** The input the path came from, named in errors. */
  label: string;
  /** Indented for people (default), or compact for large machine-read files. */
  pretty?: boolean;
}

/**
 * Writes one of the project's JSON files (run record, profile, validation report…): checked against its schema,
 * its folder made, written to a temporary sibling and renamed into place, so a reader never sees half a file.
 */
export async function writeJsonFile(file: string, data: unknown, options: WriteJsonOptions): Promise<void> {
  assertMatchesSchema(options.schema, data, file, options.label);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, `${JSON.stringify(data, null, options.pretty === false ? undefined : 2)}\n`);
  await rename(temporary, file);
}
