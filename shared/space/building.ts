/**
 * An IFC building as a space (SPEC BM1–BM9): what a layout names, the limits a building file is held
 * to, the named errors, and the element index the server derives from the file and serves next to
 * its glb. Positions and boxes are in the protocol frame (right-handed, +Y up, metres): IFC's +Z up
 * becomes +Y, IFC's +Y (north) becomes −Z.
 */
import { z } from '../protocol/validation.js';

/** `"building": "buildings/plant.ifc"` in a layout: a path under assets/buildings/, ending in .ifc. */
export const BuildingRef = z
  .string()
  .check(z.regex(/^buildings\/[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\.ifc$/, 'a building is "buildings/<name>.ifc" (letters, digits, . _ -)'));

/** `"ifc": "<GlobalId>"` on a twin placement: IFC's 22-character compressed GUID. */
export const IfcGlobalId = z.string().check(z.regex(/^[0-3][0-9A-Za-z_$]{21}$/, 'an IFC GlobalId has 22 characters of 0-9 A-Z a-z _ $'));

/** Largest IFC file the server reads, bytes. */
export const BUILDING_MAX_BYTES = 96 * 1024 * 1024;
/** Most triangles a building may have: it shares the XR budget (150k per eye) with people and machines. */
export const BUILDING_MAX_TRIANGLES = 100_000;
/** Most elements with geometry a building may have (the index is sent to every client). */
export const BUILDING_MAX_ELEMENTS = 20_000;

/** Why a building was not used; each is named in the error's message. */
export type BuildingErrorCode =
  /** The file could not be read. */
  | 'unreadable'
  /** Larger than BUILDING_MAX_BYTES. */
  | 'too_large'
  /** Not an ISO-10303-21 (STEP) file. */
  | 'not_ifc'
  /** The STEP file stops before its end marker. */
  | 'truncated'
  /** A schema other than IFC2X3, IFC4 or IFC4X3. */
  | 'unsupported_schema'
  /** The IFC reader failed on it. */
  | 'broken'
  /** Reading it took longer than the server's time budget (SPEC BM2). */
  | 'too_slow'
  /** Reading it needed more memory than the reader's thread may have (SPEC BM2). */
  | 'out_of_memory'
  /** Past BUILDING_MAX_TRIANGLES or BUILDING_MAX_ELEMENTS. */
  | 'too_many_triangles'
  | 'too_many_elements'
  /** No element with geometry. */
  | 'empty';

/**
 * What a building element is to the space: floors carry people, walls stop them, doors let them
 * through, stairs (and ramps) carry them from one storey's floor to another's (SPEC BM10).
 */
export const ElementRole = z.enum(['wall', 'slab', 'stair', 'door', 'other']);
export type ElementRole = z.infer<typeof ElementRole>;

const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
const vec3 = z.tuple([finite, finite, finite]);
const text = z.string().check(z.maxLength(256));

/** One building element with geometry. */
export const BuildingElement = z.strictObject({
  /** The element's line number in the file (its expressID). */
  id: z.int().check(z.gte(1)),
  /** IFC entity, as the schema spells it (IfcWall, IfcPump…). */
  type: text,
  name: text,
  globalId: text,
  /** Index into `storeys`, or −1 when the element is in none. */
  storey: z.int().check(z.gte(-1)),
  role: ElementRole,
  /** Axis-aligned box, protocol frame, metres. */
  min: vec3,
  max: vec3,
  /** Property sets: set name → property name → value as text. */
  psets: z.record(text, z.record(text, text)),
  /**
   * A stair's or ramp's walking surface (SPEC BM10): the horizontal direction it climbs, a unit
   * vector (x, z) in the protocol frame. The surface rises evenly across the element's box along it,
   * from the box's bottom (min[1]) at its low side to its top (max[1]) at its high side. Absent on
   * other elements, and on a stair whose treads do not climb one way.
   */
  climbs: z.optional(z.tuple([finite, finite])),
});
export type BuildingElement = z.infer<typeof BuildingElement>;

/** One glb node: the geometry of one storey's elements of one role and one colour. */
export const BuildingBatch = z.strictObject({
  /** The glb node's (and the loaded mesh's) name. */
  node: text,
  storey: z.int().check(z.gte(-1)),
  role: ElementRole,
  /** Which triangles are whose: [element id, first index, index count], in index-buffer order. */
  ranges: z.array(z.tuple([z.int(), z.int().check(z.gte(0)), z.int().check(z.gte(0))])),
});
export type BuildingBatch = z.infer<typeof BuildingBatch>;

export const BUILDING_INDEX_VERSION = 1;

/** The element index served at /buildings/<layout>.json next to /buildings/<layout>.glb. */
export const BuildingIndex = z.strictObject({
  version: z.literal(BUILDING_INDEX_VERSION),
  /** The layout's building path (buildings/plant.ifc). */
  file: text,
  /** IFC schema of the file (IFC4…). */
  schema: text,
  storeys: z.array(z.strictObject({ name: text, globalId: text, elevation: finite })),
  elements: z.array(BuildingElement),
  batches: z.array(BuildingBatch),
  /** The box around all geometry, protocol frame, metres. */
  min: vec3,
  max: vec3,
  triangles: z.int().check(z.gte(0)),
});
export type BuildingIndex = z.infer<typeof BuildingIndex>;

/** Where a twin bound to an element stands: the middle of the element's footprint, on its underside. */
export function elementFoot(e: Pick<BuildingElement, 'min' | 'max'>): [number, number, number] {
  return [(e.min[0] + e.max[0]) / 2, e.min[1], (e.min[2] + e.max[2]) / 2];
}
