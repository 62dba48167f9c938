/**
 * The VR menu's larger pages, opened from the wrist: People (who is here and how) and Settings
 * (locomotion, snap turn, comfort vignette). Each fills a panel and names its buttons.
 */
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import type { AvatarStore } from '../avatars/store.js';
import { button, setButton, text, type Panel3D } from '../ui3d/panel.js';
import type { LocomotionSettings } from './locomotion.js';

export type MenuPage = 'people' | 'settings';

/** What a page put on its panel: its buttons by id, and what to undo when it closes. */
export interface PageContent {
  buttons: [id: string, button: Button][];
  dispose(): void;
}

export function buildPeoplePage(p: Panel3D, store: AvatarStore): PageContent {
  for (const a of store.avatars.values()) {
    const who = a.id === store.selfId ? ' (you)' : '';
    const how = a.connected ? (a.mode === 'vr' ? 'in VR' : a.mode === 'ar' ? 'in AR' : 'desktop') : 'reconnecting…';
    const row = text(`people-${a.id}`, `● ${a.name}${who} — ${how}`, 34);
    row.color = a.color;
    p.stack.addControl(row);
  }
  return { buttons: [], dispose: () => undefined };
}

export function buildSettingsPage(p: Panel3D, l: LocomotionSettings): PageContent {
  const mode = button('set-locomotion', '', () => l.setMode(l.mode === 'teleport' ? 'smooth' : 'teleport'));
  const snap = button('set-snap', '', () => l.setSnapDegrees(l.snapDegrees === 30 ? 45 : l.snapDegrees === 45 ? 90 : 30));
  const vignette = button('set-vignette', '', () => l.setVignette(!l.vignette));
  const paint = () => {
    setButton(mode, `Movement: ${l.mode}`, false);
    setButton(snap, `Snap turn: ${l.snapDegrees}°`, false);
    setButton(vignette, `Comfort vignette: ${l.vignette ? 'on' : 'off'}`, l.vignette);
  };
  paint();
  const buttons: [string, Button][] = [
    ['locomotion', mode],
    ['snap', snap],
    ['vignette', vignette],
  ];
  for (const [, b] of buttons) p.stack.addControl(b);
  return { buttons, dispose: l.onChange(paint) };
}
