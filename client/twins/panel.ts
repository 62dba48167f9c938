/**
 * A machine's panel, opened in front of whoever points at it: name and state, who else is looking,
 * every property's value (click one to chart it), the chart with its time ranges, the active alarms,
 * the actions as buttons and sliders, a confirmation bar for stop-class actions, and the last
 * commands. Every area has a fixed place decided when the panel opens (panelLayout.ts, SPEC PN2):
 * live data changes texts, never positions. A world-space GUI panel, so the same panel works on the
 * desktop and in XR.
 */
import { Vector3, Quaternion } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import { Slider } from '@babylonjs/gui/2D/controls/sliders/slider.js';
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import { needsConfirmation } from '../../shared/twin/actionSafety.js';
import { formatQuantity } from '../../shared/twin/format.js';
import { button, createPanel3D, setButton, text, PANEL_COLORS, type Panel3D } from '../ui3d/panel.js';
import { clockText } from '../core/clock.js';
import { describeInput, actionShapes, sliderStart, type ActionInput } from './actionInput.js';
import { PanelChart, type ChartDrawn, type ChartLimit } from './chart.js';
import { CHART_RANGES, type ChartHistory, type ChartRangeId } from './chartData.js';
import { choiceWords, commandLine, shapeOf } from './commandWords.js';
import type { TwinDefinition } from './definitions.js';
import { layoutPanel, PANEL_PX_PER_M, type PanelLayout, type Rect } from './panelLayout.js';
import type { PanelFit } from './panelPlacement.js';
import type { TwinHistoryMessage } from '../../shared/protocol/twinMessages.js';
import type { PropertyValue, TwinInfo } from './store.js';
import { timeLeft, trendText } from './trendWords.js';
import { SEVERITY_COLORS } from './twinView.js';

/** Babylon GUI's `TextWrapping` values (a const enum its d.ts declares, which isolated modules cannot read). */
const WORD_WRAP = 1;
/** One line, cut with "…": a long text never spills into the next area. */
const ELLIPSIS = 2;
const QUALITY_COLOR = { good: '#29bf12', stale: '#9fb0c0', bad: '#e4572e', no_data: '#6b7785' } as const;
const CELL = '#1b232d';
const SELECTED = '#2e86de';
/** A confirmation pressed sooner than this after it appeared is ignored: a shaking ray or a double click. */
export const CONFIRM_DELAY_MS = 400;
/** The chart redraws live values at most this often (a texture upload each time). */
const CHART_REDRAW_MS = 1000;

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
}

interface ValueCell {
  cell: Rectangle;
  value: TextBlock;
  dot: TextBlock;
  chartable: boolean;
}

interface SliderRow {
  input: Extract<ActionInput, { kind: 'number' }>;
  slider: Slider;
  label: TextBlock;
  title: string;
  /** The user moved it: it no longer follows the machine's set-point. */
  touched: boolean;
}

export class TwinPanel {
  readonly panel: Panel3D;
  readonly layout: PanelLayout;
  private readonly cells = new Map<string, ValueCell>();
  /** Every control a person can press, by id, with its place on the panel (test API: where to click). */
  private readonly controls = new Map<string, Control>();
  private readonly sliders = new Map<string, SliderRow>();
  private readonly status: TextBlock;
  private readonly viewers: TextBlock;
  private readonly chartTitle: TextBlock;
  private readonly alarmLines: TextBlock[];
  private readonly logLines: TextBlock[];
  private readonly confirmText: TextBlock;
  private readonly confirmButton: Button;
  private readonly cancelButton: Button;
  private readonly rangeButtons = new Map<ChartRangeId, Button>();
  private readonly chart: PanelChart;
  private info: TwinInfo | null = null;
  private selected: string | null;
  private range: ChartRangeId = '1h';
  private history: ChartHistory = { points: [], markers: [], problem: '' };
  private historyLoading = false;
  private live: { t: number; v: number }[] = [];
  /** The server's recent window per property (`twin.history`): the seconds not yet in the history store. */
  private readonly recent = new Map<string, { t: number; v: number }[]>();
  private lastChartDraw = 0;
  private chartTicket = 0;
  private armed: { action: string; at: number } | null = null;

