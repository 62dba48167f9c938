/**
 * The contract every room feature meets: one capability of a space (avatars, twins, meetings …) with
 * its message routes and the lifecycle moments it cares about. `SpaceRoom` composes the features
 * listed in `features.ts`, so a new capability is a new file plus one line there, not an edit of the
 * room. This file and `context.ts` sit at the bottom: features import them, they import no feature.
 */
import type { ClientMessage, JsonClientMessageName } from '../../shared/protocol/table.js';
import type { Admission } from '../security/joinToken.js';
import type { BinaryRoute, JsonRoute, RoomContext } from './context.js';
import type { Participant } from './participant.js';

export type JsonRoutes = { [N in JsonClientMessageName]?: JsonRoute<ClientMessage<N>> };
export type BinaryRoutes = Record<string, BinaryRoute>;

/** Why a participant is gone for good. */
/** `removed`: by the host (R4); `revoked`: their join token was revoked (JT9); `closed`: by the server (e.g. HD6). */
export type LeaveReason = 'left' | 'expired' | 'removed' | 'revoked' | 'closed';

export interface RoomFeature {
  readonly name: string;
  readonly json?: JsonRoutes;
  readonly binary?: BinaryRoutes;
  /** The room is open and its state built: add what the feature shows (e.g. the space's machines). */
  opened?(ctx: RoomContext): void;
  /** Before the avatar is created: throw a ServerError (with a CloseCode) to refuse the join. */
  admit?(ctx: RoomContext, options: Admission): void;
  /** The participant's avatar is in the state. */
  joined?(ctx: RoomContext, p: Participant): void;
  /**
   * The client says it listens (`meeting.hello`, again after a reconnection): send what it needs to
   * start — the welcome, recent chat, the board. Runs in feature order (`ctx.greet`).
   */
  greet?(ctx: RoomContext, p: Participant): void;
  /** Their connection dropped; the seat is held for a reconnection. */
  dropped?(ctx: RoomContext, p: Participant): void;
  /** They came back within the window. */
  rejoined?(ctx: RoomContext, p: Participant): void;
  /** They are gone for good (avatar already removed from the state). */
  left?(ctx: RoomContext, p: Participant, reason: LeaveReason): void;
  /** Right before each state patch is encoded: copy what changed elsewhere into the state (coalesced to the patch rate). */
  beforePatch?(ctx: RoomContext): void;
  dispose?(): void;
}
