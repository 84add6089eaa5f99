/**
 * A small, fast, seeded pseudo-random generator (sfc32). Not Java's `Random`: the bench needs
 * determinism by seed and speed, not bit-for-bit equality with Beam's generator.
 * @public
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    let a = this.a | 0;
    let b = this.b | 0;
    let c = this.c | 0;
    const d = this.d | 0;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.a = a;
    this.b = b;
    this.c = c;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  nextDouble(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n), for 0 < n <= 2^32. */
  nextInt(n: number): number {
    return Math.floor(this.nextDouble() * n);
  }
}
