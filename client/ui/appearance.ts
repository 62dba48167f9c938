/**
 * "Your avatar" (SPEC AV6): a button in the bar, in my style and colour, opens a card to change both
 * mid-session. The card marks what the SERVER holds, not what was clicked (appearanceAsk.ts): a
 * colour near-identical to someone's present is replaced (AV2), and the card says so in AV3's words.
 */
import { AVATAR_PALETTE } from '../../shared/avatar/colors.js';
import { AVATAR_STYLES, AVATAR_STYLE_LABELS, styleOf } from '../../shared/avatar/styles.js';
import type { AppearanceAsk } from '../avatars/appearanceAsk.js';
import { el } from '../core/dom.js';
import { rememberAppearance } from './joinScreen.js';
import { colorNotice } from './notices.js';
import { styleIcon } from './styleIcons.js';

export interface AppearanceControl {
  readonly button: HTMLElement;
  readonly panel: HTMLElement;
  dispose(): void;
}

export function createAppearanceControl(ask: AppearanceAsk): AppearanceControl {
  const preview = el('span', { class: 'appearance-preview' });
  const button = el(
    'button',
    { type: 'button', class: 'badge button', id: 'appearance-button', 'aria-expanded': 'false', title: 'Your avatar: style and colour' },
    preview,
  );
  const styles = el('div', { class: 'swatches styles', role: 'radiogroup', 'aria-label': 'Avatar style' });
  const swatches = el('div', { class: 'swatches', role: 'radiogroup', 'aria-label': 'Avatar colour' });
  const note = el('p', { class: 'muted appearance-note', id: 'appearance-note', 'aria-live': 'polite' });
  const close = el('button', { type: 'button', class: 'mini', id: 'appearance-close' }, 'Done');
  const panel = el(
    'aside',
    { class: 'panel appearance', id: 'appearance', hidden: true, 'aria-label': 'Your avatar' },
    el('h2', {}, 'Your avatar'),
    styles,
    swatches,
    note,
    close,
  );

  const paint = () => {
    const me = ask.mine();
    if (!me) return;
    const style = styleOf(me.style);
    preview.innerHTML = styleIcon(style);
    preview.style.color = me.color;
    styles.style.color = me.color;
    for (const b of styles.querySelectorAll('button')) b.setAttribute('aria-checked', String(b.dataset.style === style));
    for (const b of swatches.querySelectorAll('button')) b.setAttribute('aria-checked', String(b.dataset.color === me.color));
    button.dataset.color = me.color;
    button.dataset.style = style;
  };

  for (const s of AVATAR_STYLES) {
    const b = el('button', { type: 'button', class: 'style-choice', role: 'radio', title: AVATAR_STYLE_LABELS[s], 'data-style': s });
    b.innerHTML = styleIcon(s);
    b.append(el('span', {}, AVATAR_STYLE_LABELS[s]));
    b.addEventListener('click', () => {
      note.textContent = '';
      ask.askStyle(s);
    });
    styles.append(b);
  }
  for (const c of AVATAR_PALETTE) {
    const b = el('button', { type: 'button', class: 'swatch', role: 'radio', style: `background:${c}`, title: c, 'data-color': c });
    b.addEventListener('click', () => {
      note.textContent = 'Asking…';
      note.classList.remove('replaced');
      ask.askColor(c);
    });
    swatches.append(b);
  }

  const toggle = (open: boolean) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) paint();
  };
  button.addEventListener('click', () => toggle(panel.hidden !== false));
  close.addEventListener('click', () => toggle(false));

  const offs = [
    ask.onMine(paint),
    ask.onColorDecided(({ asked, given }) => {
      note.textContent = colorNotice(asked, given) ?? 'Everyone sees you in this colour now.';
      note.classList.toggle('replaced', asked !== given);
    }),
    // The next visit starts from what the person chose here and the server gave.
    ask.onGranted(({ color, style }) => rememberAppearance(color, style)),
  ];
  paint();

  return {
    button,
    panel,
    dispose: () => offs.forEach((off) => off()),
  };
}
