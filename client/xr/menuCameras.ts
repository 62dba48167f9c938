/**
 * The VR menu's Cameras page (SPEC VC6): the desktop's "Project onto the scene" for someone in a
 * headset, where the large view's HTML is not seen. One button per camera of the space: pressed, it
 * lays that camera's live picture onto what the camera sees (for this person only; one camera at a
 * time, so pressing another moves the projection there); pressed again, it stops. It drives the same
 * switch as the desktop button, through `ctx.apis.video` (client/video/api.ts).
 */
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import type { FeatureApis } from '../core/feature.js';
import { button, PANEL_COLORS, setButton, text, type Panel3D } from '../ui3d/panel.js';
import type { PageContent } from './menuPages.js';

type VideoApi = FeatureApis['video'];

/** The button's words for a camera: what pressing it does. */
export function projectLabel(title: string, projected: boolean): string {
  return projected ? `Stop projecting ${title}` : `Project ${title}`;
}

export function buildCamerasPage(p: Panel3D, api: VideoApi): PageContent {
  const note = text('cameras-note', '', 28, PANEL_COLORS.muted);
  note.textWrapping = true;
  note.height = '80px';
  p.stack.addControl(note);
  const buttons: [string, Button][] = [];
  const byId = new Map<string, Button>();
  // The cameras are known when the page opens (their screens are placed as the space loads); one that
  // comes later shows the next time the page opens.
  for (const c of api.cameras()) {
    const b = button(`cameras-project-${c.id}`, '', () => api.project(c.id, !api.cameras().find((x) => x.id === c.id)?.projected), 80);
    b.fontSize = 30;
    p.stack.addControl(b);
    buttons.push([`project-${c.id}`, b]);
    byId.set(c.id, b);
  }
  const paint = () => {
    const cameras = api.cameras();
    note.text =
      cameras.length === 0
        ? 'No cameras in this space.'
        : 'Lay a camera’s live picture onto the floor, machines and walls it sees (only you see it).';
    for (const c of cameras) {
      const b = byId.get(c.id);
      if (b) setButton(b, projectLabel(c.title, c.projected), c.projected);
    }
  };
  paint();
  return { buttons, dispose: api.onChange(paint) };
}
