/** Connection status in words: connecting, connected, reconnecting (with time left), failed (with why). */
import type { ConnectionStatus } from '../net/status.js';
import { el } from '../core/dom.js';

export function describeStatus(s: ConnectionStatus): string {
  switch (s.state) {
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return `${s.reason === 'restarting' ? 'Server restarting — reconnecting…' : 'Reconnecting…'} (attempt ${s.attempt}, ${s.secondsLeft} s left)`;
    case 'failed':
      return `Disconnected: ${s.reason}`;
    case 'left':
      return 'Left the space';
  }
}

export function createConnectionBadge(): { element: HTMLElement; set(s: ConnectionStatus): void } {
  const dot = el('span', { class: 'dot' });
  const text = el('span', {});
  const element = el('div', { class: 'badge', id: 'connection-status', role: 'status', 'aria-live': 'polite' }, dot, text);
  return {
    element,
    set(s) {
      element.dataset.state = s.state;
      text.textContent = describeStatus(s);
    },
  };
}
