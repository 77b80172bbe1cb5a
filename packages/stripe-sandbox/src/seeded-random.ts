import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Turns any string or number into a 32-bit seed (FNV-1a over the text). */
export function seedFrom(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * A deterministic random stream (xoroshiro128+ from `pure-rand`): the same
 * seed always yields the same seed data, ids and fault pattern.
 */
export class SeededRandom {
  readonly #rng: RandomGenerator;

  constructor(seed: number | string) {
    this.#rng = xoroshiro128plus(typeof seed === 'number' ? seed | 0 : seedFrom(seed));
  }

  /** Integer in [min, max], both included (for ranges far below 2^32). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Float in [0, 1). */
  float(): number {
    return (this.#rng.next() >>> 0) / 0x1_0000_0000;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  /** `length` characters drawn from `alphabet` (default base62). */
  string(length: number, alphabet: string = BASE62): string {
    const codes = new Array<number>(length);
    const size = alphabet.length;
    for (let i = 0; i < length; i++)
      codes[i] = alphabet.charCodeAt(Math.floor(this.float() * size));
    return String.fromCharCode(...codes);
  }
}
