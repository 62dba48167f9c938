/**
 * The activity feed (SPEC AU7): the last few things people did to the machines and the space, in
 * words, top left under the bar — clear of the panels on the right and the help at the bottom left.
 * Each line fades away by itself (a CSS animation: no timers to keep), and only the newest five stay.
 */
import type { ActivityMessage } from '../../shared/protocol/activity.js';
import { el } from '../core/dom.js';
import { clockText } from '../core/clock.js';

/** Lines kept; older ones go. */
export const FEED_LINES = 5;

const NOTE_WORDS: Record<string, string> = {
  maintenance: 'a maintenance note',
  inspection: 'an inspection note',
  part_replaced: 'a part replacement',
  observation: 'an observation',
};

/** Action titles that read as a verb: said in the past tense ("Ada stopped Coolant pump 1"). */
const PAST: Record<string, string> = { start: 'started', stop: 'stopped', reset: 'reset', open: 'opened', close: 'closed' };

/** An activity in words, with the titles the definitions give (never ids). */
export function activityWords(m: ActivityMessage): string {
  const on = m.twinTitle || m.twin;
  switch (m.kind) {
    case 'command': {
      const past = PAST[m.subject.trim().toLowerCase()];
      return past ? `${m.actor} ${past} ${on}` : `${m.actor} ran “${m.subject}” on ${on}`;
    }
    case 'fault':
      return `${m.actor}: “${m.subject}” on ${on}`;
    case 'command_result':
      return `${on}: “${m.subject}” finished`;
    case 'alarm_ack':
      return `${m.actor} acknowledged ${m.subject} on ${on}`;
    case 'note':
      return `${m.actor} added ${NOTE_WORDS[m.subject] ?? 'a note'} to ${on}`;
    case 'part_move':
      return `${m.actor} moved the ${m.subject} of ${on}`;
    case 'mute':
      return `${m.actor} muted ${m.subject}`;
    case 'remove':
      return `${m.actor} removed ${m.subject} from the space`;
    case 'lock':
      return `${m.actor} locked the space`;
    case 'unlock':
      return `${m.actor} unlocked the space`;
    case 'timeline':
      return `${m.actor} moved the timeline${on ? ` of ${on}` : ''}`;
  }
}

export interface ActivityFeed {
  readonly element: HTMLElement;
  add(m: ActivityMessage): void;
  /** The lines shown now, oldest first (test API). */
  lines(): string[];
}

export function createActivityFeed(): ActivityFeed {
  const element = el('ol', { class: 'activity-feed', id: 'activity-feed', 'aria-live': 'polite', 'aria-label': 'Activity' });
  return {
    element,
    add(m) {
      const time = clockText(m.at);
      element.append(el('li', {}, el('span', { class: 'muted' }, time), ' ', activityWords(m)));
      while (element.children.length > FEED_LINES) element.firstElementChild?.remove();
    },
    lines: () => [...element.querySelectorAll('li')].map((li) => li.textContent ?? ''),
  };
}