  constructor(private readonly d: PanelDeps) {
    const def = d.definition;
    const l = (this.layout = layoutPanel({
      properties: Object.keys(def.properties),
      actions: actionShapes(def),
      problem: !!def.problem,
      narrow: d.narrow,
    }));
    this.panel = createPanel3D(d.scene, `panel-${def.id}`, {
      width: l.width / PANEL_PX_PER_M,
      height: l.height / PANEL_PX_PER_M,
      pixelsPerMetre: PANEL_PX_PER_M,
    });
    this.line('title', l.title, def.title, 46, PANEL_COLORS.text, true);
    this.press('close', l.close, 'Close', () => d.close());
    this.status = this.line('status', l.status, '', 28, PANEL_COLORS.muted);
    this.viewers = this.line('viewers', l.viewers, '', 28, '#c9d7e3');
    if (l.problem) {
      const p = this.line('problem', l.problem, `Definition problem: ${def.problem}`, 26, '#e4572e');
      p.textWrapping = WORD_WRAP;
    }

    // Values: a cell per property; numbers and booleans can be charted.
    for (const [name, schema] of Object.entries(def.properties)) {
      const r = l.values.get(name)!;
      const cell = this.at(new Rectangle(`${def.id}-${name}-cell`), r);
      cell.background = CELL;
      cell.cornerRadius = 10;
      cell.thickness = 0;
      cell.color = SELECTED;
      const label = text(`${def.id}-${name}-label`, schema.title ?? name, 24, PANEL_COLORS.muted);
      this.put(label, { x: 14, y: 4, w: r.w - 28, h: 30 }, cell);
      const value = text(`${def.id}-${name}-value`, '—', 32, PANEL_COLORS.text, true);
      this.put(value, { x: 14, y: 32, w: r.w - 50, h: 40 }, cell);
      const dot = text(`${def.id}-${name}-dot`, '●', 26, QUALITY_COLOR.stale);
      this.put(dot, { x: r.w - 36, y: 34, w: 26, h: 36 }, cell);
      for (const t of [label, value]) t.textWrapping = ELLIPSIS;
      const chartable = schema.type === 'number' || schema.type === 'integer' || schema.type === 'boolean';
      if (chartable) {
        cell.onPointerClickObservable.add(() => this.select(name));
        this.controls.set(`row:${name}`, cell);
      }
      this.cells.set(name, { cell, value, dot, chartable });
    }
    this.selected = this.defaultProperty();

    this.chartTitle = this.line('chart-title', l.chartTitle, '', 28, PANEL_COLORS.text, true);
    this.chart = new PanelChart(d.scene, `panel-${def.id}-chart`, l.chart.w, l.chart.h, PANEL_PX_PER_M);
    this.chart.mesh.parent = this.panel.mesh;
    // Drawn after the hall, over anything between it and the viewer: nothing covers an open panel.
    this.panel.mesh.renderingGroupId = 1;
    this.chart.mesh.renderingGroupId = 1;
    // Just in front of the panel (its front faces −Z), over the chart's area.
    this.chart.mesh.position.set(
      (l.chart.x + l.chart.w / 2) / PANEL_PX_PER_M - l.width / PANEL_PX_PER_M / 2,
      l.height / PANEL_PX_PER_M / 2 - (l.chart.y + l.chart.h / 2) / PANEL_PX_PER_M,
      -0.002,
    );
    CHART_RANGES.forEach((range, i) => {
      this.rangeButtons.set(
        range.id,
        this.press(`range:${range.id}`, l.ranges[i]!, range.label, () => {
          this.range = range.id;
          this.loadChart();
        }),
      );
    });
    this.alarmLines = l.alarms.map((r, i) => this.line(`alarm-${i}`, r, '', 28, PANEL_COLORS.text, true));

    // Actions.
    this.line('actions-title', l.actionsTitle, 'Actions', 28, PANEL_COLORS.muted, true);
    for (const [name, action] of Object.entries(def.actions)) {
      const title = action.title ?? name;
      const input = describeInput(action.input);
      if (input.kind === 'none') {
        const confirm = needsConfirmation(action);
        const b = this.press(name, l.buttons.get(name)!, title, () => (confirm ? this.arm(name) : d.command(name)));
        if (confirm) b.background = PANEL_COLORS.danger;
      } else if (input.kind === 'number') {
        this.addSlider(name, title, input);
      } else if (input.kind === 'choice') {
        this.line(`${name}-label`, l.labels.get(name)!, `${title}:`, 26, PANEL_COLORS.muted);
        for (const v of input.values)
          this.press(`${name}:${v}`, l.buttons.get(`${name}:${v}`)!, choiceWords(v), () =>
            d.command(name, input.field ? { [input.field]: v } : v),
          );
      }
    }

    // The confirmation bar: empty until a stop-class action asks.
    this.confirmText = this.line('confirm-text', l.confirmText, '', 28, '#f3a712', true);
    this.confirmText.textWrapping = WORD_WRAP;
    this.cancelButton = this.press('cancel', l.cancel, 'Cancel', () => this.disarm());
    this.confirmButton = this.press('confirm', l.confirm, 'Confirm', () => this.confirm());
    this.confirmButton.background = PANEL_COLORS.danger;
    this.disarm();

    this.logLines = l.log.map((r, i) => this.line(`log-${i}`, r, '', 26, PANEL_COLORS.muted));
    this.loadChart();
  }

