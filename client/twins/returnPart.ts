/**
 * "Return <part> to <machine>" (SPEC G7): while a machine's panel is open and one of its movable parts
 * is away from where it rests and nobody holds it, a HUD button (desktop) and a wrist-menu entry (VR)
 * ask the server to put it back. The panel itself stays about the machine's data; this is about its parts.
 * Each movable part of the open machine keeps a slot in the HUD from the moment the panel opens, empty
 * while the part rests (SPEC UX11): the panel is placed clear of the slots, so a part carried away
 * later — by anyone — brings its button up in a place the panel does not use.
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

/** Every movable part of `info`, in definition order, and whether it is offered for return now. */
export function returnSlots(info: TwinInfo, ext: Pick<TwinExtension, 'model' | 'movable'>): { part: string; away: boolean }[] {
  const away = new Set(partsAway(info, ext));
  return [...movableParts(info, ext).keys()].map((part) => ({ part, away: away.has(part) }));
}

/** "Return cover to CNC mill" */
export const returnLabel = (part: string, machine: string): string => `Return ${part} to ${machine}`;

export interface ReturnOffer {
  readonly element: HTMLElement;
  /** Shows the offer (and keeps the slots) for the machine whose panel is open (none while `twin` is null); call on every change. */
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
      const slots = twin && ext ? returnSlots(twin, ext) : [];
      const key = twin ? `${twin.id}:${slots.map((s) => `${s.part}=${s.away}`).join(',')}` : '';
      if (key === shown) return;
      shown = key;
      clear();
      if (!twin || slots.length === 0) return;
      for (const { part, away } of slots) {
        const label = returnLabel(part, twin.title);
        if (!away) {
          // The button's own box, unseen and out of reach (no pointer, no focus): its place is kept.
          element.append(el('div', { class: 'return-part-slot', 'aria-hidden': 'true' }, label));
          continue;
        }
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
