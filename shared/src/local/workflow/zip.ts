/**
 * Reads the zip of a workflow run's artifact, as GitHub serves it for download: entries through the central
 * directory (so archiver's data descriptors read fine), stored or deflated, each checked against its size and
 * CRC-32. An entry whose path would leave the destination (absolute, or with `..`) is refused: the artifact was
 * written by another run, maybe of untrusted code.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { ConfigurationError, quote } from '../../errors';

export function readZipEntries(zip: Buffer, label: string): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new ConfigurationError(`${label}: not a zip (no end of central directory record)`);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) throw new ConfigurationError(`${label}: a damaged zip (bad central directory at byte ${offset})`);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    const parts = name.split(/[\\/]/);
    if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || parts.includes('..')) throw new ConfigurationError(`${label}: the zip's entry ${quote(name)} would be written outside the destination`);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new ConfigurationError(`${label}: a damaged zip (bad local header of ${quote(name)})`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else throw new ConfigurationError(`${label}: ${quote(name)} uses compression method ${method}; only stored and deflated entries are read`);
    if (data.length !== size || crc32(data) !== crc) throw new ConfigurationError(`${label}: ${quote(name)} does not match its size or CRC-32`);
    files.set(name, data);
  }
  return files;
}
