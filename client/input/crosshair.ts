/**
 * Pointing while the mouse is captured (pointer lock): the cursor is gone and the browser keeps
 * reporting the old cursor spot, so clicks are re-aimed at the screen centre, where a crosshair is
 * drawn. Everything that reacts to scene pointer events (panels, machines, the board) then works the
 * same with a captured mouse, a free mouse, or an XR ray.
 */
import { PointerEventTypes, type PointerInfoPre } from '@babylonjs/core/Events/pointerEvents.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { el } from '../core/dom.js';

export function installCrosshair(scene: Scene, canvas: HTMLCanvasElement, root: HTMLElement): () => void {
  const mark = el('div', { class: 'crosshair', hidden: true, 'aria-hidden': 'true' });
  root.append(mark);
  const locked = () => document.pointerLockElement === canvas;
  const onLock = () => (mark.hidden = !locked());
  document.addEventListener('pointerlockchange', onLock);

  const centre = () => {
    const engine = scene.getEngine();
    return scene.pick(engine.getRenderWidth() / 2, engine.getRenderHeight() / 2);
  };
  const observer = scene.onPrePointerObservable.add((info: PointerInfoPre) => {
    if (!locked()) return;
    const e = info.event as PointerEvent & { _crosshair?: boolean };
    if (e._crosshair) return;
    if (info.type === PointerEventTypes.POINTERDOWN) {
      info.skipOnPointerObservable = true;
      scene.simulatePointerDown(centre(), { pointerId: e.pointerId, button: e.button });
    } else if (info.type === PointerEventTypes.POINTERUP) {
      info.skipOnPointerObservable = true;
      scene.simulatePointerUp(centre(), { pointerId: e.pointerId, button: e.button });
    } else if (info.type === PointerEventTypes.POINTERMOVE) {
      info.skipOnPointerObservable = true;
      scene.simulatePointerMove(centre(), { pointerId: e.pointerId });
    }
  });
  return () => {
    scene.onPrePointerObservable.remove(observer);
    document.removeEventListener('pointerlockchange', onLock);
    mark.remove();
  };
}
