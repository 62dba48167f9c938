/**
 * A machine bound to a building element speaks through the element too (SPEC BM8): the element is
 * tinted in the colour of the machine's most severe active alarm, grey while its data is stale, and
 * shown as it is otherwise. The machine's panel carries the element's identity and properties.
 */
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { TwinInfo } from './store.js';
import { SEVERITY_COLORS } from './twinView.js';
import type { BuildingModel } from '../building/buildingModel.js';
import { elementLines } from '../building/elementText.js';

export const STALE_TINT = '#8a96a3';
const RANK = { info: 0, warning: 1, critical: 2 } as const;

/** The tint of the element a machine is, or null for none. */
export function elementTint(info: Pick<TwinInfo, 'alarms' | 'quality'>): string | null {
  let worst: keyof typeof RANK | null = null;
  for (const a of info.alarms) if (worst === null || RANK[a.severity] > RANK[worst]) worst = a.severity;
  if (worst) return SEVERITY_COLORS[worst];
  return info.quality === 'good' ? null : STALE_TINT;
}

/** Tints the element `info`'s machine is bound to, if any. */
export function tintBoundElement(building: BuildingModel | null, info: TwinInfo): void {
  const id = building?.index.twins[info.id];
  if (building && id !== undefined) {
    const hex = elementTint(info);
    building.tint(id, hex ? Color3.FromHexString(hex) : null);
  }
}

/** The lines the panel of machine `twin` shows about its element: title, identity, up to three property sets. */
export function elementPanelLines(building: BuildingModel | null, twin: string): string[] | undefined {
  const id = building?.index.twins[twin];
  const e = id === undefined ? undefined : building?.element(id);
  if (!building || !e) return undefined;
  const l = elementLines(building.index, e);
  return [`Building element: ${l.title}`, l.identity, ...l.psets.slice(0, 3)];
}
