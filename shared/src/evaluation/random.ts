/**
 * The bootstrap's random numbers: xoshiro128** (Blackman & Vigna, 2018; 32-bit output, period 2¹²⁸ − 1), seeded
 * from one integer by two outputs of splitmix64, as the xoshiro authors recommend (a seed of 0 is fine). Chosen
 * because it is small, fast with 32-bit integer arithmetic (Math.imul), and documented well enough that anyone can
 * reproduce a replicate elsewhere: same seed, same draws, on every platform and Node version.
 */

const MASK64 = (1n << 64n) - 1n;

/** splitmix64 (Steele, Lea & Flood): the state advanced by the golden gamma, then mixed. */
export function splitmix64(state: bigint): { state: bigint; value: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return { state: next, value: z ^ (z >> 31n) };
}

export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** `seed`: a non-negative safe integer. State words: the low and high 32 bits of splitmix64's first two outputs. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`bad seed ${seed}`);
    const a = splitmix64(BigInt(seed));
    const b = splitmix64(a.state);
    this.s0 = Number(a.value & 0xffffffffn);
    this.s1 = Number(a.value >> 32n);
    this.s2 = Number(b.value & 0xffffffffn);
    this.s3 = Number(b.value >> 32n);
  }

  /** A generator in a given state (four 32-bit words, not all 0): for the reference implementation's test vectors. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Xoshiro128 {
    const generator = new Xoshiro128(0);
    generator.s0 = s0 | 0;
    generator.s1 = s1 | 0;
    generator.s2 = s2 | 0;
    generator.s3 = s3 | 0;
    return generator;
  }

  /** The next 32-bit output, as an unsigned integer. */
  next(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * A uniform integer in [0, n), n ≤ 2³²: a 32-bit output below the largest multiple of n, modulo n (rejection,
   * so there is no modulo bias; with n = 10⁶ one draw in ~4,300 is redrawn).
   */
  below(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    let x = this.next();
    while (x >= limit) x = this.next();
    return x % n;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
