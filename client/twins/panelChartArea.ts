/**
 * The panel's chart area: the charted property's heading (unit, trend, the forecast alarm it heads
 * for), the chart itself (recorded history, the server's recent window, live values, alarm limits,
 * forecast and markers) and the time-range buttons. History loads when the property or range
 * changes; a reply that arrives after another change is dropped.
 */
import type { Scene } from '@babylonjs/core/scene.js';
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import type { TwinHistoryMessage } from '../../shared/protocol/twinMessages.js';
import { formatQuantity } from '../../shared/twin/format.js';
import { setButton, PANEL_COLORS } from '../ui3d/panel.js';
import { PanelChart, type ChartDrawn, type ChartLimit } from './chart.js';
import { CHART_RANGES, type ChartHistory, type ChartRangeId } from './chartData.js';
import { shapeOf } from './commandWords.js';
import type { TwinDefinition } from './definitions.js';
import { PANEL_PX_PER_M } from './panelLayout.js';
import type { PanelSurface } from './panelSurface.js';
import type { PanelValues } from './panelValues.js';
import type { PropertyValue, TwinInfo } from './store.js';
import { timeLeft, trendText } from './trendWords.js';
import { SEVERITY_COLORS } from './twinView.js';

/** The chart redraws live values at most this often (a texture upload each time). */
const CHART_REDRAW_MS = 1000;

export interface ChartAreaDeps {
  scene: Scene;
  definition: TwinDefinition;
  /** The charted property's recorded history, alarm events and notes (chartData.ts). */
  history(property: string, rangeMs: number): Promise<ChartHistory>;
  /** The clock, ms since the Unix epoch. */
  now(): number;
}

export type ChartAreaState = ChartDrawn & { property: string | null; range: ChartRangeId; loading: boolean };

export class PanelChartArea {
  private readonly title: TextBlock;
  private readonly chart: PanelChart;
  private readonly rangeButtons = new Map<ChartRangeId, Button>();
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

  constructor(
    s: PanelSurface,
    private readonly d: ChartAreaDeps,
    private readonly values: PanelValues,
  ) {
    const l = s.layout;
    this.selected = values.defaultProperty();
    this.title = s.line('chart-title', l.chartTitle, '', 28, PANEL_COLORS.text, true);
    this.chart = new PanelChart(d.scene, `panel-${d.definition.id}-chart`, l.chart.w, l.chart.h, PANEL_PX_PER_M, l.text.small);
    this.chart.mesh.parent = s.panel.mesh;
    // Drawn after the hall, over anything between it and the viewer: nothing covers an open panel.
    s.panel.mesh.renderingGroupId = 1;
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
        s.press(`range:${range.id}`, l.ranges[i]!, range.label, () => {
          this.range = range.id;
          this.load();
        }),
      );
    });
  }

  /** Charts `property` (a click on its value). */
  select(property: string): void {
    if (!this.values.chartable(property) || property === this.selected) return;
    this.selected = property;
    this.load();
  }

  /** Shows the selection, then asks for the history of the charted property over the range. */
  load(): void {
    for (const [id, b] of this.rangeButtons) setButton(b, CHART_RANGES.find((r) => r.id === id)!.label, id === this.range);
    this.values.outline(this.selected);
    const property = this.selected;
    this.live = property ? [...(this.recent.get(property) ?? [])] : [];
    this.history = { points: [], markers: [], problem: '' };
    this.historyLoading = true;
    this.draw();
    if (!property) return;
    const ticket = ++this.chartTicket;
    const rangeMs = CHART_RANGES.find((r) => r.id === this.range)!.ms;
    void this.d.history(property, rangeMs).then((h) => {
      if (ticket !== this.chartTicket) return;
      this.history = h;
      this.historyLoading = false;
      this.draw();
    });
  }

  /** Takes the twin's latest data: a new live value of the charted property, redrawn at most every second. */
  update(info: TwinInfo): void {
    this.info = info;
    const v = this.selected ? info.properties.get(this.selected) : undefined;
    if (v && v.ts !== 0 && (v.type === 'number' || v.type === 'integer' || v.type === 'boolean')) {
      const last = this.live[this.live.length - 1];
      if (!last || v.ts > last.t) this.live.push({ t: v.ts, v: v.num });
    }
    if (this.d.now() - this.lastChartDraw >= CHART_REDRAW_MS) this.draw();
    else this.heading(v);
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
        this.draw();
      }
    }
  }

  private draw(): void {
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
    this.heading(v);
  }

  /** The chart's heading: property, unit, trend and the forecast alarm it heads for (SPEC TW11). */
  private heading(v: PropertyValue | undefined): void {
    const name = this.selected;
    if (!name) {
      this.title.text = 'Nothing to chart';
      return;
    }
    const schema = this.d.definition.properties[name];
    const shape = shapeOf(schema);
    const title = `${schema?.title ?? name}${shape.unit ? ` (${shape.unit})` : ''}`;
    const words = v ? trendText(v.trend, v.unit) : '';
    const f = this.info?.forecasts.find((x) => x.property === name);
    const ahead = f ? `${f.message} (${formatQuantity(f.limit, shape)}) ${timeLeft(f.at, this.d.now())}` : '';
    this.title.text = [title, words, ahead].filter(Boolean).join(' · ');
    this.title.color = f ? SEVERITY_COLORS[f.severity] : PANEL_COLORS.text;
  }

  /** The chart as last drawn (test API). */
  state(): ChartAreaState {
    return { ...this.chart.drawn, property: this.selected, range: this.range, loading: this.historyLoading };
  }

  dispose(): void {
    this.chartTicket++;
    this.chart.dispose();
  }
}
