/**
 * A machine's panel, opened beside it by whoever points at it: name and state, what could not be
 * bound, who else is looking, every property with value, unit, quality, pending set-point and a
 * sparkline, the active alarms, the actions as buttons and sliders, and the last commands with their
 * outcome. A world-space GUI panel, so the same panel works on desktop and in XR.
 */
import { Vector3, Quaternion } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { Grid } from '@babylonjs/gui/2D/controls/grid.js';
import { StackPanel } from '@babylonjs/gui/2D/controls/stackPanel.js';
import { Slider } from '@babylonjs/gui/2D/controls/sliders/slider.js';
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import type { DataSchema } from '../../shared/twin/td.js';
import type { TwinHistoryMessage } from '../../shared/protocol/twinMessages.js';
import { unitSymbol } from '../../shared/twin/units.js';
import { button, createPanel3D, text, PANEL_COLORS, type Panel3D } from '../ui3d/panel.js';
import type { TwinDefinition } from './definitions.js';
import { Sparkline } from './sparkline.js';
import { formatValue, timeLeft, trendText } from './trendWords.js';
import type { CommandInfo, PropertyValue, TwinInfo } from './store.js';
import { SEVERITY_COLORS } from './twinView.js';

const W = 0.95;
const H = 1.45;
const PPM = 1000;
const WINDOW = 240;
const QUALITY_COLOR = { good: '#29bf12', stale: '#9fb0c0', bad: '#e4572e', no_data: '#6b7785' } as const;

/** What an action's input looks like to the panel: none, a number (maybe inside an object), or choices. */
export type ActionInput =
  | { kind: 'none' }
  | { kind: 'number'; min: number; max: number; step: number; field?: string; unit: string }
  | { kind: 'choice'; values: (string | number)[]; field?: string }
  | { kind: 'unsupported' };

export function describeInput(schema: DataSchema | undefined): ActionInput {
  if (!schema) return { kind: 'none' };
  const numeric = (s: DataSchema, field?: string): ActionInput | null => {
    if (Array.isArray(s.enum) && s.enum.length > 0 && s.enum.length <= 6)
      return { kind: 'choice', values: s.enum as (string | number)[], field };
    if (s.type === 'number' || s.type === 'integer') {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : min + 100;
      return {
        kind: 'number',
        min,
        max,
        step: s.type === 'integer' ? 1 : (max - min) / 100,
        field,
        unit: typeof s.unit === 'string' ? unitSymbol(s.unit) : '',
      };
    }
    return null;
  };
  const direct = numeric(schema);
  if (direct) return direct;
  if (schema.type === 'object' && schema.properties) {
    const entries = Object.entries(schema.properties);
    if (entries.length === 1) return numeric(entries[0]![1], entries[0]![0]) ?? { kind: 'unsupported' };
  }
  return { kind: 'unsupported' };
}

function statusWords(c: CommandInfo): { text: string; color: string } {
  switch (c.status) {
    case 'pending':
      return { text: 'waiting for the machine…', color: '#f3a712' };
    case 'acknowledged':
      return { text: '✓ acknowledged', color: '#29bf12' };
    case 'refused':
      return { text: `✗ refused${c.reason ? `: ${c.reason}` : ''}`, color: '#e4572e' };
    case 'timed_out':
      return { text: '⏱ no answer (timed out)', color: '#e4572e' };
  }
}

export interface PanelDeps {
  scene: Scene;
  definition: TwinDefinition;
  command(action: string, input?: unknown): void;
  close(): void;
  selfId(): string | null;
  /** Whether I may operate machines here (else the panel says it is view-only). */
  canOperate(): boolean;
}

export class TwinPanel {
  readonly panel: Panel3D;
  private readonly values = new Map<
    string,
    { value: TextBlock; dot: TextBlock; desired: TextBlock; trend: TextBlock | null; spark: Sparkline | null }
  >();
  private readonly samples = new Map<string, { t: number[]; v: number[]; last: number }>();
  private readonly status: TextBlock;
  private readonly viewers: TextBlock;
  private readonly alarms: StackPanel;
  private readonly commands: StackPanel;
  private readonly buttons = new Map<string, Button>();

