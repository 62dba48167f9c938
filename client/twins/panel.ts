/**
 * A machine's panel, opened in front of whoever points at it: name and state, who else is looking,
 * every property's value (click one to chart it), the chart with its time ranges, the active alarms,
 * the actions as buttons and sliders, a confirmation bar for stop-class actions, and the last
 * commands. Every area has a fixed place decided when the panel opens (panelLayout.ts, SPEC PN2):
 * live data changes texts, never positions. A world-space GUI panel, so the same panel works on the
 * desktop and in XR. This file composes the areas (each in its own panel*.ts) and places the panel.
 */
import { Vector3, Quaternion } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import type { TwinHistoryMessage } from '../../shared/protocol/twinMessages.js';
import { PANEL_COLORS, type Panel3D } from '../ui3d/panel.js';
import { actionShapes } from './actionInput.js';
import type { ChartHistory } from './chartData.js';
import type { TwinDefinition } from './definitions.js';
import { PanelActions } from './panelActions.js';
import { PanelAlarmLines } from './panelAlarmLines.js';
import { PanelChartArea, type ChartAreaState } from './panelChartArea.js';
import { PanelCommandLog } from './panelCommandLog.js';
import { PanelConfirm } from './panelConfirm.js';
import { layoutPanel, type PanelLayout } from './panelLayout.js';
import type { PanelFit } from './panelPlacement.js';
import { PanelStatus } from './panelStatus.js';
import { PanelSurface, WORD_WRAP, WORD_WRAP_ELLIPSIS } from './panelSurface.js';
import { titleFitFor } from './panelTitle.js';
import { PanelValues } from './panelValues.js';
import type { TwinInfo } from './store.js';

export interface PanelDeps {
  scene: Scene;
  definition: TwinDefinition;
  command(action: string, input?: unknown): void;
  close(): void;
  selfId(): string | null;
  /** Whether I may operate machines here (else the panel says it is view-only). */
  canOperate(): boolean;
  /** The charted property's recorded history, alarm events and notes (chartData.ts). */
  history(property: string, rangeMs: number): Promise<ChartHistory>;
  /** The clock, ms since the Unix epoch. */
  now(): number;
  /** Lay the panel out narrow and tall (a portrait window). */
  narrow: boolean;
  /** The building element the machine is: its identity and properties, a line each (SPEC BM8). */
  element?: readonly string[];
  /** Tells the person something in words (a notice): the whole name of a machine its header cuts (PN7). */
  say?(text: string): void;
}

export class TwinPanel {
  readonly panel: Panel3D;
  readonly layout: PanelLayout;
  private readonly title: TextBlock;
  private readonly surface: PanelSurface;
  private readonly status: PanelStatus;
  private readonly values: PanelValues;
  private readonly chart: PanelChartArea;
  private readonly alarms: PanelAlarmLines;
  private readonly actions: PanelActions;
  private readonly confirmBar: PanelConfirm;
  private readonly log: PanelCommandLog;

  constructor(private readonly d: PanelDeps) {
    const def = d.definition;
    const titleFit = titleFitFor(def.title, d.narrow);
    const l = (this.layout = layoutPanel({
      properties: Object.keys(def.properties),
      actions: actionShapes(def),
      problem: !!def.problem,
      narrow: d.narrow,
      elementLines: d.element?.length ?? 0,
      titleLines: titleFit.lines,
    }));
    // Areas are made top to bottom: `text()` reads the panel in the order its controls were added.
    const s = (this.surface = new PanelSurface(d.scene, def.id, l));
    this.panel = s.panel;
    this.title = s.line('title', l.title, def.title, titleFit.size, PANEL_COLORS.text, true);
    if (titleFit.lines === 2) {
      // Two lines, top-aligned beside Close; a name too long even for them ends in "…" (PN7).
      this.title.textWrapping = WORD_WRAP_ELLIPSIS;
      this.title.textVerticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
    }
    // The whole name, when the header shows less of it, on a press (a tap on a phone).
    if (titleFit.cut) this.title.onPointerClickObservable.add(() => d.say?.(def.title));
    s.press('close', l.close, 'Close', () => d.close());
    this.status = new PanelStatus(s);
    if (l.problem) {
      const p = s.line('problem', l.problem, `Definition problem: ${def.problem}`, l.text.note, '#e4572e');
      p.textWrapping = WORD_WRAP;
    }
    if (l.element && d.element) {
      const r = l.element;
      const h = r.h / d.element.length;
      d.element.forEach((text, i) =>
        s.line(`element:${i}`, { ...r, y: r.y + i * h, h }, text, l.text.small, i === 0 ? PANEL_COLORS.text : PANEL_COLORS.muted),
      );
    }
    this.values = new PanelValues(s, def, (property) => this.select(property));
    this.chart = new PanelChartArea(s, d, this.values);
    this.alarms = new PanelAlarmLines(s, def);
    this.actions = new PanelActions(s, { definition: def, command: d.command, ask: (action) => this.confirmBar.arm(action) });
    this.confirmBar = new PanelConfirm(s, d);
    this.log = new PanelCommandLog(s, def);
    this.chart.load();
  }

