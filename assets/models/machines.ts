/**
 * What each of the project's machines looks like, part by part: the detailed shape that replaces the
 * primitive of the same id in its Thing Description's recipe. Each shape is in the part's own frame
 * (the recipe places and turns the part; a cylinder's axis is the part's y) and stays within about
 * the primitive's size, so bindings, gauges, labels and carrying act on it as on the primitive.
 * Extra parts (not in the recipe) only add detail: they are drawn in the machine's one static batch.
 */
import { Geometry, type Vec3 } from './geometry.js';

export interface ExtraPart {
  id: string;
  position: Vec3;
  rotation?: Vec3;
  parent?: string;
  geometry: Geometry;
}

export interface MachineLook {
  /** Detailed geometry by recipe part id; a part not named keeps its primitive's shape. */
  parts: Record<string, Geometry>;
  extras: ExtraPart[];
}

const STEEL = '#c0c6cc';
const DARK = '#2b3036';
const BOLT = '#9aa4ad';

const bolts = (g: Geometry, count: number, radius: number, y: number) =>
  g.around(count, radius, y, (b, place) => b.cylinder({ bottom: 0.03, height: 0.03, segments: 6 }, BOLT, place));

export function pumpLook(): MachineLook {
  // Base frame: two channel rails, cross members, anchor bolts.
  const skid = new Geometry();
  for (const z of [-0.38, 0.38]) skid.box([2.2, 0.15, 0.12], '#4a5560', { at: [0, 0, z] });
  for (const x of [-0.95, -0.2, 0.55, 0.95]) skid.box([0.1, 0.12, 0.66], '#414b55', { at: [x, -0.01, 0] });
  skid.box([1.9, 0.02, 0.7], '#56626d', { at: [0, 0.065, 0] });
  for (const x of [-1.02, 1.02])
    for (const z of [-0.38, 0.38]) skid.cylinder({ bottom: 0.05, height: 0.05, segments: 6 }, BOLT, { at: [x, 0.09, z] });

  // TEFC motor lying along x (the recipe turns it 90° about z: its y runs along the machine's −x and
  // its +x points up): finned body, end bells, terminal box on top, feet below.
  const motor = new Geometry();
  motor.cylinder({ bottom: 0.42, height: 0.7, segments: 28 }, '#3b6ea8');
  motor.around(20, 0.215, 0, (g, place) => g.box([0.05, 0.66, 0.012], '#3567a0', place));
  motor.cylinder({ bottom: 0.44, top: 0.36, height: 0.1, segments: 28 }, '#3b6ea8', { at: [0, 0.4, 0] });
  motor.cylinder({ bottom: 0.36, top: 0.44, height: 0.08, segments: 28 }, '#3b6ea8', { at: [0, -0.39, 0] });
  motor.box([0.16, 0.22, 0.2], '#2f5d91', { at: [0.27, 0.05, 0] });
  motor.box([0.02, 0.12, 0.1], '#d8dde2', { at: [0.355, 0.05, 0] });
  for (const y of [-0.22, 0.22]) motor.box([0.1, 0.1, 0.4], '#2f5d91', { at: [-0.25, y, 0] });

  // Cooling fan behind a cowl: six blades on a hub (a rotate binding spins it).
  const fan = new Geometry();
  fan.cylinder({ bottom: 0.08, height: 0.04, segments: 12 }, STEEL);
  fan.around(6, 0.11, 0, (g, place) => g.box([0.15, 0.012, 0.07], STEEL, { at: place.at, rot: [18, place.rot?.[1] ?? 0, 0] }));
  fan.cylinder({ bottom: 0.46, height: 0.04, segments: 28, open: true }, '#8f979e');

  // Volute casing (its axis along the machine's z): body, front cover with suction nozzle, flange bolts.
  const casing = new Geometry();
  casing.cylinder({ bottom: 0.62, height: 0.26, segments: 32 }, '#6e7f8d');
  casing.cylinder({ bottom: 0.7, height: 0.05, segments: 32 }, '#6e7f8d', { at: [0, 0.15, 0] });
  casing.cylinder({ bottom: 0.7, height: 0.05, segments: 32 }, '#6e7f8d', { at: [0, -0.15, 0] });
  bolts(casing, 12, 0.32, 0.18);
  casing.cylinder({ bottom: 0.22, top: 0.18, height: 0.12, segments: 20 }, '#6e7f8d', { at: [0, 0.22, 0] });
  casing.box([0.2, 0.3, 0.14], '#6e7f8d', { at: [0, 0, 0.26] });

  // Discharge pipe rising from the casing, flanged at both ends.
  const outlet = new Geometry();
  outlet.cylinder({ bottom: 0.14, height: 0.8, segments: 16 }, '#8b949e');
  for (const y of [-0.37, 0.37]) {
    outlet.cylinder({ bottom: 0.24, height: 0.04, segments: 16 }, '#7b848e', { at: [0, y, 0] });
    bolts(outlet, 6, 0.1, y + 0.03);
  }

  // Coupling guard: a perforated-looking cover over the shaft, on a base plate.
  const guard = new Geometry();
  guard.cylinder({ bottom: 0.28, height: 0.35, segments: 16 }, '#e0b040', { rot: [0, 0, 90] });
  guard.box([0.35, 0.04, 0.3], '#c99a30', { at: [0, -0.13, 0] });
  for (const x of [-0.12, 0, 0.12])
    guard.cylinder({ bottom: 0.29, height: 0.02, segments: 16 }, '#b58a28', { at: [x, 0, 0], rot: [0, 0, 90] });

  // The gauge: a bar (the fill) on its own; the scale beside it is an extra part.
  const pressureGauge = new Geometry().box([0.06, 0.5, 0.04], '#e06030');
  const flowDisplay = new Geometry().box([0.4, 0.22, 0.04], '#101820');

  const suction = new Geometry();
  suction.cylinder({ bottom: 0.16, height: 0.5, segments: 16 }, '#8b949e');
  suction.cylinder({ bottom: 0.26, height: 0.04, segments: 16 }, '#7b848e', { at: [0, 0.23, 0] });
  bolts(suction, 6, 0.11, 0.26);

  const instrumentPost = new Geometry();
  instrumentPost.box([0.05, 0.95, 0.05], DARK, { at: [0, 0, 0] });
  instrumentPost.box([0.5, 0.3, 0.02], '#3a424a', { at: [0, 0.43, 0.01] });
  const gaugeScale = new Geometry();
  gaugeScale.box([0.12, 0.56, 0.02], '#e8ecef');
  for (let i = 0; i <= 5; i++) gaugeScale.box([0.05, 0.008, 0.01], '#1a1f24', { at: [0.03, -0.25 + i * 0.1, 0.012] });
  gaugeScale.box([0.04, 0.85, 0.04], DARK, { at: [0, -0.69, -0.02] });

  return {
    parts: { skid, motor, fan, casing, outlet, guard, pressureGauge, flowDisplay },
    extras: [
      { id: 'suction', position: [0.45, 0.5, 0.55], rotation: [90, 0, 0], geometry: suction },
      { id: 'instrumentPost', position: [-0.5, 0.62, 0.27], geometry: instrumentPost },
      { id: 'gaugeScale', position: [0.81, 1.2, 0.07], geometry: gaugeScale },
    ],
  };
}