  constructor(private readonly d: PanelDeps) {
    const def = d.definition;
    this.panel = createPanel3D(d.scene, `panel-${def.id}`, { width: W, height: H, pixelsPerMetre: PPM, title: def.title });
    const stack = this.panel.stack;
    this.status = text(`${def.id}-status`, '', 28, PANEL_COLORS.muted);
    stack.addControl(this.status);
    const notes = text(`${def.id}-notes`, '', 24, PANEL_COLORS.muted);
    notes.textWrapping = true;
    notes.height = '0px';
    stack.addControl(notes);
    this.viewers = text(`${def.id}-viewers`, '', 26, '#c9d7e3');
    stack.addControl(this.viewers);
    if (def.problem) {
      const p = text(`${def.id}-problem`, `Definition problem: ${def.problem}`, 24, '#e4572e');
      p.textWrapping = true;
      p.height = '70px';
      stack.addControl(p);
    }

    // Properties: name, value and unit, quality; pending set-point; sparkline for numbers.
    for (const [name, schema] of Object.entries(def.properties)) {
      const row = new Grid(`${def.id}-${name}-row`);
      row.addColumnDefinition(0.45);
      row.addColumnDefinition(0.45);
      row.addColumnDefinition(0.1);
      row.height = '44px';
      const label = text(`${def.id}-${name}-label`, schema.title ?? name, 30);
      const value = text(`${def.id}-${name}-value`, '—', 32, PANEL_COLORS.text, true);
      value.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_RIGHT;
      const dot = text(`${def.id}-${name}-dot`, '●', 30, QUALITY_COLOR.stale);
      dot.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_RIGHT;
      row.addControl(label, 0, 0);
      row.addControl(value, 0, 1);
      row.addControl(dot, 0, 2);
      stack.addControl(row);
      const desired = text(`${def.id}-${name}-desired`, '', 24, '#f3a712');
      desired.height = '0px';
      stack.addControl(desired);
      let spark: Sparkline | null = null;
      let trend: TextBlock | null = null;
      if (schema.type === 'number' || schema.type === 'integer') {
        spark = new Sparkline(`${def.id}-${name}-spark`);
        spark.height = '40px';
        spark.paddingBottom = '6px';
        stack.addControl(spark);
        // Trend and forecast (SPEC TW11): a line under the sparkline, only while there is one.
        trend = text(`${def.id}-${name}-trend`, '', 24, PANEL_COLORS.muted);
        trend.height = '0px';
        stack.addControl(trend);
      }
      this.values.set(name, { value, dot, desired, trend, spark });
    }

    this.alarms = new StackPanel(`${def.id}-alarms`);
    stack.addControl(this.alarms);

    // Actions.
    stack.addControl(text(`${def.id}-actions-title`, 'Actions', 28, PANEL_COLORS.muted, true));
    for (const [name, action] of Object.entries(def.actions)) {
      const title = action.title ?? name;
      const input = describeInput(action.input);
      if (input.kind === 'none') {
        this.addButton(name, title, () => d.command(name));
      } else if (input.kind === 'number') {
        const slider = new Slider(`${def.id}-${name}-slider`);
        slider.minimum = input.min;
        slider.maximum = input.max;
        slider.step = input.step;
        slider.value = (input.min + input.max) / 2;
        slider.height = '40px';
        slider.color = PANEL_COLORS.buttonActive;
        slider.background = PANEL_COLORS.button;
        const label = () => `${title}: ${slider.value.toFixed(input.step >= 1 ? 0 : 1)} ${input.unit}`.trim();
        const b = this.addButton(name, label(), () => d.command(name, input.field ? { [input.field]: slider.value } : slider.value));
        slider.onValueChangedObservable.add(() => {
          if (b.textBlock) b.textBlock.text = label();
        });
        stack.addControl(slider);
      } else if (input.kind === 'choice') {
        for (const v of input.values)
          this.addButton(`${name}:${v}`, `${title}: ${v}`, () => d.command(name, input.field ? { [input.field]: v } : v));
      } else {
        stack.addControl(text(`${def.id}-${name}-unsupported`, `${title}: its input cannot be entered here`, 24, PANEL_COLORS.muted));
      }
    }

    this.commands = new StackPanel(`${def.id}-commands`);
    stack.addControl(this.commands);
    this.addButton('close', 'Close', () => d.close());
    this.notes = notes;
  }

