/**
 * The twins part of the test API (`window.twinverse.features.twins`). Positions come back as screen
 * points (CSS pixels) so tests can click machines and panel buttons like a person would.
 */
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { AlarmList } from './alarmList.js';
import type { ActivityFeed } from '../ui/activityFeed.js';
import type { ActionRegistry } from '../core/actions.js';
import type { TwinInteraction } from './interaction.js';
import type { TwinHover } from './hover.js';
import type { TwinPanel } from './panel.js';
import type { TwinStore } from './store.js';
import type { TwinView } from './twinView.js';
import type { VrNoteBoard } from './vrNoteBoard.js';
import { babylonToProtocol } from '../render/frames.js';

export interface TwinsTestApi {
  /** Machines in the space and whether each is drawn (with its glTF model, once that has loaded or failed: SPEC GM3). */
  list(): {
    id: string;
    title: string;
    quality: string;
    drawn: boolean;
    alarms: string[];
    greyed: boolean;
    beacon: string | null;
    /** An alarm outline is drawn (not in XR). */
    outlined: boolean;
  }[];
  /** How many changes of a twin this page has taken in (its store version): tests count updates. */
  updates(twin: string): number;
  /** A property's synced value. */
  value(twin: string, property: string): { num: number; text: string; quality: string; unit: string; desired: string } | null;
  /** What a bound part shows now: colour (#rrggbb), gauge fill (0…1) or label text. */
  binding(twin: string, part: string): { color?: string; fill?: number; label?: string };
  /** Where a machine (or one of its parts) is on screen, CSS pixels; null when behind the camera. */
  screenPoint(twin: string, part?: string): { x: number; y: number } | null;
  /** Where a machine (or part) is in the world, protocol frame (for pointing an XR ray at it). */
  worldPoint(twin: string, part?: string): { x: number; y: number; z: number } | null;
  /** The open panel: which machine, all its text, and its chart as last drawn. */
  panel(): {
    twin: string;
    text: string;
    chart: PanelChartState;
    /** The stop-class action waiting for confirmation, and whether Confirm takes a press yet. */
    confirm: { action: string; ready: boolean } | null;
    /** The machine's name as the header draws it: its lines and their size, texture px (PN7). */
    title: { lines: string[]; size: number };
    /** The texture's width and its smallest text, texture px (with panelBox: how big text shows, PN8). */
    texture: { width: number; smallText: number };
  } | null;
  /** Where a panel button is on screen (action id, `action:value`, `range:1h`, `row:<property>`, 'confirm', 'close'). */
  panelButton(id: string): { x: number; y: number } | null;
  /** The screen box of every pressable control of the open panel (CSS pixels), by id. */
  panelControls(): Record<string, { left: number; top: number; right: number; bottom: number }>;
  /** Where the open panel is on screen (CSS pixels), and the HUD boxes it must stay clear of. */
  panelBox(): {
    panel: { left: number; top: number; right: number; bottom: number };
    hud: { left: number; top: number; right: number; bottom: number }[];
  } | null;
  /** The same in the world (protocol frame), for pointing an XR controller at it. */
  panelButtonWorld(id: string): { x: number; y: number; z: number } | null;
  openPanel(twin: string): Promise<void>;
  closePanel(): void;
  commands(twin: string): { action: string; status: string; byName: string; reason: string }[];
  /** A movable part as the state has it: holder, position and rotation (protocol frame). */
  part(
    twin: string,
    part: string,
  ): { holder: string; holderName: string; p: [number, number, number]; q: [number, number, number, number] } | null;
  holding(): { twin: string; part: string; granted: boolean } | null;
  alarmRows(): string[];
  /** The activity feed's lines, oldest first (SPEC AU7). */
  activityLines(): string[];
  /** The wrist menu's acknowledge entry as labelled now; null when it is not offered (SPEC AK4). */
  menuAckLabel(): string | null;
  /** The VR note board (SPEC NT7) when open: its machine, kind, note, status and buttons (protocol frame). */
  noteBoard(): {
    twin: string;
    kind: string;
    text: string;
    status: string;
    buttons: Record<string, { x: number; y: number; z: number }>;
  } | null;
  /** The machine under a pointer now (SPEC HV1), and how many of its meshes are tinted. */
  hover(): { twin: string | null; tinted: number };
  /**
   * Where a machine's parts came from (SPEC GM1–GM3): its glTF file or its recipe, their triangles,
   * the part ids, and why the file is not shown if it is not.
   */
  model(twin: string): { source: 'gltf' | 'primitives'; triangles: number; parts: string[]; problem: string | null } | null;
  /** A part's rotation now, Babylon frame `[x, y, z, w]` (a rotate binding turns it). */
  partRotation(twin: string, part: string): [number, number, number, number] | null;
}

export type PanelChartState = ReturnType<TwinPanel['chartState']>;

declare module '../core/feature.js' {
  interface TwinverseFeatureApis {
    twins: TwinsTestApi;
  }
}

