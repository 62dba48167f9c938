/**
 * Meeting state every participant sees: whether the space is locked, and the board (where it hangs,
 * who shares a screen on it). Per-person meeting state (muted, hand, host) lives on AvatarState.
 * Fields only; the server's meeting and board features write them.
 */
import { schema, type SchemaType } from '@colyseus/schema';

export const MeetingState = schema(
  {
    /** The host locked the space: newcomers are refused (4404) unless they hold the host passcode. */
    locked: { type: 'boolean', default: false },
    /** The space has a host passcode configured (HOST_PASSCODES): hosts are whoever enters it. */
    passcode: { type: 'boolean', default: false },
  },
  'MeetingState',
);
export type MeetingState = SchemaType<typeof MeetingState>;

/**
 * The shared board. Placement in the protocol frame (right-handed, +Y up, −Z forward, metres); the
 * strokes themselves travel as `board.*` messages (shared/protocol/board.ts), not in the state.
 */
export const BoardState = schema(
  {
    /** Centre of the drawing surface, metres. */
    x: { type: 'float32', default: 0 },
    y: { type: 'float32', default: 0 },
    z: { type: 'float32', default: 0 },
    /** Direction the board's front faces, radians about +Y (0 = −Z). */
    yaw: { type: 'float32', default: 0 },
    /** Width of the drawing surface, metres (height = width × 9 / 16). */
    width: { type: 'float32', default: 0 },
    /** Session id of whoever shares a screen on the board, or '' (the strokes show). */
    sharer: { type: 'string', default: '' },
  },
  'BoardState',
);
export type BoardState = SchemaType<typeof BoardState>;