  private readonly notes: TextBlock;

  private addButton(id: string, label: string, onClick: () => void): Button {
    const b = button(`${this.d.definition.id}-${id}`, label, onClick, 64);
    b.fontSize = 28;
    this.panel.stack.addControl(b);
    this.buttons.set(id, b);
    return b;
  }

  /**
   * Puts the panel where the viewer can read it: on the way to the machine at `anchor`, 1.7 m in front
   * of the `viewer` (or beside the machine when they stand close), a little to the right so the
   * machine stays in sight, turned towards them (Babylon frame).
   */
  place(anchor: Vector3, viewer: Vector3): void {
    const toMachine = anchor.subtract(viewer);
    toMachine.y = 0;
    const dist = toMachine.length() || 1;
    toMachine.scaleInPlace(1 / dist);
    const right = new Vector3(toMachine.z, 0, -toMachine.x);
    const along = Math.max(0.9, Math.min(1.7, dist - 1.2));
    const pos = viewer.add(toMachine.scale(along)).add(right.scale(0.55));
    pos.y = Math.max(1.2, viewer.y - 0.15);
    const mesh = this.panel.mesh;
    mesh.position.copyFrom(pos);
    const face = viewer.subtract(pos);
    mesh.rotationQuaternion = Quaternion.RotationYawPitchRoll(Math.atan2(-face.x, -face.z), 0, 0);
  }

  /** Takes the twin's latest data. */
  update(info: TwinInfo): void {
    const viewOnly = this.d.canOperate() ? '' : ' · view only: operating needs the operator passcode';
    this.status.text = `${info.quality === 'good' ? '● live' : info.quality === 'bad' ? '● bad data' : info.quality === 'no_data' ? '● no data recorded then' : '● no live data (stale)'} · source: ${info.source}${viewOnly}`;
    this.status.color = QUALITY_COLOR[info.quality] ?? PANEL_COLORS.muted;
    if (info.notes.length > 0) {
      this.notes.text = info.notes.join('\n');
      // Wrapped lines: about 60 characters fit a line at this size.
      const lines = info.notes.reduce((n, t) => n + Math.ceil(t.length / 60), 0);
      this.notes.height = `${Math.min(6, lines) * 30 + 8}px`;
    }
    const me = this.d.selfId();
    const others = [...info.viewers.entries()].filter(([id]) => id !== me).map(([, n]) => n);
    this.viewers.text = others.length ? `Also looking: ${others.join(', ')}` : '';
    for (const [name, row] of this.values) {
      const v = info.properties.get(name);
      if (!v || v.ts === 0) {
        row.value.text = '—';
        row.dot.color = QUALITY_COLOR.stale;
        continue;
      }
      const shown =
        v.type === 'boolean' ? (v.num ? 'yes' : 'no') : v.type === 'number' || v.type === 'integer' ? formatValue(v.num) : v.text;
      row.value.text = v.unit ? `${shown} ${v.unit}` : shown;
      row.dot.color = QUALITY_COLOR[v.quality] ?? QUALITY_COLOR.stale;
      row.desired.text = v.desired ? `→ asked for ${v.desired}${v.unit ? ` ${v.unit}` : ''}, not reached yet` : '';
      row.desired.height = v.desired ? '34px' : '0px';
      if (row.spark && (v.type === 'number' || v.type === 'integer' || v.type === 'boolean')) this.addSample(name, v.ts, v.num);
      if (row.trend) this.showTrend(name, row.trend, row.spark, v, info);
    }
    this.alarms.clearControls();
    for (const a of info.alarms) {
      const line = text(`${info.id}-alarm-${a.id}`, `⚠ ${a.message} (${formatValue(a.value)})`, 28, SEVERITY_COLORS[a.severity], true);
      this.alarms.addControl(line);
    }
    this.commands.clearControls();
    for (const c of info.commands.slice(0, 3)) {
      const s = statusWords(c);
      const who = c.by === me ? 'you' : c.byName;
      const line = text(`${info.id}-cmd-${c.id}`, `${c.action}${c.input ? ` ${c.input}` : ''} by ${who}: ${s.text}`, 24, s.color);
      this.commands.addControl(line);
    }
  }

