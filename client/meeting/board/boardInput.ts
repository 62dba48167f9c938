/**
 * Drawing on the board from Babylon's scene pointer events, so the mouse on a desktop and a
 * controller ray in VR (WebXR pointer selection emits the same events with a pick) draw the same way:
 * press on the surface to start a stroke, move, release to end it; press a puck on the tray to pick a
 * colour or the eraser; the host's clear button asks for a second press (SPEC B8).
 *
 * Pointer-move picking is off for the whole scene (render/engine.ts); while a mouse stroke is down this
 * picks the board's own meshes only — at the mouse, or at the screen centre under pointer lock. XR
 * pointer events bring their own pick. Pieces go out at most 15 times a second per stroke.
 */
import { PointerEventTypes, type PointerInfo } from '@babylonjs/core/Events/pointerEvents.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { PickingInfo } from '@babylonjs/core/Collisions/pickingInfo.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { BOARD_MAX_POINTS_PER_MESSAGE, type StrokeMessage } from '../../../shared/protocol/board.js';
import type { Frame } from '../../core/system.js';
import type { PhasedSystem } from '../../core/phases.js';
import type { BoardModel, LocalStroke } from './boardModel.js';
import type { BoardView } from './boardView.js';
import { ERASER_RADIUS, PEN_COLORS, PEN_WIDTH, type Tool } from './boardTools.js';

const FLUSH_MS = 66;
const ERASE_FLUSH_MS = 100;
const CLEAR_ARM_MS = 3000;

export interface BoardInputDeps {
  scene: Scene;
  canvas: HTMLCanvasElement;
  view: BoardView;
  model: BoardModel;
  sendStroke(m: StrokeMessage): void;
  sendErase(ids: number[]): void;
  sendClear(): void;
  isHost(): boolean;
  /** False while a screen share covers the board (tools still work). */
  canDraw(): boolean;
}

export interface BoardInput extends PhasedSystem {
  readonly tool: Tool;
  setTool(t: Tool): void;
  /** Strokes sent in full since the page opened (test API). */
  readonly strokesSent: number;
}

interface Active {
  stroke: LocalStroke | null;
  erasing: boolean;
  lastFlush: number;
}

