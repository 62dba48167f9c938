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
  };
}
