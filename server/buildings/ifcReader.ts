/**
 * Reads an IFC file with web-ifc (WASM, in this process) into plain data: each element's triangles
 * in the protocol frame with its colour, and its identity (type, name, GlobalId, storey, property
 * sets). Bounded (SPEC BM2): the file's size, its STEP frame (header and end marker) and schema are
 * checked before the reader sees it; elements and triangles are counted as they stream, and reading
 * stops at a limit. Every failure is a BuildingError naming the file and the problem.
 */
import {
  IfcAPI,
  IFCBUILDINGSTOREY,
  IFCMAPCONVERSION,
  IFCPROJECTEDCRS,
  IFCRELAGGREGATES,
  IFCRELCONTAINEDINSPATIALSTRUCTURE,
  IFCRELDEFINESBYPROPERTIES,
} from 'web-ifc';
import {
  BUILDING_MAX_BYTES,
  BUILDING_MAX_ELEMENTS,
  BUILDING_MAX_TRIANGLES,
  type BuildingErrorCode,
  type ElementRole,
} from '../../shared/space/building.js';

/** Why a building was not used: the file, the named problem, and the detail. */
export class BuildingError extends Error {
  override readonly name = 'BuildingError';
  constructor(
    readonly file: string,
    readonly code: BuildingErrorCode,
    readonly detail: string,
  ) {
    super(`${file}: ${code.replace(/_/g, ' ')} (${detail})`);
  }
}

export interface ReadLimits {
  maxBytes: number;
  maxTriangles: number;
  maxElements: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: BUILDING_MAX_BYTES,
  maxTriangles: BUILDING_MAX_TRIANGLES,
  maxElements: BUILDING_MAX_ELEMENTS,
};

