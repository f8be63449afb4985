// The baseline of the Parquet benchmark: hyparquet's bare decode of a file, with the same compressors
// (hyparquet-compressors) and the same access pattern as the action's reader (shared/src/data/parquet.ts: a file
// handle read range by range, one row group at a time, each column decoded into one array with onChunk, no rows
// assembled, timestamps left as their count of units), and nothing else: no conversion of values, no profile, no
// checks.
//
// Usage: node decode-parquet.mjs FILE [columns|rows]; prints the row count.
// - columns (the default): the reader's access pattern above, the benchmark's baseline.
// - rows: the row-array decode the reader used before (parquetRead's onComplete with rowFormat 'array', hyparquet's
//   default parsers: a Date per timestamp), for comparison.
import { open } from 'node:fs/promises';
import { flatten, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

const [path, mode = 'columns'] = process.argv.slice(2);
if (mode !== 'columns' && mode !== 'rows') throw new Error(`decode-parquet.mjs: mode ${mode}; expected columns or rows`);
const handle = await open(path, 'r');
const size = (await handle.stat()).size;
const file = {
  byteLength: size,
  async slice(start, end = size) {
    const buffer = new Uint8Array(end - start);
    let done = 0;
    while (done < buffer.length) {
      const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buffer.buffer;
  },
};

// As the reader's parsers for flat columns: a timestamp as its count of units (a number when safe), a date as days.
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const units = (value) => (value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value);
const parsers = { timestampFromMilliseconds: units, timestampFromMicroseconds: units, timestampFromNanoseconds: units, dateFromDays: (days) => days };

const metadata = await parquetMetadataAsync(file);
let rowStart = 0;
let rows = 0;
for (const group of metadata.row_groups) {
  const groupRows = Number(group.num_rows);
  const rowEnd = rowStart + groupRows;
  if (mode === 'rows') {
    await parquetRead({ file, metadata, rowStart, rowEnd, compressors, rowFormat: 'array', onComplete: (complete) => { rows += complete.length; } });
  } else {
    // Each column's chunks (one per page or one for the column) joined into one array, as the reader does.
    const chunks = new Map();
    const onChunk = (chunk) => {
      const list = chunks.get(chunk.columnName);
      if (list) list.push(chunk.columnData);
      else chunks.set(chunk.columnName, [chunk.columnData]);
    };
    await parquetRead({ file, metadata, rowStart, rowEnd, compressors, parsers, onChunk });
    const lengths = [...chunks.values()].map((list) => flatten(list).length);
    rows += Math.min(...lengths);
  }
  rowStart = rowEnd;
}
await handle.close();
console.log(`rows=${rows}`);
