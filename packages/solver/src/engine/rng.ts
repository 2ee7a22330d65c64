/** A seeded pseudo-random source; the engine draws every random choice from one of these. */
export type Rng = {
  /** Uniform in [0, 1). */
  readonly next: () => number
  /** Uniform integer in [0, n) for n ≥ 1. */
  readonly int: (n: number) => number
}

/**
 * Mulberry32: a small, fast 32-bit generator, plenty for search decisions (not for cryptography).
 * The same seed always gives the same sequence.
 * @example createRng(1).int(10) // the same number on every run
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: n => Math.floor(next() * n) }
}
