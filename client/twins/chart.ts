/**
 * The machine panel's chart (SPEC CH1): uPlot draws on its own canvas, and that canvas backs a
 * Babylon `DynamicTexture` on a plane laid over the panel's chart area (`texture.update()` after each
 * redraw), so the same chart is seen on the desktop and in a headset. uPlot 1.6.32 has no `pxRatio`
 * option (it reads `devicePixelRatio` once, module-wide): its canvas is `width × devicePixelRatio`
 * pixels, so a phone's chart is sharper, and what is drawn here by hand is scaled to match. uPlot gives the time axis, the
 * ticks and the min/max band; the alarm limits, the forecast and the markers are drawn in its `draw`
 * hook. Fonts are texture pixels at 1000 px/m: 24 px is 2.4 cm, readable at arm's length in VR (28 on a
 * phone's narrow panel, PN8).
 */
import uPlot from 'uplot';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { Texture } from '@babylonjs/core/Materials/Textures/texture.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { formatNumber, type NumberShape } from '../../shared/twin/format.js';
import type { ChartMarker, ChartPoint } from './chartData.js';
import { markVirtual } from '../render/virtual.js';

export interface ChartLimit {
  value: number;
  color: string;
  label: string;
}

/** Everything one drawing of the chart shows. Times in ms since the Unix epoch. */
export interface ChartContent {
  from: number;
  to: number;
  points: ChartPoint[];
  /** Live values since the history was read, appended after its last bucket. */
  live: { t: number; v: number }[];
  limits: ChartLimit[];
  /** The trend carried forward to the alarm it reaches (SPEC TW11), or null. */
  forecast: { from: { t: number; v: number }; to: { t: number; v: number }; color: string } | null;
  markers: ChartMarker[];
  shape: NumberShape;
  /** Shown across the plot when there is nothing to draw. */
  empty: string;
}

/** What the last drawing showed (test API). */
export interface ChartDrawn {
  draws: number;
  xTicks: string[];
  yTicks: string[];
  points: number;
  limits: number[];
  markers: number;
  forecast: boolean;
}

const BG = '#0d1117';
const AXIS = '#c9d7e3';
const GRID = 'rgba(201,215,227,0.14)';
const LINE = '#7CFC9A';
const BAND = 'rgba(124,252,154,0.2)';
const MARK = { raised: '#e4572e', cleared: '#29bf12', acknowledged: '#2e86de', note: '#f3d36b' } as const;

const pad2 = (n: number) => String(n).padStart(2, '0');
/** A tick's time in words: "14:05" within a day, "Tue 14:00" or "Tue 1 Dec" over several days. */
export function timeTick(ms: number, spanMs: number): string {
  const d = new Date(ms);
  const hm = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  if (spanMs <= 86_400_000 * 1.5) return hm;
  const day = d.toLocaleDateString('en-GB', { weekday: 'short' });
  return d.getHours() === 0 && d.getMinutes() === 0 ? `${day} ${d.getDate()}` : `${day} ${hm}`;
}

export class PanelChart {
  readonly mesh: Mesh;
  readonly drawn: ChartDrawn = { draws: 0, xTicks: [], yTicks: [], points: 0, limits: [], markers: 0, forecast: false };
  private readonly plot: uPlot;
  private readonly texture: DynamicTexture;
  private content: ChartContent;
  private yRange: [number, number] = [0, 1];

