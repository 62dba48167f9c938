/**
 * The simulator's randomness: deterministic given a seed (SIM_SEED) so tests can rely on it. The
 * generator itself is shared/random.ts; here are the per-twin seed and the noise and lag helpers.
 */
import type { Rng } from '../../../shared/random.js';

export { mulberry32, type Rng } from '../../../shared/random.js';

/** A seed for one twin from the process seed and the twin id, so adding a twin does not change the others. */
export function seedFor(seed: number, id: string): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Roughly normal noise with standard deviation `sd` (sum of uniforms). */
export function noise(rng: Rng, sd: number): number {
  return (rng() + rng() + rng() + rng() - 2) * sd * 1.732;
}

/** First-order lag: how far `current` moves toward `target` in `dt` seconds with time constant `tau`. */
export function approach(current: number, target: number, dt: number, tau: number): number {
  return current + (target - current) * (1 - Math.exp(-dt / tau));
}
