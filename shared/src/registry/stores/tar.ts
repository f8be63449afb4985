/**
 * A small deterministic tar (POSIX ustar, with pax `path` records for long names) over gzip, for archiving a
 * model folder as one release asset. The same folder always gives the same tar bytes: regular files only
 * (empty folders and permissions do not count in the model digest either), in byte order of their paths,
 * under one top folder, with mtime fixed at 2000-01-01T00:00:00Z, uid/gid 0, no user or group names, mode
 * 0644. Symbolic links are followed, as digestPath follows them. Gzip runs at level 9 with no file name and
 * mtime 0 in its header, so the archive is reproducible for a given zlib; idempotency never relies on the
 * gzip bytes anyway, only on the model digest.
 *
 * The reader extracts what this writer writes (and plain ustar/pax archives of regular files and folders),
 * refusing absolute paths, `..` segments and any other entry type.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { listFiles } from '../../hashing/digest';

const BLOCK = 512;
const RECORD = BLOCK * 20;
/** 2000-01-01T00:00:00Z: a fixed time that extraction tools do not flag as implausible. */
export const TAR_MTIME = 946_684_800;
const FILE_MODE = 0o644;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, type: '0' | 'x', prefix = ''): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(FILE_MODE, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(TAR_MTIME, 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** A pax record `<len> path=<value>\n`, its length counting its own digits. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyBytes = Buffer.byteLength(body);
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length++;
  return Buffer.from(`${length}${body}`, 'utf8');
}

/** The headers of one file: ustar name/prefix when the path fits, else a pax `path` record first. */
function fileHeaders(entryPath: string, size: number): Buffer[] {
  const bytes = Buffer.byteLength(entryPath);
  if (bytes <= 100 && /^[\x20-\x7e]*$/.test(entryPath)) return [header(entryPath, size, '0')];
  const slash = entryPath.lastIndexOf('/', 155);
  if (/^[\x20-\x7e]*$/.test(entryPath) && slash > 0 && slash <= 155 && Buffer.byteLength(entryPath.slice(slash + 1)) <= 100) {
    return [header(entryPath.slice(slash + 1), size, '0', entryPath.slice(0, slash))];
  }
  const record = paxRecord('path', entryPath);
  const short = `PaxHeaders/${path.posix.basename(entryPath)}`.slice(0, 99).replace(/[^\x20-\x7e]/g, '_');
  return [header(short, record.length, 'x'), record, padding(record.length), header(entryPath.replace(/[^\x20-\x7e]/g, '_').slice(-100), size, '0')];
}

async function* tarStream(folder: string, root: string): AsyncGenerator<Buffer> {
  let written = 0;
  for (const relative of await listFiles(folder)) {
    const file = path.join(folder, relative);
    const { size } = await stat(file);
    for (const block of fileHeaders(`${root}/${relative}`, size)) {
      written += block.length;
      yield block;
    }
    let read = 0;
    for await (const chunk of createReadStream(file)) {
      read += (chunk as Buffer).length;
      if (read > size) break;
      yield chunk as Buffer;
    }
    if (read !== size) throw new Error(`${file} changed size while it was archived`);
    const pad = padding(size);
    written += size + pad.length;
    yield pad;
  }
  const end = BLOCK * 2;
  written += end;
  yield Buffer.alloc(end + ((RECORD - (written % RECORD)) % RECORD));
}

/** Writes `folder` as `<root>/<files…>` to the gzipped tar `archive`. */
export async function writeTarGz(folder: string, root: string, archive: string): Promise<void> {
  await pipeline(Readable.from(tarStream(folder, root)), createGzip({ level: 9 }), createWriteStream(archive, { flags: 'wx' }));
}

function readString(block: Buffer, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new Error(`bad number ${JSON.stringify(text)} in a tar header`);
  return text === '' ? 0 : parseInt(text, 8);
}

function parsePax(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const length = Number(data.subarray(offset, space).toString('ascii'));
    if (space === -1 || !Number.isInteger(length) || length <= 0) throw new Error('bad pax record');
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return records;
}

/** A relative path inside the archive, refused when it could land outside the extraction folder. */
function safePath(name: string): string {
  const trimmed = name.replace(/^\.\//, '').replace(/\/+$/, '');
  const parts = trimmed.split('/');
  if (trimmed === '' || path.posix.isAbsolute(trimmed) || trimmed.includes('\\') || parts.some((p) => p === '..' || p === '')) {
    throw new Error(`unsafe path ${JSON.stringify(name)} in the archive`);
  }
  return trimmed;
}

/** Extracts the gzipped tar `archive` into the folder `into` (created if missing). */
export async function extractTarGz(archive: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  let buffered: Buffer = Buffer.alloc(0);
  let pending: { handle: Awaited<ReturnType<typeof open>> | undefined; remaining: number; pad: number; pax?: Buffer[] } | undefined;
  let pax: Record<string, string> = {};
  let ended = false;
  const source = createReadStream(archive).pipe(createGunzip());
  try {
    for await (const chunk of source) {
      buffered = buffered.length === 0 ? (chunk as Buffer) : Buffer.concat([buffered, chunk as Buffer]);
      for (;;) {
        if (ended) break;
        if (pending) {
          const take = Math.min(pending.remaining, buffered.length);
          if (take > 0) {
            const part = buffered.subarray(0, take);
            if (pending.handle) await pending.handle.write(part);
            else pending.pax?.push(Buffer.from(part));
            buffered = buffered.subarray(take);
            pending.remaining -= take;
          }
          if (pending.remaining > 0) break;
          if (buffered.length < pending.pad) break;
          buffered = buffered.subarray(pending.pad);
          if (pending.handle) await pending.handle.close();
          else if (pending.pax) pax = parsePax(Buffer.concat(pending.pax));
          pending = undefined;
          continue;
        }
        if (buffered.length < BLOCK) break;
        const block = buffered.subarray(0, BLOCK);
        buffered = buffered.subarray(BLOCK);
        if (block.every((byte) => byte === 0)) {
          ended = true;
          break;
        }
        const type = String.fromCharCode(block[156] ?? 0);
        const size = readOctal(block, 124, 12);
        const pad = (BLOCK - (size % BLOCK)) % BLOCK;
        const prefix = readString(block, 345, 155);
        const name = pax['path'] ?? (prefix ? `${prefix}/${readString(block, 0, 100)}` : readString(block, 0, 100));
        if (type === 'x') {
          pending = { handle: undefined, remaining: size, pad, pax: [] };
          continue;
        }
        if (type === 'g') {
          pending = { handle: undefined, remaining: size, pad };
          continue;
        }
        pax = {};
        const target = path.join(into, ...safePath(name).split('/'));
        if (type === '5') {
          await mkdir(target, { recursive: true });
          continue;
        }
        if (type !== '0' && type !== '\0') throw new Error(`entry ${JSON.stringify(name)} has type ${JSON.stringify(type)}; only regular files and folders are extracted`);
        await mkdir(path.dirname(target), { recursive: true });
        pending = { handle: await open(target, 'wx'), remaining: size, pad };
      }
    }
    if (!ended && (pending || buffered.some((byte) => byte !== 0))) throw new Error('the archive ends in the middle of an entry');
  } finally {
    await pending?.handle?.close().catch(() => undefined);
    source.destroy();
  }
}
