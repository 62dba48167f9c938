/**
 * Where a pointer points, as a ray in the scene, whatever drives it: the desktop mouse (or the screen
 * centre under pointer lock) or an XR controller / tracked hand. Features that drag things (parts,
 * board strokes) ask here by the pointer id their scene pointer event carried. A pointer held in a
 * hand also has a turn (`rotation`): a part carried by a controller turns with it; the mouse has none.
 */
import { Ray } from '@babylonjs/core/Culling/ray.js';
import { Vector3, type Quaternion } from '@babylonjs/core/Maths/math.vector.js';

/**
 * Fills `out` for `pointerId` and returns true — or 'oriented' when it also filled `rotation` (world,
 * Babylon frame) — or returns false when it does not own that pointer.
 */
export type RaySource = (pointerId: number, out: Ray, rotation: Quaternion | null) => boolean | 'oriented';

export class RayRegistry {
  private readonly sources: RaySource[] = [];

  /** Sources registered later are asked first (XR before the desktop mouse). */
  register(source: RaySource): () => void {
    this.sources.unshift(source);
    return () => {
      const i = this.sources.indexOf(source);
      if (i >= 0) this.sources.splice(i, 1);
    };
  }

  get(pointerId: number, out: Ray = new Ray(Vector3.Zero(), Vector3.Forward())): Ray | null {
    return this.pose(pointerId, out, null) ? out : null;
  }

  /** Ray and, where the pointer has one, rotation: 'oriented' when `rotation` was filled, 'ray' when not. */
  pose(pointerId: number, out: Ray, rotation: Quaternion | null): 'ray' | 'oriented' | null {
    for (const s of this.sources) {
      const r = s(pointerId, out, rotation);
      if (r) return r === 'oriented' && rotation ? 'oriented' : 'ray';
    }
    return null;
  }
}
