/**
 * A part within a hand's reach lights up: its material's emissive colour is raised while a hand is at
 * it and given back when none is (so grabbable meshes should have materials of their own).
 */
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';

/** Added to a part's emissive colour while a hand is at it. */
const LIT = new Color3(0.22, 0.22, 0.16);

function emissive(mesh: AbstractMesh): Color3 | null {
  const m = mesh.material as { emissiveColor?: unknown } | null;
  return m?.emissiveColor instanceof Color3 ? m.emissiveColor : null;
}

export class GrabHighlight {
  /** Meshes lit up now, with the emissive colour to give back. */
  private readonly lit = new Map<AbstractMesh, Color3>();

  /** `stillNear(mesh)`: whether another hand is at it (then it stays lit). */
  constructor(private readonly stillNear: (mesh: AbstractMesh) => boolean) {}

  set(mesh: AbstractMesh | null, on: boolean): void {
    const c = mesh ? emissive(mesh) : null;
    if (!mesh || !c) return;
    if (on && !this.lit.has(mesh)) {
      this.lit.set(mesh, c.clone());
      c.addInPlace(LIT);
    } else if (!on && this.lit.has(mesh)) {
      if (this.stillNear(mesh)) return;
      c.copyFrom(this.lit.get(mesh)!);
      this.lit.delete(mesh);
    }
  }

  has(mesh: AbstractMesh): boolean {
    return this.lit.has(mesh);
  }
}