export function createTwinsTestApi(d: {
  scene: Scene;
  /** Where the HTML overlay covers the window (CSS pixels). */
  hudBoxes(): { left: number; top: number; right: number; bottom: number }[];
  store: TwinStore;
  views: Map<string, TwinView>;
  panel(): { twin: string; panel: TwinPanel } | null;
  openPanel(twin: string): Promise<void>;
  closePanel(): void;
  interaction: TwinInteraction;
  alarms: AlarmList;
  feed: ActivityFeed;
  actions: ActionRegistry;
  hover: TwinHover;
  noteBoard(): VrNoteBoard | null;
}): TwinsTestApi {
  const toScreen = (world: Vector3) => {
    const scene = d.scene;
    const camera = scene.activeCamera;
    if (!camera) return null;
    const engine = scene.getEngine();
    const w = engine.getRenderWidth();
    const h = engine.getRenderHeight();
    const p = Vector3.Project(world, Matrix.IdentityReadOnly, scene.getTransformMatrix(), camera.viewport.toGlobal(w, h));
    if (p.z < 0 || p.z > 1) return null;
    const rect = engine.getRenderingCanvasClientRect();
    const scaleX = rect ? rect.width / w : 1;
    const scaleY = rect ? rect.height / h : 1;
    return { x: p.x * scaleX + (rect?.left ?? 0), y: p.y * scaleY + (rect?.top ?? 0) };
  };
  const screenBox = (corners: Vector3[] | null) => {
    const pts = corners?.map(toScreen);
    if (!pts || pts.some((p) => !p)) return null;
    const xs = pts.map((p) => p!.x);
    const ys = pts.map((p) => p!.y);
    return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
  };
  return {
    list: () =>
      [...d.store.twins.values()].map((t) => {
        const v = d.views.get(t.id);
        return {
          id: t.id,
          title: t.title,
          quality: t.quality,
          drawn: !!v && !v.modelPending,
          alarms: t.alarms.map((a) => a.id),
          greyed: v?.greyedOut ?? false,
          beacon: v?.alarmShown ?? null,
          outlined: v?.outlined ?? false,
        };
      }),
    updates: (twin) => d.store.twins.get(twin)?.version ?? 0,
    value(twin, property) {
      const p = d.store.twins.get(twin)?.properties.get(property);
      return p ? { num: p.num, text: p.text, quality: p.quality, unit: p.unit, desired: p.desired } : null;
    },
    binding: (twin, part) => d.views.get(twin)?.bindingState(part) ?? {},
    screenPoint(twin, part) {
      const v = d.views.get(twin);
      return v ? toScreen(v.worldPoint(part)) : null;
    },
    worldPoint(twin, part) {
      const w = d.views.get(twin)?.worldPoint(part);
      return w ? babylonToProtocol(w) : null;
    },
    panel() {
      const o = d.panel();
      if (!o) return null;
      const l = o.panel.layout;
      return {
        twin: o.twin,
        text: o.panel.text(),
        chart: o.panel.chartState(),
        confirm: o.panel.confirmState(),
        title: o.panel.titleDrawn(),
        texture: { width: l.width, smallText: Math.min(l.text.small, l.text.note) },
      };
    },
    panelButton(id) {
      const w = d.panel()?.panel.buttonWorld(id);
      return w ? toScreen(w) : null;
    },
    panelControls() {
      const p = d.panel()?.panel;
      const out: Record<string, { left: number; top: number; right: number; bottom: number }> = {};
      for (const id of p?.controlIds() ?? []) {
        const b = screenBox(p!.controlCorners(id));
        if (b) out[id] = b;
      }
      return out;
    },
    panelBox() {
      const p = d.panel()?.panel;
      const box = p ? screenBox(p.panelCorners()) : null;
      return box ? { panel: box, hud: d.hudBoxes() } : null;
    },
    panelButtonWorld(id) {
      const w = d.panel()?.panel.buttonWorld(id);
      return w ? babylonToProtocol(w) : null;
    },
    openPanel: (twin) => d.openPanel(twin),
    closePanel: () => d.closePanel(),
    commands: (twin) =>
      (d.store.twins.get(twin)?.commands ?? []).map((c) => ({ action: c.action, status: c.status, byName: c.byName, reason: c.reason })),
    part(twin, part) {
      const p = d.store.twins.get(twin)?.parts.get(part);
      return p ? { holder: p.holder, holderName: p.holderName, p: p.p, q: p.q } : null;
    },
    holding: () => d.interaction.holding,
    alarmRows: () => d.alarms.rows(),
    activityLines: () => d.feed.lines(),
    menuAckLabel: () => d.actions.get('alarm-ack')?.label() ?? null,
    noteBoard() {
      const b = d.noteBoard();
      if (!b) return null;
      const buttons = Object.fromEntries(Object.entries(b.buttonPositions()).map(([id, v]) => [id, babylonToProtocol(v)]));
      return { twin: b.twin, kind: b.kind, text: b.text, status: b.status, buttons };
    },
    hover: () => ({ twin: d.hover.twin, tinted: d.scene.meshes.filter((m) => m.renderOverlay === true).length }),
    model(twin) {
      const v = d.views.get(twin);
      return v ? { ...v.modelSource, parts: [...v.parts.keys()], problem: v.modelProblem } : null;
    },
    partRotation(twin, part) {
      const q = d.views.get(twin)?.parts.get(part)?.mesh.rotationQuaternion;
      return q ? [q.x, q.y, q.z, q.w] : null;
    },
  };
}
