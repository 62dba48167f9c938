/**
 * World-space panels: a plane carrying a Babylon GUI texture. HTML is invisible in XR, so every UI a
 * headset user needs (the VR menu, twin panels, chat) is one of these. Mouse clicks on desktop and
 * controller rays or pinches in XR reach its controls the same way, through scene pointer events.
 */
import { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Button } from '@babylonjs/gui/2D/controls/button.js';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import { StackPanel } from '@babylonjs/gui/2D/controls/stackPanel.js';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { markInteractive } from '../input/interactive.js';
import { markVirtual } from '../render/virtual.js';

export const PANEL_COLORS = {
  background: '#12161cf0',
  border: '#3b4a5a',
  text: '#eef2f6',
  muted: '#9fb0c0',
  button: '#24303d',
  buttonActive: '#2e86de',
  danger: '#c0392b',
};

export interface Panel3D {
  readonly mesh: Mesh;
  readonly texture: AdvancedDynamicTexture;
  /** Vertical stack inside the panel's frame; add controls here. */
  readonly stack: StackPanel;
  /** Pixels of texture per metre of panel. */
  readonly pixelsPerMetre: number;
  dispose(): void;
}

export interface PanelOptions {
  /** Metres. */
  width: number;
  height: number;
  /** Texture pixels per metre (text sharpness); 1200 reads well at arm's length. */
  pixelsPerMetre?: number;
  title?: string;
  /** Title font size in texture pixels (default 44). */
  titleSize?: number;
}

export function createPanel3D(scene: Scene, name: string, o: PanelOptions): Panel3D {
  const ppm = o.pixelsPerMetre ?? 1200;
  const mesh = CreatePlane(name, { width: o.width, height: o.height }, scene);
  markInteractive(mesh);
  markVirtual(mesh);
  const texture = AdvancedDynamicTexture.CreateForMesh(mesh, Math.round(o.width * ppm), Math.round(o.height * ppm), true);
  const frame = new Rectangle(`${name}-frame`);
  frame.background = PANEL_COLORS.background;
  frame.color = PANEL_COLORS.border;
  frame.thickness = 3;
  frame.cornerRadius = 24;
  texture.addControl(frame);
  const stack = new StackPanel(`${name}-stack`);
  stack.paddingTop = '12px';
  stack.paddingLeft = '16px';
  stack.paddingRight = '16px';
  stack.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
  // A width of its own: without one a vertical StackPanel lays its children out over its parent's
  // whole width from inside its left padding, so full-width rows ran past the right padding and were cut.
  stack.width = '100%';
  frame.addControl(stack);
  if (o.title) {
    const title = text(`${name}-title`, o.title, o.titleSize ?? 44, PANEL_COLORS.text, true);
    title.textWrapping = false;
    title.resizeToFit = false;
    stack.addControl(title);
  }
  return {
    mesh,
    texture,
    stack,
    pixelsPerMetre: ppm,
    dispose() {
      texture.dispose();
      mesh.dispose();
    },
  };
}

export function text(name: string, value: string, size = 36, color = PANEL_COLORS.text, bold = false): TextBlock {
  const t = new TextBlock(name, value);
  t.color = color;
  t.fontSize = size;
  t.fontWeight = bold ? '600' : '400';
  t.height = `${Math.round(size * 1.5)}px`;
  t.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
  return t;
}

/** A large, clearly hit-able button (controller rays shake: 80 px ≈ 7 cm at 1200 px/m). */
export function button(name: string, label: string, onClick: () => void, height = 90): Button {
  const b = Button.CreateSimpleButton(name, label);
  b.height = `${height}px`;
  b.paddingTop = '6px';
  b.paddingBottom = '6px';
  b.color = PANEL_COLORS.text;
  b.background = PANEL_COLORS.button;
  b.cornerRadius = 16;
  b.thickness = 0;
  b.fontSize = 36;
  b.onPointerClickObservable.add(() => onClick());
  return b;
}

export function setButton(b: Button, label: string, active: boolean): void {
  if (b.textBlock) b.textBlock.text = label;
  b.background = active ? PANEL_COLORS.buttonActive : PANEL_COLORS.button;
}

/** World position of a GUI control's centre on a panel plane `width` × `height` metres (pointing at it in tests). */
export function controlPosition(panel: Panel3D, control: Control, width: number, height: number): Vector3 {
  const size = panel.texture.getSize();
  const x = (control.centerX / size.width - 0.5) * width;
  const y = (0.5 - control.centerY / size.height) * height;
  panel.mesh.computeWorldMatrix(true);
  return Vector3.TransformCoordinates(new Vector3(x, y, 0), panel.mesh.getWorldMatrix());
}
