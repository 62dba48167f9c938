/**
 * The hall's steel frame: columns along the long walls (with hazard-striped guards and fire
 * extinguishers), trusses and purlins under the roof, and pendant lamps between the trusses.
 */
import type { Batch } from './batch.js';
import { C } from './palette.js';

/** The batches the frame is added to. */
export interface FrameBatches {
  steel: Batch;
  guards: Batch;
  fixtures: Batch;
  lights: Batch;
}

/** Adds the frame of a hall `W` × `D` × `H` metres. */
export function steelFrame({ steel, guards, fixtures, lights }: FrameBatches, W: number, D: number, H: number): void {
  const colXs: number[] = [];
  for (let x = -W / 2 + 4; x <= W / 2 - 3.9; x += 8) colXs.push(x);
  for (const x of colXs) {
    for (const side of [1, -1]) {
      const z = side * (D / 2 - 0.35);
      steel.box(0.3, H - 0.2, 0.3, C.steel, { x, y: (H - 0.2) / 2, z });
      guards.box(0.5, 1.0, 0.5, '#ffffff', { x, y: 0.5, z });
      steel.cylinder(0.16, 0.5, C.red, { x: x + 0.28, y: 0.9, z: z - side * 0.05 });
    }
    steel.box(0.22, 0.6, D - 0.4, C.steel, { x, y: H - 0.6, z: 0 });
    for (let k = 1; k < 6; k++) {
      const zz = -D / 2 + (k * D) / 6;
      steel.box(0.06, 0.06, Math.hypot(D / 6, 0.45), C.steelDark, {
        x,
        y: H - 0.55,
        z: zz - D / 12,
        rx: Math.atan2(0.45, D / 6) * (k % 2 ? 1 : -1),
      });
    }
  }
  for (const z of [-D / 4, 0, D / 4]) steel.box(W - 0.4, 0.18, 0.12, C.steelDark, { x: 0, y: H - 0.25, z });

  // Pendant lamps between the trusses.
  for (let i = 0; i + 1 < colXs.length; i++) {
    const x = ((colXs[i] ?? 0) + (colXs[i + 1] ?? 0)) / 2;
    for (const z of [-D / 4, D / 4]) {
      const y = H - 1.8;
      fixtures.cylinder(0.65, 0.22, C.lampHousing, { x, y, z }, 16);
      fixtures.box(0.02, 1.5, 0.02, C.black, { x, y: y + 0.85, z });
      lights.cylinder(0.52, 0.02, '#fff6e0', { x, y: y - 0.12, z }, 16);
    }
  }
}
