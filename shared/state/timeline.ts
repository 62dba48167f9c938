/**
 * The space's shared timeline (SPEC RP*): live, or everyone watching the machines as they stood at a
 * recorded time. Fields only; the play head's arithmetic is shared/timeline/playhead.ts.
 */
import { schema, type SchemaType } from '@colyseus/schema';

export const TimelineState = schema(
  {
    /** `live` (machines as they are) or `replay` (machines as they stood at `at`). */
    mode: { type: 'string', default: 'live' },
    /** The replayed time, ms since the Unix epoch (server time); 0 when live. Advances while `playing`. */
    at: { type: 'float64', default: 0 },
    /** Recorded seconds per room second while playing (1, 10, 60). */
    speed: { type: 'float32', default: 1 },
    /** True while the play head moves; false when paused (and when live). */
    playing: { type: 'boolean', default: false },
    /** Display name of who drove the timeline last ('' when live from the start). */
    by: { type: 'string', default: '' },
    /** Who may drive it, from the layout's `timelineDrivers`: `host`, `operators` (host and operators) or `everyone` (RP3). */
    drivers: { type: 'string', default: 'operators' },
  },
  'TimelineState',
);
export type TimelineState = SchemaType<typeof TimelineState>;
