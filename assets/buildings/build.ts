/**
 * Writes the project's own IFC4 sample plant (assets/buildings/plant.ifc) with web-ifc's writer: a
 * site, a building, two storeys (ground floor and a mezzanine over the back half), walls, a door in
 * the front wall, floor slabs, a stair flight up to the mezzanine, and equipment (two pumps, two tanks) with property sets. Every
 * GlobalId is derived from the element's name, so it is stable across runs and layouts can bind
 * twins to it; the header's timestamp is fixed, so the same script writes the same bytes.
 *
 * IFC's frame: metres, right-handed, +Z up, +X east, +Y north. The building's origin is the centre of
 * its ground floor; the front (door) wall faces −Y (south).
 *
 *   npx tsx assets/buildings/build.ts          writes plant.ifc
 *   npx tsx assets/buildings/build.ts --check  fails when the committed plant.ifc differs
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IFC4, IfcAPI } from 'web-ifc';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The plant's size: the ground floor's outer walls, metres. */
export const PLANT = { width: 24, depth: 18, groundHeight: 4.5, upperHeight: 3.5, wall: 0.25, slab: 0.2 } as const;

/** The stair to the mezzanine: its width, its risers (each groundHeight / risers high) and each tread's going, metres. */
export const STAIR = { width: 1.6, risers: 24, going: 0.28, waist: 0.35 } as const;

const IFC_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$';

/** IFC's 22-character GlobalId for a 128-bit value: 2 bits, then 21 groups of 6 bits. */
export function compressGuid(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes.subarray(0, 16)) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 22; i++) {
    out = IFC_CHARS[Number(n & 63n)]! + out;
    n >>= 6n;
  }
  return out;
}

/** The stable GlobalId of the sample's element named `name`. */
export function sampleGuid(name: string): string {
  return compressGuid(crypto.createHash('sha256').update(`twinverse plant ${name}`).digest());
}

type Xyz = [number, number, number];

/**
 * Where a variant of the plant says it is on a map (IFC4 IfcMapConversion to an IfcProjectedCRS,
 * SPEC GS14): the committed sample has none (a layout gives the factory's place itself).
 */
export interface PlantMap {
  /** The IfcProjectedCRS's name, e.g. "EPSG:25832". */
  crs: string;
  eastings: number;
  northings: number;
  height: number;
  /** The local +X axis's angle from the map's east axis, degrees counter-clockwise. */
  rotation: number;
}

