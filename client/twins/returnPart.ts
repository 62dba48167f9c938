/**
 * "Return <part> to <machine>" (SPEC G7): while a machine's panel is open and one of its movable parts
 * is away from where it rests and nobody holds it, a HUD button (desktop) and a wrist-menu entry (VR)
 * ask the server to put it back. The panel itself stays about the machine's data; this is about its parts.
 */
import type { TwinExtension } from '../../shared/twin/extension.js';
import type { MenuAction } from '../core/actions.js';
import { el } from '../core/dom.js';
import { movableParts } from './partReach.js';
import type { TwinInfo } from './store.js';

/** Farther than this from rest (metres) a part counts as moved: patches are float32. */
const AWAY_M = 0.01;

/** The movable parts of `info` that are away from rest and free to return, in definition order. */
export function partsAway(info: TwinInfo, ext: Pick<TwinExtension, 'model' | 'movable'>): string[] {
  const away: string[] = [];
  for (const [id, { rest }] of movableParts(info, ext)) {
    const now = info.parts.get(id);
    if (!now || now.holder !== '') continue;
    if (Math.hypot(now.p[0] - rest[0], now.p[1] - rest[1], now.p[2] - rest[2]) > AWAY_M) away.push(id);
  }
  return away;
}

/** "Return cover to CNC mill" */
export const returnLabel = (part: string, machine: string): string => `Return ${part} to ${machine}`;

export interface ReturnOffer {
  readonly element: HTMLElement;
  /** Shows the offer for the machine whose panel is open (none while `twin` is null); call on every change. */
  show(twin: TwinInfo | null, ext: Pick<TwinExtension, 'model' | 'movable'> | null): void;
  dispose(): void;
}

export function createReturnOffer(deps: { send(twin: string, part: string): void; register(action: MenuAction): () => void }): ReturnOffer {
  const element = el('div', { class: 'return-parts', hidden: true });
  let shown = '';
  const offMenu = new Map<string, () => void>();
  const clear = () => {
    for (const off of offMenu.values()) off();
    offMenu.clear();
    element.replaceChildren();
    element.hidden = true;
  };
  return {
    element,
    show(twin, ext) {
      const away = twin && ext ? partsAway(twin, ext) : [];
      const key = twin ? `${twin.id}:${away.join(',')}` : '';
      if (key === shown) return;
      shown = key;
      clear();
      if (!twin || away.length === 0) return;
      for (const part of away) {
        const label = returnLabel(part, twin.title);
        const run = () => deps.send(twin.id, part);
        element.append(el('button', { type: 'button', class: 'return-part', onclick: run }, label));
        offMenu.set(part, deps.register({ id: `return-part:${part}`, label: () => label, run }));
      }
      element.hidden = false;
    },
    dispose() {
      clear();
      element.remove();
    },
  };
}
