/**
 * The controls, in a corner. Shown on arrival; it folds away into a small "Controls (H)" button once
 * you start walking or click into the scene, and H or the button brings it back. Nothing folds it
 * before `start()`, which the page calls on the first frame of the scene (SPEC UX4): a slow load used
 * to spend the fold timer behind the loading screen, so people never saw the card.
 */
import { el } from '../core/dom.js';

const ROWS: [string, string][] = [
  ['W A S D / arrows', 'walk'],
  ['Shift', 'run'],
  ['Q / E', 'turn'],
  ['Click, then mouse', 'look around'],
  ['Esc', 'release the mouse'],
  ['M', 'mute / unmute'],
  ['Enter', 'chat'],
  ['Drag on the board', 'draw'],
  ['H', 'show / hide this help'],
  ['Click a machine', 'open its panel (it lights up when you point at it)'],
  ['Drag a lit part', 'move it (Return puts it back)'],
  ['Hand button', 'raise / lower your hand'],
  ['Share button', 'share your screen on the board'],
];

/**
 * The same card on a phone or tablet: thumbs and taps instead of keys and clicks (no keyboard there),
 * in few words: on a phone the card stands over the scene, above the stick (SPEC UX9).
 */
const TOUCH_ROWS: [string, string][] = [
  ['Stick', 'walk, step aside'],
  ['Drag', 'look around'],
  ['Tap a machine', 'its panel'],
  ['Drag a lit part', 'move it'],
  ['Drag on the board', 'draw'],
  ['✋ / 💬', 'hand, chat'],
];

const MOVE_KEYS = new Set(['KeyW', 'KeyA', 'KeyS', 'KeyD', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

export interface HelpOverlay {
  element: HTMLElement;
  toggle(): void;
  /** Touch device: the card lists the stick, finger look and taps instead of keys. */
  setTouch(on: boolean): void;
  /** The scene is on screen: from now on walking, a click or time fold the card. */
  start(): void;
  dispose(): void;
}

export function createHelpOverlay(): HelpOverlay {
  const table = el('dl', {});
  const fill = (rows: [string, string][]) =>
    table.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, el('kbd', {}, k)), el('dd', {}, v)]));
  fill(ROWS);
  // Hide folds the card by hand on any device (H does too, and on a phone a tap on the card).
  const hide = el('button', { type: 'button', class: 'mini help-hide', id: 'help-hide', title: 'Hide the controls' }, 'Hide');
  const panel = el('aside', { class: 'panel help', id: 'help' }, el('div', { class: 'help-head' }, el('h2', {}, 'Controls'), hide), table);
  const button = el('button', { type: 'button', class: 'button help-button', id: 'help-button', hidden: true }, 'Controls (H)');
  const setTouch = (on: boolean) => {
    fill(on ? TOUCH_ROWS : ROWS);
    // No H key on a phone.
    button.textContent = on ? 'Controls' : 'Controls (H)';
  };
  const element = el('div', {}, panel, button);
  let folded = false;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const show = (open: boolean) => {
    panel.hidden = !open;
    button.hidden = open;
  };
  // Whoever opens or closes the card by hand decides; a pending fold does not overrule them.
  const toggle = () => {
    clearTimeout(pending);
    show(panel.hidden !== false);
  };
  button.addEventListener('click', () => {
    clearTimeout(pending);
    show(true);
  });
  hide.addEventListener('click', () => {
    clearTimeout(pending);
    folded = true;
    show(false);
  });
  const foldSoon = (delayMs: number) => {
    if (folded) return;
    folded = true;
    pending = setTimeout(() => show(false), delayMs);
  };
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
    if (e.code === 'KeyH') toggle();
    else if (MOVE_KEYS.has(e.code)) foldSoon(1500);
  };
  // A click into the scene (a machine, the board, or to look around) means the card has been seen.
  // On a touch screen the card sits over the view and there is no H key: a tap on it puts it away.
  const onPointer = (e: PointerEvent) => {
    const t = e.target as HTMLElement | null;
    if (t?.tagName === 'CANVAS') foldSoon(0);
    else if (e.pointerType === 'touch' && t && panel.contains(t)) {
      clearTimeout(pending);
      folded = true;
      show(false);
    }
  };
  let fold: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    // Out of the way after a while even for people who only look and click.
    fold = setTimeout(() => {
      if (!folded) {
        folded = true;
        show(false);
      }
    }, 20_000);
  };
  return {
    element,
    toggle,
    setTouch,
    start,
    dispose: () => {
      clearTimeout(fold);
      clearTimeout(pending);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    },
  };
}
