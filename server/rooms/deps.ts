/**
 * What a space room is built from: the process-wide services the composition root hands every room
 * (`SpaceRoomDeps`), and the space a room serves (`SpaceInfo`). A file of its own so that features,
 * handlers and the room all read these types from below, never from the room that composes them.
 */
import type { SpaceLayout } from '../../shared/space/layout.js';
import type { GeoReference } from '../../shared/geo/reference.js';
import type { Logger } from '../log.js';
import type { Journal } from '../audit/journal.js';
import type { NoteBook } from '../audit/notebook.js';
import type { SpaceMemory } from '../meeting/memory.js';
import type { MeetingConfig } from '../meeting/config.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import type { TwinRuntime } from '../twins/runtime.js';
import type { ReplayDeps } from '../twins/room/replay.js';
import type { VideoHub } from '../video/hub.js';

/** What the composition root hands every space room (through `define`'s options). */
export interface SpaceRoomDeps {
  log: Logger;
  layouts: SpaceLayouts;
  patchRateMs: number;
  reconnectSeconds: number;
  /** Most people the room seats at once, held seats included (SPEC J6). */
  maxPerSpace: number;
  /** The process-wide twin runtime every room shows its machines from. */
  twins: TwinRuntime;
  /** ICE servers and host passcodes. */
  meetings: MeetingConfig;
  /** Chat and board of every space, kept while the process runs (rooms come and go). */
  memory: SpaceMemory;
  /** The audit log and activity feed of every space (SPEC AU1–AU5). */
  journal: Journal;
  /** Machines' lifecycle notes (SPEC NT2). */
  notes: NoteBook;
  /** Where a replay reads the recorded past (SPEC RP*); absent: replays are refused. */
  replay?: ReplayDeps;
  /** Camera feeds and their viewers (SPEC VS1, VW1); absent: no video messages are routed. */
  video?: VideoHub;
  /** Join-token revocations people inside are held to (SPEC JT9); absent: no join tokens. */
  revocations?: RevokedTokens;
}

/** What a room needs of the revocations (server/security/revocations.ts). */
export interface RevokedTokens {
  /** Calls `fn` whenever revocations may have changed; returns the unsubscribe. */
  onChange(fn: () => void): () => void;
  /** Why the token is revoked by what is known now, or null. */
  revokedNow(t: { jti: string | undefined; space: string; iat: number | undefined }): string | null;
}

/** The options `define('space', SpaceRoom, …)` passes each room's `onCreate`, with the client's `space`. */
export interface SpaceRoomOptions {
  space: string;
  /** Which instance of the space, 1… (SPEC J6): written by the admission (server/spaces/admission.ts), never the client's. */
  instance?: number;
  deps: SpaceRoomDeps;
}

/** The space one room serves: its name (`?space=`) and the layout it uses. */
export interface SpaceInfo {
  readonly name: string;
  /** Which instance of the space this room is (SPEC J6): 1 is the space itself. */
  readonly instance: number;
  /**
   * What this instance keeps its own chat, board and lock under (SpaceMemory, the store): the space's
   * name for instance 1, the instance's name (`line-1 (2)`) for the others.
   */
  readonly memoryKey: string;
  readonly layoutName: string;
  readonly layout: SpaceLayout;
  /** Where the space is on Earth (its layout's geo reference resolved, SPEC GS1); null when it does not say. */
  readonly geo: GeoReference | null;
}
