/**
 * The desktop HTML overlay as the page starts it: the bar (brand, space title, the instance when it is
 * an overflow one, connection badge,
 * people count, share link), the people panel, the help overlay, the look hint and the notices.
 */
import type { AvatarStore } from './avatars/store.js';
import { el } from './core/dom.js';
import { installEscapeToScene } from './core/sceneFocus.js';
import { createConnectionBadge } from './ui/connectionBadge.js';
import { createHelpOverlay, type HelpOverlay } from './ui/helpOverlay.js';
import { createHud, type Hud } from './ui/hud.js';
import { createNotices, type Notices } from './ui/notices.js';
import { createPeopleList, type PeopleList } from './ui/peopleList.js';
import { createShareLink } from './ui/shareLink.js';

export interface Overlay {
  hud: Hud;
  /** Shows which instance of the space this page is in (SPEC J6); '' hides it (the space itself). */
  setInstance(name: string): void;
  badge: ReturnType<typeof createConnectionBadge>;
  people: PeopleList;
  notices: Notices;
  help: HelpOverlay;
}

export function createOverlay(root: HTMLElement, store: AvatarStore, spaceTitle: string, space: string): Overlay {
  const badge = createConnectionBadge();
  const people = createPeopleList(store);
  const help = createHelpOverlay();
  const notices = createNotices(root);
  const instance = el('span', {
    class: 'badge',
    id: 'space-instance',
    title: 'This space was full: you are in another instance of it',
    hidden: true,
  });
  const hud = createHud(root, {
    bar: [
      el('span', { class: 'brand' }, 'Twinverse'),
      // A narrow bar ends a long title in "…": the whole of it is in the tooltip (UX9).
      el('span', { class: 'space-title', id: 'space-title', title: spaceTitle }, spaceTitle),
      instance,
      badge.element,
      people.button,
    ],
    trailing: [createShareLink(space)],
  });
  hud.addPanel(people.panel);
  installEscapeToScene();
  root.append(help.element, el('div', { class: 'hint', id: 'look-hint' }, 'Click to look around · WASD to walk'));
  const setInstance = (name: string) => {
    instance.textContent = name;
    instance.hidden = name === '';
  };
  return { hud, badge, people, notices, help, setInstance };
}