  /** Charts `property` (a click on its value). */
  select(property: string): void {
    this.chart.select(property);
  }

  /** Puts the panel in front of the desktop camera as `fit` says, square to its view (SPEC PN6). */
  placeInView(fit: PanelFit, camera: { position: Vector3; rotation: Quaternion }): void {
    const m = this.panel.mesh;
    const offset = new Vector3(fit.right, fit.up, fit.distance);
    offset.rotateByQuaternionToRef(camera.rotation, offset);
    m.position.copyFrom(camera.position.add(offset));
    m.rotationQuaternion = camera.rotation.clone();
  }

  /**
   * Puts the panel where a headset user can read it: on the way to the machine at `anchor`, 1.7 m in
   * front of the `viewer` (or beside the machine when they stand close), a little to the right so the
   * machine stays in sight, turned towards them (Babylon frame).
   */
  place(anchor: Vector3, viewer: Vector3): void {
    const toMachine = anchor.subtract(viewer);
    toMachine.y = 0;
    const dist = toMachine.length() || 1;
    toMachine.scaleInPlace(1 / dist);
    const right = new Vector3(toMachine.z, 0, -toMachine.x);
    const along = Math.max(1.2, Math.min(1.9, dist - 1.2));
    const pos = viewer.add(toMachine.scale(along)).add(right.scale(0.55));
    pos.y = Math.max(1.3, viewer.y - 0.1);
    const mesh = this.panel.mesh;
    mesh.position.copyFrom(pos);
    const face = viewer.subtract(pos);
    mesh.rotationQuaternion = Quaternion.RotationYawPitchRoll(Math.atan2(-face.x, -face.z), 0, 0);
  }

  /** Takes the twin's latest data. */
  update(info: TwinInfo): void {
    const me = this.d.selfId();
    this.status.update(info, me, this.d.canOperate());
    this.values.update(info);
    this.actions.update(info);
    this.alarms.update(info);
    this.log.update(info, me, this.d.now());
    this.chart.update(info);
  }

  /**
   * Takes the server's recent window of each property (`twin.history`, sent when the panel opens):
   * the history store is written every few seconds (HS2), so the newest seconds come from here.
   */
  setRecent(m: TwinHistoryMessage): void {
    this.chart.setRecent(m);
  }

  /** Every text on the panel, top to bottom (test API). */
  text(): string {
    return this.surface.text();
  }

  /** The header as drawn: the lines of the machine's name and their size, texture px (test API, PN7). */
  titleDrawn(): { lines: string[]; size: number } {
    // No lines before the GUI has laid the header out (the first frame after opening).
    const lines = (this.title.lines as { text: string }[] | undefined) ?? [];
    return { lines: lines.map((l) => l.text), size: this.title.fontSizeInPixels };
  }

  /** The chart as last drawn (test API). */
  chartState(): ChartAreaState {
    return this.chart.state();
  }

  /** The action waiting for confirmation, and whether Confirm takes a press yet (test API). */
  confirmState(): { action: string; ready: boolean } | null {
    return this.confirmBar.state();
  }

  /** Ids of the controls a person can press: actions, `action:value`, `range:1h`, `row:<property>`, close … */
  controlIds(): string[] {
    return this.surface.controlIds();
  }

  /**
   * The world corners of a pressable control as last drawn (Babylon frame): top-left, top-right,
   * bottom-right, bottom-left; null while hidden or not drawn yet.
   */
  controlCorners(id: string): Vector3[] | null {
    return this.surface.controlCorners(id);
  }

  /** The world corners of the whole panel (Babylon frame), as `controlCorners`. */
  panelCorners(): Vector3[] {
    return this.surface.panelCorners();
  }

  /** World position of a control's centre (Babylon frame), by id (test API, XR pointing). */
  buttonWorld(id: string): Vector3 | null {
    const corners = this.controlCorners(id);
    if (!corners) return null;
    return corners[0]!.add(corners[2]!).scale(0.5);
  }

  dispose(): void {
    this.chart.dispose();
    this.surface.dispose();
  }
}
