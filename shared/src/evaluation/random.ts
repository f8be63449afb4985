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
   * A uniform integer in [0, n), 1 ≤ n ≤ 2³², without bias. For n ≤ 2²¹ (x·n exact in a double) Lemire's
   * multiply-and-shift: ⌊x·n / 2³²⌋ of a 32-bit output x, redrawn when x·n mod 2³² < 2³² mod n; above, x mod n of an
   * x below the largest multiple of n, redrawn otherwise. No float modulo on the common path, which is most of a
   * bootstrap's time.
   */
  below(n: number): number {
    const threshold = 4294967296 % n;
    for (;;) {
      const x = this.next();
      if (n <= LEMIRE_MAX) {
        const m = x * n;
        const index = Math.floor(m / 4294967296);
        if (m - index * 4294967296 >= threshold) return index;
      } else if (x < 4294967296 - threshold) {
        return x % n;
      }
    }
  }

  /**
   * Adds `draws` uniform draws from [0, n) to `counts` (counts[i] += 1 per draw of i): one bootstrap resample. The
   * same draws as calling {@link below} `draws` times, with the state in locals.
   */
  addDraws(counts: Float64Array, n: number, draws: number): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const lemire = n <= LEMIRE_MAX;
    const threshold = 4294967296 % n;
    const limit = 4294967296 - threshold;
    for (let d = 0; d < draws; ) {
      const x = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      if (lemire) {
        const m = x * n;
        const index = Math.floor(m / 4294967296);
        if (m - index * 4294967296 < threshold) continue;
        counts[index]! += 1;
        d++;
      } else if (x < limit) {
        counts[x % n]! += 1;
        d++;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
}

/** Below this, x·n of a 32-bit x is an exact double (< 2⁵³). */
const LEMIRE_MAX = 2 ** 21;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
