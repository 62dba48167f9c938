/**
 * A machine under the pointer says it can be clicked (SPEC HV1): on Babylon's NullEngine, a pointer
 * moving over one machine tints every mesh of that machine (not another's) and sets a free mouse's
 * cursor to a pointer; moving off gives both back. An XR ray (not a mouse) tints without a cursor.
 */
import { describe, expect, it } from 'vitest';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { MeshBuilder } from '@babylonjs/core/Meshes/meshBuilder.js';
import { PickingInfo } from '@babylonjs/core/Collisions/pickingInfo.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import { PointerEventTypes, PointerInfo } from '@babylonjs/core/Events/pointerEvents.js';
import type { IMouseEvent } from '@babylonjs/core/Events/deviceInputEvents.js';
import { markInteractive } from '../../../../client/input/interactive.js';
import { createTwinHover } from '../../../../client/twins/hover.js';

function setup() {
  const scene = new Scene(new NullEngine());
  const mesh = (twin: string, part: string) => {
    const m = MeshBuilder.CreateBox(`${twin}-${part}`, { size: 1 }, scene);
    markInteractive(m, { twin, part });
    return m;
  };
  const a = [mesh('cnc-1', 'body'), mesh('cnc-1', 'cover')];
  const b = mesh('pump-1', 'body');
  const floor = MeshBuilder.CreateGround('floor', { width: 4, height: 4 }, scene);
  const cursor = { style: { cursor: '' } };
  const hover = createTwinHover({ scene, cursor, locked: () => false });
  const over = (m: AbstractMesh | null, pointerType = 'mouse') => {
    const pick = new PickingInfo();
    pick.hit = !!m;
    pick.pickedMesh = m;
    // What Babylon's input manager hands its observers on a move (Node has no PointerEvent to simulate with).
    const event = { type: 'pointermove', pointerType, pointerId: 1 } as unknown as IMouseEvent;
    scene.onPointerObservable.notifyObservers(new PointerInfo(PointerEventTypes.POINTERMOVE, event, pick), PointerEventTypes.POINTERMOVE);
  };
  return { a, b, floor, cursor, hover, over };
}

/** Tinted now (a mesh never tinted has no overlay flag set at all). */
const lit = (m: AbstractMesh) => m.renderOverlay === true;

describe('hovering a machine', () => {
  it('HV1: the mouse over a part of a machine tints all its meshes and shows a pointer cursor; off it, neither', () => {
    const { a, b, floor, cursor, hover, over } = setup();
    over(a[1]!);
    expect(hover.twin).toBe('cnc-1');
    expect(a.map(lit)).toEqual([true, true]);
    expect(lit(b)).toBe(false);
    expect(cursor.style.cursor).toBe('pointer');

    over(b);
    expect([lit(a[0]!), lit(b)]).toEqual([false, true]);
    over(floor);
    expect(hover.twin).toBeNull();
    expect([lit(a[0]!), lit(b)]).toEqual([false, false]);
    expect(cursor.style.cursor).toBe('');
  });

  it('HV1: an XR pointer ray over a machine tints it the same, and leaves the cursor alone', () => {
    const { a, cursor, hover, over } = setup();
    over(a[0]!, 'xr');
    expect(hover.twin).toBe('cnc-1');
    expect(lit(a[1]!)).toBe(true);
    expect(cursor.style.cursor).toBe('');
  });
});