export function cncLook(): MachineLook {
  // Machine bed: cabinet with a darker plinth, chip tray and access doors.
  const base = new Geometry();
  base.box([2.4, 0.8, 1.8], '#4a5560', { at: [0, 0.05, 0] });
  base.box([2.3, 0.1, 1.7], '#2b3036', { at: [0, -0.4, 0] });
  for (const x of [-0.6, 0.6]) base.box([1.0, 0.6, 0.02], '#56626d', { at: [x, 0.02, 0.91] });
  for (const x of [-0.15, 0.15]) base.box([0.03, 0.2, 0.03], STEEL, { at: [x, 0.05, 0.93] });
  base.box([2.2, 0.06, 0.12], '#3a424a', { at: [0, 0.42, 0.8] });

  const table = new Geometry();
  table.box([1.6, 0.08, 1], '#8b949e', { at: [0, -0.02, 0] });
  for (let i = -3; i <= 3; i++) table.box([1.58, 0.03, 0.03], '#6e777f', { at: [0, 0.035, i * 0.13] });

  const column = new Geometry();
  column.box([0.7, 1.9, 0.6], '#5d6b78');
  for (const x of [-0.2, 0.2]) column.box([0.06, 1.7, 0.04], STEEL, { at: [x, 0, 0.31] });
  column.box([0.74, 0.08, 0.64], '#4f5c68', { at: [0, 0.96, 0] });

  const head = new Geometry();
  head.box([0.55, 0.6, 0.7], '#6e7f8d');
  head.box([0.5, 0.1, 0.65], '#5d6b78', { at: [0, -0.32, 0] });
  head.box([0.3, 0.2, 0.02], '#e0b040', { at: [0, 0.1, 0.36] });

  const motor = new Geometry();
  motor.cylinder({ bottom: 0.4, height: 0.46, segments: 24 }, '#3b6ea8');
  motor.cylinder({ bottom: 0.45, height: 0.04, segments: 24 }, '#3b6ea8', { at: [0, -0.23, 0] });
  motor.around(16, 0.2, 0, (g, place) => g.box([0.04, 0.4, 0.01], '#3b6ea8', place));

  const spindle = new Geometry();
  spindle.cylinder({ bottom: 0.16, top: 0.12, height: 0.3, segments: 20 }, STEEL, { at: [0, 0.07, 0] });
  spindle.cylinder({ bottom: 0.08, top: 0.12, height: 0.15, segments: 20 }, '#a8b0b7', { at: [0, -0.15, 0] });
  // A key on the collar makes the spin visible.
  spindle.box([0.03, 0.1, 0.02], '#e06030', { at: [0.07, 0.05, 0] });

  const tool = new Geometry();
  tool.cylinder({ bottom: 0.01, top: 0.04, height: 0.18, segments: 10 }, '#e0b040');

  const lamp = new Geometry();
  lamp.cylinder({ bottom: 0.12, height: 0.12, segments: 16 }, '#555555');
  const tempGauge = new Geometry().box([0.08, 0.6, 0.04], '#e06030');
  const display = new Geometry().box([0.5, 0.3, 0.04], '#101820');

  // The sliding guard door: frame and a tinted window.
  const cover = new Geometry();
  cover.box([1.2, 0.8, 0.02], '#9fb4c7');
  for (const y of [-0.38, 0.38]) cover.box([1.2, 0.05, 0.04], '#d8dde2', { at: [0, y, 0] });
  for (const x of [-0.58, 0.58]) cover.box([0.05, 0.8, 0.04], '#d8dde2', { at: [x, 0, 0] });
  cover.box([0.3, 0.03, 0.04], DARK, { at: [0, -0.25, 0.03] });

  const enclosure = new Geometry();
  for (const x of [-1.15, 1.15]) enclosure.box([0.06, 1.0, 1.6], '#d8dde2', { at: [x, 0, 0] });
  enclosure.box([2.36, 0.06, 0.3], '#d8dde2', { at: [0, 0.5, 0.75] });
  const pendant = new Geometry();
  pendant.box([0.05, 1.5, 0.05], DARK, { at: [0, -0.75, 0] });
  pendant.box([0.35, 0.45, 0.12], '#3a424a', { at: [0, 0.1, 0] });
  pendant.box([0.28, 0.18, 0.01], '#1a2530', { at: [0, 0.17, 0.065] });
  for (const x of [-0.1, 0, 0.1])
    pendant.cylinder({ bottom: 0.03, height: 0.02, segments: 8 }, '#e4572e', { at: [x, -0.05, 0.07], rot: [90, 0, 0] });

  return {
    parts: { base, table, column, head, motor, spindle, tool, lamp, tempGauge, display, cover },
    extras: [
      { id: 'enclosure', position: [0, 1.45, -0.05], geometry: enclosure },
      { id: 'pendant', position: [1.45, 1.55, 0.7], geometry: pendant },
    ],
  };
}

