/**
 * The element card in a headset (SPEC BM6a): HTML is not drawn in XR, so the element a controller's
 * ray points at gets its IFC card as a panel in the world. It stands on the ray between the eyes and
 * the element, near the element but never farther than arm's reach plus a step (so a far wall's card
 * is still readable), beside the ray (the laser and the element stay in view), upright and turned to
 * the viewer. It takes no pointer: the ray passes through it to what is behind.
 */
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { BuildingElement, BuildingIndex } from '../../shared/space/building.js';
import { elementLines } from '../building/elementText.js';
import { createPanel3D, PANEL_COLORS, text, type Panel3D } from '../ui3d/panel.js';

/** GUI's TextWrapping.WordWrap (a const enum the build cannot import). */
const WORD_WRAP = 1;

/** Panel width, metres, and its texture's pixels per metre. */
const WIDTH = 1.0;
const PPM = 1000;
const LINE_PX = 30;
/** Metres from the eyes: the card is never nearer (too big) or farther (too small to read). */
const NEAREST = 0.8;
const FARTHEST = 2.2;

export interface VrElementCard {
  /** Shows `e`'s card for a ray from `eye` that hit it at `hit`; null hides it. */
  show(e: BuildingElement | null, eye?: Vector3, hit?: Vector3): void;
  /** What the card says and where it is (Babylon frame), null when hidden. */
  state(): { element: BuildingElement; lines: string[]; position: Vector3; normal: Vector3; width: number; height: number } | null;
  dispose(): void;
}

/** Lines a text of `chars` characters takes at `px` font in `width` px (about half an em a character). */
const wrapped = (chars: number, px: number, width: number) => Math.max(1, Math.ceil((chars * px * 0.52) / width));

/**
 * Where a card `width` m wide stands for a ray from `eye` that hit at `hit` (Babylon frame), and its
 * yaw: on the line to the hit, 0.3 m short of it within NEAREST…FARTHEST of the eyes, to the ray's
 * right by half the card and a gap, its front (−Z of a plane) turned to the eyes, upright.
 */
export function placeCard(eye: Vector3, hit: Vector3, width: number): { position: Vector3; yaw: number } {
  const ray = hit.subtract(eye);
  const dist = ray.length() || 1;
  ray.scaleInPlace(1 / dist);
  const along = Math.max(NEAREST, Math.min(FARTHEST, dist - 0.3));
  const right = new Vector3(ray.z, 0, -ray.x);
  if (right.lengthSquared() < 1e-6) right.set(1, 0, 0);
  right.normalize();
  const position = eye.add(ray.scale(along)).add(right.scale(width / 2 + 0.08));
  const face = eye.subtract(position);
  return { position, yaw: Math.atan2(-face.x, -face.z) };
}

export function createVrElementCard(scene: Scene, index: Pick<BuildingIndex, 'storeys'>): VrElementCard {
  let panel: Panel3D | null = null;
  let shown: { element: BuildingElement; lines: string[]; height: number } | null = null;

  const build = (e: BuildingElement) => {
    const l = elementLines(index, e);
    const inner = WIDTH * PPM - 40;
    const rows = [
      { value: l.identity, size: LINE_PX, color: PANEL_COLORS.muted },
      ...l.psets.map((value) => ({ value, size: LINE_PX, color: PANEL_COLORS.text })),
    ].map((r) => ({ ...r, lines: wrapped(r.value.length, r.size, inner) }));
    const px = 12 + 66 + rows.reduce((n, r) => n + r.lines * Math.round(r.size * 1.35) + 8, 0) + 16;
    const height = px / PPM;
    const p = createPanel3D(scene, 'bim-vr-card', { width: WIDTH, height, pixelsPerMetre: PPM, title: l.title, titleSize: 40 });
    // The ray passes through to the element and whatever is behind the card.
    p.mesh.isPickable = false;
    rows.forEach((r, i) => {
      const t = text(`bim-vr-card-${i}`, r.value, r.size, r.color);
      t.textWrapping = WORD_WRAP;
      t.height = `${r.lines * Math.round(r.size * 1.35) + 8}px`;
      p.stack.addControl(t);
    });
    return { panel: p, lines: [l.title, l.identity, ...l.psets], height };
  };

  return {
    show(e, eye, hit) {
      if (!e || !eye || !hit) {
        panel?.dispose();
        panel = null;
        shown = null;
        return;
      }
      if (shown?.element !== e) {
        panel?.dispose();
        const b = build(e);
        panel = b.panel;
        shown = { element: e, lines: b.lines, height: b.height };
      }
      const pose = placeCard(eye, hit, WIDTH);
      const mesh = panel!.mesh;
      mesh.position.copyFrom(pose.position);
      mesh.rotationQuaternion = Quaternion.RotationYawPitchRoll(pose.yaw, 0, 0);
    },
    state() {
      if (!panel || !shown) return null;
      panel.mesh.computeWorldMatrix(true);
      const normal = Vector3.TransformNormal(new Vector3(0, 0, -1), panel.mesh.getWorldMatrix()).normalize();
      return {
        element: shown.element,
        lines: shown.lines,
        position: panel.mesh.position.clone(),
        normal,
        width: WIDTH,
        height: shown.height,
      };
    },
    dispose() {
      panel?.dispose();
      panel = null;
      shown = null;
    },
  };
}