/** Writes the sample (with `map`, a variant that carries an IfcMapConversion); returns the file's bytes. */
export async function buildPlant(map?: PlantMap): Promise<Uint8Array> {
  const api = new IfcAPI();
  await api.Init(undefined, true);
  const model = api.CreateModel({ schema: 'IFC4', name: 'plant.ifc', authors: ['Twinverse'], organizations: ['Twinverse'] });
  const write = <T extends { expressID: number; type: number }>(line: T): T => {
    api.WriteLine(model, line);
    return line;
  };
  const label = (s: string) => new IFC4.IfcLabel(s);
  const len = (v: number) => new IFC4.IfcLengthMeasure(v);
  const point = (p: number[]) => new IFC4.IfcCartesianPoint(p.map(len));
  const dir = (d: number[]) => new IFC4.IfcDirection(d.map((v) => new IFC4.IfcReal(v)));
  const axis3 = (at: Xyz) => new IFC4.IfcAxis2Placement3D(point(at), null, null);
  const guid = (name: string) => new IFC4.IfcGloballyUniqueId(sampleGuid(name));

  const context = write(
    new IFC4.IfcGeometricRepresentationContext(
      label('Model'),
      label('Model'),
      new IFC4.IfcDimensionCount(3),
      new IFC4.IfcReal(1e-5),
      axis3([0, 0, 0]),
      null,
    ),
  );
  const units = new IFC4.IfcUnitAssignment([new IFC4.IfcSIUnit(IFC4.IfcUnitEnum.LENGTHUNIT, null, IFC4.IfcSIUnitName.METRE)]);
  const project = write(new IFC4.IfcProject(guid('project'), null, label('Twinverse plant'), null, null, null, null, [context], units));

  const sitePlacement = new IFC4.IfcLocalPlacement(null, axis3([0, 0, 0]));
  const site = write(
    new IFC4.IfcSite(
      guid('site'),
      null,
      label('Plant site'),
      null,
      null,
      sitePlacement,
      null,
      null,
      IFC4.IfcElementCompositionEnum.ELEMENT,
      null,
      null,
      null,
      null,
      null,
    ),
  );
  const buildingPlacement = new IFC4.IfcLocalPlacement(sitePlacement, axis3([0, 0, 0]));
  const building = write(
    new IFC4.IfcBuilding(
      guid('building'),
      null,
      label('Pump house'),
      null,
      null,
      buildingPlacement,
      null,
      null,
      IFC4.IfcElementCompositionEnum.ELEMENT,
      null,
      null,
      null,
    ),
  );
  const storey = (name: string, elevation: number) => {
    const placement = new IFC4.IfcLocalPlacement(buildingPlacement, axis3([0, 0, elevation]));
    const s = write(
      new IFC4.IfcBuildingStorey(
        guid(name),
        null,
        label(name),
        null,
        null,
        placement,
        null,
        null,
        IFC4.IfcElementCompositionEnum.ELEMENT,
        len(elevation),
      ),
    );
    return { storey: s, placement };
  };
  const ground = storey('Ground floor', 0);
  const upper = storey('Mezzanine', PLANT.groundHeight);
  write(new IFC4.IfcRelAggregates(guid('rel project'), null, null, null, project, [site]));
  write(new IFC4.IfcRelAggregates(guid('rel site'), null, null, null, site, [building]));
  write(new IFC4.IfcRelAggregates(guid('rel building'), null, null, null, building, [ground.storey, upper.storey]));

  const styles = new Map<string, IFC4.IfcSurfaceStyle>();
  const style = (name: string, [r, g, b]: Xyz) => {
    let s = styles.get(name);
    if (!s) {
      const shading = new IFC4.IfcSurfaceStyleShading(
        new IFC4.IfcColourRgb(
          null,
          new IFC4.IfcNormalisedRatioMeasure(r),
          new IFC4.IfcNormalisedRatioMeasure(g),
          new IFC4.IfcNormalisedRatioMeasure(b),
        ),
        null,
      );
      s = write(new IFC4.IfcSurfaceStyle(label(name), IFC4.IfcSurfaceSide.BOTH, [shading]));
      styles.set(name, s);
    }
    return s;
  };
  /** A solid extruded up (+Z) from a profile centred at `at` (the element's own frame). */
  const body = (profile: IFC4.IfcProfileDef, at: Xyz, height: number, look: [string, Xyz]) => {
    const solid = write(new IFC4.IfcExtrudedAreaSolid(profile, axis3(at), dir([0, 0, 1]), new IFC4.IfcPositiveLengthMeasure(height)));
    write(new IFC4.IfcStyledItem(solid, [style(...look)], null));
    return new IFC4.IfcProductDefinitionShape(null, null, [
      new IFC4.IfcShapeRepresentation(context, label('Body'), label('SweptSolid'), [solid]),
    ]);
  };
  const box = (size: [number, number, number], look: [string, Xyz]) =>
    body(
      new IFC4.IfcRectangleProfileDef(
        IFC4.IfcProfileTypeEnum.AREA,
        null,
        new IFC4.IfcAxis2Placement2D(point([0, 0]), null),
        len(size[0]),
        len(size[1]),
      ),
      [0, 0, 0],
      size[2],
      look,
    );
  const cylinder = (radius: number, height: number, look: [string, Xyz]) =>
    body(
      new IFC4.IfcCircleProfileDef(IFC4.IfcProfileTypeEnum.AREA, null, new IFC4.IfcAxis2Placement2D(point([0, 0]), null), len(radius)),
      [0, 0, 0],
      height,
      look,
    );

  const contained = new Map<IFC4.IfcBuildingStorey, IFC4.IfcProduct[]>();
  const place = (on: { storey: IFC4.IfcBuildingStorey; placement: IFC4.IfcLocalPlacement }, at: Xyz) => {
    const placement = new IFC4.IfcLocalPlacement(on.placement, axis3(at));
    return {
      placement,
      add: <T extends IFC4.IfcProduct>(element: T): T => {
        write(element);
        contained.set(on.storey, [...(contained.get(on.storey) ?? []), element]);
        return element;
      },
    };
  };
  const concrete: [string, Xyz] = ['Concrete', [0.62, 0.62, 0.6]];
  const masonry: [string, Xyz] = ['Masonry', [0.78, 0.74, 0.66]];
  const { width: W, depth: D, wall: T, slab: S } = PLANT;

  const wall = (on: typeof ground, name: string, at: Xyz, size: Xyz) => {
    const p = place(on, at);
    return p.add(
      new IFC4.IfcWall(guid(name), null, label(name), null, null, p.placement, box(size, masonry), null, IFC4.IfcWallTypeEnum.SOLIDWALL),
    );
  };
  const slab = (on: typeof ground, name: string, at: Xyz, size: Xyz, type: IFC4.IfcSlabTypeEnum) => {
    const p = place(on, at);
    return p.add(new IFC4.IfcSlab(guid(name), null, label(name), null, null, p.placement, box(size, concrete), null, type));
  };

  // Ground floor: its slab (top at 0), four walls; the front wall leaves a 3 m gap for the door.
  slab(ground, 'Ground slab', [0, 0, -S], [W, D, S], IFC4.IfcSlabTypeEnum.BASESLAB);
  const H = PLANT.groundHeight;
  wall(ground, 'Wall north', [0, D / 2 - T / 2, 0], [W, T, H]);
  wall(ground, 'Wall east', [W / 2 - T / 2, 0, 0], [T, D - 2 * T, H]);
  wall(ground, 'Wall west', [-W / 2 + T / 2, 0, 0], [T, D - 2 * T, H]);
  const doorWidth = 3;
  const side = (W - doorWidth) / 2;
  wall(ground, 'Wall south-west', [-W / 2 + side / 2, -D / 2 + T / 2, 0], [side, T, H]);
  wall(ground, 'Wall south-east', [W / 2 - side / 2, -D / 2 + T / 2, 0], [side, T, H]);
  const doorAt = place(ground, [0, -D / 2 + T / 2, 0]);
  doorAt.add(
    new IFC4.IfcDoor(
      guid('Main door'),
      null,
      label('Main door'),
      null,
      null,
      doorAt.placement,
      box([doorWidth, 0.08, 3.2], ['Door steel', [0.25, 0.35, 0.45]]),
      null,
      len(3.2),
      len(doorWidth),
      IFC4.IfcDoorTypeEnum.GATE,
      IFC4.IfcDoorTypeOperationEnum.SLIDING_TO_LEFT,
      null,
    ),
  );

  // Mezzanine: a floor over the back (north) half, a parapet along its open edge, walls up to the roof.
  const U = PLANT.upperHeight;
  slab(upper, 'Mezzanine floor', [0, D / 4, -S], [W - 2 * T, D / 2 - T, S], IFC4.IfcSlabTypeEnum.FLOOR);
  // The parapet leaves the stair's landing open at its east end.
  const { width: stairWidth } = STAIR;
  wall(upper, 'Mezzanine parapet', [-stairWidth / 2, 0.1, 0], [W - 2 * T - stairWidth, 0.1, 1.1]);
  wall(upper, 'Upper wall north', [0, D / 2 - T / 2, 0], [W, T, U]);
  wall(upper, 'Upper wall east', [W / 2 - T / 2, D / 4, 0], [T, D / 2 - T, U]);
  wall(upper, 'Upper wall west', [-W / 2 + T / 2, D / 4, 0], [T, D / 2 - T, U]);

  // The way up: one straight flight along the east wall, climbing north from the ground floor to the
  // mezzanine's open (south) edge. Its solid is the flight's side profile (treads and a waist under
  // them) extruded across its width; the element's placement is the flight's south-west foot.
  const mezzanineSouth = D / 4 - (D / 2 - T) / 2;
  const run = STAIR.risers * STAIR.going;
  const rise = H / STAIR.risers;
  const stairAt = place(ground, [W / 2 - T - stairWidth, mezzanineSouth - run, 0]);
  const profile: [number, number][] = [[0, 0]];
  for (let i = 0; i < STAIR.risers; i++) profile.push([i * STAIR.going, (i + 1) * rise], [(i + 1) * STAIR.going, (i + 1) * rise]);
  // The waist's underside runs parallel to the pitch, STAIR.waist below the top tread's far edge.
  profile.push([run, H - STAIR.waist], [(STAIR.waist * run) / H, 0], [0, 0]);
  const flight = write(
    new IFC4.IfcExtrudedAreaSolid(
      new IFC4.IfcArbitraryClosedProfileDef(IFC4.IfcProfileTypeEnum.AREA, null, new IFC4.IfcPolyline(profile.map(point))),
      // Profile x runs north, profile y up, extruded east across the flight.
      new IFC4.IfcAxis2Placement3D(point([0, 0, 0]), dir([1, 0, 0]), dir([0, 1, 0])),
      dir([0, 0, 1]),
      new IFC4.IfcPositiveLengthMeasure(stairWidth),
    ),
  );
  write(new IFC4.IfcStyledItem(flight, [style(...concrete)], null));
  stairAt.add(
    new IFC4.IfcStairFlight(
      guid('Stair to the mezzanine'),
      null,
      label('Stair to the mezzanine'),
      null,
      null,
      stairAt.placement,
      new IFC4.IfcProductDefinitionShape(null, null, [
        new IFC4.IfcShapeRepresentation(context, label('Body'), label('SweptSolid'), [flight]),
      ]),
      null,
      new IFC4.IfcInteger(STAIR.risers),
      new IFC4.IfcInteger(STAIR.risers - 1),
      new IFC4.IfcPositiveLengthMeasure(rise),
      new IFC4.IfcPositiveLengthMeasure(STAIR.going),
      IFC4.IfcStairFlightTypeEnum.STRAIGHT,
    ),
  );

  // Equipment with property sets (its identity as a maintainer knows it).
  const pset = (element: IFC4.IfcProduct, name: string, values: Record<string, string | number>) => {
    const props = Object.entries(values).map(
      ([k, v]) =>
        new IFC4.IfcPropertySingleValue(new IFC4.IfcIdentifier(k), null, typeof v === 'number' ? new IFC4.IfcReal(v) : label(v), null),
    );
    const set = write(new IFC4.IfcPropertySet(guid(`${name} of ${String(element.Name?.value)}`), null, label(name), null, props));
    write(new IFC4.IfcRelDefinesByProperties(guid(`rel ${name} of ${String(element.Name?.value)}`), null, null, null, [element], set));
  };
  const pumpLook: [string, Xyz] = ['Pump blue', [0.15, 0.38, 0.75]];
  const tankLook: [string, Xyz] = ['Tank steel', [0.72, 0.75, 0.78]];
  const pump = (name: string, at: Xyz, tag: string, flow: number) => {
    const p = place(ground, at);
    const e = p.add(
      new IFC4.IfcPump(
        guid(name),
        null,
        label(name),
        null,
        null,
        p.placement,
        box([1.4, 0.7, 1.1], pumpLook),
        label(tag),
        IFC4.IfcPumpTypeEnum.ENDSUCTION,
      ),
    );
    pset(e, 'Pset_PumpTypeCommon', { FlowRateRange: `0–${flow} m³/h`, NominalRotationSpeed: 1450 });
    pset(e, 'Pset_ManufacturerTypeInformation', { Manufacturer: 'Twinverse Pumps', ModelReference: `TP-${flow}` });
    return e;
  };
  const tank = (on: typeof ground, name: string, at: Xyz, tag: string, volume: number, radius: number, height: number) => {
    const p = place(on, at);
    const e = p.add(
      new IFC4.IfcTank(
        guid(name),
        null,
        label(name),
        null,
        null,
        p.placement,
        cylinder(radius, height, tankLook),
        label(tag),
        IFC4.IfcTankTypeEnum.STORAGE,
      ),
    );
    pset(e, 'Pset_TankTypeCommon', { NominalCapacity: volume, StorageType: 'Water' });
    return e;
  };
  pump('Pump P-101', [6.5, 1, 0], 'P-101', 120);
  pump('Pump P-102', [3, -4, 0], 'P-102', 80);
  tank(ground, 'Tank T-201', [-7, 2, 0], 'T-201', 25, 1.4, 3.6);
  tank(upper, 'Tank T-301', [-6, D / 4 + 1, 0], 'T-301', 8, 1, 2.4);

  for (const [s, elements] of contained)
    write(new IFC4.IfcRelContainedInSpatialStructure(guid(`rel contained ${String(s.Name?.value)}`), null, null, null, elements, s));

  if (map) {
    const crs = write(new IFC4.IfcProjectedCRS(label(map.crs), null, null, null, null, null, null));
    const turn = (map.rotation * Math.PI) / 180;
    write(
      new IFC4.IfcMapConversion(
        context,
        crs,
        len(map.eastings),
        len(map.northings),
        len(map.height),
        new IFC4.IfcReal(Math.cos(turn)),
        new IFC4.IfcReal(Math.sin(turn)),
        new IFC4.IfcReal(1),
      ),
    );
  }

  const bytes = api.SaveModel(model);
  api.CloseModel(model);
  // The writer stamps the time of writing: a fixed one keeps the file byte-stable.
  const text = new TextDecoder().decode(bytes).replace(/FILE_NAME\('([^']*)','[^']*'/, "FILE_NAME('$1','2026-12-01T00:00:00'");
  return new TextEncoder().encode(text);
}

async function main(): Promise<void> {
  const out = path.join(here, 'plant.ifc');
  const bytes = await buildPlant();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(out) ? fs.readFileSync(out) : Buffer.alloc(0);
    if (!committed.equals(Buffer.from(bytes))) throw new Error(`${out} differs from what assets/buildings/build.ts writes`);
    console.log('plant.ifc is up to date');
    return;
  }
  fs.writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.byteLength} bytes)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
