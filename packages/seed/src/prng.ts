// A small seeded pseudo-random number generator, deterministic across runs,
// machines and Node versions: only 32-bit integer arithmetic (Math.imul, shifts)
// and correctly rounded IEEE-754 operations (division, sqrt). No Math.random,
// no transcendental functions (Math.log / Math.pow may differ in the last bit
// between platforms), so the same seed always gives the same ecosystem.

/** Murmur3's 32-bit finaliser: a good avalanche of one 32-bit word. */
export function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Hashes a seed and any number of integers (a stream tag, an index) into one
 * 32-bit seed, so that every organisation or service gets its own independent
 * stream and can be regenerated alone, in any order.
 */
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = fmix32((h ^ fmix32((p >>> 0) + 0x7f4a7c15)) + Math.imul(h, 31));
  }
  return fmix32(h);
}

/** Hash of a short ASCII string, to derive stream tags from names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32 with convenience draws. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next 32-bit unsigned integer. */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi], rounded to `decimals` places. */
  real(lo: number, hi: number, decimals = 2): number {
    const f = 10 ** decimals;
    return Math.round((lo + this.next() * (hi - lo)) * f) / f;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with the given (non-negative) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = a[i] as T;
      a[i] = a[j] as T;
      a[j] = t;
    }
    return a;
  }
}

/** Zipf exponents that can be computed exactly (k^-s from products of square roots). */
export type ZipfExponent = 1 | 1.25 | 1.5 | 1.75 | 2;

function zipfWeight(k: number, s: ZipfExponent): number {
  const r = Math.sqrt(k);
  const q = Math.sqrt(r);
  switch (s) {
    case 1:
      return 1 / k;
    case 1.25:
      return 1 / (k * q);
    case 1.5:
      return 1 / (k * r);
    case 1.75:
      return 1 / (k * r * q);
    case 2:
      return 1 / (k * k);
  }
}

/**
 * Zipf-like (power-law) sampler over n ranks: rank k (0-based) is drawn with
 * probability ∝ (k+1)^-s. Rank 0 is the most popular.
 *
 * With `head` shares, the first ranks take those shares exactly (a market with
 * known leaders, e.g. [0.42, 0.23, 0.15]) and the rest of the mass is spread over
 * the remaining ranks by the power law; with fewer ranks than head shares the
 * head is renormalised.
 */
export class Zipf {
  readonly n: number;
  private readonly cdf: Float64Array;

  constructor(n: number, s: ZipfExponent, head: readonly number[] = []) {
    if (n < 1) throw new Error('Zipf over an empty range');
    this.n = n;
    const w = new Float64Array(n);
    const h = Math.min(head.length, n);
    let headMass = 0;
    for (let k = 0; k < h; k++) headMass += head[k] as number;
    const tailMass = n > h ? Math.max(0, 1 - headMass) : 0;
    let tailTotal = 0;
    for (let k = h; k < n; k++) tailTotal += zipfWeight(k - h + 1, s);
    for (let k = 0; k < n; k++) {
      w[k] =
        k < h ? (head[k] as number) : tailTotal > 0 ? (tailMass * zipfWeight(k - h + 1, s)) / tailTotal : 0;
    }
    if (h === 0) for (let k = 0; k < n; k++) w[k] = zipfWeight(k + 1, s);
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) {
      total += w[k] as number;
      this.cdf[k] = total;
    }
    for (let k = 0; k < n; k++) this.cdf[k] = (this.cdf[k] as number) / total;
    this.cdf[n - 1] = 1;
  }

  /** The probability of rank k. */
  share(k: number): number {
    return (this.cdf[k] as number) - (k > 0 ? (this.cdf[k - 1] as number) : 0);
  }

  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
