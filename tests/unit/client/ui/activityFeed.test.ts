/** The activity feed's words (SPEC AU7): titles from the definitions, never ids. */
import { describe, expect, it } from 'vitest';
import type { ActivityMessage } from '../../../../shared/protocol/activity.js';
import { activityWords } from '../../../../client/ui/activityFeed.js';

const base: ActivityMessage = { at: 0, kind: 'command', actor: 'Ada', twin: 'pump-1', twinTitle: 'Coolant pump 1', subject: 'Stop' };
const say = (m: Partial<ActivityMessage>) => activityWords({ ...base, ...m });

describe('activity words', () => {
  it('AU7: commands that read as verbs in the past tense, others by their title', () => {
    expect(say({})).toBe('Ada stopped Coolant pump 1');
    expect(say({ subject: 'Start' })).toBe('Ada started Coolant pump 1');
    expect(say({ subject: 'Set speed' })).toBe('Ada ran “Set speed” on Coolant pump 1');
  });

  it('AU7: acknowledgements, notes, parts, faults and host actions', () => {
    expect(say({ kind: 'alarm_ack', actor: 'Bob', twinTitle: 'Conveyor 1', subject: 'Belt jammed' })).toBe(
      'Bob acknowledged Belt jammed on Conveyor 1',
    );
    expect(say({ kind: 'note', subject: 'part_replaced' })).toBe('Ada added a part replacement to Coolant pump 1');
    expect(say({ kind: 'part_move', subject: 'cover' })).toBe('Ada moved the cover of Coolant pump 1');
    expect(say({ kind: 'fault', actor: 'HTTP API', subject: 'Inject fault (simulation)' })).toBe(
      'HTTP API: “Inject fault (simulation)” on Coolant pump 1',
    );
    expect(say({ kind: 'mute', twin: '', twinTitle: '', subject: 'Bob' })).toBe('Ada muted Bob');
    expect(say({ kind: 'remove', twin: '', twinTitle: '', subject: 'Bob' })).toBe('Ada removed Bob from the space');
    expect(say({ kind: 'lock', twin: '', twinTitle: '', subject: 'e2e' })).toBe('Ada locked the space');
    expect(say({ kind: 'unlock', twin: '', twinTitle: '', subject: 'e2e' })).toBe('Ada unlocked the space');
  });
});
