/**
 * The desktop chat: a panel in the HUD's side column with the lines and a box to type in. Enter
 * (outside a text box) opens it and puts the cursor in the box; sending or Esc gives the keys back to the scene. Refusals (too long, too
 * fast) show under the box, in words.
 */
import { CHAT_MAX_CHARS, type ChatLine } from '../../../shared/protocol/chat.js';
import { el } from '../../core/dom.js';
import { focusScene } from '../../core/sceneFocus.js';
import { foldArrivals, type ChatRow } from './arrivals.js';
import { clock, type ChatModel } from './chatModel.js';
import { Listeners } from '../../core/listeners.js';

export interface ChatPanel {
  readonly panel: HTMLElement;
  readonly open: boolean;
  setOpen(on: boolean): void;
  /** Lines that arrived while the panel was closed. */
  readonly unread: number;
  onUnread(l: (n: number) => void): () => void;
  /** Shows a refusal under the box. */
  problem(text: string): void;
  focus(): void;
  dispose(): void;
}

export function createChatPanel(model: ChatModel, send: (text: string) => void, selfId: () => string | null): ChatPanel {
  const list = el('ol', { id: 'chat-lines', 'aria-live': 'polite' });
  const input = el('input', {
    id: 'chat-input',
    type: 'text',
    maxlength: CHAT_MAX_CHARS,
    placeholder: 'Message everyone',
    autocomplete: 'off',
    'aria-label': 'Chat message',
  });
  const problem = el('p', { class: 'chat-problem', role: 'alert', id: 'chat-problem' });
  const form = el('form', { id: 'chat-form' }, input, el('button', { type: 'submit', class: 'button', id: 'chat-send' }, 'Send'));
  const panel = el('aside', { class: 'panel chat-panel', id: 'chat-panel', hidden: true }, el('h2', {}, 'Chat'), list, form, problem);
  let unread = 0;
  const unreadListeners = new Listeners<number>();
  const setUnread = (n: number) => {
    unread = n;
    unreadListeners.emit(n);
  };

  const row = (r: ChatRow) => {
    if (r.kind === 'arrivals') {
      const names = r.lines.map((l) => l.name).join(', ');
      return el('li', { class: 'line arrivals muted', 'data-id': r.lines.at(-1)!.id, title: names }, r.text);
    }
    const l = r.line;
    if (l.kind !== 'chat') {
      return el(
        'li',
        { class: `line ${l.kind}`, 'data-id': l.id },
        el('span', { class: 'who', style: `color:${l.color}` }, l.name),
        ` ${l.text}`,
      );
    }
    return el(
      'li',
      { class: `line chat${l.from === selfId() ? ' mine' : ''}`, 'data-id': l.id },
      el('span', { class: 'who', style: `color:${l.color}` }, l.name),
      el('time', { class: 'muted' }, clock(l.at)),
      el('p', {}, l.text),
    );
  };
  const render = (added: readonly ChatLine[]) => {
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    // Redrawn whole: an arrival may join the folded row above it, and history after a reconnection
    // can arrive out of order. At most 500 lines, at most a line a second each: cheap enough.
    list.replaceChildren(...foldArrivals(model.lines).map(row));
    while (list.childElementCount > 500) list.firstElementChild?.remove();
    if (nearBottom || added.some((l) => l.from === selfId())) list.scrollTop = list.scrollHeight;
    if (panel.hidden) setUnread(unread + added.filter((l) => l.kind === 'chat' && l.from !== selfId() && model.isNews(l)).length);
  };
  const offAdded = model.onAdded(render);
  render(model.lines);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    send(text);
    input.value = '';
    problem.textContent = '';
    // Said and done: back to the scene, so W A S D walk (Enter opens the box again; SPEC UX3).
    focusScene();
  });
  input.addEventListener('keydown', (e) => {
    // Esc leaves the box for the scene (a capture listener does it for every field; this one is the
    // panel's own promise when used alone). Keys typed here are not walking or muting.
    if (e.key === 'Escape') focusScene();
    e.stopPropagation();
  });
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (e.key !== 'Enter' || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA'))) return;
    e.preventDefault();
    api.setOpen(true);
    api.focus();
  };
  window.addEventListener('keydown', onKey);

  const api: ChatPanel = {
    panel,
    get open() {
      return !panel.hidden;
    },
    setOpen(on) {
      panel.hidden = !on;
      if (on) {
        setUnread(0);
        list.scrollTop = list.scrollHeight;
      }
    },
    get unread() {
      return unread;
    },
    onUnread: (l) => unreadListeners.add(l),
    problem(text) {
      problem.textContent = text;
    },
    focus() {
      if (document.pointerLockElement) document.exitPointerLock();
      input.focus();
    },
    dispose() {
      offAdded();
      window.removeEventListener('keydown', onKey);
    },
  };
  return api;
}
