/**
 * A space layout file (assets/spaces/<name>.json): the hall, where people arrive, the machines placed
 * in it and who may operate them, where the board hangs and meeting defaults. Persisted format:
 * carries `version`; see ARCHITECTURE.md for migrations (optional members added since version 1 —
 * `twins`, `locked`, `operatorPasscode`, `board`, `meeting`, `geo`, `overview`, `overflow` — do not change it: every version-1 file
 * is still valid). Two different locks: `locked` restricts *operating machines* to operators;
 * `meeting.locked` restricts *entering the space* to host-passcode holders.
 */
import { z } from '../protocol/validation.js';
import type { Bounds } from '../protocol/bounds.js';
import { BuildingRef, IfcGlobalId } from './building.js';
import { GeoReferenceInput } from '../geo/reference.js';
import { OverviewMap } from '../geo/overview.js';
import { MAX_INSTANCES } from './instances.js';

export const LAYOUT_VERSION = 1;

const metres = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));
const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));

/** One machine placed in the space: which twin definition, where, turned how, how big. */
export const TwinPlacement = z.strictObject({
  /** Twin id: the definition's file name (assets/twins/<id>.td.json). */
  twin: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'a twin id has 1–48 characters: a–z, 0–9, - and _')),
  /** Position of the machine's origin (on the floor), protocol frame, metres. */
  position: z.tuple([finite, finite, finite]),
  /** Degrees about +Y (counter-clockwise seen from above, SPEC F2); 0 keeps the model's own facing. Degrees, unlike `spawn.yaw`, because people write these by hand. */
  yawDeg: z._default(finite, 0),
  /** Uniform scale. */
  scale: z._default(z.number().check(z.gt(0), z.lte(20)), 1),
  /** GlobalId of the building element this machine is (SPEC BM7): it stands where the element is. */
  ifc: z.optional(IfcGlobalId),
});
export type TwinPlacement = z.infer<typeof TwinPlacement>;

export const SpaceLayout = z.strictObject({
  version: z.literal(LAYOUT_VERSION),
  /** Display title. */
  title: z.string().check(z.minLength(1), z.maxLength(80)),
  hall: z.strictObject({
    width: metres(6, 200),
    depth: metres(6, 200),
    height: metres(3, 40),
  }),
  spawn: z.strictObject({
    x: z.number(),
    z: z.number(),
    /** Radians about +Y; 0 faces −Z. */
    yaw: z.number(),
  }),
  /** Machines in this space (SPEC TW3). */
  twins: z._default(z.array(TwinPlacement).check(z.maxLength(256)), []),
  /** When true, only participants who joined with `operatorPasscode` may operate machines (SPEC OP1). */
  locked: z._default(z.boolean(), false),
  /** The passcode that makes a participant an operator in a locked space. Keep layout files with one out of public repositories. */
  operatorPasscode: z.optional(z.string().check(z.minLength(4), z.maxLength(64))),
  /** Who may drive the shared replay (SPEC RP3): the host only, the host and operators, or everyone. */
  timelineDrivers: z._default(z.enum(['host', 'operators', 'everyone']), 'operators'),
  /** Where the shared board hangs (shared/space/board.ts); default: on the −x wall. */
  board: z.optional(
    z.strictObject({
      x: z.number(),
      z: z.number(),
      /** Centre height, metres; default: bottom edge 0.85 m above the floor. */
      y: z.optional(metres(0.5, 20)),
      /** Direction the board's front faces, radians about +Y (0 = −Z). */
      yaw: z.number(),
      /** Width of the drawing surface, metres (16:9). */
      width: metres(1, 16),
    }),
  ),
  /** An IFC building that is the space (SPEC BM1): `buildings/<name>.ifc` under assets/. */
  building: z.optional(BuildingRef),
  /** Where the space is on Earth (SPEC GS1); positions in it map to and from WGS84. */
  geo: z.optional(GeoReferenceInput),
  /** Makes the space an overview: its floor is a map of the sites it lists (SPEC GS8). */
  overview: z.optional(OverviewMap),
  /**
   * A full space seats newcomers in a further instance of itself, `<name> (2)`, `<name> (3)` … up to
   * `instances` in all (SPEC J6); absent, a full space refuses them (4405).
   */
  overflow: z.optional(z.strictObject({ instances: z.number().check(z.int(), z.gte(2), z.lte(MAX_INSTANCES)) })),
  /** Meeting defaults. */
  meeting: z.optional(
    z.strictObject({
      /** The space starts locked: only holders of its host passcode (HOST_PASSCODES) may enter. */
      locked: z.optional(z.boolean()),
    }),
  ),
});
export type SpaceLayout = z.infer<typeof SpaceLayout>;

/** How close to a wall a head may come, metres. */
export const WALL_MARGIN = 0.3;

/** Where heads may be in a hall of this size: inside the walls, from below the floor (crouch, sit) to the roof. */
export function hallBounds(hall: { width: number; depth: number; height: number }): Bounds {
  const hx = hall.width / 2 - WALL_MARGIN;
  const hz = hall.depth / 2 - WALL_MARGIN;
  return { minX: -hx, maxX: hx, minY: -0.5, maxY: hall.height, minZ: -hz, maxZ: hz };
}
