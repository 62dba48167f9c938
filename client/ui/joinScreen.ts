/**
 * The join screen: display name (remembered in localStorage), avatar style and colour (SPEC AV1,
 * AV3), with the space named. "Automatic" colour sends none, and the server picks one unlike
 * everyone's present (AV2). Skipped when the link carries `?name=` (shared links, kiosks, bots).
 */
import { AVATAR_PALETTE } from '../../shared/avatar/colors.js';
import { AVATAR_STYLES, AVATAR_STYLE_LABELS, type AvatarStyleId } from '../../shared/avatar/styles.js';
import { AvatarColor, DisplayName } from '../../shared/protocol/values.js';
import { check } from '../../shared/protocol/validation.js';
import { el } from '../core/dom.js';
import { styleIcon } from './styleIcons.js';

const NAME_KEY = 'twinverse.name';
const COLOR_KEY = 'twinverse.color';
const STYLE_KEY = 'twinverse.style';
/** Shown in the style pictures while the colour is automatic. */
const AUTO_PREVIEW = '#9aa7b8';

export interface Identity {
  name: string;
  /** The colour the person picked; none: the server picks (AV2). */
  color?: string;
  style?: AvatarStyleId;
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
    if (id.color) localStorage.setItem(COLOR_KEY, id.color);
    else localStorage.removeItem(COLOR_KEY);
    if (id.style) localStorage.setItem(STYLE_KEY, id.style);
  } catch {
    /* private mode: nothing to remember with */
  }
}

/** What the server gave this person mid-session (SPEC AV6): their next visit starts from it. */
export function rememberAppearance(color: string, style: AvatarStyleId): void {
  try {
    localStorage.setItem(COLOR_KEY, color);
    localStorage.setItem(STYLE_KEY, style);
  } catch {
    /* private mode: nothing to remember with */
  }
}

/** The colour this person picked before, if any; none means "let the server pick". */
export function rememberedColor(): string | undefined {
  const saved = check(AvatarColor, stored(COLOR_KEY) ?? '');
  return saved.ok ? saved.value : undefined;
}

export function rememberedStyle(): AvatarStyleId | undefined {
  const saved = stored(STYLE_KEY);
  return (AVATAR_STYLES as readonly string[]).includes(saved ?? '') ? (saved as AvatarStyleId) : undefined;
}

function radioGroup(label: string): HTMLDivElement {
  return el('div', { class: 'swatches', role: 'radiogroup', 'aria-label': label });
}

function mark(group: HTMLElement, selected: (b: HTMLButtonElement) => boolean): void {
  for (const b of group.querySelectorAll('button')) b.setAttribute('aria-checked', String(selected(b)));
}

export function showJoinScreen(root: HTMLElement, spaceTitle: string): Promise<Identity> {
  return new Promise((resolve) => {
    let color = rememberedColor();
    let style = rememberedStyle() ?? AVATAR_STYLES[0];
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
    const styles = radioGroup('Avatar style');
    styles.classList.add('styles');
    const swatches = radioGroup('Avatar colour');
    const paint = () => {
      mark(swatches, (b) => (b.dataset.color ?? '') === (color ?? ''));
      mark(styles, (b) => b.dataset.style === style);
      styles.style.color = color ?? AUTO_PREVIEW;
    };
    for (const s of AVATAR_STYLES) {
      const b = el('button', {
        type: 'button',
        class: 'style-choice',
        role: 'radio',
        title: AVATAR_STYLE_LABELS[s],
        'data-style': s,
        onclick: () => ((style = s), paint()),
      });
      b.innerHTML = styleIcon(s);
      b.append(el('span', {}, AVATAR_STYLE_LABELS[s]));
      styles.append(b);
    }
    // "Automatic" first: the server gives a colour nobody here wears (AV2).
    swatches.append(
      el('button', {
        type: 'button',
        class: 'swatch swatch-auto',
        role: 'radio',
        title: 'Automatic: a colour nobody here wears',
        'aria-label': 'Automatic colour',
        'data-color': '',
        onclick: () => ((color = undefined), paint()),
      }),
    );
    for (const c of AVATAR_PALETTE) {
      swatches.append(
        el('button', {
          type: 'button',
          class: 'swatch',
          role: 'radio',
          style: `background:${c}`,
          title: c,
          'data-color': c,
          onclick: () => ((color = c), paint()),
        }),
      );
    }
    paint();
    const form = el(
      'form',
      { class: 'card join-card', id: 'join-form' },
      el('h1', {}, 'Twinverse'),
      el('p', { class: 'muted' }, 'You are joining ', el('strong', {}, spaceTitle)),
      el('label', { for: 'join-name' }, 'Display name'),
      input,
      el('label', {}, 'Avatar'),
      styles,
      el('label', {}, 'Colour'),
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
      const id: Identity = { name: result.value, style, ...(color ? { color } : {}) };
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