  /** A control at a fixed rectangle of the panel (or of `parent`), pixels from its top-left corner. */
  private put<T extends Control>(c: T, r: Rect, parent?: Rectangle): T {
    c.horizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
    c.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
    c.left = `${r.x}px`;
    c.top = `${r.y}px`;
    c.width = `${r.w}px`;
    c.height = `${r.h}px`;
    if (parent) parent.addControl(c);
    else this.panel.texture.addControl(c);
    return c;
  }

  private at<T extends Control>(c: T, r: Rect): T {
    return this.put(c, r);
  }

  private line(id: string, r: Rect, value: string, size: number, color: string, bold = false): TextBlock {
    const t = this.put(text(`${this.d.definition.id}-${id}`, value, size, color, bold), r);
    t.textWrapping = ELLIPSIS;
    return t;
  }

  private press(id: string, r: Rect, label: string, onClick: () => void): Button {
    const b = this.put(button(`${this.d.definition.id}-${id}`, label, onClick, r.h), r);
    b.fontSize = 28;
    this.controls.set(id, b);
    return b;
  }

  private addSlider(name: string, title: string, input: Extract<ActionInput, { kind: 'number' }>): void {
    const l = this.layout;
    const label = this.line(`${name}-label`, l.labels.get(name)!, title, 26, PANEL_COLORS.text);
    const slider = this.put(new Slider(`${this.d.definition.id}-${name}-slider`), l.sliders.get(name)!);
    slider.minimum = input.min;
    slider.maximum = input.max;
    slider.step = input.step;
    slider.value = (input.min + input.max) / 2;
    slider.color = PANEL_COLORS.buttonActive;
    slider.background = PANEL_COLORS.button;
    slider.thumbWidth = '28px';
    const row: SliderRow = { input, slider, label, title, touched: false };
    this.sliders.set(name, row);
    this.controls.set(`${name}:slider`, slider);
    // Only a person's hand makes it stop following the set-point, not the panel setting it.
    slider.onPointerDownObservable.add(() => (row.touched = true));
    slider.onValueChangedObservable.add(() => this.sliderLabel(row));
    this.press(name, l.buttons.get(name)!, 'Apply', () => {
      this.d.command(name, input.field ? { [input.field]: slider.value } : slider.value);
      row.touched = false;
    });
    this.sliderLabel(row);
  }

  private sliderLabel(row: SliderRow): void {
    const shape = { unit: row.input.unit, type: row.input.integer ? 'integer' : 'number', minimum: row.input.min, maximum: row.input.max };
    row.label.text = `${row.title}: ${formatQuantity(row.slider.value, shape)}`;
  }