  /** The trend line under a sparkline, and the forecast alarm it heads for (SPEC TW11). */
  private showTrend(name: string, line: TextBlock, spark: Sparkline | null, v: PropertyValue, info: TwinInfo): void {
    const forecast = info.forecasts.find((f) => f.property === name);
    spark?.setForecast(v.trend, forecast ? forecast.limit : Number.NaN);
    const words = trendText(v.trend, v.unit);
    const ahead = forecast ? ` · ${forecast.message} (${formatValue(forecast.limit)} ${v.unit}) ${timeLeft(forecast.at, Date.now())}` : '';
    line.text = words + ahead;
    line.color = forecast ? SEVERITY_COLORS[forecast.severity] : PANEL_COLORS.muted;
    line.height = words ? '30px' : '0px';
  }

  /** Seeds the sparklines with the server's recent window (twin.history). */
  setHistory(m: TwinHistoryMessage): void {
    for (const [name, h] of Object.entries(m.properties)) {
      const n = Math.min(h.t.length, WINDOW);
      this.samples.set(name, { t: h.t.slice(-n), v: h.v.slice(-n), last: h.t[h.t.length - 1] ?? 0 });
      this.values.get(name)?.spark?.setSamples(this.samples.get(name)!.t, this.samples.get(name)!.v);
    }
  }

  private addSample(name: string, t: number, v: number): void {
    let s = this.samples.get(name);
    if (!s) this.samples.set(name, (s = { t: [], v: [], last: 0 }));
    if (t <= s.last) return;
    s.last = t;
    s.t.push(t);
    s.v.push(v);
    if (s.t.length > WINDOW) {
      s.t.shift();
      s.v.shift();
    }
    this.values.get(name)?.spark?.setSamples(s.t, s.v);
  }

  /** Every text on the panel, top to bottom (test API). */
  text(): string {
    const out: string[] = [];
    const walk = (c: Control) => {
      const t = (c as Partial<TextBlock>).text;
      if (typeof t === 'string' && t) out.push(t);
      for (const child of (c as unknown as { children?: Control[] }).children ?? []) walk(child);
    };
    for (const c of this.panel.texture.rootContainer.children) walk(c);
    return out.join('\n');
  }

  /** Number of samples in a property's sparkline (test API). */
  sparkCount(name: string): number {
    return this.values.get(name)?.spark?.count ?? 0;
  }

  /** World position of a button's centre (Babylon frame), by action id or 'close' (test API, XR pointing). */
  buttonWorld(id: string): Vector3 | null {
    const b = this.buttons.get(id);
    if (!b) return null;
    const size = this.panel.texture.getSize();
    const x = (b.centerX / size.width - 0.5) * W;
    const y = (0.5 - b.centerY / size.height) * H;
    this.panel.mesh.computeWorldMatrix(true);
    return Vector3.TransformCoordinates(new Vector3(x, y, 0), this.panel.mesh.getWorldMatrix());
  }

  dispose(): void {
    this.panel.dispose();
  }
}
