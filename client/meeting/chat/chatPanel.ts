/**
 * The desktop chat: a panel in the HUD's side column with the lines and a box to type in. Enter
 * (outside a text box) opens it and puts the cursor in the box; Esc leaves it. Refusals (too long, too
 * fast) show under the box, in words.
 */
import { CHAT_MAX_CHARS, type ChatLine } from '../../../shared/protocol/chat.js';
import { el } from '../../core/dom.js';
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

  const row = (l: ChatLine) => {
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
    // History can arrive out of order after a reconnection: redraw all then; else append.
    const last = Number((list.lastElementChild as HTMLElement | null)?.dataset.id ?? 0);
    if (added.every((l) => l.id > last)) list.append(...added.map(row));
    else list.replaceChildren(...model.lines.map(row));
    while (list.childElementCount > 500) list.firstElementChild?.remove();
    if (nearBottom || added.some((l) => l.from === selfId())) list.scrollTop = list.scrollHeight;
    if (panel.hidden) setUnread(unread + added.filter((l) => l.kind === 'chat' && l.from !== selfId()).length);
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
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') input.blur();
    // Keys typed here are not walking or muting.
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