/** One element's triangles of one colour: positions and normals in the protocol frame. */
export interface ElementPiece {
  color: [number, number, number, number];
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

export interface ReadElement {
  id: number;
  type: string;
  name: string;
  globalId: string;
  storey: number;
  role: ElementRole;
  psets: Record<string, Record<string, string>>;
  pieces: ElementPiece[];
}

/**
 * The building's IfcMapConversion (SPEC GS14): where its local origin is in a projected coordinate
 * system. Map easting = eastings + scale·(x·xAbscissa − y·xOrdinate) for unit (xAbscissa, xOrdinate),
 * northing likewise; IFC's local frame (x, y, z up), metres.
 */
export interface MapConversion {
  /** The target IfcProjectedCRS's name, e.g. "EPSG:25832". */
  crs: string;
  eastings: number;
  northings: number;
  /** OrthogonalHeight: the local origin's height above the CRS's vertical datum, metres. */
  height: number;
  /** The local +X axis in map axes (unit vector). */
  xAbscissa: number;
  xOrdinate: number;
  scale: number;
}

export interface ReadBuilding {
  schema: string;
  /** The first IfcMapConversion targeting an IfcProjectedCRS, if the file has one. */
  map: MapConversion | null;
  storeys: { id: number; name: string; globalId: string; elevation: number }[];
  elements: ReadElement[];
  triangles: number;
}

const SCHEMAS = new Set(['IFC2X3', 'IFC4', 'IFC4X3', 'IFC4X3_ADD2']);
/** Property sets and values kept per element: a hostile file cannot make the index huge. */
const MAX_PSETS = 16;
const MAX_PROPS = 48;
const MAX_TEXT = 200;

let api: Promise<IfcAPI> | null = null;

/** One reader per process: the WASM module is loaded once (single-threaded: no worker files). */
function reader(): Promise<IfcAPI> {
  api ??= (async () => {
    const a = new IfcAPI();
    await a.Init(undefined, true);
    // The reader's own console lines are not ours to print: failures come back as BuildingErrors.
    a.SetLogLevel(6);
    return a;
  })();
  return api;
}

function roleOf(type: string): ElementRole {
  const t = type.toUpperCase();
  if (t.startsWith('IFCWALL') || t === 'IFCCURTAINWALL') return 'wall';
  if (t.startsWith('IFCSLAB') || t === 'IFCCOVERING' || t === 'IFCROOF') return 'slab';
  if (t.startsWith('IFCSTAIR') || t.startsWith('IFCRAMP')) return 'stair';
  if (t === 'IFCDOOR') return 'door';
  return 'other';
}

const textOf = (v: unknown): string => {
  const raw = v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v;
  return raw === null || raw === undefined ? '' : String(raw).slice(0, MAX_TEXT);
};
const idsOf = (v: unknown): number[] =>
  (Array.isArray(v) ? v : [v])
    .map((h) => (h && typeof h === 'object' && 'value' in h ? Number((h as { value: unknown }).value) : NaN))
    .filter(Number.isInteger);

/**
 * The STEP frame: header first, end marker last (a cut-off download has no end marker), and a schema
 * the reader knows, named in the header — read here because the reader's own refusal names nothing.
 */
function checkFrame(bytes: Uint8Array, file: string): void {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  if (!head.trimStart().startsWith('ISO-10303-21;')) throw new BuildingError(file, 'not_ifc', 'it does not start with ISO-10303-21;');
  const tail = new TextDecoder().decode(bytes.subarray(Math.max(0, bytes.byteLength - 64))).trimEnd();
  if (!tail.endsWith('END-ISO-10303-21;')) throw new BuildingError(file, 'truncated', 'no END-ISO-10303-21; at its end');
  const schema = /FILE_SCHEMA\s*\(\s*\(\s*'([^']*)'/.exec(head)?.[1]?.toUpperCase();
  if (!schema || !SCHEMAS.has(schema))
    throw new BuildingError(
      file,
      'unsupported_schema',
      `${schema ? schema.slice(0, 32) : 'none named in the header'}; IFC2X3, IFC4 and IFC4X3 are read`,
    );
}

/** Reads `bytes` (the content of `file`); throws BuildingError. */
export async function readIfc(bytes: Uint8Array, file: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<ReadBuilding> {
  if (bytes.byteLength > limits.maxBytes)
    throw new BuildingError(
      file,
      'too_large',
      `${(bytes.byteLength / 1048576).toFixed(1)} MB, the limit is ${(limits.maxBytes / 1048576).toFixed(0)} MB`,
    );
  checkFrame(bytes, file);
  const ifc = await reader();
  let model = -1;
  try {
    model = ifc.OpenModel(bytes, { COORDINATE_TO_ORIGIN: false, ALLOW_INCOMPATIBLE_SCHEMA_ALIASES: false });
  } catch (err) {
    throw new BuildingError(file, 'broken', (err as Error).message.slice(0, 200));
  }
  if (model < 0) throw new BuildingError(file, 'broken', 'the IFC reader could not open it');
  try {
    const schema = ifc.GetModelSchema(model);
    if (!SCHEMAS.has(schema))
      throw new BuildingError(file, 'unsupported_schema', `${schema || 'none named'}; IFC2X3, IFC4 and IFC4X3 are read`);
    return readModel(ifc, model, file, schema, limits);
  } catch (err) {
    if (err instanceof BuildingError) throw err;
    throw new BuildingError(file, 'broken', (err as Error).message.slice(0, 200));
  } finally {
    ifc.CloseModel(model);
  }
}

function readModel(ifc: IfcAPI, model: number, file: string, schema: string, limits: ReadLimits): ReadBuilding {
  const line = (id: number): Record<string, unknown> | null => {
    try {
      return ifc.GetLine(model, id) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  const list = (type: number): number[] => {
    const v = ifc.GetLineIDsWithType(model, type);
    const out: number[] = [];
    for (let i = 0; i < v.size(); i++) out.push(v.get(i));
    return out;
  };

  const storeys = list(IFCBUILDINGSTOREY).map((id) => {
    const s = line(id);
    return { id, name: textOf(s?.Name), globalId: textOf(s?.GlobalId), elevation: Number(textOf(s?.Elevation)) || 0 };
  });
  storeys.sort((a, b) => a.elevation - b.elevation);
  const storeyIndex = new Map(storeys.map((s, i) => [s.id, i]));
  // Which storey holds each element: contained directly, or a part of something that is.
  const storeyOf = new Map<number, number>();
  for (const rel of list(IFCRELCONTAINEDINSPATIALSTRUCTURE)) {
    const r = line(rel);
    const at = storeyIndex.get(idsOf(r?.RelatingStructure)[0] ?? -1);
    if (at !== undefined) for (const e of idsOf(r?.RelatedElements)) storeyOf.set(e, at);
  }
  const partOf = new Map<number, number>();
  for (const rel of list(IFCRELAGGREGATES)) {
    const r = line(rel);
    const whole = idsOf(r?.RelatingObject)[0];
    if (whole !== undefined) for (const p of idsOf(r?.RelatedObjects)) partOf.set(p, whole);
  }
  const storeyFor = (id: number): number => {
    for (let at: number | undefined = id, hops = 0; at !== undefined && hops < 32; at = partOf.get(at), hops++) {
      const s = storeyOf.get(at);
      if (s !== undefined) return s;
    }
    return -1;
  };
  const psetsOf = new Map<number, number[]>();
  for (const rel of list(IFCRELDEFINESBYPROPERTIES)) {
    const r = line(rel);
    const set = idsOf(r?.RelatingPropertyDefinition)[0];
    if (set !== undefined) for (const e of idsOf(r?.RelatedObjects)) psetsOf.set(e, [...(psetsOf.get(e) ?? []), set].slice(0, MAX_PSETS));
  }
  const psets = (id: number): Record<string, Record<string, string>> => {
    const out: Record<string, Record<string, string>> = {};
    for (const setId of psetsOf.get(id) ?? []) {
      const set = line(setId);
      if (!set || !Array.isArray(set.HasProperties)) continue;
      const props: Record<string, string> = {};
      for (const p of idsOf(set.HasProperties).slice(0, MAX_PROPS)) {
        const prop = line(p);
        if (prop && 'NominalValue' in prop) props[textOf(prop.Name)] = textOf(prop.NominalValue);
      }
      out[textOf(set.Name) || `#${setId}`] = props;
    }
    return out;
  };

  const elements: ReadElement[] = [];
  let triangles = 0;
  let over: BuildingError | null = null;
  ifc.StreamAllMeshes(model, (mesh) => {
    if (over) return;
    if (elements.length >= limits.maxElements) {
      over = new BuildingError(file, 'too_many_elements', `more than ${limits.maxElements}`);
      return;
    }
    const pieces: ElementPiece[] = [];
    for (let i = 0; i < mesh.geometries.size(); i++) {
      const placed = mesh.geometries.get(i);
      const geometry = ifc.GetGeometry(model, placed.geometryExpressID);
      const v = ifc.GetVertexArray(geometry.GetVertexData(), geometry.GetVertexDataSize());
      const indices = ifc.GetIndexArray(geometry.GetIndexData(), geometry.GetIndexDataSize()).slice();
      triangles += indices.length / 3;
      if (triangles > limits.maxTriangles) {
        over = new BuildingError(file, 'too_many_triangles', `more than ${limits.maxTriangles}`);
        return;
      }
      // web-ifc's vertices: x y z nx ny nz, placed by a column-major matrix into a +Y-up frame.
      const t = placed.flatTransformation;
      const n = v.length / 6;
      const positions = new Float32Array(n * 3);
      const normals = new Float32Array(n * 3);
      for (let k = 0; k < n; k++) {
        const [x, y, z, nx, ny, nz] = [v[k * 6]!, v[k * 6 + 1]!, v[k * 6 + 2]!, v[k * 6 + 3]!, v[k * 6 + 4]!, v[k * 6 + 5]!];
        positions[k * 3] = t[0]! * x + t[4]! * y + t[8]! * z + t[12]!;
        positions[k * 3 + 1] = t[1]! * x + t[5]! * y + t[9]! * z + t[13]!;
        positions[k * 3 + 2] = t[2]! * x + t[6]! * y + t[10]! * z + t[14]!;
        const mx = t[0]! * nx + t[4]! * ny + t[8]! * nz;
        const my = t[1]! * nx + t[5]! * ny + t[9]! * nz;
        const mz = t[2]! * nx + t[6]! * ny + t[10]! * nz;
        const len = Math.hypot(mx, my, mz) || 1;
        normals.set([mx / len, my / len, mz / len], k * 3);
      }
      const c = placed.color;
      pieces.push({ color: [c.x, c.y, c.z, c.w], positions, normals, indices });
    }
    const e = line(mesh.expressID);
    const type = (e?.constructor.name ?? ifc.GetNameFromTypeCode(ifc.GetLineType(model, mesh.expressID))) || 'IfcProduct';
    elements.push({
      id: mesh.expressID,
      type,
      name: textOf(e?.Name),
      globalId: textOf(e?.GlobalId),
      storey: storeyFor(mesh.expressID),
      role: roleOf(type),
      psets: psets(mesh.expressID),
      pieces,
    });
  });
  if (over) throw over;
  if (elements.length === 0) throw new BuildingError(file, 'empty', 'no element has geometry');
  return { schema, map: mapConversion(ifc, model, line, list), storeys, elements, triangles };
}

/** The first IfcMapConversion whose target is an IfcProjectedCRS with a name, else null. */
function mapConversion(
  ifc: IfcAPI,
  model: number,
  line: (id: number) => Record<string, unknown> | null,
  list: (type: number) => number[],
): MapConversion | null {
  for (const id of list(IFCMAPCONVERSION)) {
    const m = line(id);
    const target = idsOf(m?.TargetCRS)[0];
    if (!m || target === undefined || ifc.GetLineType(model, target) !== IFCPROJECTEDCRS) continue;
    const crs = textOf(line(target)?.Name);
    const num = (v: unknown, fallback: number) => {
      const n = Number(textOf(v));
      return textOf(v) !== '' && Number.isFinite(n) ? n : fallback;
    };
    let [xAbscissa, xOrdinate] = [num(m.XAxisAbscissa, 1), num(m.XAxisOrdinate, 0)];
    const len = Math.hypot(xAbscissa, xOrdinate);
    [xAbscissa, xOrdinate] = len > 0 ? [xAbscissa / len, xOrdinate / len] : [1, 0];
    const [eastings, northings, height] = [num(m.Eastings, NaN), num(m.Northings, NaN), num(m.OrthogonalHeight, 0)];
    if (!crs || !Number.isFinite(eastings) || !Number.isFinite(northings)) continue;
    return { crs, eastings, northings, height, xAbscissa, xOrdinate, scale: num(m.Scale, 1) };
  }
  return null;
}