  /** The first property with an alarm rule (what people watch), else the first chartable one. */
  private defaultProperty(): string | null {
    const chartable = [...this.cells].filter(([, c]) => c.chartable).map(([n]) => n);
    return chartable.find((n) => this.d.definition.ext.alarms.some((a) => a.property === n)) ?? chartable[0] ?? null;
  }

  /** Charts `property` (a click on its value). */
  select(property: string): void {
    if (!this.cells.get(property)?.chartable || property === this.selected) return;
    this.selected = property;
    this.loadChart();
  }

  private loadChart(): void {
    for (const [id, b] of this.rangeButtons) setButton(b, CHART_RANGES.find((r) => r.id === id)!.label, id === this.range);
    for (const [name, c] of this.cells) c.cell.thickness = name === this.selected ? 3 : 0;
    const property = this.selected;
    this.live = property ? [...(this.recent.get(property) ?? [])] : [];
    this.history = { points: [], markers: [], problem: '' };
    this.historyLoading = true;
    this.drawChart();
    if (!property) return;
    const ticket = ++this.chartTicket;
    const rangeMs = CHART_RANGES.find((r) => r.id === this.range)!.ms;
    void this.d.history(property, rangeMs).then((h) => {
      if (ticket !== this.chartTicket) return;
      this.history = h;
      this.historyLoading = false;
      this.drawChart();
    });
  }

  private drawChart(): void {
    const name = this.selected;
    const def = this.d.definition;
    const now = this.d.now();
    const rangeMs = CHART_RANGES.find((r) => r.id === this.range)!.ms;
    const schema = name ? def.properties[name] : undefined;
    const shape = shapeOf(schema);
    const v = name ? this.info?.properties.get(name) : undefined;
    const limits: ChartLimit[] = def.ext.alarms
      .filter((a) => a.property === name)
      .map((a) => {
        const value = (a.above ?? a.below)!;
        return { value, color: SEVERITY_COLORS[a.severity], label: `${a.above !== undefined ? '▲' : '▼'} ${formatQuantity(value, shape)}` };
      });
    const f = name ? this.info?.forecasts.find((x) => x.property === name) : undefined;
    let forecast = null;
    if (f && v && v.ts > 0) {
      // Carried forward at most a third of the range past now, so the past keeps most of the width.
      const end = Math.min(f.at, now + rangeMs / 3);
      const value = f.at > now ? v.num + ((f.limit - v.num) * (end - now)) / (f.at - now) : f.limit;
      forecast = { from: { t: now, v: v.num }, to: { t: end, v: value }, color: SEVERITY_COLORS[f.severity] };
    }
    this.chart.show({
      from: now - rangeMs,
      to: now,
      points: this.history.points,
      live: this.live,
      limits,
      forecast,
      markers: this.history.markers,
      shape,
      empty: this.historyLoading
        ? 'Loading history…'
        : this.history.problem
          ? `No history: ${this.history.problem}`
          : 'No values recorded yet',
    });
    this.lastChartDraw = now;
    this.chartHeading(v);
  }

  /** The chart's heading: property, unit, trend and the forecast alarm it heads for (SPEC TW11). */
  private chartHeading(v: PropertyValue | undefined): void {
    const name = this.selected;
    if (!name) {
      this.chartTitle.text = 'Nothing to chart';
      return;
    }
    const schema = this.d.definition.properties[name];
    const shape = shapeOf(schema);
    const title = `${schema?.title ?? name}${shape.unit ? ` (${shape.unit})` : ''}`;
    const words = v ? trendText(v.trend, v.unit) : '';
    const f = this.info?.forecasts.find((x) => x.property === name);
    const ahead = f ? `${f.message} (${formatQuantity(f.limit, shape)}) ${timeLeft(f.at, this.d.now())}` : '';
    this.chartTitle.text = [title, words, ahead].filter(Boolean).join(' · ');
    this.chartTitle.color = f ? SEVERITY_COLORS[f.severity] : PANEL_COLORS.text;
  }

