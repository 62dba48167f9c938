/** Short notices (a refused action, a reconnect) and the full-screen failure card. */
import { el } from '../core/dom.js';
import type { ConnectionStatus } from '../net/status.js';

export interface Notices {
  show(text: string, kind?: 'info' | 'error'): void;
}

export function createNotices(root: HTMLElement): Notices {
  const box = el('div', { class: 'notices', 'aria-live': 'polite' });
  root.append(box);
  return {
    show(text, kind = 'info') {
      const n = el('div', { class: `notice ${kind}` }, text);
      box.append(n);
      setTimeout(() => n.remove(), 5000);
      while (box.childElementCount > 4) box.firstElementChild?.remove();
    },
  };
}

/** What to tell people as the connection goes and comes back (SPEC RS6); null when nothing new. */
export function connectionNotice(s: ConnectionStatus): string | null {
  if (s.state === 'reconnecting' && s.attempt === 1)
    return s.reason === 'restarting' ? 'Server restarting — reconnecting…' : 'Connection lost — reconnecting…';
  if (s.state === 'connected' && s.resumed) return 'Reconnected';
  return null;
}

export function showFailure(root: HTMLElement, title: string, reason: string): void {
  root.querySelector('#failure')?.remove();
  root.append(
    el(
      'div',
      { class: 'overlay', id: 'failure' },
      el(
        'div',
        { class: 'card' },
        el('h1', {}, title),
        el('p', { id: 'failure-reason' }, reason),
        el('button', { type: 'button', class: 'primary', onclick: () => location.reload() }, 'Try again'),
      ),
    ),
  );
}

/**
 * What to tell a person whose picked colour the server replaced (SPEC AV3): someone present wears
 * one near-identical to it. Null when they got what they asked for, or asked for none.
 */
export function colorNotice(asked: string | undefined, given: string): string | null {
  if (!asked || asked.toLowerCase() === given.toLowerCase()) return null;
  return `Someone here already wears a colour very like ${asked}, so you wear ${given} instead.`;
}
