/**
 * Which meshes react to pointing (panels, machines, the board). A click on one of them interacts;
 * a click anywhere else captures the mouse for looking around.
 */
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';

export function markInteractive(mesh: AbstractMesh, data: Record<string, unknown> = {}): void {
  mesh.isPickable = true;
  mesh.metadata = { ...(mesh.metadata as Record<string, unknown> | null), ...data, interactive: true };
}

export function isInteractive(mesh: AbstractMesh | null | undefined): boolean {
  for (let m: AbstractMesh | null | undefined = mesh; m; m = m.parent as AbstractMesh | null) {
    if ((m.metadata as { interactive?: boolean } | null)?.interactive) return true;
  }
  return false;
}

/**
 * Whether a finger that lands on `mesh` is its own (a panel, a part to carry, a screen) rather than
 * for looking around (SPEC TC5): a machine's body takes only a tap, so a finger that lands on it and
 * moves turns the view. Movable parts are marked `movable` (twinView.ts).
 */
export function holdsFinger(mesh: AbstractMesh | null | undefined): boolean {
  for (let m: AbstractMesh | null | undefined = mesh; m; m = m.parent as AbstractMesh | null) {
    const data = m.metadata as { interactive?: boolean; twin?: string; movable?: boolean } | null;
    if (data?.interactive) return !data.twin || data.movable === true;
  }
  return false;
}
