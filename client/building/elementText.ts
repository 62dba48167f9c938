/**
 * A building element's IFC identity as people read it (SPEC BM6, BM8): type, name, GlobalId, storey,
 * then each property set's values. The pointing card shows all of it; a machine's panel the first lines.
 */
import type { BuildingElement, BuildingIndex } from '../../shared/space/building.js';

export interface ElementLines {
  /** `IfcPump · Pump P-101` */
  title: string;
  /** `GlobalId 2ljK… · Ground floor` */
  identity: string;
  /** One line per property set: `Pset_PumpTypeCommon: FlowRateRange 0–120 m³/h, NominalRotationSpeed 1450`. */
  psets: string[];
}

export function storeyName(index: Pick<BuildingIndex, 'storeys'>, storey: number): string {
  return index.storeys[storey]?.name || (storey < 0 ? 'no storey' : `storey ${storey + 1}`);
}

export function elementLines(index: Pick<BuildingIndex, 'storeys'>, e: BuildingElement): ElementLines {
  return {
    title: e.name ? `${e.type} · ${e.name}` : e.type,
    identity: `GlobalId ${e.globalId || '(none)'} · ${storeyName(index, e.storey)}`,
    psets: Object.entries(e.psets).map(
      ([set, values]) =>
        `${set}: ${Object.entries(values)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    ),
  };
}
