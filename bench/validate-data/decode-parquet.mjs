// The baseline of the Parquet benchmark: hyparquet's bare decode of a file, with the same compressors
// (hyparquet-compressors) and the same access pattern as the action's reader (shared/src/data/parquet.ts: a file
// handle read range by range, one row group at a time, rows as arrays), and nothing else: no conversion of values,
// no profile, no checks. Usage: node decode-parquet.mjs FILE; prints the row count.
import { open } from 'node:fs/promises';
import { parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

const handle = await open(process.argv[2], 'r');
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
const metadata = await parquetMetadataAsync(file);
let rowStart = 0;
let rows = 0;
for (const group of metadata.row_groups) {
  const groupRows = Number(group.num_rows);
  await parquetRead({ file, metadata, rowStart, rowEnd: rowStart + groupRows, compressors, rowFormat: 'array', onComplete: (complete) => { rows += complete.length; } });
  rowStart += groupRows;
}
await handle.close();
console.log(`rows=${rows}`);
