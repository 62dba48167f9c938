/**
 * Pointing at machines: a click (mouse, crosshair, XR trigger or pinch) on a machine opens its panel;
 * pressing on a movable part asks the server for it and, once granted, carries it along the pointer's
 * ray until release — turning with the hand when the pointer is held in one (XR). All from scene
 * pointer events, so desktop and XR behave alike.
 */
import { PointerEventTypes, type PointerInfo } from '@babylonjs/core/Events/pointerEvents.js';
import { Ray } from '@babylonjs/core/Culling/ray.js';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { RayRegistry } from '../input/rays.js';
import type { TwinNet } from './sync.js';
import type { TwinStore } from './store.js';
import { carryTurn } from './carry.js';
import type { PartReach } from './partReach.js';
import { babylonToProtocol, babylonToProtocolQuat, protocolToBabylonQuat } from '../render/frames.js';

/** How often a held part's pose goes out (the server allows 30/s). */
const MOVE_INTERVAL_MS = 1000 / 30;
/** A finger that travels farther than this (CSS px) between down and up looked around; it did not tap (SPEC TC5). */
const TAP_SLOP_PX = 10;

interface Hold {
  twin: string;
  part: string;
  pointerId: number;
  /** Distance along the ray, and the part's offset from the hit point (Babylon frame). */
  distance: number;
  offset: Vector3;
  /** For a pointer held in a hand: its turn and the part's when grabbed (Babylon frame); else null. */
  turn: { hand: Quaternion; part: Quaternion } | null;
  /** Where the part rests and how far it may go (protocol frame), as the server judges a move (partReach.ts). */
  rest: [number, number, number];
  reach: number;
  granted: boolean;
  lastSent: number;
}

export interface TwinInteraction {
  /** Moves a held part along its pointer; call every frame. */
  update(now: number): void;
  readonly holding: { twin: string; part: string; granted: boolean } | null;
  dispose(): void;
}

export interface InteractionDeps {
  scene: Scene;
  store: TwinStore;
  net: TwinNet;
  rays: RayRegistry;
  selfId(): string | null;
  /** Parts people may carry, by twin: part id → rest position and reach (partReach.ts). */
  movable(twin: string): Map<string, PartReach>;
  togglePanel(twin: string): void;
  /** Stops mouse-look while the desktop mouse drags a part. */
  dragging(on: boolean): void;
}

function twinOf(mesh: AbstractMesh | null | undefined): { twin: string; part: string } | null {
  const m = mesh?.metadata as { twin?: string; part?: string } | null | undefined;
  return m?.twin && m.part ? { twin: m.twin, part: m.part } : null;
}

export function createTwinInteraction(d: InteractionDeps): TwinInteraction {
  let hold: Hold | null = null;
  const ray = new Ray(Vector3.Zero(), Vector3.Forward());
  const target = new Vector3();
  const targetProtocol = { x: 0, y: 0, z: 0 };
  // Scratch for a hand-held pointer's turn and the carried part's (no allocation per frame).
  const handTurn = new Quaternion();
  const offset = new Vector3();
  const partTurn = new Quaternion();

  // A finger on a machine's body opens it only when it lifts where it landed: one that moves looks
  // around instead (touchLook.ts takes it), as a phone user expects (SPEC TC5).
  let tap: { pointerId: number; twin: string; x: number; y: number } | null = null;

  const release = () => {
    if (!hold) return;
    d.net.release(hold.twin, hold.part);
    hold = null;
    d.dragging(false);
  };

  const observer = d.scene.onPointerObservable.add((info: PointerInfo) => {
    const e = info.event as PointerEvent;
    const pointerId = e.pointerId ?? 1;
    if (info.type === PointerEventTypes.POINTERDOWN) {
      const hit = twinOf(info.pickInfo?.pickedMesh);
      if (!hit) return;
      const carry = d.movable(hit.twin).get(hit.part);
      const state = d.store.twins.get(hit.twin)?.parts.get(hit.part);
      if (carry === undefined || !state || hold) {
        if (e.pointerType === 'touch') tap = { pointerId, twin: hit.twin, x: e.clientX, y: e.clientY };
        else d.togglePanel(hit.twin);
        return;
      }
      const kind = d.rays.pose(pointerId, ray, handTurn);
      const point = info.pickInfo?.pickedPoint;
      if (!kind || !point) return;
      const mesh = info.pickInfo!.pickedMesh!;
      hold = {
        twin: hit.twin,
        part: hit.part,
        pointerId,
        distance: Vector3.Distance(ray.origin, point),
        offset: mesh.getAbsolutePosition().subtract(point),
        turn: kind === 'oriented' ? { hand: handTurn.clone(), part: protocolToBabylonQuat(state.q, new Quaternion()) } : null,
        rest: [...carry.rest],
        reach: carry.reach,
        granted: false,
        lastSent: 0,
      };
      d.dragging(true);
      d.net.grab(hit.twin, hit.part);
    } else if (info.type === PointerEventTypes.POINTERMOVE && tap?.pointerId === pointerId) {
      if (Math.hypot(e.clientX - tap.x, e.clientY - tap.y) > TAP_SLOP_PX) tap = null;
    } else if (info.type === PointerEventTypes.POINTERUP && tap?.pointerId === pointerId) {
      const { twin, x, y } = tap;
      tap = null;
      if (Math.hypot(e.clientX - x, e.clientY - y) <= TAP_SLOP_PX) d.togglePanel(twin);
    } else if (info.type === PointerEventTypes.POINTERUP && hold && hold.pointerId === pointerId) {
      release();
    }
  });

  return {
    get holding() {
      return hold ? { twin: hold.twin, part: hold.part, granted: hold.granted } : null;
    },
    update(now) {
      if (!hold) return;
      const part = d.store.twins.get(hold.twin)?.parts.get(hold.part);
      if (!part) return release();
      const me = d.selfId();
      if (!hold.granted) {
        if (part.holder === me) hold.granted = true;
        else if (part.holder) {
          // Someone else has it; the server told us who (twin.part_held), shown as a notice.
          hold = null;
          d.dragging(false);
        }
        return;
      }
      if (part.holder !== me) {
        hold = null;
        d.dragging(false);
        return;
      }
      if (now - hold.lastSent < MOVE_INTERVAL_MS) return;
      const kind = d.rays.pose(hold.pointerId, ray, handTurn);
      if (!kind) return;
      ray.origin.addToRef(ray.direction.scale(hold.distance), target);
      let q = part.q;
      if (hold.turn && kind === 'oriented') {
        carryTurn(hold.turn.hand, handTurn, hold.offset, hold.turn.part, offset, partTurn);
        target.addInPlace(offset);
        q = babylonToProtocolQuat(partTurn);
      } else target.addInPlace(hold.offset);
      // Keep within reach of where it rests (the server refuses farther: twin.part_range).
      const t = babylonToProtocol(target, targetProtocol);
      const p: [number, number, number] = [t.x, Math.max(0.02, t.y), t.z];
      const dx = p[0] - hold.rest[0];
      const dy = p[1] - hold.rest[1];
      const dz = p[2] - hold.rest[2];
      const dist = Math.hypot(dx, dy, dz);
      if (dist > hold.reach * 0.98) {
        const k = (hold.reach * 0.98) / dist;
        p[0] = hold.rest[0] + dx * k;
        p[1] = hold.rest[1] + dy * k;
        p[2] = hold.rest[2] + dz * k;
      }
      hold.lastSent = now;
      d.net.move(hold.twin, hold.part, p, q);
    },
    dispose() {
      d.scene.onPointerObservable.remove(observer);
      release();
    },
  };
}
