/**
 * Loads space layouts from assets/spaces/*.json. A broken file is reported with its path and the
 * JSON path of each problem, and skipped: the server starts with the others.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { check } from '../../shared/protocol/validation.js';
import { SpaceLayout, LAYOUT_VERSION } from '../../shared/space/layout.js';
import { DEFAULT_SPACE } from '../../shared/protocol/version.js';
import type { Logger } from '../log.js';
import type { GeoReference } from '../../shared/geo/reference.js';
import { GeoReferenceError, resolveGeoReference } from '../geo/projected.js';

export interface LoadProblem {
  file: string;
  problem: string;
}

/** The hall used when no layout file could be read at all, so the server always has a space. */
const FALLBACK_LAYOUT: SpaceLayout = {
  version: LAYOUT_VERSION,
  title: 'Hall',
  hall: { width: 24, depth: 18, height: 8 },
  spawn: { x: 0, z: 6, yaw: 0 },
  twins: [],
  locked: false,
  timelineDrivers: 'operators',
};

/**
 * The title people see for a space (HUD, join and loading screens, SPEC SP1): its layout's own title
 * when the space has a layout of its name, else the space's name with the title of the hall it borrows.
 */
export function spaceTitle(name: string, layoutName: string, layout: SpaceLayout): string {
  return name === layoutName ? layout.title : `${name} (${layout.title})`;
}

export class SpaceLayouts {
  private readonly layouts: Map<string, SpaceLayout>;
  /** Each layout's geo reference, resolved to WGS84 (SPEC GS1, GS4, GS14), by layout name. */
  private readonly geos: Map<string, GeoReference>;

  constructor(
    layouts: ReadonlyMap<string, SpaceLayout>,
    readonly problems: readonly LoadProblem[],
    geos: ReadonlyMap<string, GeoReference> = new Map(),
  ) {
    this.layouts = new Map(layouts);
    this.geos = new Map(geos);
  }

  /**
   * A building's layout once its building is read (SPEC BM2, BM7, GS14): sized and placed from it, and
   * with the building's geo reference when the layout gives none. Rooms of that layout open only after.
   */
  complete(name: string, layout: SpaceLayout, geo: GeoReference | null): void {
    this.layouts.set(name, layout);
    if (geo && !this.geos.has(name)) this.geos.set(name, geo);
  }

  /** Where the space `space` opens is on Earth: its layout's geo reference, or null. */
  geoOf(space: string): GeoReference | null {
    return this.geos.get(this.resolve(space).layoutName) ?? null;
  }

  /** A layout by its own name (not falling back to the default space's). */
  own(name: string): SpaceLayout | undefined {
    return this.layouts.get(name);
  }

  /** The layout a space uses: its own file if there is one, else the default space's layout. */
  resolve(space: string): { layoutName: string; layout: SpaceLayout } {
    const own = this.layouts.get(space);
    if (own) return { layoutName: space, layout: own };
    const fallback = this.layouts.get(DEFAULT_SPACE);
    return fallback ? { layoutName: DEFAULT_SPACE, layout: fallback } : { layoutName: 'fallback', layout: FALLBACK_LAYOUT };
  }

  /** What `spaceTitle` gives for `space`, from the layout it would open with. */
  titleOf(space: string): string {
    const { layoutName, layout } = this.resolve(space);
    return spaceTitle(space, layoutName, layout);
  }

  names(): string[] {
    return [...this.layouts.keys()];
  }
}

export async function loadSpaceLayouts(dir: string, log: Logger): Promise<SpaceLayouts> {
  const layouts = new Map<string, SpaceLayout>();
  const geos = new Map<string, GeoReference>();
  const problems: LoadProblem[] = [];
  let files: string[] = [];
  try {
    files = (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (err) {
    problems.push({ file: dir, problem: `cannot read folder: ${(err as Error).message}` });
  }
  for (const file of files) {
    const full = path.join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(await fs.readFile(full, 'utf8'));
    } catch (err) {
      problems.push({ file: full, problem: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    const result = check(SpaceLayout, json);
    if (!result.ok) {
      problems.push({ file: full, problem: result.problems });
      continue;
    }
    const name = path.basename(file, '.json');
    if (result.value.geo) {
      try {
        geos.set(name, resolveGeoReference(result.value.geo));
      } catch (err) {
        if (!(err instanceof GeoReferenceError)) throw err;
        problems.push({ file: full, problem: `geo: ${err.message}` });
        continue;
      }
    }
    layouts.set(name, result.value);
  }
  for (const p of problems) log.error({ file: p.file }, `space layout skipped: ${p.problem}`);
  log.info({ layouts: [...layouts.keys()] }, 'space layouts loaded');
  return new SpaceLayouts(layouts, problems, geos);
}
