import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ConfigurationError, quote } from '../errors';

/**
 * The bytes of a text data file (optionally gzip'd) as UTF-8 text in chunks, read with backpressure: the next
 * chunk is read only when the consumer asks for it, so memory holds one chunk whatever the file size.
 *
 * A chunk never ends inside a UTF-8 sequence (its tail waits for the next chunk), a UTF-8 byte order mark at the
 * start of the file is dropped, and invalid UTF-8 is an {@link InvalidUtf8Error} thrown after the valid text
 * before it was given, so the caller (who knows the lines) can say on which line it is.
 */

/**
 * Bytes read from disk per chunk: 64 KiB parses faster than larger chunks in V8 (the rows of a chunk die young),
 * and bounds the text that one string value taken from a chunk keeps alive (V8 slices share their parent).
 */
export const CHUNK_BYTES = 1 << 16;

export interface TextChunk {
  text: string;
  /** Bytes read from the file (compressed bytes for .gz) since the previous chunk, for progress. */
  bytes: number;
}

export class InvalidUtf8Error extends Error {
  override readonly name = 'InvalidUtf8Error';
  constructor(
    /** The first byte that is not valid UTF-8 where it stands. */
    readonly byte: number,
    /** Its offset in the (decompressed) file. */
    readonly offset: number,
    /** Whether the file is gzip'd: then the offset is in the decompressed text, not in the file, and says so. */
    gzip = false,
  ) {
    super(`invalid UTF-8: byte 0x${byte.toString(16).padStart(2, '0')} at byte offset ${offset}${gzip ? ' of the decompressed text' : ''}`);
  }
}

export interface ByteChunk {
  /** The next bytes of the (decompressed) file, as the stream gives them. */
  bytes: Buffer;
  /** Bytes read from the file (compressed bytes for .gz) since the previous chunk, for progress. */
  read: number;
}

/**
 * The bytes of a data file (optionally gzip'd) in chunks of about `chunkBytes`, read with backpressure, as they
 * come: no decoding, no BOM handling. A file that cannot be read or is not valid gzip is a ConfigurationError.
 */
export async function* readByteChunks(absolutePath: string, name: string, gzip: boolean, chunkBytes = CHUNK_BYTES): AsyncGenerator<ByteChunk> {
  const file = createReadStream(absolutePath, { highWaterMark: chunkBytes });
  let source: Readable = file;
  let compressedBytes = 0;
  let gunzipFailed = false;
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: Math.max(64, chunkBytes) });
    file.on('data', (chunk) => {
      compressedBytes += chunk.length;
    });
    file.on('error', (error) => gunzip.destroy(error));
    gunzip.on('error', () => {
      gunzipFailed = true;
    });
    file.pipe(gunzip);
    source = gunzip;
  }
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let read = chunk.length;
      if (gzip) {
        read = compressedBytes;
        compressedBytes = 0;
      }
      yield { bytes: chunk, read };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (gzip && (gunzipFailed || (typeof code === 'string' && code.startsWith('Z_')))) {
      throw new ConfigurationError(`${quote(name)} is not a valid gzip file: ${(error as Error).message}; expected a complete gzip stream`, { file: name });
    }
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM') {
      throw new ConfigurationError(`${quote(name)} cannot be read: ${(error as Error).message}`, { file: name });
    }
    throw error;
  } finally {
    file.destroy();
    source.destroy();
  }
}

/** The file's text in chunks (see the top of this file). */
export async function* readTextChunks(absolutePath: string, name: string, gzip: boolean, chunkBytes = CHUNK_BYTES): AsyncGenerator<TextChunk> {
  let carry: Buffer | undefined;
  let offset = 0;
  let first = true;
  for await (const chunk of readByteChunks(absolutePath, name, gzip, chunkBytes)) {
    const bytes = carry ? Buffer.concat([carry, chunk.bytes]) : chunk.bytes;
    const cut = completeLength(bytes);
    carry = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : undefined;
    const whole = bytes.subarray(0, cut);
    if (!isUtf8(whole)) {
      const bad = firstInvalidUtf8(whole);
      const prefix = whole.toString('utf8', 0, bad);
      yield { text: first ? stripBom(prefix) : prefix, bytes: chunk.read };
      throw new InvalidUtf8Error(whole[bad] ?? 0, offset + bad, gzip);
    }
    let text = whole.toString('utf8');
    if (first && text.length > 0) {
      text = stripBom(text);
      first = false;
    }
    offset += cut;
    yield { text, bytes: chunk.read };
  }
  if (carry) throw new InvalidUtf8Error(carry[0] ?? 0, offset, gzip);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The length of `bytes` without a UTF-8 sequence cut off at its end (that sequence goes with the next chunk). */
export function completeLength(bytes: Uint8Array): number {
  const length = bytes.length;
  let start = length - 1;
  // Step back over at most 3 continuation bytes to the byte that leads the last sequence.
  while (start >= 0 && length - start <= 3 && ((bytes[start] as number) & 0xc0) === 0x80) start--;
  if (start < 0) return length;
  const lead = bytes[start] as number;
  const need = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 1;
  return start + need > length ? start : length;
}

/** The offset of the first byte that is not valid UTF-8 (RFC 3629: no overlong forms, no surrogates), or the length. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const length = bytes.length;
  let i = 0;
  while (i < length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    if (i + need >= length) return i;
    const second = bytes[i + 1] as number;
    if (second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k] as number;
      if ((next & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return length;
}
