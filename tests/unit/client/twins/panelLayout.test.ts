/** The panel's fixed layout (SPEC PN2, PN3, PN8) and where it opens on screen (SPEC PN6). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDefinition } from '../../../../client/twins/definitions.js';
import { layoutPanel, layoutRects, type Rect } from '../../../../client/twins/panelLayout.js';
import { fitPanel, freeBox, type ScreenBox } from '../../../../client/twins/panelPlacement.js';
import { actionShapes } from '../../../../client/twins/actionInput.js';

const def = (id: string) => readDefinition(id, JSON.parse(fs.readFileSync(`assets/twins/${id}.td.json`, 'utf8')));
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('panel layout (SPEC PN2)', () => {
  for (const [id, narrow] of [
    ['cnc-1', false],
    ['pump-1', false],
    ['conveyor-1', false],
    ['pump-1', true],
    ['cnc-1', true],
  ] as const) {
    it(`PN2: ${id}${narrow ? ' (narrow)' : ''}: every area has its own place inside the panel, none overlapping another`, () => {
      const d = def(id);
      const l = layoutPanel({ properties: Object.keys(d.properties), actions: actionShapes(d), problem: true, narrow });
      const rects = layoutRects(l);
      for (const [name, r] of rects) {
        expect(r.x, name).toBeGreaterThanOrEqual(0);
        expect(r.y, name).toBeGreaterThanOrEqual(0);
        expect(r.x + r.w, name).toBeLessThanOrEqual(l.width);
        expect(r.y + r.h, name).toBeLessThanOrEqual(l.height);
      }
      for (let i = 0; i < rects.length; i++)
        for (let j = i + 1; j < rects.length; j++)
          expect(overlap(rects[i]![1], rects[j]![1]), `${rects[i]![0]} × ${rects[j]![0]}`).toBe(false);
      // Every action of the TD has a button (choices one per value).
      for (const a of actionShapes(d)) {
        if (a.kind === 'choice') for (const v of a.values) expect(l.buttons.has(`${a.id}:${v}`)).toBe(true);
        else expect(l.buttons.has(a.id)).toBe(true);
      }
    });
  }

  it('PN8: the narrow (phone) panel is narrower with larger small print, so it shows at least 12 CSS px on a 390×844 phone', () => {
    const d = def('pump-1');
    const input = { properties: Object.keys(d.properties), actions: actionShapes(d), problem: false };
    const wide = layoutPanel(input);
    const narrow = layoutPanel({ ...input, narrow: true });
    expect(narrow.text.small).toBeGreaterThan(wide.text.small);
    // The phone's view below the bar, 8 px clear of the edges (the rest of the HUD stands aside, PN8).
    const view = { width: 390, height: 844 };
    const bar: ScreenBox = { left: 10, top: 10, right: 380, bottom: 46 };
    const size = { width: narrow.width / 1000, height: narrow.height / 1000 };
    const fit = fitPanel(size, freeBox(view, [bar], size.width / size.height), view, 0.8);
    const cssPerTexturePx = (fit.box.right - fit.box.left) / narrow.width;
    expect(Math.min(narrow.text.small, narrow.text.note) * cssPerTexturePx).toBeGreaterThanOrEqual(12);
  });

  it('PN8: the wide panel stands in two columns, so a 1280×720 window beside the People column shows its small print at 12 CSS px or more', () => {
    const d = def('pump-1');
    const wide = layoutPanel({ properties: Object.keys(d.properties), actions: actionShapes(d), problem: false });
    // Values and actions on the left, the chart and the command log on the right.
    expect(wide.chart.x).toBeGreaterThan(wide.values.get('speed')!.x + wide.values.get('speed')!.w);
    expect(wide.log[0]!.x).toBe(wide.chart.x);
    const view = { width: 1280, height: 720 };
    const occupied: ScreenBox[] = [
      { left: 10, top: 10, right: 1270, bottom: 46 },
      { left: 1020, top: 56, right: 1270, bottom: 420 },
    ];
    const size = { width: wide.width / 1000, height: wide.height / 1000 };
    const fit = fitPanel(size, freeBox(view, occupied, size.width / size.height), view, 0.8);
    expect(Math.min(wide.text.small, wide.text.note) * ((fit.box.right - fit.box.left) / wide.width)).toBeGreaterThanOrEqual(12);
  });

  it('PN2: the layout depends on the definition only, so it is the same every time the panel opens', () => {
    const d = def('cnc-1');
    const input = { properties: Object.keys(d.properties), actions: actionShapes(d), problem: false };
    expect(layoutPanel(input)).toEqual(layoutPanel(input));
  });

  it('PN3: the confirmation button is below every action button and not under any of them', () => {
    const d = def('pump-1');
    const l = layoutPanel({ properties: Object.keys(d.properties), actions: actionShapes(d), problem: false });
    for (const [, b] of l.buttons) {
      expect(overlap(l.confirm, b)).toBe(false);
      expect(l.confirm.y).toBeGreaterThanOrEqual(b.y + b.h);
    }
    // Stop's own column is not where Confirm is: the same click cannot land on both.
    const stop = l.buttons.get('stop')!;
    expect(Math.abs(stop.x + stop.w / 2 - (l.confirm.x + l.confirm.w / 2))).toBeGreaterThan(stop.w / 2);
  });
});

describe('panel placement (SPEC PN6)', () => {
  const fovY = 0.8;
  const inside = (a: ScreenBox, b: ScreenBox) =>
    a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
  const clear = (a: ScreenBox, b: ScreenBox) => a.right <= b.left || a.left >= b.right || a.bottom <= b.top || a.top >= b.bottom;

  it('PN6: on a 1280×720 desktop the panel fills the space left of the People/Alarms column, whole', () => {
    const view = { width: 1280, height: 720 };
    const bar: ScreenBox = { left: 10, top: 10, right: 1270, bottom: 46 };
    const column: ScreenBox = { left: 1020, top: 56, right: 1270, bottom: 420 };
    const free = freeBox(view, [bar, column], 1.4 / 1.5);
    const fit = fitPanel({ width: 1.4, height: 1.5 }, free, view, fovY);
    expect(inside(fit.box, { left: 0, top: 0, right: 1280, bottom: 720 })).toBe(true);
    expect(clear(fit.box, bar)).toBe(true);
    expect(clear(fit.box, column)).toBe(true);
    expect(fit.box.bottom - fit.box.top).toBeGreaterThan(600); // big enough to read
  });

  it('PN6: on a 390×844 phone the panel goes below the folded column, as wide as the screen allows', () => {
    const view = { width: 390, height: 844 };
    const bar: ScreenBox = { left: 10, top: 10, right: 380, bottom: 46 };
    const column: ScreenBox = { left: 180, top: 56, right: 380, bottom: 150 };
    const free = freeBox(view, [bar, column], 1.4 / 1.5);
    const fit = fitPanel({ width: 1.4, height: 1.5 }, free, view, fovY);
    expect(inside(fit.box, { left: 0, top: 0, right: 390, bottom: 844 })).toBe(true);
    expect(clear(fit.box, column)).toBe(true);
    expect(fit.box.right - fit.box.left).toBeGreaterThan(350);
  });

  it('PN6: the distance follows the field of view: a panel filling the window at 0.8 rad is this far', () => {
    const fit = fitPanel({ width: 1, height: 1 }, { left: 0, top: 0, right: 1000, bottom: 1000 }, { width: 1000, height: 1000 }, fovY);
    expect(fit.distance).toBeCloseTo(0.5 / Math.tan(0.4), 6);
    expect(fit.right).toBeCloseTo(0, 6);
    expect(fit.up).toBeCloseTo(0, 6);
  });
});
