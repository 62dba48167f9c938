/** Who is here: a count button that opens the list of names, colours and how each is present. */
import type { AvatarInfo, AvatarStore } from '../avatars/store.js';
import { modeLabel } from '../avatars/modeLabel.js';
import { el, svgIcon } from '../core/dom.js';

/** Where the side column would take a third of the view or more (matches styles.css). */
const SMALL_WINDOW = '(max-width: 700px), (max-height: 450px)';

/** Two people (24 × 24 view box). */
const PEOPLE_ICON =
  '<circle cx="9" cy="8" r="3.2" fill="currentColor"/><path d="M3 19c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5z" fill="currentColor"/><circle cx="16.5" cy="9" r="2.6" fill="currentColor" opacity=".7"/><path d="M15 13.8c3.4-.5 6 1.6 6 4.7h-4.6" fill="currentColor" opacity=".7"/>';

export interface PeopleList {
  readonly button: HTMLElement;
  readonly panel: HTMLElement;
  /** Adds elements to every row (badges, actions); called again whenever the list redraws. */
  decorate(fn: (a: AvatarInfo) => (Node | null)[]): void;
  /** Adds an element under the heading (e.g. the host's lock switch). */
  addHeader(element: HTMLElement): void;
  /** Redraws (e.g. after something a decorator reads changed). */
  refresh(): void;
  dispose(): void;
}

export function createPeopleList(store: AvatarStore): PeopleList {
  const decorators: ((a: AvatarInfo) => (Node | null)[])[] = [];
  const count = el('span', { id: 'people-count' }, '0');
  const button = el(
    'button',
    { type: 'button', class: 'badge button', id: 'people-button', 'aria-expanded': 'true', title: 'People in this space' },
    svgIcon(PEOPLE_ICON, 16),
    count,
  );
  const list = el('ul', { id: 'people-list' });
  const header = el('div', { class: 'people-header' });
  const panel = el('aside', { class: 'panel people' }, el('h2', {}, 'People'), header, list);
  // On a small window (a phone, a split screen) the list would cover the scene: start folded there;
  // the count button opens it.
  if (window.matchMedia(SMALL_WINDOW).matches) {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  }
  button.addEventListener('click', () => {
    const open = panel.hidden !== false;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  });
  const row = (a: AvatarInfo) =>
    el(
      'li',
      { 'data-id': a.id, class: a.connected ? '' : 'offline' },
      el('span', { class: 'chip', style: `background:${a.color}` }),
      el('span', { class: 'who', title: a.name }, a.name, a.id === store.selfId ? el('span', { class: 'muted' }, ' (you)') : null),
      el('span', { class: 'muted mode' }, a.connected ? `${modeLabel(a.mode)}${a.operator ? ' · operator' : ''}` : 'reconnecting…'),
      ...decorators.flatMap((d) => d(a)),
    );
  let scheduled = false;
  const render = () => {
    scheduled = false;
    const people = [...store.avatars.values()].sort((a, b) =>
      a.id === store.selfId ? -1 : b.id === store.selfId ? 1 : a.name.localeCompare(b.name),
    );
    list.replaceChildren(...people.map(row));
    count.textContent = String(people.length);
  };
  // Many changes can land in one patch: redraw once per task.
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(render);
    }
  };
  const offs = [store.onAdded(schedule), store.onRemoved(schedule), store.onChanged(schedule)];
  render();
  return {
    button,
    panel,
    decorate(fn) {
      decorators.push(fn);
      schedule();
    },
    addHeader: (e) => header.append(e),
    refresh: schedule,
    dispose: () => offs.forEach((off) => off()),
  };
}
