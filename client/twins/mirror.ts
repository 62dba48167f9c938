/**
 * One twin of the synced state, mirrored as the plain data `TwinStore` holds. Colyseus' change
 * callbacks note what a patch touched — the twin's own fields, one property, one of its collections —
 * and `snapshot()` reads only that again: a patch where one property of one machine changed reads one
 * property, not every field of every twin (which is what the fingerprint it replaces did).
 */
import type { TwinPropertyState, TwinState } from '../../shared/state/twin.js';
import { commandStatusOf, qualityOf, severityOf, type PartPose } from '../../shared/twin/data.js';
import { unitSymbol } from '../../shared/twin/units.js';
import type { StateCallbacks } from '../net/stateSync.js';
import type { AlarmInfo, CommandInfo, ForecastInfo, PropertyValue, TwinInfo } from './store.js';

/** The parts of a twin that are read again as a whole when anything in them changed (all small). */
type Collection = 'notes' | 'alarms' | 'forecasts' | 'commands' | 'parts' | 'viewers';

function readProperty(p: TwinPropertyState): PropertyValue {
  return {
    type: p.type,
    num: p.num,
    text: p.text,
    unit: unitSymbol(p.unit),
    ts: p.ts,
    quality: qualityOf(p.quality),
    desired: p.desired,
    trend: p.trend,
  };
}

/** Whether two readings show the same (a change of a field the client does not show is no change). */
function sameValue(a: PropertyValue, b: PropertyValue): boolean {
  return (
    a.num === b.num &&
    a.text === b.text &&
    a.ts === b.ts &&
    a.quality === b.quality &&
    a.desired === b.desired &&
    a.trend === b.trend &&
    a.type === b.type &&
    a.unit === b.unit
  );
}

const readers: { [C in Collection]: (t: TwinState) => TwinInfo[C] } = {
  notes: (t) => [...t.notes],
  alarms: (t) => {
    const alarms: AlarmInfo[] = [];
    t.alarms.forEach((a) =>
      alarms.push({
        id: a.id,
        property: a.property,
        severity: severityOf(a.severity),
        message: a.message,
        since: a.since,
        value: a.value,
        ackBy: a.ackBy,
        ackByName: a.ackByName,
        ackAt: a.ackAt,
      }),
    );
    return alarms;
  },
  forecasts: (t) => {
    const forecasts: ForecastInfo[] = [];
    t.forecasts.forEach((f) =>
      forecasts.push({ id: f.id, property: f.property, severity: severityOf(f.severity), message: f.message, at: f.at, limit: f.limit }),
    );
    return forecasts.sort((a, b) => a.at - b.at);
  },
  commands: (t) => {
    const commands: CommandInfo[] = [];
    t.commands.forEach((c) =>
      commands.push({
        id: c.id,
        action: c.action,
        input: c.input,
        by: c.by,
        byName: c.byName,
        status: commandStatusOf(c.status),
        reason: c.reason,
        at: c.at,
        doneAt: c.doneAt,
      }),
    );
    return commands.sort((a, b) => b.at - a.at);
  },
  parts: (t) => {
    const parts = new Map<string, PartPose>();
    t.parts.forEach((p, k) =>
      parts.set(k, { holder: p.holder, holderName: p.holderName, p: [p.px, p.py, p.pz], q: [p.qx, p.qy, p.qz, p.qw] }),
    );
    return parts;
  },
  viewers: (t) => {
    const viewers = new Map<string, string>();
    t.viewers.forEach((name, id) => viewers.set(id, name));
    return viewers;
  },
};

export class TwinMirror {
  private readonly properties = new Map<string, PropertyValue>();
  private readonly collections: { -readonly [C in Collection]: TwinInfo[C] };
  /** Collections a callback marked since the last snapshot. */
  private readonly stale = new Set<Collection>();
  /** False while the constructor registers (its immediate callbacks are the first reading) and after dispose. */
  private live = false;

  /** Follows `twin` through `$`; `changed` is called (maybe several times a patch) when it shows something new. */
  constructor(
    readonly twin: TwinState,
    $: StateCallbacks,
    private readonly changed: () => void,
  ) {
    const $t = $(twin);
    this.collections = {
      notes: readers.notes(twin),
      alarms: readers.alarms(twin),
      forecasts: readers.forecasts(twin),
      commands: readers.commands(twin),
      parts: readers.parts(twin),
      viewers: readers.viewers(twin),
    };
    // The twin's own fields: title, quality, source, placement (read again whole: a dozen fields).
    $t.onChange(() => this.mark());
    $t.properties.onAdd((p, name) => {
      this.properties.set(name, readProperty(p));
      this.mark();
      $(p).onChange(() => {
        const value = readProperty(p);
        const before = this.properties.get(name);
        if (before && sameValue(before, value)) return;
        this.properties.set(name, value);
        this.mark();
      });
    });
    $t.properties.onRemove((_p, name) => {
      this.properties.delete(name);
      this.mark();
    });
    const watch = <V>(
      collection: Collection,
      items: { onAdd(cb: (item: V) => void): unknown; onRemove(cb: () => void): unknown; onChange(cb: () => void): unknown },
      perItem: boolean,
    ) => {
      items.onAdd((item) => {
        this.mark(collection);
        // Schema items (a command's status, a part's pose) change in place; their own callbacks say so.
        if (perItem) ($ as (i: unknown) => { onChange(cb: () => void): unknown })(item).onChange(() => this.mark(collection));
      });
      items.onRemove(() => this.mark(collection));
      items.onChange(() => this.mark(collection));
    };
    watch('notes', $t.notes, false);
    // An acknowledgement changes an active alarm in place.
    watch('alarms', $t.alarms, true);
    watch('forecasts', $t.forecasts, true);
    watch('commands', $t.commands, true);
    watch('parts', $t.parts, true);
    watch('viewers', $t.viewers, false);
    this.live = true;
  }

  /** The twin as plain data now, reading again only what changed since the last call. */
  snapshot(): Omit<TwinInfo, 'version'> {
    for (const c of this.stale) (this.collections as Record<Collection, unknown>)[c] = readers[c](this.twin);
    this.stale.clear();
    const t = this.twin;
    return {
      id: t.id,
      title: t.title,
      source: t.source,
      quality: qualityOf(t.quality),
      position: [t.px, t.py, t.pz],
      rotation: [t.qx, t.qy, t.qz, t.qw],
      scale: t.scale,
      // A copy per snapshot: a listener holding the previous snapshot keeps what it saw.
      properties: new Map(this.properties),
      ...this.collections,
    };
  }

  /** Stops telling (the twin left the state, or the room was replaced). */
  dispose(): void {
    this.live = false;
  }

  private mark(collection?: Collection): void {
    if (!this.live) return;
    if (collection) this.stale.add(collection);
    this.changed();
  }
}
