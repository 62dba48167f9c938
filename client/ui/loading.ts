/** The loading bar shown while the scene is built and the space joined. */
import { el } from '../core/dom.js';

export interface Loading {
  step(fraction: number, what: string): void;
  done(): void;
}

export function showLoading(root: HTMLElement): Loading {
  const bar = el('div', { class: 'progress-fill' });
  const label = el('p', { class: 'muted', id: 'loading-label' }, 'Loading…');
  const overlay = el(
    'div',
    { class: 'overlay', id: 'loading' },
    el(
      'div',
      { class: 'card loading-card' },
      el('h1', {}, 'Twinverse'),
      el('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 }, bar),
      label,
    ),
  );
  root.append(overlay);
  return {
    step(fraction, what) {
      const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
      bar.style.width = `${pct}%`;
      bar.parentElement?.setAttribute('aria-valuenow', String(pct));
      label.textContent = what;
    },
    done() {
      overlay.remove();
    },
  };
}
