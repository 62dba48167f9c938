/**
 * The shared timeline's messages (SPEC RP*): seek, play, pause and back to live. Both directions'
 * entries of the message tables and the error words spread into ERROR_TEXT.
 */
import type { JsonClientEntry } from './entry.js';
import { z } from './validation.js';
import { TIMELINE_SPEEDS } from '../timeline/playhead.js';

/** One of TIMELINE_SPEEDS. */
const Speed = z.literal(TIMELINE_SPEEDS);

export const TimelineSeekMessage = z.strictObject({
  /** The time to show, ms since the Unix epoch: within the history's retention and not in the future. */
  at: z.number().check(z.int(), z.gte(0)),
  /** Play from there at this speed; omitted: paused there. */
  speed: z.optional(Speed),
});
export type TimelineSeekMessage = z.infer<typeof TimelineSeekMessage>;

export const TimelinePlayMessage = z.strictObject({ speed: Speed });
export type TimelinePlayMessage = z.infer<typeof TimelinePlayMessage>;

export const TimelineEmptyMessage = z.strictObject({});
export type TimelineEmptyMessage = z.infer<typeof TimelineEmptyMessage>;

const DRIVE_ERRORS = ['timeline.not_allowed'] as const;
const RATE = { perSecond: 4, burst: 8 } as const;

/** The timeline's entries of the client → server table. */
export const TimelineClientMessages = {
  'timeline.seek': {
    kind: 'json',
    schema: TimelineSeekMessage,
    rate: RATE,
    errors: [...DRIVE_ERRORS, 'timeline.future', 'timeline.past_retention', 'timeline.no_history'],
    doc: '`{ at, speed? }`: everyone sees the machines as they stood at `at` (ms), paused or playing (RP1, RP3)',
  } as const satisfies JsonClientEntry<TimelineSeekMessage>,
  'timeline.play': {
    kind: 'json',
    schema: TimelinePlayMessage,
    rate: RATE,
    errors: [...DRIVE_ERRORS, 'timeline.live'],
    doc: '`{ speed }`: the replay plays on at 1, 10 or 60 recorded seconds a second (RP2)',
  } as const satisfies JsonClientEntry<TimelinePlayMessage>,
  'timeline.pause': {
    kind: 'json',
    schema: TimelineEmptyMessage,
    rate: RATE,
    errors: [...DRIVE_ERRORS, 'timeline.live'],
    doc: '`{}`: the replay stops where it stands (RP2)',
  } as const satisfies JsonClientEntry<TimelineEmptyMessage>,
  'timeline.live': {
    kind: 'json',
    schema: TimelineEmptyMessage,
    rate: RATE,
    errors: [...DRIVE_ERRORS],
    doc: '`{}`: back to live values for everyone (RP5)',
  } as const satisfies JsonClientEntry<TimelineEmptyMessage>,
} as const;

export const TIMELINE_ERRORS = {
  'timeline.not_allowed': 'Only the host and operators may drive the replay in this space.',
  'timeline.future': 'That time is in the future: a replay shows only what was recorded.',
  'timeline.past_retention': 'History is not kept that long: pick a more recent time.',
  'timeline.no_history': 'This server keeps no history (no store), so there is nothing to replay.',
  'timeline.live': 'The space is live: seek to a time first.',
  'twin.replay': 'Replay: commands are off while the space shows a recorded time (alarms shown are those of then). Go back to live first.',
} as const;
