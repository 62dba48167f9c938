/**
 * A room feature: one capability of a space (avatars, twins, meetings …) with its message routes and
 * the lifecycle moments it cares about. `SpaceRoom` composes the features listed in `features.ts`, so
 * a new capability is a new file plus one line there, not an edit of the room.
 */
import type { ClientMessage, JsonClientMessageName } from '../../shared/protocol/table.js';
import type { JoinOptions } from '../../shared/protocol/messages.js';
import type { SpaceLayout } from '../../shared/space/layout.js';
import type { BinaryRoute, JsonRoute, RoomContext } from './context.js';
import type { Participant } from './participant.js';

export type JsonRoutes = { [N in JsonClientMessageName]?: JsonRoute<ClientMessage<N>> };
export type BinaryRoutes = Record<string, BinaryRoute>;

/** Why a participant is gone for good. */
export type LeaveReason = 'left' | 'expired' | 'removed';

export interface RoomFeature {
  readonly name: string;
  readonly json?: JsonRoutes;
  readonly binary?: BinaryRoutes;
  /** The room is open and its state built: add what the feature shows (e.g. the space's machines). */
  opened?(ctx: FeatureContext): void;
  /** Before the avatar is created: throw a ServerError (with a CloseCode) to refuse the join. */
  admit?(ctx: FeatureContext, options: JoinOptions): void;
  /** The participant's avatar is in the state. */
  joined?(ctx: FeatureContext, p: Participant): void;
  /** Their connection dropped; the seat is held for a reconnection. */
  dropped?(ctx: FeatureContext, p: Participant): void;
  /** They came back within the window. */
  rejoined?(ctx: FeatureContext, p: Participant): void;
  /** They are gone for good (avatar already removed from the state). */
  left?(ctx: FeatureContext, p: Participant, reason: LeaveReason): void;
  /** Right before each state patch is encoded: copy what changed elsewhere into the state (coalesced to the patch rate). */
  beforePatch?(ctx: FeatureContext): void;
  dispose?(): void;
}

/** What a feature may use of its room beyond a handler's context. */
export interface FeatureContext extends RoomContext {
  readonly roomId: string;
  /** The space's name (`?space=`) and the layout it uses. */
  readonly space: { name: string; layoutName: string; layout: SpaceLayout };
  participant(sessionId: string): Participant | undefined;
  participants(): Iterable<Participant>;
  /** Sends a message to one participant. */
  send(p: Participant, type: string, message: unknown): void;
  /** Sends a message to everyone in the space, optionally except one. */
  broadcast(type: string, message: unknown, except?: Participant): void;
  /** Ends a participant's session with a close code (e.g. removed by the host). */
  disconnect(p: Participant, code: number): void;
  /** Runs `fn` after `ms` on the room's clock; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** Runs `fn` every `ms` on the room's clock; returns a cancel function. */
  every(ms: number, fn: () => void): () => void;
}
