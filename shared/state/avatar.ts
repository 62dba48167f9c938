/**
 * Avatar state: one per participant, keyed by Colyseus session id in {@link SpaceState.avatars}.
 * Fields only; the server's handlers write them, clients read them. The pose (head and hands) is not
 * here: it goes to each client in pose frames (SPEC PF1–PF5).
 */
import { schema, type SchemaType } from '@colyseus/schema';

export const AvatarState = schema(
  {
    /** Display name, 1–32 characters. */
    name: { type: 'string', default: '' },
    /** Colour as `#rrggbb`. */
    color: { type: 'string', default: '#888888' },
    /** Body, head and face the client draws (SPEC AV1): one of AVATAR_STYLES (shared/avatar/styles.ts). */
    style: { type: 'string', default: 'visor' },
    /** How this participant is here: `desktop`, `phone`, `tablet` (SPEC UX10), `vr` or `ar`. */
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
    /**
     * Names this avatar in the pose frames (shared/protocol/poseFrame.ts, SPEC PF1): its head and
     * hands travel there, per client and by distance tier, not in this state. 0–65535, unique in the space.
     */
    slot: { type: 'uint16', default: 0 },
  },
  'AvatarState',
);
export type AvatarState = SchemaType<typeof AvatarState>;