  private arm(action: string): void {
    const title = this.d.definition.actions[action]?.title ?? action;
    this.armed = { action, at: this.d.now() };
    this.confirmText.text = `${title} ${this.d.definition.title}?`;
    if (this.confirmButton.textBlock) this.confirmButton.textBlock.text = `Yes, ${title.toLowerCase()}`;
    this.confirmText.isVisible = this.confirmButton.isVisible = this.cancelButton.isVisible = true;
  }

  private disarm(): void {
    this.armed = null;
    this.confirmText.text = '';
    this.confirmText.isVisible = this.confirmButton.isVisible = this.cancelButton.isVisible = false;
  }

  private confirm(): void {
    const a = this.armed;
    if (!a || this.d.now() - a.at < CONFIRM_DELAY_MS) return;
    this.disarm();
    this.d.command(a.action);
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
    this.info = info;
    const def = this.d.definition;
    const viewOnly = this.d.canOperate() ? '' : ' · view only: operating needs the operator passcode';
    const quality =
      info.quality === 'good'
        ? '● live'
        : info.quality === 'bad'
          ? '● bad data'
          : info.quality === 'no_data'
            ? '● no data recorded then'
            : '● no live data (stale)';
    this.status.text = `${quality} · source: ${info.source}${viewOnly}`;
    this.status.color = QUALITY_COLOR[info.quality] ?? PANEL_COLORS.muted;
    const me = this.d.selfId();
    const others = [...info.viewers.entries()].filter(([id]) => id !== me).map(([, n]) => n);
    this.viewers.text = others.length ? `Also looking: ${others.join(', ')}` : '';

    for (const [name, cell] of this.cells) {
      const v = info.properties.get(name);
      if (!v || v.ts === 0) {
        cell.value.text = '—';
        cell.dot.color = QUALITY_COLOR.stale;
        continue;
      }
      const shape = { ...shapeOf(def.properties[name]), unit: v.unit || undefined };
      const shown =
        v.type === 'boolean' ? (v.num ? 'yes' : 'no') : v.type === 'number' || v.type === 'integer' ? formatQuantity(v.num, shape) : v.text;
      const desired = Number(v.desired);
      const pending = v.desired ? ` → ${Number.isFinite(desired) ? formatQuantity(desired, shape) : v.desired}` : '';
      cell.value.text = shown + pending;
      cell.value.color = pending ? '#f3a712' : PANEL_COLORS.text;
      cell.dot.color = QUALITY_COLOR[v.quality] ?? QUALITY_COLOR.stale;
      if (name === this.selected && (v.type === 'number' || v.type === 'integer' || v.type === 'boolean')) {
        const last = this.live[this.live.length - 1];
        if (!last || v.ts > last.t) this.live.push({ t: v.ts, v: v.num });
      }
    }
    for (const [name, row] of this.sliders) {
      if (row.touched) continue;
      row.slider.value = sliderStart(row.input, name, def.ext.setpoints, info.properties);
      this.sliderLabel(row);
    }

    const alarms = info.alarms;
    this.alarmLines.forEach((line, i) => {
      const a = alarms[i];
      const more = i === this.alarmLines.length - 1 && alarms.length > this.alarmLines.length;
      if (!a) line.text = i === 0 ? 'No active alarm' : '';
      else if (more) line.text = `⚠ and ${alarms.length - i} more alarms (see the Alarms list)`;
      else {
        const shape = shapeOf(def.properties[a.property]);
        line.text = `⚠ ${a.message} (${formatQuantity(a.value, shape)})`;
      }
      line.color = a ? SEVERITY_COLORS[a.severity] : PANEL_COLORS.muted;
    });

    this.logLines.forEach((line, i) => {
      const c = info.commands[i];
      if (!c) {
        line.text = i === 0 && info.commands.length === 0 ? 'No commands yet' : '';
        line.color = PANEL_COLORS.muted;
        return;
      }
      const w = commandLine(def, c, c.by === me ? 'you' : c.byName);
      line.text = `${clockText(c.at, { now: this.d.now() })}  ${w.text}`;
      line.color = w.color;
    });

    if (this.d.now() - this.lastChartDraw >= CHART_REDRAW_MS) this.drawChart();
    else this.chartHeading(this.selected ? info.properties.get(this.selected) : undefined);
  }

