/**
 * Says a machine can be clicked (SPEC HV1): while the mouse, the crosshair or an XR pointer ray is over
 * a machine, all its meshes are tinted (Babylon's overlay: per mesh, so merged or shared materials of
 * other machines are not touched) and, for a free mouse, the cursor becomes a pointer.
 */
// Registers the scene component that draws `mesh.renderOverlay` (the tint).
import '@babylonjs/core/Rendering/outlineRenderer.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { PointerEventTypes, type PointerInfo } from '@babylonjs/core/Events/pointerEvents.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Scene } from '@babylonjs/core/scene.js';

const TINT = new Color3(1, 0.85, 0.4);
const TINT_ALPHA = 0.3;

export interface TwinHover {
  /** The machine under a pointer now, or null. */
  readonly twin: string | null;
  dispose(): void;
}

export interface HoverDeps {
  scene: Scene;
  /** Whose cursor to set (the canvas). */
  cursor: { style: { cursor: string } };
  /** Whether the mouse is captured (then the crosshair points and there is no cursor to change). */
  locked(): boolean;
}

function twinOf(mesh: AbstractMesh | null | undefined): string | null {
  for (let m: AbstractMesh | null | undefined = mesh; m; m = m.parent as AbstractMesh | null) {
    const t = (m.metadata as { twin?: string } | null)?.twin;
    if (t) return t;
  }
  return null;
}

export function createTwinHover(d: HoverDeps): TwinHover {
  let over: string | null = null;
  let cursorSet = false;
  const tint = (twin: string, on: boolean) => {
    for (const mesh of d.scene.meshes) {
      if (twinOf(mesh) !== twin) continue;
      mesh.renderOverlay = on;
      if (on) {
        mesh.overlayColor = TINT;
        mesh.overlayAlpha = TINT_ALPHA;
      }
    }
  };
  const observer = d.scene.onPointerObservable.add((info: PointerInfo) => {
    const e = info.event as PointerEvent;
    // A finger does not hover: what it touched is not "under the pointer" once it lifts, and a tint
    // left from a tap stayed on the machine (SPEC HV1). Any finger clears it.
    if (e.pointerType === 'touch') {
      if (over) tint(over, false);
      over = null;
      return;
    }
    if (info.type !== PointerEventTypes.POINTERMOVE) return;
    const mouse = e.pointerType === 'mouse' && !d.locked();
    // The scene skips picking on move (engine.ts, for speed): a free mouse is picked here; the
    // crosshair and XR rays come with a pick of their own.
    const given = info.pickInfo?.hit ? info.pickInfo.pickedMesh : null;
    const mesh = given ?? (mouse ? d.scene.pick(d.scene.pointerX, d.scene.pointerY).pickedMesh : null);
    const twin = twinOf(mesh);
    if (twin !== over) {
      if (over) tint(over, false);
      if (twin) tint(twin, true);
      over = twin;
    }
    if (mouse && twin) {
      d.cursor.style.cursor = 'pointer';
      cursorSet = true;
    } else if (cursorSet) {
      d.cursor.style.cursor = '';
      cursorSet = false;
    }
  });
  return {
    get twin() {
      return over;
    },
    dispose() {
      d.scene.onPointerObservable.remove(observer);
      if (over) tint(over, false);
      if (cursorSet) d.cursor.style.cursor = '';
    },
  };
}
