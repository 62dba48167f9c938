/**
 * Simulation for a desktop body: turns and walks the player from the input intent, keeps them inside
 * the hall's walls and out of racks and machines, on the floor they stand on (a building's storey),
 * and moves the camera to their eyes.
 */
import type { TargetCamera } from '@babylonjs/core/Cameras/targetCamera.js';
import type { Bounds } from '../../shared/protocol/bounds.js';
import { stopsBodyAt } from '../building/storeyFloors.js';
import type { Frame, System } from '../core/system.js';
import type { MoveIntent } from '../input/desktopInput.js';
import type { FloorObstacle } from '../render/hall/furniture.js';
import type { Player } from './player.js';

export const WALK_SPEED = 2.2;
export const RUN_SPEED = 4.5;
const TURN_SPEED = 2.2; // rad/s for Q/E
const MOUSE_SENSITIVITY = 0.0025; // rad per pixel
const MAX_PITCH = (80 * Math.PI) / 180;
const BODY_RADIUS = 0.3;
/** Longest step walked at once, metres: well under the body's radius, so no obstacle is stepped over. */
const MAX_STEP_M = 0.1;

/** Pushes a circle at (x, z) out of an axis-aligned rectangle; returns the corrected point. */
export function pushOut(o: FloorObstacle, x: number, z: number, r: number): { x: number; z: number } {
  const cx = Math.max(o.minX, Math.min(x, o.maxX));
  const cz = Math.max(o.minZ, Math.min(z, o.maxZ));
  const dx = x - cx;
  const dz = z - cz;
  const d2 = dx * dx + dz * dz;
  if (d2 >= r * r) return { x, z };
  if (d2 > 1e-9) {
    const d = Math.sqrt(d2);
    return { x: cx + (dx / d) * r, z: cz + (dz / d) * r };
  }
  // Centre inside the rectangle: leave by the nearest side.
  const exits = [
    { x: o.minX - r, z, d: x - o.minX },
    { x: o.maxX + r, z, d: o.maxX - x },
    { x, z: o.minZ - r, d: z - o.minZ },
    { x, z: o.maxZ + r, d: o.maxZ - z },
  ].sort((a, b) => a.d - b.d);
  return exits[0]!;
}

export interface DesktopMovement extends System {
  enabled: boolean;
  /** Obstacles beyond the hall's own (machines add theirs). */
  readonly obstacles: FloorObstacle[];
  /**
   * Where feet at (x, feetY, z) come to rest, Babylon frame (a building's storeys, SPEC BM9); null:
   * the feet stay at the height they are (the hall's one floor).
   */
  floorAt: ((x: number, z: number, feetY: number) => number) | null;
  /**
   * Whether feet at `feetY` may not step to (x, z), Babylon frame: a floor's edge higher than a step
   * is in the way (a stair's side, SPEC BM10); null: nothing but the obstacles is.
   */
  edgeAt: ((x: number, z: number, feetY: number) => boolean) | null;
}

/** `walkable` is in Babylon x/z (the protocol bounds with z mirrored). */
export function createDesktopMovement(
  player: Player,
  intent: MoveIntent,
  camera: TargetCamera,
  walkable: Bounds,
  obstacles: FloorObstacle[],
): DesktopMovement {
  return {
    name: 'desktopMovement',
    enabled: true,
    obstacles,
    floorAt: null,
    edgeAt: null,
    update(frame: Frame) {
      if (!this.enabled) return;
      player.yaw += intent.lookX * MOUSE_SENSITIVITY + intent.turn * TURN_SPEED * frame.dt;
      const maxPitch = Math.min(MAX_PITCH, intent.maxPitch ?? MAX_PITCH);
      player.pitch = Math.max(-maxPitch, Math.min(maxPitch, player.pitch + intent.lookY * MOUSE_SENSITIVITY));
      const speed = (intent.run ? RUN_SPEED : WALK_SPEED) * frame.dt;
      const len = Math.hypot(intent.forward, intent.strafe);
      if (len > 0) {
        // Keys give full speed in any direction (len ≥ 1); a touch stick pushed part way walks slower.
        const k = Math.min(1, len) / len;
        const f = intent.forward * k * speed;
        const s = intent.strafe * k * speed;
        const sin = Math.sin(player.yaw);
        const cos = Math.cos(player.yaw);
        // Babylon: yaw 0 faces +z, right is +x.
        const dx = f * sin + s * cos;
        const dz = f * cos - s * sin;
        // A long frame (a stalled page: a second at run speed is 4.5 m) is walked in short steps, each
        // pushed out of the obstacles, so a thin wall or parapet is never stepped over; the feet follow
        // the floor step by step, so a stair is climbed (or gone down) tread by tread (SPEC BM10).
        const steps = Math.max(1, Math.ceil(Math.hypot(dx, dz) / MAX_STEP_M));
        let feet = player.position.y;
        let x = player.position.x;
        let z = player.position.z;
        for (let i = 0; i < steps; i++) {
          const [fromX, fromZ] = [x, z];
          x += dx / steps;
          z += dz / steps;
          for (const o of this.obstacles) if (stopsBodyAt(o, feet)) ({ x, z } = pushOut(o, x, z, BODY_RADIUS));
          const edge = this.edgeAt;
          // A floor's edge too high to step onto: slide along it (keep the move on one axis) or stay.
          if (edge?.(x, z, feet)) {
            if (!edge(x, fromZ, feet)) z = fromZ;
            else if (!edge(fromX, z, feet)) x = fromX;
            else [x, z] = [fromX, fromZ];
          }
          if (this.floorAt) feet = this.floorAt(x, z, feet);
        }
        player.position.x = Math.max(walkable.minX, Math.min(walkable.maxX, x));
        player.position.z = Math.max(walkable.minZ, Math.min(walkable.maxZ, z));
        player.position.y = feet;
      }
      // Every frame, not only when walking: a teleport lands on the floor under it.
      if (this.floorAt) player.position.y = this.floorAt(player.position.x, player.position.z, player.position.y);
      camera.position.set(player.position.x, player.position.y + player.eyeHeight, player.position.z);
      camera.rotation.set(player.pitch, player.yaw, 0);
    },
    dispose() {},
  };
}