  /**
   * Takes the server's recent window of each property (`twin.history`, sent when the panel opens):
   * the history store is written every few seconds (HS2), so the newest seconds come from here.
   */
  setRecent(m: TwinHistoryMessage): void {
    for (const [name, h] of Object.entries(m.properties)) {
      const pts = h.t.map((t, i) => ({ t, v: h.v[i]! })).filter((p) => Number.isFinite(p.v));
      this.recent.set(name, pts);
      if (name === this.selected) {
        const newer = this.live.filter((p) => p.t > (pts[pts.length - 1]?.t ?? 0));
        this.live = [...pts, ...newer];
        this.drawChart();
      }
    }
  }

  /** Every text on the panel, top to bottom (test API). */
  text(): string {
    const out: string[] = [];
    const walk = (c: Control) => {
      if (!c.isVisible) return;
      const t = (c as Partial<TextBlock>).text;
      if (typeof t === 'string' && t) out.push(t);
      for (const child of (c as unknown as { children?: Control[] }).children ?? []) walk(child);
    };
    for (const c of this.panel.texture.rootContainer.children) walk(c);
    return out.join('\n');
  }

  /** The chart as last drawn (test API). */
  chartState(): ChartDrawn & { property: string | null; range: ChartRangeId; loading: boolean } {
    return { ...this.chart.drawn, property: this.selected, range: this.range, loading: this.historyLoading };
  }

  /** The action waiting for confirmation, and whether Confirm takes a press yet (test API). */
  confirmState(): { action: string; ready: boolean } | null {
    return this.armed ? { action: this.armed.action, ready: this.d.now() - this.armed.at >= CONFIRM_DELAY_MS } : null;
  }

  /** Ids of the controls a person can press: actions, `action:value`, `range:1h`, `row:<property>`, close … */
  controlIds(): string[] {
    return [...this.controls.keys()].filter((id) => this.controls.get(id)!.isVisible);
  }

  /**
   * The world corners of a pressable control as last drawn (Babylon frame): top-left, top-right,
   * bottom-right, bottom-left; null while hidden or not drawn yet.
   */
  controlCorners(id: string): Vector3[] | null {
    const c = this.controls.get(id);
    if (!c || !c.isVisible) return null;
    // Where the GUI last drew it (so a test sees a control that moved); none before the first drawing.
    const m = c._currentMeasure;
    if (m.width <= 0 || m.height <= 0) return null;
    const w = this.layout.width;
    const h = this.layout.height;
    const world = this.panel.mesh.computeWorldMatrix(true);
    const at = (px: number, py: number) =>
      Vector3.TransformCoordinates(new Vector3((px / w - 0.5) * (w / PANEL_PX_PER_M), (0.5 - py / h) * (h / PANEL_PX_PER_M), 0), world);
    return [at(m.left, m.top), at(m.left + m.width, m.top), at(m.left + m.width, m.top + m.height), at(m.left, m.top + m.height)];
  }

  /** The world corners of the whole panel (Babylon frame), as `controlCorners`. */
  panelCorners(): Vector3[] {
    const w = this.layout.width / PANEL_PX_PER_M / 2;
    const h = this.layout.height / PANEL_PX_PER_M / 2;
    const world = this.panel.mesh.computeWorldMatrix(true);
    return [
      [-w, h],
      [w, h],
      [w, -h],
      [-w, -h],
    ].map(([x, y]) => Vector3.TransformCoordinates(new Vector3(x, y, 0), world));
  }

  /** World position of a control's centre (Babylon frame), by id (test API, XR pointing). */
  buttonWorld(id: string): Vector3 | null {
    const corners = this.controlCorners(id);
    if (!corners) return null;
    return corners[0]!.add(corners[2]!).scale(0.5);
  }

  dispose(): void {
    this.chartTicket++;
    this.chart.dispose();
    this.panel.dispose();
  }
}
