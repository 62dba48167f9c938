/**
 * What a space room is built from: the process-wide services the composition root hands every room
 * (`SpaceRoomDeps`). It names every service, so it sits with the room that composes them; features
 * and handlers read the space they serve (`SpaceInfo`) from `server/core/`, below.
 */
import type { Logger } from '../log.js';
import type { Journal } from '../audit/journal.js';
import type { NoteBook } from '../audit/notebook.js';
import type { SpaceMemory } from '../meeting/memory.js';
import type { MeetingConfig } from '../meeting/config.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import type { TwinRuntime } from '../twins/runtime.js';
import type { ReplayDeps } from '../twins/room/replay.js';
import type { VideoHub } from '../video/hub.js';
import type { RevokedTokens } from '../core/revokedTokens.js';

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

/** The options `define('space', SpaceRoom, …)` passes each room's `onCreate`, with the client's `space`. */
export interface SpaceRoomOptions {
  space: string;
  /** Which instance of the space, 1… (SPEC J6): written by the admission (server/rooms/admission.ts), never the client's. */
  instance?: number;
  deps: SpaceRoomDeps;
}
