/**
 * Where a movable part rests in the space: its pose in the twin's model (following its parents),
 * then the twin's placement. The server starts parts there and `twin.return_part` puts them back
 * (SPEC G7); the client compares against it to offer the return, so both compute it here.
 */
import type { Primitive } from './extension.js';
import { eulerDegToQuat, multiplyQuat, rotateVec, type Quat } from './math.js';

type Vec3 = [number, number, number];

/** A part's pose in the twin's frame, following its parents; null for an unknown id. */
export function partPose(byId: ReadonlyMap<string, Primitive>, id: string): { p: Vec3; q: Quat } | null {
  const prim = byId.get(id);
  if (!prim) return null;
  const own = prim.rotation ? eulerDegToQuat(...prim.rotation) : { x: 0, y: 0, z: 0, w: 1 };
  if (!prim.parent) return { p: [...prim.position], q: own };
  const parent = partPose(byId, prim.parent);
  if (!parent) return null;
  const r = rotateVec(parent.q, prim.position);
  return { p: [parent.p[0] + r[0], parent.p[1] + r[1], parent.p[2] + r[2]], q: multiplyQuat(parent.q, own) };
}

/** The part's rest pose in the protocol frame, for a twin placed at `position`, turned by `rotation`, scaled. */
export function restPose(
  byId: ReadonlyMap<string, Primitive>,
  id: string,
  placement: { position: Vec3; rotation: Quat; scale: number },
): { p: Vec3; q: Quat } | null {
  const local = partPose(byId, id);
  if (!local) return null;
  const s = placement.scale;
  const r = rotateVec(placement.rotation, [local.p[0] * s, local.p[1] * s, local.p[2] * s]);
  const [px, py, pz] = placement.position;
  return { p: [px + r[0], py + r[1], pz + r[2]], q: multiplyQuat(placement.rotation, local.q) };
}
