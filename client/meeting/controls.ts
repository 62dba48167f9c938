/**
 * The meeting's desktop controls in the HUD's bottom-right corner: microphone (with a level meter;
 * M toggles), raise hand, chat (with unread count), share screen, go to the board. A compact twin of
 * the microphone button goes to the top bar: on a phone an open machine panel sends the bottom row
 * aside (PN8), and a person speaking must still be able to mute while reading it (PN9).
 */
import { el, svgIcon } from '../core/dom.js';

const ICONS = {
  mic: '<path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11z"/>',
  micOff:
    '<path d="M19 11h-2c0 .7-.1 1.3-.4 1.9l1.5 1.5c.6-1 .9-2.2.9-3.4zM15 11.2V5a3 3 0 0 0-5.9-.8zM4.3 3 3 4.3l6 6V11a3 3 0 0 0 4.3 2.7l1.6 1.6A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.9V21h2v-3.1c1-.1 1.9-.5 2.7-1L19.7 21 21 19.7z"/>',
  hand: '<path d="M18 7.5a1.5 1.5 0 0 0-1.5 1.5v3h-1V4.5a1.5 1.5 0 0 0-3 0V11h-1V3.5a1.5 1.5 0 0 0-3 0V11h-1V5.5a1.5 1.5 0 0 0-3 0v9.1C4.5 19 7.6 22 11.7 22c3.9 0 7.3-3 7.3-7.2V9A1.5 1.5 0 0 0 18 7.5z"/>',
  chat: '<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/>',
  screen: '<path d="M3 4h18a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-7v2h3v2H7v-2h3v-2H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 2v9h16V6z"/>',
  board: '<path d="M3 3h18v12H3zm2 2v8h14V5zM11 16h2v2l3 3h-2.5L12 19.5 10.5 21H8l3-3z"/>',
};

const icon = (paths: string): SVGElement => svgIcon(paths, 20);

export interface MeetingControls {
  readonly element: HTMLElement;
  /** The bar's compact microphone button, shown only while a panel has the bottom row aside (PN9). */
  readonly barMic: HTMLElement;
  setMic(state: 'live' | 'muted' | 'off', title: string): void;
  setLevel(level: number): void;
  setHand(on: boolean): void;
  setUnread(n: number): void;
  setChatOpen(on: boolean): void;
  setSharing(on: boolean, busy: boolean): void;
  /** Shows why there is no microphone and how to fix it, until fixed or dismissed (null hides it). */
  setMicProblem(text: string | null): void;
  dispose(): void;
}

export function createMeetingControls(on: {
  mic(): void;
  hand(): void;
  chat(): void;
  share(): void;
  board(): void;
  shareSupported: boolean;
}): MeetingControls {
  const meter = el('span', { class: 'meter' });
  const micIcon = el('span', { class: 'icon' });
  const mic = el(
    'button',
    { type: 'button', class: 'button tool', id: 'mic-button', title: 'Mute (M)' },
    micIcon,
    el('span', { class: 'label' }, 'Mic'),
    meter,
  );
  const barMicIcon = el('span', { class: 'icon' });
  const barMic = el('button', { type: 'button', class: 'button tool bar-mic', id: 'bar-mic-button', title: 'Mute (M)' }, barMicIcon);
  const hand = el(
    'button',
    { type: 'button', class: 'button tool', id: 'hand-button', title: 'Raise your hand', 'aria-pressed': 'false' },
    icon(ICONS.hand),
  );
  const unread = el('span', { class: 'unread', hidden: true });
  const chat = el(
    'button',
    { type: 'button', class: 'button tool', id: 'chat-button', title: 'Chat (Enter)', 'aria-pressed': 'false' },
    icon(ICONS.chat),
    unread,
  );
  const share = el(
    'button',
    { type: 'button', class: 'button tool', id: 'share-button', title: 'Share your screen on the board', hidden: !on.shareSupported },
    icon(ICONS.screen),
    el('span', { class: 'label' }, 'Share'),
  );
  const board = el('button', { type: 'button', class: 'button tool', id: 'board-button', title: 'Go to the board' }, icon(ICONS.board));
  mic.addEventListener('click', on.mic);
  barMic.addEventListener('click', on.mic);
  hand.addEventListener('click', on.hand);
  chat.addEventListener('click', on.chat);
  share.addEventListener('click', on.share);
  board.addEventListener('click', on.board);
  const problemText = el('p', {});
  const problem = el(
    'div',
    { class: 'panel mic-problem', id: 'mic-problem', role: 'alert', hidden: true },
    problemText,
    el('button', { type: 'button', class: 'mini', onclick: on.mic }, 'Try again'),
    el('button', { type: 'button', class: 'mini', onclick: () => (problem.hidden = true) }, 'OK, just listen'),
  );
  const element = el('div', { class: 'meeting-controls' }, problem, mic, hand, chat, share, board);

  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (e.code !== 'KeyM' || e.ctrlKey || e.metaKey || e.altKey || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA'))) return;
    on.mic();
  };
  window.addEventListener('keydown', onKey);
  let micState = '';
  return {
    element,
    barMic,
    setMic(state, title) {
      for (const b of [mic, barMic]) {
        b.title = title;
        b.dataset.state = state;
      }
      // An icon alone says nothing to a screen reader: the bar's button is named by what it does.
      barMic.setAttribute('aria-label', title);
      if (state === micState) return;
      micState = state;
      micIcon.replaceChildren(icon(state === 'live' ? ICONS.mic : ICONS.micOff));
      barMicIcon.replaceChildren(icon(state === 'live' ? ICONS.mic : ICONS.micOff));
      mic.querySelector('.label')!.textContent = state === 'live' ? 'Mute' : state === 'muted' ? 'Unmute' : 'No mic';
    },
    setLevel(level) {
      meter.style.setProperty('--level', String(Math.min(1, level * 8)));
    },
    setHand(up) {
      hand.setAttribute('aria-pressed', String(up));
      hand.title = up ? 'Lower your hand' : 'Raise your hand';
    },
    setUnread(n) {
      unread.hidden = n === 0;
      unread.textContent = n > 9 ? '9+' : String(n);
    },
    setChatOpen(open) {
      chat.setAttribute('aria-pressed', String(open));
    },
    setSharing(active, busy) {
      share.setAttribute('aria-pressed', String(active));
      share.querySelector('.label')!.textContent = active ? 'Stop' : 'Share';
      share.title = active ? 'Stop sharing your screen' : busy ? 'Someone else is sharing' : 'Share your screen on the board';
    },
    setMicProblem(text) {
      problem.hidden = text === null;
      problemText.textContent = text ?? '';
    },
    dispose() {
      window.removeEventListener('keydown', onKey);
    },
  };
}
