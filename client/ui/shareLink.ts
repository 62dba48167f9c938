/**
 * The link to this space, ready to copy and send to a colleague. On a narrow screen the field goes
 * and the button is its link icon only (named "Copy link" by its aria-label and title), so the bar
 * keeps room for the space's whole title (SPEC UX12); what it answers ("Copied") shows in words there too.
 */
import { el, svgIcon } from '../core/dom.js';
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
  const label = el('span', { class: 'label' }, 'Copy link');
  const button = el('button', { type: 'button', class: 'button copy-link', id: 'copy-link' }, svgIcon(LINK_ICON, 18), label);
  /** The words on the button, and its name while they are hidden (icon only). */
  const say = (words: string) => {
    label.textContent = words;
    button.title = words;
    button.setAttribute('aria-label', words);
    // An answer shows in words even where the button is icon only (styles.css).
    if (words === 'Copy link') delete button.dataset.answer;
    else button.dataset.answer = '';
  };
  say('Copy link');
  button.addEventListener('click', () => {
    field.select();
    const done = () => {
      // Copied: the keys go back to the scene (the selected field only matters for Ctrl+C; SPEC UX3).
      focusScene();
      say('Copied');
      setTimeout(() => say('Copy link'), 1500);
    };
    if (!navigator.clipboard) {
      say('Press Ctrl+C');
      return;
    }
    navigator.clipboard.writeText(link).then(done, () => {
      // Clipboard API refused (insecure origin): the selected field lets people press Ctrl+C.
      say('Press Ctrl+C');
    });
  });
  return el('div', { class: 'share' }, field, button);
}

/** Two chain links (24 × 24 view box), drawn in the button's text colour. */
const LINK_ICON =
  '<path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0z"/>' +
  '<path d="M7.8 20.5a4.3 4.3 0 0 1-3-7.3l2.8-2.8a1 1 0 0 1 1.4 1.4l-2.8 2.8a2.3 2.3 0 0 0 3.2 3.2l2.8-2.8a1 1 0 1 1 1.4 1.4l-2.8 2.8a4.3 4.3 0 0 1-3 1.3z"/>' +
  '<path d="M16.4 14a1 1 0 0 1-.7-1.7l2.8-2.8a2.3 2.3 0 0 0-3.2-3.2l-2.8 2.8a1 1 0 1 1-1.4-1.4l2.8-2.8a4.3 4.3 0 0 1 6 6l-2.8 2.8a1 1 0 0 1-.7.3z"/>';
