/**
 * Where each movable part of a machine rests and how far it may be carried from there (SPEC G2):
 * the same rest pose the server judges `twin.move` against (shared/twin/partRest.ts, following the
 * machine's placement), so a carried part is held within reach of its rest — not of wherever it was
 * grabbed, which after one move would let the client send places the server refuses.
 */
import type { TwinExtension } from '../../shared/twin/extension.js';
import { restPose } from '../../shared/twin/partRest.js';
import type { TwinInfo } from './store.js';

export interface PartReach {
  /** Rest position, protocol frame (metres). */
  rest: [number, number, number];
  /** Farthest from rest, metres (the definition's reach × the machine's scale). */
  reach: number;
}

/** The movable parts of `info`, by part id; none for a machine without primitives. */
export function movableParts(
  info: Pick<TwinInfo, 'position' | 'rotation' | 'scale'>,
  ext: Pick<TwinExtension, 'model' | 'movable'>,
): Map<string, PartReach> {
  const out = new Map<string, PartReach>();
  if (!('primitives' in ext.model) || !ext.model.primitives) return out;
  const byId = new Map(ext.model.primitives.map((p) => [p.id, p]));
  const [x, y, z, w] = info.rotation;
  const placement = { position: info.position, rotation: { x, y, z, w }, scale: info.scale };
  for (const m of ext.movable) {
    const rest = restPose(byId, m.part, placement);
    if (rest) out.set(m.part, { rest: rest.p, reach: m.reach * info.scale });
  }
  return out;
}
