/** The link to this space, ready to copy and send to a colleague. */
import { el } from '../core/dom.js';
import { focusScene } from '../core/sceneFocus.js';

export function spaceLink(space: string, base = location.origin + location.pathname): string {
  const url = new URL(base);
  url.searchParams.set('space', space);
  return url.toString();
}

export function createShareLink(space: string): HTMLElement {
  const link = spaceLink(space);
  const field = el('input', {
    type: 'text',
    readonly: true,
    value: link,
    id: 'share-link',
    'aria-label': 'Link to this space',
    size: Math.min(42, link.length),
  });
  const button = el('button', { type: 'button', class: 'button', id: 'copy-link' }, 'Copy link');
  button.addEventListener('click', () => {
    field.select();
    const done = () => {
      // Copied: the keys go back to the scene (the selected field only matters for Ctrl+C; SPEC UX3).
      focusScene();
      button.textContent = 'Copied';
      setTimeout(() => (button.textContent = 'Copy link'), 1500);
    };
    if (!navigator.clipboard) {
      button.textContent = 'Press Ctrl+C';
      return;
    }
    navigator.clipboard.writeText(link).then(done, () => {
      // Clipboard API refused (insecure origin): the selected field lets people press Ctrl+C.
      button.textContent = 'Press Ctrl+C';
    });
  });
  return el('div', { class: 'share' }, field, button);
}
