/**
 * Meeting state in the people panel: each row shows host, muted or listening-only, hand raised; a
 * host gets Mute, Lower hand and Remove (press twice) for others, and a lock switch. Anyone may become
 * host with the space's passcode, when it has one.
 */
import type { AvatarInfo } from '../avatars/store.js';
import { el } from '../core/dom.js';
import type { PeopleList } from '../ui/peopleList.js';

export interface PeopleActions {
  selfId(): string | null;
  iAmHost(): boolean;
  locked(): boolean;
  hasPasscode(): boolean;
  mute(id: string): void;
  lowerHand(id: string): void;
  remove(id: string): void;
  lock(on: boolean): void;
  claimHost(passcode: string): void;
}

const ARM_MS = 3000;

export function decoratePeople(people: PeopleList, a: PeopleActions): { refresh(): void } {
  let armed: { id: string; at: number } | null = null;
  people.decorate((p: AvatarInfo) => {
    const badges = el('span', { class: 'badges' });
    if (p.host) badges.append(el('span', { class: 'badge-host', title: 'Host' }, 'host'));
    if (p.hand) badges.append(el('span', { class: 'badge-hand', title: 'Hand raised', 'aria-label': 'hand raised' }, 'hand up'));
    if (!p.mic) badges.append(el('span', { class: 'badge-listen', title: 'Listening only (no microphone)' }, 'listening'));
    else if (p.muted) badges.append(el('span', { class: 'badge-muted', title: 'Muted', 'aria-label': 'muted' }, 'muted'));
    if (!a.iAmHost() || p.id === a.selfId()) return [badges];
    const actions = el('span', { class: 'host-actions' });
    if (p.mic && !p.muted)
      actions.append(el('button', { type: 'button', class: 'mini', 'data-action': 'mute', onclick: () => a.mute(p.id) }, 'Mute'));
    if (p.hand)
      actions.append(el('button', { type: 'button', class: 'mini', 'data-action': 'lower', onclick: () => a.lowerHand(p.id) }, 'Lower'));
    const sure = armed?.id === p.id && performance.now() - armed.at < ARM_MS;
    actions.append(
      el(
        'button',
        {
          type: 'button',
          class: `mini danger${sure ? ' armed' : ''}`,
          'data-action': 'remove',
          onclick: () => {
            if (armed?.id === p.id && performance.now() - armed.at < ARM_MS) {
              armed = null;
              a.remove(p.id);
            } else {
              armed = { id: p.id, at: performance.now() };
              setTimeout(() => people.refresh(), ARM_MS);
            }
            people.refresh();
          },
        },
        sure ? 'Sure?' : 'Remove',
      ),
    );
    return [badges, actions];
  });

  const lock = el('button', { type: 'button', class: 'mini', id: 'lock-button', onclick: () => a.lock(!a.locked()) }, 'Lock space');
  const lockState = el('span', { class: 'lock-state', id: 'lock-state' });
  const code = el('input', { type: 'password', id: 'host-passcode', placeholder: 'Host passcode', autocomplete: 'off', maxlength: 64 });
  const claim = el('form', { class: 'claim-host', id: 'claim-host' }, code, el('button', { type: 'submit', class: 'mini' }, 'Become host'));
  claim.addEventListener('submit', (e) => {
    e.preventDefault();
    if (code.value) a.claimHost(code.value);
    code.value = '';
  });
  people.addHeader(el('div', { class: 'meeting-header' }, lockState, lock, claim));
  const refresh = () => {
    lock.hidden = !a.iAmHost();
    lock.textContent = a.locked() ? 'Unlock space' : 'Lock space';
    lockState.textContent = a.locked() ? 'Locked: nobody new can join' : '';
    lockState.hidden = !a.locked();
    claim.hidden = a.iAmHost() || !a.hasPasscode();
    people.refresh();
  };
  refresh();
  return { refresh };
}
