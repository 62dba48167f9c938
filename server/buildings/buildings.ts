/**
 * The buildings of the space layouts (SPEC BM1–BM3, BM7, GS14): each IFC file a layout names is read
 * and converted once, in a worker thread of its own (readInWorker.ts), while the server already
 * serves. Rooms of a space whose layout has a building open only once its building is read (the
 * layout's hall, twin places and geo reference come from it); other spaces open at once. A file that
 * cannot be used is one log line naming the file and the problem; its layouts lose `building` and open
 * with the procedural hall.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { elementFoot, type BuildingIndex } from '../../shared/space/building.js';
import type { SpaceLayout } from '../../shared/space/layout.js';
import type { GeoReference } from '../../shared/geo/reference.js';
import type { Logger } from '../log.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import { geoOfMapConversion } from './ifcMap.js';
import { GeoReferenceError } from '../geo/projected.js';
import { BuildingError, DEFAULT_LIMITS, type ReadLimits } from './ifcReader.js';
import { DEFAULT_BUDGET, readInWorker, type BuildingRead, type LoadedBuilding, type WorkerBudget } from './readInWorker.js';

/** What a client loads for a layout with a building: the glb and the index with its twins' elements. */
export interface SpaceBuilding {
  glb: Uint8Array;
  index: BuildingIndex & { twins: Record<string, number> };
}

/** Reads and converts one IFC file under `assetsDir` in a worker thread; rejects with a BuildingError. */
export function loadBuilding(
  assetsDir: string,
  file: string,
  limits: ReadLimits = DEFAULT_LIMITS,
  budget: WorkerBudget = DEFAULT_BUDGET,
): Promise<LoadedBuilding> {
  return readInWorker(assetsDir, file, limits, budget).done;
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
  private readonly byLayout = new Map<string, SpaceBuilding>();
  /** Each building layout's wait: settles once its building is read or refused. */
  private readonly waits = new Map<string, Promise<void>>();
  private readonly reading = new Set<string>();
  /** Files are read one after the other: one reader thread's memory at a time, whatever the layouts name. */
  private queue: Promise<unknown> = Promise.resolve();
  private current: BuildingRead | null = null;
  private closed = false;

  constructor(
    private readonly assetsDir: string,
    private readonly limits: ReadLimits,
    private readonly budget: WorkerBudget,
  ) {}

  /** The building a layout opens with, if it has one that loaded. */
  of(layoutName: string): SpaceBuilding | undefined {
    return this.byLayout.get(layoutName);
  }

  /** Settles when the layout's building is read or refused (at once for a layout without one). */
  ready(layoutName: string): Promise<void> {
    return this.waits.get(layoutName) ?? Promise.resolve();
  }

  /** The files not read yet (queued or being read), for /health. */
  loading(): string[] {
    return [...this.reading].sort();
  }

  /** Settles when every building is read or refused. */
  async settled(): Promise<void> {
    await Promise.all(this.waits.values());
  }

  /** Ends the read under way and starts no other (the server stopping). */
  async close(): Promise<void> {
    this.closed = true;
    await this.current?.stop();
  }

  /** Queues reading `file`; rejects with a BuildingError. */
  read(file: string): Promise<LoadedBuilding> {
    this.reading.add(file);
    const done = this.queue.then(async () => {
      if (this.closed) throw new BuildingError(file, 'broken', 'the server stopped before it was read');
      // A missing file needs no reader thread (the thread checks again, bounded, as it reads).
      await fs.stat(path.join(this.assetsDir, file)).catch((err: NodeJS.ErrnoException) => {
        throw new BuildingError(file, 'unreadable', err.code ?? err.message);
      });
      this.current = readInWorker(this.assetsDir, file, this.limits, this.budget);
      return this.current.done;
    });
    const over = () => {
      this.reading.delete(file);
      this.current = null;
    };
    this.queue = done.then(over, over);
    return done;
  }

  /** Registers what a layout's rooms wait for (loadBuildings). */
  wait(layoutName: string, done: Promise<void>): void {
    this.waits.set(layoutName, done);
  }

  /** A layout's building, once read (loadBuildings). */
  set(layoutName: string, building: SpaceBuilding): void {
    this.byLayout.set(layoutName, building);
  }
}

/**
 * Starts reading the buildings `layouts` name and returns at once. As each is read, its layouts in
 * `layouts` are completed (hall and bound twins from the building, its geo reference where the layout
 * has none; `building` dropped where it failed) before their rooms may open.
 */
export function loadBuildings(
  layouts: SpaceLayouts,
  assetsDir: string,
  log: Logger,
  limits: ReadLimits = DEFAULT_LIMITS,
  budget: WorkerBudget = DEFAULT_BUDGET,
): Buildings {
  const buildings = new Buildings(assetsDir, limits, budget);
  const files = new Map<string, Promise<LoadedBuilding | BuildingError>>();
  for (const name of layouts.names()) {
    const layout = layouts.own(name);
    if (!layout?.building) continue;
    const file = layout.building;
    let loaded = files.get(file);
    if (!loaded) {
      const started = performance.now();
      loaded = buildings.read(file).then(
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
      );
      files.set(file, loaded);
    }
    buildings.wait(
      name,
      loaded.then((b) => {
        if (b instanceof BuildingError) {
          const { building: _dropped, ...hall } = layout;
          layouts.complete(name, hall, null);
          return;
        }
        const { layout: inBuilding, twins, unknown } = placeInBuilding(layout, b.index);
        if (unknown.length > 0)
          log.warn(
            { layout: name, file },
            `twins bound to GlobalIds the building does not have stay where the layout puts them: ${unknown.join(', ')}`,
          );
        layouts.complete(name, inBuilding, layout.geo ? null : buildingGeo(b, name, file, log));
        buildings.set(name, { glb: b.glb, index: { ...b.index, twins } });
      }),
    );
  }
  return buildings;
}

/** The geo reference of a building's IfcMapConversion (SPEC GS14), or null (none, or one it cannot use: a warning). */
function buildingGeo(b: LoadedBuilding, layout: string, file: string, log: Logger): GeoReference | null {
  if (!b.map) return null;
  try {
    return geoOfMapConversion(b.map);
  } catch (err) {
    if (!(err instanceof GeoReferenceError)) throw err;
    log.warn({ layout, file }, `the building's IfcMapConversion is not used as the space's geo reference: ${err.message}`);
    return null;
  }
}
