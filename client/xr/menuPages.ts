/**
 * The VR menu's larger pages, opened from the wrist: People (who is here and how), Avatar (style and
 * colour, SPEC AV6) and Settings (locomotion, snap turn, comfort vignette). Each fills a panel and
 * names its buttons.
 */
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import { Grid } from '@babylonjs/gui/2D/controls/grid.js';
import { AVATAR_PALETTE } from '../../shared/avatar/colors.js';
import { AVATAR_STYLES, AVATAR_STYLE_LABELS, styleOf } from '../../shared/avatar/styles.js';
import type { AppearanceAsk } from '../avatars/appearanceAsk.js';
import type { AvatarStore } from '../avatars/store.js';
import { modeLabel } from '../avatars/modeLabel.js';
import { colorNotice } from '../ui/notices.js';
import { button, PANEL_COLORS, setButton, text, type Panel3D } from '../ui3d/panel.js';
import type { LocomotionSettings } from './locomotion.js';

export type MenuPage = 'people' | 'avatar' | 'settings' | 'replay' | 'cameras';

/** What a page put on its panel: its buttons by id, and what to undo when it closes. */
export interface PageContent {
  buttons: [id: string, button: Button][];
  dispose(): void;
}

export function buildPeoplePage(p: Panel3D, store: AvatarStore): PageContent {
  for (const a of store.avatars.values()) {
    const who = a.id === store.selfId ? ' (you)' : '';
    const how = a.connected ? modeLabel(a.mode) : 'reconnecting…';
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

/** A grid of `cols` columns for `n` buttons, rows `rowPx` high, added to the page. */
function grid(p: Panel3D, name: string, n: number, cols: number, rowPx: number): Grid {
  const g = new Grid(name);
  for (let c = 0; c < cols; c++) g.addColumnDefinition(1 / cols);
  const rows = Math.ceil(n / cols);
  for (let r = 0; r < rows; r++) g.addRowDefinition(rowPx, true);
  g.height = `${rows * rowPx}px`;
  // The stack's own width: a grid at 100 % ran past the frame's padding and cut its last column off.
  g.width = `${p.texture.getSize().width - 48}px`;
  p.stack.addControl(g);
  return g;
}

/**
 * Style and colour (SPEC AV6): a row of styles, two rows of colours; what the server holds is marked
 * (a replaced colour is said below, in AV3's words). Its labels and note are 28 texture px or more,
 * as the other pages' (PN11): 26 did not read on a Quest.
 */
export function buildAvatarPage(p: Panel3D, ask: AppearanceAsk): PageContent {
  const buttons: [string, Button][] = [];
  const styles = grid(p, 'avatar-styles', AVATAR_STYLES.length, AVATAR_STYLES.length, 80);
  AVATAR_STYLES.forEach((s, i) => {
    const b = button(`avatar-style-${s}`, AVATAR_STYLE_LABELS[s], () => ask.askStyle(s), 76);
    b.fontSize = 28;
    b.paddingLeft = '3px';
    b.paddingRight = '3px';
    styles.addControl(b, 0, i);
    buttons.push([`style-${s}`, b]);
  });
  const colors = grid(p, 'avatar-colors', AVATAR_PALETTE.length, 6, 76);
  AVATAR_PALETTE.forEach((c, i) => {
    const b = button(
      `avatar-color-${c}`,
      '',
      () => {
        note.text = 'Asking…';
        ask.askColor(c);
      },
      72,
    );
    b.background = c;
    b.paddingLeft = '5px';
    b.paddingRight = '5px';
    colors.addControl(b, Math.floor(i / 6), i % 6);
    buttons.push([`color-${c}`, b]);
  });
  const note = text('avatar-note', '', 28, PANEL_COLORS.muted);
  note.textWrapping = true;
  // Three lines at 28 px: AV3's longest notice takes two on the page's 672 px.
  note.height = '110px';
  p.stack.addControl(note);
  const paint = () => {
    const me = ask.mine();
    if (!me) return;
    const style = styleOf(me.style);
    for (const [id, b] of buttons) {
      if (id.startsWith('style-')) setButton(b, b.textBlock?.text ?? '', id === `style-${style}`);
      else {
        // The colour worn: a white ring and a tick.
        const worn = id === `color-${me.color}`;
        b.thickness = worn ? 8 : 0;
        b.color = '#ffffff';
        if (b.textBlock) b.textBlock.text = worn ? '✓' : '';
      }
    }
  };
  paint();
  const offs = [
    ask.onMine(paint),
    ask.onColorDecided(({ asked, given }) => (note.text = colorNotice(asked, given) ?? 'Everyone sees you in this colour now.')),
  ];
  return { buttons, dispose: () => offs.forEach((off) => off()) };
}
