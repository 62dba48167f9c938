/**
 * The building part of the test API (`window.twinverse.features.building`): what loaded, the card
 * shown, and where an element is on screen so a test can point at it like a person would.
 */
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { BuildingElement } from '../../shared/space/building.js';
import type { ClientContext } from '../context/context.js';
import type { BuildingModel } from '../building/buildingModel.js';
import { babylonToProtocol } from '../render/frames.js';
import type { VrElementCard } from './vrCard.js';

export interface BuildingTestApi {
  /** Elements, storeys, batches (= draw calls of the building), triangles. */
  summary(): { elements: number; storeys: string[]; meshes: number; triangles: number; twins: Record<string, number> };
  /** An element by name, with its box (protocol frame). */
  element(name: string): BuildingElement | null;
  /** Where the middle of the face of an element's box that looks towards the camera is on screen (CSS pixels). */
  screenPoint(name: string): { x: number; y: number } | null;
  /** The identity card shown now: its element and its text. */
  card(): { element: BuildingElement; text: string } | null;
  /**
   * The card in a headset: its element, lines, where it stands (protocol frame), its size (metres),
   * how far from the eyes, and the cosine between its face's normal and the way to the eyes (1: square on).
   */
  vrCard(): {
    element: BuildingElement;
    lines: string[];
    position: { x: number; y: number; z: number };
    width: number;
    height: number;
    distance: number;
    facing: number;
  } | null;
  /** Which meshes are drawn: storeys shown, walls cut away. */
  visible(): { storeys: boolean[]; cutaway: boolean; enabledMeshes: number };
  /** An element's tint (#rrggbb) or null. */
  tint(name: string): string | null;
}

declare module '../core/feature.js' {
  interface TwinverseFeatureApis {
    building: BuildingTestApi;
  }
}

export function buildingTestApi(
  ctx: ClientContext,
  b: BuildingModel,
  card: () => { element: BuildingElement; text: string } | null,
  vr: VrElementCard,
): BuildingTestApi {
  const byName = (name: string) => b.index.elements.find((e) => e.name === name) ?? null;
  return {
    summary: () => ({
      elements: b.index.elements.length,
      storeys: b.index.storeys.map((s) => s.name),
      meshes: b.meshes.length,
      triangles: b.index.triangles,
      twins: b.index.twins,
    }),
    element: byName,
    screenPoint(name) {
      const e = byName(name);
      const camera = ctx.scene.activeCamera;
      if (!e || !camera) return null;
      // The box's centre, pulled to its face nearest the camera (Babylon frame: z mirrored).
      const centre = new Vector3((e.min[0] + e.max[0]) / 2, (e.min[1] + e.max[1]) / 2, -(e.min[2] + e.max[2]) / 2);
      const half = new Vector3((e.max[0] - e.min[0]) / 2, (e.max[1] - e.min[1]) / 2, (e.max[2] - e.min[2]) / 2);
      const toCam = camera.globalPosition.subtract(centre);
      const thin = half.x < half.z ? 'x' : 'z';
      centre[thin] += Math.sign(toCam[thin]) * half[thin];
      const engine = ctx.scene.getEngine();
      const w = engine.getRenderWidth();
      const h = engine.getRenderHeight();
      const p = Vector3.Project(centre, Matrix.IdentityReadOnly, ctx.scene.getTransformMatrix(), camera.viewport.toGlobal(w, h));
      if (p.z < 0 || p.z > 1) return null;
      const rect = engine.getRenderingCanvasClientRect();
      return { x: p.x * (rect ? rect.width / w : 1) + (rect?.left ?? 0), y: p.y * (rect ? rect.height / h : 1) + (rect?.top ?? 0) };
    },
    card,
    vrCard() {
      const s = vr.state();
      const eye = ctx.scene.activeCamera?.globalPosition;
      if (!s || !eye) return null;
      const toEye = eye.subtract(s.position);
      const distance = toEye.length();
      return {
        element: s.element,
        lines: s.lines,
        position: babylonToProtocol(s.position),
        width: s.width,
        height: s.height,
        distance,
        facing: Vector3.Dot(s.normal, toEye.scale(1 / (distance || 1))),
      };
    },
    visible: () => ({
      storeys: b.index.storeys.map((_, i) => b.storeyVisible(i)),
      cutaway: b.cutaway,
      enabledMeshes: b.meshes.filter((m) => m.isEnabled()).length,
    }),
    tint: (name) => {
      const e = byName(name);
      return e ? b.tinted(e.id) : null;
    },
  };
}
