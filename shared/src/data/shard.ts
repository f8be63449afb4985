import { ConfigurationError } from '../errors';
import type { Shard } from './types';

/**
 * Which part of the input shard `index` of `count` (`shard: i/n`, 1-based) reads. The files are first sorted by
 * the UTF-8 bytes of their paths, so every job of a matrix sees the same order.
 *
 * - At least as many files as shards: whole files, dealt round-robin. The k-th file (0-based, in sorted order)
 *   goes to shard (k mod n) + 1, so shard i reads files i−1, i−1+n, i−1+2n, …
 * - Fewer files than shards: every shard reads every file, and keeps the rows whose 0-based number in the whole
 *   input (all files one after the other, in sorted order, counting data rows only: no header, no blank line)
 *   is congruent to i−1 modulo n.
 *
 * Either way the shards are disjoint and together they are the whole input, each row in exactly one shard.
 * Without a shard, or with `1/1`, the whole input is read.
 */
export interface ShardPlan {
  /** The files this shard reads, in sorted order. */
  files: string[];
  /** Undefined: every row of those files. Else keep the rows whose 0-based number in the whole input ≡ `remainder` (mod `modulus`). */
  rows?: { modulus: number; remainder: number };
}

export function planShard(sortedFiles: readonly string[], shard?: Shard): ShardPlan {
  if (!shard || shard.count === 1) return { files: [...sortedFiles] };
  const { index, count } = shard;
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 1 || index > count) {
    throw new ConfigurationError(`shard: "${index}/${count}" is not a shard; expected i/n with whole numbers 1 ≤ i ≤ n`);
  }
  if (sortedFiles.length >= count) return { files: sortedFiles.filter((_file, k) => k % count === index - 1) };
  return { files: [...sortedFiles], rows: { modulus: count, remainder: index - 1 } };
}
