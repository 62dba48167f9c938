/**
 * The client's view of the machines in this space: plain data that `client/twins/sync.ts` fills from
 * the room state and the twin views, panels and HUD read. Nothing here sees Colyseus types.
 */
import type { Alarm, Command, Forecast, PartPose, PropertyValue, Quality, Quat, Vec3 } from '../../shared/twin/data.js';
import { Listeners } from '../core/listeners.js';

// The plain shape of a twin's data is declared once, in shared/twin/data.ts; these are its names here.
export type { PartPose, PropertyValue };
export type AlarmInfo = Alarm;
/** An alarm the trend of `property` reaches at `at` (ms since the Unix epoch) if nothing changes. */
export type ForecastInfo = Forecast;
export type CommandInfo = Command;

export interface TwinInfo {
  readonly id: string;
  title: string;
  source: string;
  quality: Quality;
  /** Placement, protocol frame. */
  position: Vec3;
  rotation: Quat;
  scale: number;
  notes: string[];
  properties: Map<string, PropertyValue>;
  alarms: AlarmInfo[];
  /** Soonest first. */
  forecasts: ForecastInfo[];
  /** Newest first. */
  commands: CommandInfo[];
  parts: Map<string, PartPose>;
  /** Session id → name of who has the panel open. */
  viewers: Map<string, string>;
  /** Bumped on every change, so views can skip work when nothing changed. */
  version: number;
}

type Listener = (twin: TwinInfo) => void;

export class TwinStore {
  readonly twins = new Map<string, TwinInfo>();
  private readonly added = new Listeners<TwinInfo>();
  private readonly removed = new Listeners<TwinInfo>();
  private readonly changed = new Listeners<TwinInfo>();

  /** Replaces a twin's data (or adds the twin); tells listeners. */
  put(info: Omit<TwinInfo, 'version'>): void {
    const old = this.twins.get(info.id);
    const next: TwinInfo = { ...info, version: (old?.version ?? 0) + 1 };
    this.twins.set(info.id, next);
    (old ? this.changed : this.added).emit(next);
  }

  remove(id: string): void {
    const t = this.twins.get(id);
    if (!t) return;
    this.twins.delete(id);
    this.removed.emit(t);
  }

  /** All active alarms in the space, most severe first. */
  activeAlarms(): { twin: TwinInfo; alarm: AlarmInfo }[] {
    const rank = { critical: 0, warning: 1, info: 2 } as const;
    const out: { twin: TwinInfo; alarm: AlarmInfo }[] = [];
    for (const twin of this.twins.values()) for (const alarm of twin.alarms) out.push({ twin, alarm });
    return out.sort((a, b) => rank[a.alarm.severity] - rank[b.alarm.severity] || a.alarm.since - b.alarm.since);
  }

  /** All forecast alarms in the space, soonest first. */
  forecastAlarms(): { twin: TwinInfo; forecast: ForecastInfo }[] {
    const out: { twin: TwinInfo; forecast: ForecastInfo }[] = [];
    for (const twin of this.twins.values()) for (const forecast of twin.forecasts) out.push({ twin, forecast });
    return out.sort((a, b) => a.forecast.at - b.forecast.at);
  }

  onAdded(l: Listener): () => void {
    return this.added.add(l);
  }

  onRemoved(l: Listener): () => void {
    return this.removed.add(l);
  }

  onChanged(l: Listener): () => void {
    return this.changed.add(l);
  }
}