  /** A `width` × `height` px chart shown on a plane `pxPerMetre` px to the metre. */
  constructor(
    scene: Scene,
    name: string,
    private readonly width: number,
    height: number,
    pxPerMetre: number,
    /** Axis and marker text, chart px (the panel's small print, PN8). */
    private readonly fontPx = 24,
  ) {
    const font = `${fontPx}px system-ui, sans-serif`;
    this.content = { from: 0, to: 1, points: [], live: [], limits: [], forecast: null, markers: [], shape: {}, empty: '' };
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      padding: [16, 24, 0, 0],
      scales: {
        x: { time: true, range: () => [this.content.from / 1000, this.xMax() / 1000] },
        y: { range: () => this.yRange },
      },
      axes: [
        {
          stroke: AXIS,
          font,
          // Room for the labels: a line of text and the tick below the plot, five characters beside it.
          size: 2 * fontPx,
          space: 150,
          grid: { stroke: GRID, width: 1 },
          ticks: { stroke: GRID, width: 1, size: 8 },
          values: (_u, splits) => (this.drawn.xTicks = splits.map((s) => timeTick(s * 1000, this.content.to - this.content.from))),
        },
        {
          stroke: AXIS,
          font,
          size: 5 * fontPx,
          space: 60,
          grid: { stroke: GRID, width: 1 },
          ticks: { stroke: GRID, width: 1, size: 8 },
          values: (_u, splits) => (this.drawn.yTicks = splits.map((s) => formatNumber(s, { ...this.content.shape, unit: undefined }))),
        },
      ],
      series: [
        {},
        { stroke: 'transparent', width: 0, points: { show: false } },
        { stroke: 'transparent', width: 0, points: { show: false } },
        { stroke: LINE, width: 3, points: { show: (u, _s, i0, i1) => i1 - i0 < 3 || u.data[0].length < 3, size: 8, fill: LINE } },
      ],
      bands: [{ series: [2, 1], fill: BAND }],
      hooks: {
        drawClear: [
          (u) => {
            u.ctx.fillStyle = BG;
            u.ctx.fillRect(0, 0, u.ctx.canvas.width, u.ctx.canvas.height);
          },
        ],
        draw: [(u) => this.drawOverlays(u)],
      },
    };
    this.plot = new uPlot(opts, [[], [], [], []]);
    const canvas = this.plot.ctx.canvas;
    this.texture = new DynamicTexture(`${name}-texture`, canvas, scene, true, Texture.TRILINEAR_SAMPLINGMODE);
    this.texture.hasAlpha = false;
    this.mesh = CreatePlane(name, { width: width / pxPerMetre, height: height / pxPerMetre }, scene);
    this.mesh.isPickable = false;
    markVirtual(this.mesh);
    const mat = new StandardMaterial(`${name}-material`, scene);
    mat.disableLighting = true;
    mat.emissiveTexture = this.texture;
    mat.diffuseColor = Color3.Black();
    mat.specularColor = Color3.Black();
    this.mesh.material = mat;
  }

  /** Replaces what the chart shows and redraws it. */
  show(content: ChartContent): void {
    this.content = content;
    const pts = mergePoints(content.points, content.live, content.from);
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of pts) {
      lo = Math.min(lo, p.min);
      hi = Math.max(hi, p.max);
    }
    for (const l of content.limits) {
      lo = Math.min(lo, l.value);
      hi = Math.max(hi, l.value);
    }
    if (content.forecast) {
      lo = Math.min(lo, content.forecast.to.v);
      hi = Math.max(hi, content.forecast.to.v);
    }
    if (!Number.isFinite(lo)) [lo, hi] = [content.shape.minimum ?? 0, content.shape.maximum ?? 1];
    if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
    const margin = (hi - lo) * 0.08;
    this.yRange = [lo - margin, hi + margin];
    this.drawn.points = pts.length;
    this.plot.setData([pts.map((p) => p.t / 1000), pts.map((p) => p.min), pts.map((p) => p.max), pts.map((p) => p.avg)], true);
  }

  private xMax(): number {
    return Math.max(this.content.to, this.content.forecast?.to.t ?? 0);
  }

  /** Limits, forecast and markers on top of the plot, then the texture upload. */
  private drawOverlays(u: uPlot): void {
    const g = u.ctx;
    const c = this.content;
    const { left, top, width, height } = u.bbox;
    // Canvas pixels per chart pixel (the device pixel ratio uPlot drew with).
    const r = g.canvas.width / this.width;
    const font = `${Math.round(this.fontPx * r)}px system-ui, sans-serif`;
    const x = (ms: number) => u.valToPos(ms / 1000, 'x', true);
    const y = (v: number) => u.valToPos(v, 'y', true);
    g.save();
    g.font = font;
    g.lineWidth = 3 * r;
    g.textBaseline = 'bottom';
    for (const l of c.limits) {
      g.strokeStyle = l.color;
      g.fillStyle = l.color;
      g.setLineDash([14 * r, 10 * r]);
      g.beginPath();
      g.moveTo(left, y(l.value));
      g.lineTo(left + width, y(l.value));
      g.stroke();
      g.textAlign = 'left';
      g.fillText(l.label, left + 8 * r, y(l.value) - 4 * r);
    }
    if (c.forecast) {
      g.strokeStyle = c.forecast.color;
      g.setLineDash([6 * r, 8 * r]);
      g.beginPath();
      g.moveTo(x(c.forecast.from.t), y(c.forecast.from.v));
      g.lineTo(x(c.forecast.to.t), y(c.forecast.to.v));
      g.stroke();
    }
    g.setLineDash([]);
    g.lineWidth = 2 * r;
    g.textAlign = 'center';
    g.textBaseline = 'top';
    let markers = 0;
    for (const m of c.markers) {
      if (m.at < c.from || m.at > this.xMax()) continue;
      markers++;
      const mx = x(m.at);
      g.strokeStyle = MARK[m.kind];
      g.fillStyle = MARK[m.kind];
      g.beginPath();
      g.moveTo(mx, top + 28 * r);
      g.lineTo(mx, top + height);
      g.stroke();
      g.fillText(m.kind === 'note' ? '✎' : m.kind === 'raised' ? '▲' : m.kind === 'cleared' ? '▽' : '✓', mx, top);
    }
    if (this.drawn.points === 0 && c.empty) {
      g.fillStyle = AXIS;
      g.textBaseline = 'middle';
      g.fillText(c.empty, left + width / 2, top + height / 2);
    }
    g.restore();
    this.drawn.draws++;
    this.drawn.limits = c.limits.map((l) => l.value);
    this.drawn.markers = markers;
    this.drawn.forecast = c.forecast !== null;
    this.texture.update();
  }

  dispose(): void {
    this.plot.destroy();
    this.texture.dispose();
    this.mesh.material?.dispose();
    this.mesh.dispose();
  }
}

/** History buckets, then the live values newer than the last bucket, inside the window. */
export function mergePoints(points: readonly ChartPoint[], live: readonly { t: number; v: number }[], from: number): ChartPoint[] {
  const out = points.filter((p) => p.t >= from - 1);
  const after = out.length ? out[out.length - 1]!.t : from;
  for (const l of live) if (l.t > after && l.t >= from) out.push({ t: l.t, min: l.v, avg: l.v, max: l.v });
  return out;
}
