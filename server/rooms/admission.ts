/**
 * What a join passes after the join guard and before matchmaking picks a room: the space's building
 * must be read (SPEC BM2), within a bound, and the server chooses which instance of the space the
 * join is seated in (SPEC J6). Both run in the matchmaking HTTP request, so neither may hold it long:
 * Node's default agent drops a socket idle for 5 s (browsers wait), so a building still being read
 * past {@link BUILDING_WAIT_MS} is a named refusal the client retries (4439), not a request held open.
 */
import { ServerError, type AuthContext } from '@colyseus/core';
import { CLOSE_REASONS, CloseCode } from '../../shared/protocol/version.js';
import type { JoinGuard } from '../security/joinGuard.js';
import type { Logger } from '../log.js';
import type { Buildings } from '../buildings/buildings.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import { roomsOf, type RoomOfSpace } from '../spaces/occupancy.js';

/** How long a join waits for its space's building before it is told to try again, ms (well under 5 s). */
export const BUILDING_WAIT_MS = 2500;

export interface AdmissionDeps {
  layouts: SpaceLayouts;
  buildings: Pick<Buildings, 'ready'>;
  log: Logger;
  /** {@link BUILDING_WAIT_MS} unless a test says otherwise. */
  buildingWaitMs?: number;
}

/** The option the server writes into a join's options for `filterBy`: never the client's (J1 refuses it). */
export const INSTANCE_OPTION = 'instance';

/**
 * The lowest instance, 1…`instances`, that has no room yet or a room with a free seat; null when every
 * one is full. A full room of an overflowing space is locked by Colyseus (its `maxClients` is the cap,
 * held seats included), so `locked` is "full" here; the host's meeting lock is another thing (R5).
 */
export function chooseInstance(rooms: readonly RoomOfSpace[], instances: number): number | null {
  const full = new Set<number>();
  for (const r of rooms) if (r.locked && typeof r.instance === 'number') full.add(r.instance);
  for (let i = 1; i <= instances; i++) if (!full.has(i)) return i;
  return null;
}

/** `guard`, then the bounded wait for the building and the choice of instance (the room type's static onAuth). */
export function admitToSpace(guard: JoinGuard, deps: AdmissionDeps): JoinGuard {
  const waitMs = deps.buildingWaitMs ?? BUILDING_WAIT_MS;
  // Colyseus retries a join whose seat went meanwhile with the same options object, which then
  // carries the instance this function wrote: it is taken out again, not refused as the client's.
  const written = new WeakSet<object>();
  return async (token: string | undefined, options: unknown, context: AuthContext) => {
    const opts = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : null;
    if (opts && written.has(opts)) delete opts[INSTANCE_OPTION];
    const admission = await guard(token, options, context);
    if (!(await within(deps.buildings.ready(deps.layouts.resolve(admission.space).layoutName), waitMs))) {
      deps.log.info({ space: admission.space, waitedMs: waitMs }, 'building still being read; join told to try again');
      throw new ServerError(CloseCode.SPACE_PREPARING, CLOSE_REASONS[CloseCode.SPACE_PREPARING]);
    }
    let instance = 1;
    // Read once the building is in: its layout is then the completed one (BM7).
    const instances = deps.layouts.resolve(admission.space).layout.overflow?.instances;
    if (instances) {
      const chosen = chooseInstance(await roomsOf(admission.space), instances);
      if (chosen === null) {
        deps.log.info({ space: admission.space, instances }, 'every instance of the space is full; join refused');
        throw new ServerError(CloseCode.SPACE_FULL, `${CLOSE_REASONS[CloseCode.SPACE_FULL]} (all ${instances} instances)`);
      }
      instance = chosen;
    }
    if (opts) {
      opts[INSTANCE_OPTION] = instance;
      written.add(opts);
    }
    return admission;
  };
}

/** True when `p` settles within `ms` (a rejection counts as settled: a refused building opens the procedural hall). */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const done = p.then(
    () => true,
    () => true,
  );
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}
