/**
 * The buildings of the space layouts (SPEC BM1–BM3, BM7): each IFC file a layout names is read and
 * converted once, at start-up, before any room opens (never on a room's loop). A file that cannot be
 * used is one log line naming the file and the problem; its layouts lose `building` and open with
 * the procedural hall. A layout with a building takes its hall's size from the building's box, and
 * each twin bound by `ifc` stands where its element is.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { elementFoot, type BuildingIndex } from '../../shared/space/building.js';
import type { SpaceLayout } from '../../shared/space/layout.js';
import type { Logger } from '../log.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import { BuildingError, DEFAULT_LIMITS, readIfc, type ReadLimits } from './ifcReader.js';
import { toGlb, type ConvertedBuilding } from './toGlb.js';

/** What a client loads for a layout with a building: the glb and the index with its twins' elements. */
export interface SpaceBuilding {
  glb: Uint8Array;
  index: BuildingIndex & { twins: Record<string, number> };
}

/** Reads and converts one IFC file under `assetsDir`; throws BuildingError. */
export async function loadBuilding(assetsDir: string, file: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<ConvertedBuilding> {
  const full = path.join(assetsDir, file);
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(full);
    if (stat.size > limits.maxBytes)
      throw new BuildingError(
        file,
        'too_large',
        `${(stat.size / 1048576).toFixed(1)} MB, the limit is ${(limits.maxBytes / 1048576).toFixed(0)} MB`,
      );
    bytes = new Uint8Array(await fs.readFile(full));
  } catch (err) {
    if (err instanceof BuildingError) throw err;
    throw new BuildingError(file, 'unreadable', (err as NodeJS.ErrnoException).code ?? (err as Error).message);
  }
  return toGlb(await readIfc(bytes, file, limits), file);
}

const clampHall = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.ceil(v * 10) / 10));

/** `layout` with its hall sized to the building and its bound twins at their elements; the unknown GlobalIds. */
export function placeInBuilding(
  layout: SpaceLayout,
  index: BuildingIndex,
): { layout: SpaceLayout; twins: Record<string, number>; unknown: string[] } {
  const byGuid = new Map(index.elements.map((e) => [e.globalId, e]));
  const twins: Record<string, number> = {};
  const unknown: string[] = [];
  const placed = layout.twins.map((t) => {
    if (!t.ifc) return t;
    const e = byGuid.get(t.ifc);
    if (!e) {
      unknown.push(t.ifc);
      return t;
    }
    twins[t.twin] = e.id;
    return { ...t, position: elementFoot(e) };
  });
  // The hall is centred on the origin (shared/space/layout.ts hallBounds): it spans the building's farthest side.
  const half = (a: 0 | 2) => Math.max(Math.abs(index.min[a]), Math.abs(index.max[a]));
  const hall = {
    width: clampHall(2 * half(0), 6, 200),
    depth: clampHall(2 * half(2), 6, 200),
    height: clampHall(index.max[1], 3, 40),
  };
  return { layout: { ...layout, hall, twins: placed }, twins, unknown };
}

export class Buildings {
  constructor(private readonly byLayout: ReadonlyMap<string, SpaceBuilding>) {}

  /** The building a layout opens with, if it has one that loaded. */
  of(layoutName: string): SpaceBuilding | undefined {
    return this.byLayout.get(layoutName);
  }
}

/**
 * Loads the buildings `layouts` name; returns the layouts as rooms should open them (hall and bound
 * twins from the building, `building` dropped where it failed) and the converted buildings.
 */
export async function loadBuildings(
  layouts: SpaceLayouts,
  assetsDir: string,
  log: Logger,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<{ layouts: SpaceLayouts; buildings: Buildings }> {
  const files = new Map<string, Promise<ConvertedBuilding | BuildingError>>();
  const resolved = new Map<string, SpaceLayout>();
  const byLayout = new Map<string, SpaceBuilding>();
  for (const name of layouts.names()) {
    const { layout } = layouts.resolve(name);
    if (!layout.building) {
      resolved.set(name, layout);
      continue;
    }
    const file = layout.building;
    if (!files.has(file)) {
      const started = performance.now();
      files.set(
        file,
        loadBuilding(assetsDir, file, limits).then(
          (b) => {
            log.info(
              { file, elements: b.index.elements.length, triangles: b.index.triangles, ms: Math.round(performance.now() - started) },
              'building loaded',
            );
            return b;
          },
          (err: unknown) => {
            const e = err instanceof BuildingError ? err : new BuildingError(file, 'broken', String(err).slice(0, 200));
            log.error({ file, code: e.code }, `building not used, the space opens with the procedural hall: ${e.message}`);
            return e;
          },
        ),
      );
    }
    const loaded = await files.get(file)!;
    if (loaded instanceof BuildingError) {
      const { building: _dropped, ...hall } = layout;
      resolved.set(name, hall);
      continue;
    }
    const { layout: inBuilding, twins, unknown } = placeInBuilding(layout, loaded.index);
    if (unknown.length > 0)
      log.warn(
        { layout: name, file },
        `twins bound to GlobalIds the building does not have stay where the layout puts them: ${unknown.join(', ')}`,
      );
    resolved.set(name, inBuilding);
    byLayout.set(name, { glb: loaded.glb, index: { ...loaded.index, twins } });
  }
  return { layouts: layouts.withLayouts(resolved), buildings: new Buildings(byLayout) };
}
