/**
 * Avatar state: one per participant, keyed by Colyseus session id in {@link SpaceState.avatars}.
 * Fields only; the server's handlers write them, clients read them.
 */
import { schema, type SchemaType } from '@colyseus/schema';

/**
 * A tracked point in the protocol frame (right-handed, +Y up, −Z forward). Position in metres as
 * float32; rotation as a unit quaternion with each component × 32767 in an int16 (the same
 * quantisation as the wire pose, so the server stores what it received without rounding again).
 */
export const JointState = schema(
  {
    px: { type: 'float32', default: 0 },
    py: { type: 'float32', default: 0 },
    pz: { type: 'float32', default: 0 },
    qx: { type: 'int16', default: 0 },
    qy: { type: 'int16', default: 0 },
    qz: { type: 'int16', default: 0 },
    qw: { type: 'int16', default: 32767 },
  },
  'JointState',
);
export type JointState = SchemaType<typeof JointState>;

export const AvatarState = schema(
  {
    /** Display name, 1–32 characters. */
    name: { type: 'string', default: '' },
    /** Colour as `#rrggbb`. */
    color: { type: 'string', default: '#888888' },
    /** Body, head and face the client draws (SPEC AV1): one of AVATAR_STYLES (shared/avatar/styles.ts). */
    style: { type: 'string', default: 'visor' },
    /** How this participant is here: `desktop`, `vr` or `ar`. */
    mode: { type: 'string', default: 'desktop' },
    /** False while the connection is lost and the server holds the seat for a reconnection. */
    connected: { type: 'boolean', default: true },
    /** May operate machines in this space (SPEC OP1): everyone in an open space, passcode holders in a locked one. */
    operator: { type: 'boolean', default: false },
    /** PoseFlag bits of the last accepted pose (tracked hands, hand tracking). */
    flags: { type: 'uint8', default: 0 },
    /** Microphone muted, by the person or by the host (SPEC V5, R3). Others silence a muted voice too. */
    muted: { type: 'boolean', default: false },
    /** The person has a working microphone; false: listening only (SPEC V6). */
    mic: { type: 'boolean', default: false },
    /** Hand raised (SPEC R2). */
    hand: { type: 'boolean', default: false },
    /** The client said `meeting.hello`: it listens for WebRTC signalling, so peers may call it (SPEC V1). */
    rtc: { type: 'boolean', default: false },
    /** The space's host: may mute, remove, lock and clear the board (SPEC OP1). Set by the server only. */
    host: { type: 'boolean', default: false },
    head: JointState,
    left: JointState,
    right: JointState,
  },
  'AvatarState',
);
export type AvatarState = SchemaType<typeof AvatarState>;
