/**
 * The HTML overlay's layout: a top bar, a right-hand column of panels, and the bottom corners.
 * Features add their elements here rather than positioning themselves.
 */
import { el } from '../core/dom.js';

export interface Hud {
  readonly root: HTMLElement;
  /** Adds to the top bar, before the share link. */
  addToBar(element: HTMLElement): void;
  /** Adds a panel to the right-hand column (people, chat …). */
  addPanel(element: HTMLElement): void;
  /** Adds to the bottom-right corner (buttons such as Enter VR, mute). */
  addAction(element: HTMLElement): void;
  /** Where the overlay covers the window now (CSS pixels): what a world panel must not open under. */
  occupied(): { left: number; top: number; right: number; bottom: number }[];
}

export function createHud(root: HTMLElement, parts: { bar: HTMLElement[]; trailing: HTMLElement[] }): Hud {
  const bar = el('header', { class: 'hud' }, ...parts.bar);
  const trailing = el('div', { class: 'hud-trailing' }, ...parts.trailing);
  bar.append(trailing);
  const side = el('div', { class: 'side' });
  const actions = el('div', { class: 'actions' });
  root.append(bar, side, actions);
  return {
    root,
    addToBar: (e) => trailing.before(e),
    addPanel: (e) => side.append(e),
    addAction: (e) => actions.append(e),
    occupied() {
      const out: { left: number; top: number; right: number; bottom: number }[] = [];
      // The elements, not their containers (the bar and the column are mostly empty space): the bar's
      // items, the column's panels, the corner buttons, the help card, the hint. Notices (a live
      // region) come and go within seconds; the scene's canvas is what a panel is drawn on.
      const containers = new Set<Element>([bar, trailing, side, actions]);
      const visit = (e: Element) => {
        if (e instanceof HTMLCanvasElement) return;
        if (containers.has(e) || (e.tagName === 'DIV' && !e.className)) {
          for (const child of e.children) visit(child);
          return;
        }
        if (e.hasAttribute('aria-live')) return;
        const r = e.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      };
      for (const child of root.children) visit(child);
      return out;
    },
  };
}
