/**
 * The join screen: display name (remembered in localStorage) and avatar colour, with the space named.
 * Skipped when the link carries `?name=` (shared links, kiosks, bots).
 */
import { DisplayName } from '../../shared/protocol/values.js';
import { check } from '../../shared/protocol/validation.js';
import { el } from '../core/dom.js';

export const AVATAR_COLORS = ['#e4572e', '#f3a712', '#29bf12', '#17bebb', '#2e86de', '#7b61ff', '#d63af9', '#8d6e63'];
const NAME_KEY = 'twinverse.name';
const COLOR_KEY = 'twinverse.color';

export interface Identity {
  name: string;
  color: string;
  /** A passcode for a role in this space (host, operator), when the person was given one. Never stored. */
  passcode?: string;
}

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function rememberIdentity(id: Identity): void {
  try {
    localStorage.setItem(NAME_KEY, id.name);
    localStorage.setItem(COLOR_KEY, id.color);
  } catch {
    /* private mode: nothing to remember with */
  }
}

/** The colour to use without asking: the remembered one, or one picked from the name. */
export function defaultColor(name: string): string {
  const saved = stored(COLOR_KEY);
  if (saved && /^#[0-9a-f]{6}$/i.test(saved)) return saved;
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length]!;
}

export function showJoinScreen(root: HTMLElement, spaceTitle: string): Promise<Identity> {
  return new Promise((resolve) => {
    let color = defaultColor(stored(NAME_KEY) ?? '');
    const input = el('input', {
      id: 'join-name',
      type: 'text',
      maxlength: 32,
      placeholder: 'Your name',
      autocomplete: 'nickname',
      value: stored(NAME_KEY) ?? '',
    });
    const problem = el('p', { class: 'join-problem', role: 'alert' });
    const passcode = el('input', {
      id: 'join-passcode',
      type: 'password',
      maxlength: 64,
      placeholder: 'Only if you were given one',
      autocomplete: 'off',
    });
    const swatches = el('div', { class: 'swatches', role: 'radiogroup', 'aria-label': 'Avatar colour' });
    const paint = () => {
      for (const b of swatches.querySelectorAll('button')) b.setAttribute('aria-checked', String(b.dataset.color === color));
    };
    for (const c of AVATAR_COLORS) {
      const b = el('button', {
        type: 'button',
        class: 'swatch',
        role: 'radio',
        style: `background:${c}`,
        title: c,
        'data-color': c,
        onclick: () => ((color = c), paint()),
      });
      swatches.append(b);
    }
    paint();
    const form = el(
      'form',
      { class: 'card join-card', id: 'join-form' },
      el('h1', {}, 'Twinverse'),
      el('p', { class: 'muted' }, 'You are joining ', el('strong', {}, spaceTitle)),
      el('label', { for: 'join-name' }, 'Display name'),
      input,
      el('label', {}, 'Avatar colour'),
      swatches,
      el('details', { class: 'passcode' }, el('summary', {}, 'I have a passcode (host or operator)'), passcode),
      problem,
      el('button', { type: 'submit', class: 'primary', id: 'join-button' }, 'Join'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const result = check(DisplayName, input.value);
      if (!result.ok) {
        problem.textContent = 'Please enter a name (1–32 characters).';
        input.focus();
        return;
      }
      const id: Identity = { name: result.value, color };
      rememberIdentity(id);
      const code = passcode.value.trim();
      if (code) id.passcode = code;
      overlay.remove();
      resolve(id);
    });
    const overlay = el('div', { class: 'overlay' }, form);
    root.append(overlay);
    input.focus();
  });
}
