/**
 * The machine panel's drawing surface: the world-space GUI plane, the helpers that put a text, a
 * button or any control at its fixed rectangle (panelLayout.ts), and the register of every control a
 * person can press, by id, with where it sits in the world (what tests and XR pointing aim at).
 */
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import type { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import { button, createPanel3D, text, type Panel3D } from '../ui3d/panel.js';
import { PANEL_PX_PER_M, type PanelLayout, type Rect } from './panelLayout.js';

/** Babylon GUI's `TextWrapping` values (a const enum its d.ts declares, which isolated modules cannot read). */
export const WORD_WRAP = 1;
/** One line, cut with "…": a long text never spills into the next area. */
export const ELLIPSIS = 2;
/** The panel's background, without the shared panels' slight transparency. */
const PANEL_OPAQUE = '#12161c';
/** Word wrapped within the control's height, the last line that fits cut with "…". */
export const WORD_WRAP_ELLIPSIS = 3;

export class PanelSurface {
  readonly panel: Panel3D;
  /** Every control a person can press, by id, in the order they were made. */
  private readonly controls = new Map<string, Control>();

  constructor(
    scene: Scene,
    /** The twin's id: prefixes every control's name. */
    private readonly id: string,
    readonly layout: PanelLayout,
  ) {
    this.panel = createPanel3D(scene, `panel-${id}`, {
      width: layout.width / PANEL_PX_PER_M,
      height: layout.height / PANEL_PX_PER_M,
      pixelsPerMetre: PANEL_PX_PER_M,
    });
    // Opaque, not the shared near-opaque: a machine's plate behind the panel read through its chart
    // title on a phone (PN6: nothing behind an open panel reads through).
    const frame = this.panel.texture.getControlByName(`panel-${id}-frame`) as Rectangle | null;
    if (frame) frame.background = PANEL_OPAQUE;
  }

  /** A control at a fixed rectangle of the panel (or of `parent`), pixels from its top-left corner. */
  put<T extends Control>(c: T, r: Rect, parent?: Rectangle): T {
    c.horizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
    c.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
    c.left = `${r.x}px`;
    c.top = `${r.y}px`;
    c.width = `${r.w}px`;
    c.height = `${r.h}px`;
    if (parent) parent.addControl(c);
    else this.panel.texture.addControl(c);
    return c;
  }

  /** One line of text, cut with "…" when too long. */
  line(id: string, r: Rect, value: string, size: number, color: string, bold = false): TextBlock {
    const t = this.put(text(`${this.id}-${id}`, value, size, color, bold), r);
    t.textWrapping = ELLIPSIS;
    return t;
  }

  /** A button, registered as pressable under `id`. */
  press(id: string, r: Rect, label: string, onClick: () => void): Button {
    const b = this.put(button(`${this.id}-${id}`, label, onClick, r.h), r);
    b.fontSize = 28;
    this.controls.set(id, b);
    return b;
  }

  /** Registers a control made elsewhere (a value cell, a slider) as pressable under `id`. */
  register(id: string, c: Control): void {
    this.controls.set(id, c);
  }

  /** Every text on the panel, top to bottom (test API). */
  text(): string {
    const out: string[] = [];
    const walk = (c: Control) => {
      if (!c.isVisible) return;
      const t = (c as Partial<TextBlock>).text;
      if (typeof t === 'string' && t) out.push(t);
      for (const child of (c as unknown as { children?: Control[] }).children ?? []) walk(child);
    };
    for (const c of this.panel.texture.rootContainer.children) walk(c);
    return out.join('\n');
  }

  /** Ids of the visible pressable controls. */
  controlIds(): string[] {
    return [...this.controls.keys()].filter((id) => this.controls.get(id)!.isVisible);
  }

  /**
   * The world corners of a pressable control as last drawn (Babylon frame): top-left, top-right,
   * bottom-right, bottom-left; null while hidden or not drawn yet.
   */
  controlCorners(id: string): Vector3[] | null {
    const c = this.controls.get(id);
    if (!c || !c.isVisible) return null;
    // Where the GUI last drew it (so a test sees a control that moved); none before the first drawing.
    const m = c._currentMeasure;
    if (m.width <= 0 || m.height <= 0) return null;
    const w = this.layout.width;
    const h = this.layout.height;
    const world = this.panel.mesh.computeWorldMatrix(true);
    const at = (px: number, py: number) =>
      Vector3.TransformCoordinates(new Vector3((px / w - 0.5) * (w / PANEL_PX_PER_M), (0.5 - py / h) * (h / PANEL_PX_PER_M), 0), world);
    return [at(m.left, m.top), at(m.left + m.width, m.top), at(m.left + m.width, m.top + m.height), at(m.left, m.top + m.height)];
  }

  /** The world corners of the whole panel (Babylon frame), as `controlCorners`. */
  panelCorners(): Vector3[] {
    const w = this.layout.width / PANEL_PX_PER_M / 2;
    const h = this.layout.height / PANEL_PX_PER_M / 2;
    const world = this.panel.mesh.computeWorldMatrix(true);
    return [
      [-w, h],
      [w, h],
      [w, -h],
      [-w, -h],
    ].map(([x, y]) => Vector3.TransformCoordinates(new Vector3(x, y, 0), world));
  }

  dispose(): void {
    this.panel.dispose();
  }
}