export function conveyorLook(): MachineLook {
  // Frame: side rails on legs with cross braces.
  const frame = new Geometry();
  for (const z of [-0.47, 0.47]) frame.box([6, 0.14, 0.06], '#4a5560', { at: [0, 0.25, z] });
  for (const x of [-2.7, -1.35, 0, 1.35, 2.7])
    for (const z of [-0.42, 0.42]) {
      frame.box([0.08, 0.6, 0.08], '#414b55', { at: [x, -0.05, z] });
      frame.box([0.16, 0.02, 0.16], DARK, { at: [x, -0.34, z] });
    }
  for (const x of [-2.7, 0, 2.7]) frame.box([0.06, 0.06, 0.84], '#414b55', { at: [x, -0.15, 0] });

  const belt = new Geometry();
  belt.box([5.8, 0.04, 0.9], '#2b2f33');
  for (let i = 0; i < 24; i++) belt.box([0.02, 0.01, 0.86], '#3a3f44', { at: [-2.8 + i * 0.245, 0.024, 0] });

  const roller = () => {
    const g = new Geometry();
    g.cylinder({ bottom: 0.2, height: 0.9, segments: 18 }, '#9aa4ad');
    g.cylinder({ bottom: 0.06, height: 0.95, segments: 8 }, STEEL);
    // Stripes along the drum show it turning.
    g.around(3, 0.1, 0, (s, place) => s.box([0.012, 0.88, 0.03], '#5d666e', place));
    return g;
  };

  const motor = new Geometry();
  motor.cylinder({ bottom: 0.28, height: 0.32, segments: 20 }, '#3b6ea8');
  motor.around(14, 0.14, 0, (g, place) => g.box([0.03, 0.28, 0.01], '#3567a0', place));
  motor.cylinder({ bottom: 0.22, height: 0.08, segments: 20 }, '#2f5d91', { at: [0, -0.18, 0] });

  const currentGauge = new Geometry().box([0.06, 0.5, 0.04], '#e06030');
  const counter = new Geometry().box([0.5, 0.25, 0.04], '#101820');

  const pallet = new Geometry();
  for (const z of [-0.25, 0, 0.25]) pallet.box([0.6, 0.05, 0.1], '#b08850', { at: [0, 0.05, z] });
  for (const x of [-0.25, 0, 0.25]) pallet.box([0.1, 0.07, 0.6], '#9a7443', { at: [x, -0.01, 0] });
  pallet.box([0.6, 0.02, 0.6], '#c29a60', { at: [0, -0.065, 0] });

  const panel = new Geometry();
  panel.box([0.05, 0.85, 0.05], DARK, { at: [0, -0.425, 0] });
  panel.box([1.4, 0.4, 0.03], '#3a424a', { at: [0.25, 0.15, 0] });

  return {
    parts: { frame, belt, rollerA: roller(), rollerB: roller(), motor, currentGauge, counter, pallet },
    extras: [{ id: 'controlPanel', position: [-2.15, 0.85, 0.49], geometry: panel }],
  };
}