export function createBoardInput(d: BoardInputDeps): BoardInput {
  const { scene, canvas, view, model } = d;
  const active = new Map<number, Active>();
  const ending: LocalStroke[] = [];
  let tool: Tool = { kind: 'pen', color: PEN_COLORS[1] };
  let strokesSent = 0;
  let eraseQueue = new Set<number>();
  let lastErase = 0;
  let clearArmedAt = -Infinity;
  view.showTool(tool);

  const isBoard = (m: AbstractMesh) => view.pickables.has(m);
  const locked = () => document.pointerLockElement === canvas;

  /** Where a pointer event lands on the board, if it does. */
  const pickOf = (info: PointerInfo): PickingInfo | null => {
    const e = info.event as PointerEvent;
    const mouse = e.pointerType === 'mouse' || e.pointerType === 'pen' || e.pointerType === 'touch';
    if (mouse) {
      // Under pointer lock the pointer is the crosshair at the centre, whatever Babylon last saw.
      const x = locked() ? canvas.clientWidth / 2 : scene.pointerX;
      const y = locked() ? canvas.clientHeight / 2 : scene.pointerY;
      const r = scene.pick(x, y, isBoard);
      return r?.hit ? r : null;
    }
    const pi = info.pickInfo;
    return pi?.hit && pi.pickedMesh && isBoard(pi.pickedMesh) ? pi : null;
  };

  const eraseAt = (u: number, v: number) => {
    const ids = model.hit(u, v, ERASER_RADIUS);
    if (ids.length === 0) return;
    for (const id of ids) eraseQueue.add(id);
    view.change(model.erase(ids));
  };

  const down = (info: PointerInfo) => {
    const pick = pickOf(info);
    const target = view.targetOf(pick?.pickedMesh);
    if (!pick || !target) return;
    const id = (info.event as PointerEvent).pointerId ?? 0;
    if (target.kind === 'tool') return api.setTool(target.tool);
    if (target.kind === 'clear') {
      if (!d.isHost()) return;
      const now = performance.now();
      if (now - clearArmedAt < CLEAR_ARM_MS) {
        clearArmedAt = -Infinity;
        view.setClearLabel('Clear board', false);
        d.sendClear();
      } else {
        clearArmedAt = now;
        view.setClearLabel('Press again', true);
      }
      return;
    }
    if (!d.canDraw() || active.has(id) || !pick.pickedPoint) return;
    const { u, v } = view.unitsAt(pick.pickedPoint);
    if (tool.kind === 'eraser') {
      active.set(id, { stroke: null, erasing: true, lastFlush: 0 });
      eraseAt(u, v);
      return;
    }
    const stroke = model.begin(tool.color, PEN_WIDTH, u, v);
    view.drawLocal(stroke, 0);
    active.set(id, { stroke, erasing: false, lastFlush: 0 });
  };

  const move = (info: PointerInfo) => {
    const e = info.event as PointerEvent;
    const a = active.get(e.pointerId ?? 0);
    if (!a) {
      // Hovering with the mouse: a crosshair over the board says "you can draw here".
      if (e.pointerType === 'mouse' && !locked()) {
        const over = scene.pick(scene.pointerX, scene.pointerY, isBoard)?.hit;
        if (over) canvas.style.cursor = 'crosshair';
      }
      return;
    }
    const pick = pickOf(info);
    if (!pick?.pickedPoint || view.targetOf(pick.pickedMesh)?.kind !== 'surface') return;
    const { u, v } = view.unitsAt(pick.pickedPoint);
    if (a.erasing) return eraseAt(u, v);
    if (a.stroke && model.extend(a.stroke, u, v)) view.drawLocal(a.stroke, a.stroke.points.length / 2 - 1);
  };

  const up = (info: PointerInfo) => {
    const id = (info.event as PointerEvent).pointerId ?? 0;
    const a = active.get(id);
    if (!a) return;
    active.delete(id);
    if (a.stroke) {
      a.stroke.ended = true;
      ending.push(a.stroke);
    }
  };

  const observer = scene.onPointerObservable.add((info) => {
    if (info.type === PointerEventTypes.POINTERDOWN) down(info);
    else if (info.type === PointerEventTypes.POINTERMOVE) move(info);
    else if (info.type === PointerEventTypes.POINTERUP) up(info);
  });

  // A press on the board must not start mouse-look or grab the pointer (desktopInput listens for
  // mousedown on the canvas): stop it here, before it gets there. Babylon uses pointer events, so the
  // drawing itself is not affected.
  const guard = (e: MouseEvent) => {
    if (e.target !== canvas || e.button !== 0 || locked()) return;
    const r = canvas.getBoundingClientRect();
    if (scene.pick(e.clientX - r.left, e.clientY - r.top, isBoard)?.hit) e.stopImmediatePropagation();
  };
  window.addEventListener('mousedown', guard, true);

  /** Sends what is left of an ended stroke, the last piece marked `end`. */
  const finish = (s: LocalStroke) => {
    do {
      const n = Math.min(s.unsent, BOARD_MAX_POINTS_PER_MESSAGE);
      const start = s.points.length - s.unsent * 2;
      // Nothing left to send: the end piece repeats the last point (a piece has at least one).
      const points = n > 0 ? s.points.slice(start, start + n * 2) : s.points.slice(-2);
      s.unsent -= n;
      d.sendStroke({ key: s.key, color: s.color, width: s.width, points, end: s.unsent === 0 });
    } while (s.unsent > 0);
    strokesSent++;
  };

  const api: BoardInput = {
    name: 'boardInput',
    phase: 'network',
    get tool() {
      return tool;
    },
    get strokesSent() {
      return strokesSent;
    },
    setTool(t) {
      tool = t;
      view.showTool(t);
    },
    update(frame: Frame) {
      const now = frame.now;
      for (const a of active.values()) {
        if (a.stroke && a.stroke.unsent > 0 && (now - a.lastFlush >= FLUSH_MS || a.stroke.unsent >= BOARD_MAX_POINTS_PER_MESSAGE)) {
          const s = a.stroke;
          const n = Math.min(s.unsent, BOARD_MAX_POINTS_PER_MESSAGE);
          const start = s.points.length - s.unsent * 2;
          d.sendStroke({ key: s.key, color: s.color, width: s.width, points: s.points.slice(start, start + n * 2), end: false });
          s.unsent -= n;
          a.lastFlush = now;
        }
      }
      for (const s of ending.splice(0)) finish(s);
      if (eraseQueue.size > 0 && now - lastErase >= ERASE_FLUSH_MS) {
        const ids = [...eraseQueue];
        eraseQueue = new Set();
        for (let i = 0; i < ids.length; i += 64) d.sendErase(ids.slice(i, i + 64));
        lastErase = now;
      }
      if (clearArmedAt !== -Infinity && now - clearArmedAt > CLEAR_ARM_MS) {
        clearArmedAt = -Infinity;
        view.setClearLabel('Clear board', false);
      }
    },
    dispose() {
      scene.onPointerObservable.remove(observer);
      window.removeEventListener('mousedown', guard, true);
    },
  };
  return api;
}
