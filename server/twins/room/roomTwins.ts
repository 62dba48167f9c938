/**
 * The machines one space shows: for each placement in its layout, the live twin from the process-wide
 * runtime and the schema state this room's clients see. Movable parts are per space (someone holding
 * a cover in one space does not move it in another); values, alarms and commands are per machine.
 */
import type { TwinPlacement } from '../../../shared/space/layout.js';
import { TwinPartState, TwinPropertyState, TwinState } from '../../../shared/state/twin.js';
import type { Primitive } from '../../../shared/twin/extension.js';
import { eulerDegToQuat, type Quat } from '../../../shared/twin/math.js';
import { partPose, restPose } from '../../../shared/twin/partRest.js';
import type { LiveTwin } from '../live.js';
import { bodyBox, type BodyBox, type Placement } from '../partBounds.js';
import type { GeoReference } from '../../../shared/geo/reference.js';
import { GeoPlacement } from './geoPlacement.js';

export interface PartInfo {
  /** Where the part rests, protocol frame (metres). */
  rest: [number, number, number];
  /** Its rotation at rest, protocol frame (where `twin.return_part` puts it back, SPEC G7). */
  restQ: Quat;
  /** Farthest it may be moved from rest, metres (the definition's reach × placement scale). */
  reach: number;
  /** Where the machine stands, and its solid parts in its own frame: a part is kept out of them (SPEC G6). */
  placement: Placement;
  body: readonly BodyBox[];
}

export interface RoomTwin {
  live: LiveTwin;
  state: TwinState;
  parts: Map<string, PartInfo>;
  /** Where it stands from its reported position, in a space with a geo reference (SPEC GS5); else null. */
  geo: GeoPlacement | null;
  /** Versions of the live twin last copied into the state. */
  seen: {
    version: number;
    alarms: number;
    forecasts: number;
    anomalies: number;
    commands: number;
    quality: number;
    props: Map<string, number>;
  };
}

export function createRoomTwin(live: LiveTwin, placement: TwinPlacement, geo: GeoReference | null = null): RoomTwin {
  const state = new TwinState();
  state.id = live.id;
  state.title = live.def.title;
  state.source = live.source;
  state.quality = live.quality;
  const [px, py, pz] = placement.position;
  const place = eulerDegToQuat(0, placement.yawDeg, 0);
  state.px = px;
  state.py = py;
  state.pz = pz;
  state.qx = place.x;
  state.qy = place.y;
  state.qz = place.z;
  state.qw = place.w;
  state.scale = placement.scale;
  for (const n of live.notes) state.notes.push(n);
  for (const p of live.properties.values()) {
    const ps = new TwinPropertyState();
    ps.type = p.def.type;
    ps.unit = p.def.unit;
    state.properties.set(p.def.name, ps);
  }
  const parts = new Map<string, PartInfo>();
  const model = live.def.ext.model;
  if (model.primitives) {
    const byId = new Map(model.primitives.map((p) => [p.id, p]));
    const movable = new Set(live.def.ext.movable.map((m) => m.part));
    const body = solidBoxes(byId, movable);
    const placed: Placement = { position: [px, py, pz], rotation: place, scale: placement.scale };
    for (const m of live.def.ext.movable) {
      const rest = restPose(byId, m.part, placed);
      if (!rest) continue;
      const q = rest.q;
      const ps = new TwinPartState();
      [ps.px, ps.py, ps.pz] = rest.p;
      ps.qx = q.x;
      ps.qy = q.y;
      ps.qz = q.z;
      ps.qw = q.w;
      state.parts.set(m.part, ps);
      parts.set(m.part, {
        rest: [ps.px, ps.py, ps.pz],
        restQ: { x: ps.qx, y: ps.qy, z: ps.qz, w: ps.qw },
        reach: m.reach * placement.scale,
        placement: placed,
        body,
      });
    }
  }
  return {
    live,
    state,
    parts,
    geo: GeoPlacement.of(live, geo, py),
    seen: { version: -1, alarms: -1, forecasts: -1, anomalies: -1, commands: -1, quality: -1, props: new Map() },
  };
}

/** Boxes of the parts that stay put: everything but the movable parts and what hangs on them. */
function solidBoxes(byId: Map<string, Primitive>, movable: ReadonlySet<string>): BodyBox[] {
  const moves = (id: string | undefined): boolean => id !== undefined && (movable.has(id) || moves(byId.get(id)?.parent));
  const boxes: BodyBox[] = [];
  for (const prim of byId.values()) {
    if (moves(prim.id)) continue;
    const pose = partPose(byId, prim.id);
    if (pose) boxes.push(bodyBox(prim.size, pose.p, pose.q));
  }
  return boxes;
}
