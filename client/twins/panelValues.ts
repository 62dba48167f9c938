/**
 * The panel's value cells: one per property with its title, its value (and the set-point it is
 * heading for) and a quality dot. Numbers and booleans can be charted: a click on their cell selects
 * them, and the charted one is outlined.
 */
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import type { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import { formatQuantity } from '../../shared/twin/format.js';
import { text, PANEL_COLORS } from '../ui3d/panel.js';
import { shapeOf } from './commandWords.js';
import type { TwinDefinition } from './definitions.js';
import { ELLIPSIS, type PanelSurface } from './panelSurface.js';
import type { TwinInfo } from './store.js';

/** The colour of each data quality, for dots and the status line. */
export const QUALITY_COLOR = { good: '#29bf12', stale: '#9fb0c0', bad: '#e4572e', no_data: '#6b7785' } as const;
const CELL = '#1b232d';
const SELECTED = '#2e86de';

interface ValueCell {
  cell: Rectangle;
  value: TextBlock;
  dot: TextBlock;
  chartable: boolean;
}

export class PanelValues {
  private readonly cells = new Map<string, ValueCell>();

  constructor(
    s: PanelSurface,
    private readonly def: TwinDefinition,
    select: (property: string) => void,
  ) {
    for (const [name, schema] of Object.entries(def.properties)) {
      const r = s.layout.values.get(name)!;
      const cell = s.put(new Rectangle(`${def.id}-${name}-cell`), r);
      cell.background = CELL;
      cell.cornerRadius = 10;
      cell.thickness = 0;
      cell.color = SELECTED;
      // The label above the value, in the layout's small print (larger on a phone, PN8).
      const small = s.layout.text.small;
      const label = text(`${def.id}-${name}-label`, schema.title ?? name, small, PANEL_COLORS.muted);
      s.put(label, { x: 14, y: 4, w: r.w - 28, h: small + 6 }, cell);
      const value = text(`${def.id}-${name}-value`, '—', 32, PANEL_COLORS.text, true);
      s.put(value, { x: 14, y: small + 8, w: r.w - 50, h: 40 }, cell);
      const dot = text(`${def.id}-${name}-dot`, '●', 26, QUALITY_COLOR.stale);
      s.put(dot, { x: r.w - 36, y: 34, w: 26, h: 36 }, cell);
      for (const t of [label, value]) t.textWrapping = ELLIPSIS;
      const chartable = schema.type === 'number' || schema.type === 'integer' || schema.type === 'boolean';
      if (chartable) {
        cell.onPointerClickObservable.add(() => select(name));
        s.register(`row:${name}`, cell);
      }
      this.cells.set(name, { cell, value, dot, chartable });
    }
  }

  chartable(property: string): boolean {
    return this.cells.get(property)?.chartable ?? false;
  }

  /** The first property with an alarm rule (what people watch), else the first chartable one. */
  defaultProperty(): string | null {
    const chartable = [...this.cells].filter(([, c]) => c.chartable).map(([n]) => n);
    return chartable.find((n) => this.def.ext.alarms.some((a) => a.property === n)) ?? chartable[0] ?? null;
  }

  /** Outlines the charted property's cell. */
  outline(selected: string | null): void {
    for (const [name, c] of this.cells) c.cell.thickness = name === selected ? 3 : 0;
  }

  update(info: TwinInfo): void {
    for (const [name, cell] of this.cells) {
      const v = info.properties.get(name);
      if (!v || v.ts === 0) {
        cell.value.text = '—';
        cell.dot.color = QUALITY_COLOR.stale;
        continue;
      }
      const shape = { ...shapeOf(this.def.properties[name]), unit: v.unit || undefined };
      const shown =
        v.type === 'boolean' ? (v.num ? 'yes' : 'no') : v.type === 'number' || v.type === 'integer' ? formatQuantity(v.num, shape) : v.text;
      const desired = Number(v.desired);
      const pending = v.desired ? ` → ${Number.isFinite(desired) ? formatQuantity(desired, shape) : v.desired}` : '';
      cell.value.text = shown + pending;
      cell.value.color = pending ? '#f3a712' : PANEL_COLORS.text;
      cell.dot.color = QUALITY_COLOR[v.quality] ?? QUALITY_COLOR.stale;
    }
  }
}
