/** Compact encodings of sketch state for profile.json: little-endian binary, base64. */

export function encodeFloat64(values: ArrayLike<number>): string {
  const buffer = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) buffer.writeDoubleLE(values[i] as number, i * 8);
  return buffer.toString('base64');
}

export function decodeFloat64(text: string): Float64Array {
  const buffer = Buffer.from(text, 'base64');
  if (buffer.length % 8 !== 0) throw new Error(`a float64 array is encoded in ${buffer.length} bytes, not a multiple of 8`);
  const values = new Float64Array(buffer.length / 8);
  for (let i = 0; i < values.length; i++) values[i] = buffer.readDoubleLE(i * 8);
  return values;
}

export function encodeUint32(values: ArrayLike<number>): string {
  const buffer = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) buffer.writeUInt32LE(values[i] as number, i * 4);
  return buffer.toString('base64');
}

export function decodeUint32(text: string): Uint32Array {
  const buffer = Buffer.from(text, 'base64');
  if (buffer.length % 4 !== 0) throw new Error(`a uint32 array is encoded in ${buffer.length} bytes, not a multiple of 4`);
  const values = new Uint32Array(buffer.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = buffer.readUInt32LE(i * 4);
  return values;
}

export function encodeBytes(values: Uint8Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** A small deterministic PRNG step (xorshift32); the state is any non-zero 32-bit integer. */
export function nextRandom(state: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0 || 0x6d2b79f5;
}
