/**
 * Twins over the wire: mirrors `SpaceState.twins` into the TwinStore after each patch (only twins
 * whose data changed), marks them all stale while the connection is lost, sends twin messages, and
 * passes on `twin.history` and `twin.event`.
 */
import type { Room } from 'colyseus.js';
import { type TwinEventMessage, type TwinHistoryMessage } from '../../shared/protocol/twinMessages.js';
import type { SpaceState } from '../../shared/state/space.js';
import type { TwinState } from '../../shared/state/twin.js';
import { commandStatusOf, qualityOf, severityOf, type PartPose } from '../../shared/twin/data.js';
import { unitSymbol } from '../../shared/twin/units.js';
import type { AlarmInfo, CommandInfo, ForecastInfo, PropertyValue, TwinStore } from '../twins/store.js';
import type { SpaceConnection } from './connection.js';

/** A cheap fingerprint of everything a twin shows, so unchanged twins are not rebuilt every patch. */
function fingerprint(t: TwinState): string {
  let s = `${t.title}|${t.quality}|${t.source}|${t.px},${t.py},${t.pz},${t.qx},${t.qy},${t.qz},${t.qw},${t.scale}|${t.notes.length}`;
  t.properties.forEach((p, k) => (s += `|${k}:${p.num}:${p.text}:${p.ts}:${p.quality}:${p.desired}:${p.trend}`));
  t.alarms.forEach((a, k) => (s += `|a${k}:${a.since}`));
  t.forecasts.forEach((f, k) => (s += `|f${k}:${f.at}`));
  t.commands.forEach((c, k) => (s += `|c${k}:${c.status}`));
  t.parts.forEach((p, k) => (s += `|p${k}:${p.holder}:${p.px},${p.py},${p.pz},${p.qx},${p.qy},${p.qz},${p.qw}`));
  t.viewers.forEach((v, k) => (s += `|v${k}`));
  return s;
}

function copy(t: TwinState, store: TwinStore): void {
  const properties = new Map<string, PropertyValue>();
  t.properties.forEach((p, k) =>
    properties.set(k, {
      type: p.type,
      num: p.num,
      text: p.text,
      unit: unitSymbol(p.unit),
      ts: p.ts,
      quality: qualityOf(p.quality),
      desired: p.desired,
      trend: p.trend,
    }),
  );
  const alarms: AlarmInfo[] = [];
  t.alarms.forEach((a) =>
    alarms.push({
      id: a.id,
      property: a.property,
      severity: severityOf(a.severity),
      message: a.message,
      since: a.since,
      value: a.value,
    }),
  );
  const forecasts: ForecastInfo[] = [];
  t.forecasts.forEach((f) =>
    forecasts.push({
      id: f.id,
      property: f.property,
      severity: severityOf(f.severity),
      message: f.message,
      at: f.at,
      limit: f.limit,
    }),
  );
  forecasts.sort((a, b) => a.at - b.at);
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
  commands.sort((a, b) => b.at - a.at);
  const parts = new Map<string, PartPose>();
  t.parts.forEach((p, k) =>
    parts.set(k, { holder: p.holder, holderName: p.holderName, p: [p.px, p.py, p.pz], q: [p.qx, p.qy, p.qz, p.qw] }),
  );
  const viewers = new Map<string, string>();
  t.viewers.forEach((name, id) => viewers.set(id, name));
  store.put({
    id: t.id,
    title: t.title,
    source: t.source,
    quality: qualityOf(t.quality),
    position: [t.px, t.py, t.pz],
    rotation: [t.qx, t.qy, t.qz, t.qw],
    scale: t.scale,
    notes: [...t.notes],
    properties,
    alarms,
    forecasts,
    commands,
    parts,
    viewers,
  });
}

export interface TwinNet {
  command(twin: string, action: string, input?: unknown): void;
  grab(twin: string, part: string): void;
  move(twin: string, part: string, p: [number, number, number], q: [number, number, number, number]): void;
  release(twin: string, part: string): void;
  panel(twin: string, open: boolean): void;
  onHistory(l: (m: TwinHistoryMessage) => void): () => void;
  onEvent(l: (m: TwinEventMessage) => void): () => void;
}

export function connectTwins(connection: SpaceConnection, store: TwinStore): TwinNet {
  const history = new Set<(m: TwinHistoryMessage) => void>();
  const events = new Set<(m: TwinEventMessage) => void>();
  const prints = new Map<string, string>();
  connection.onRoom((room: Room<SpaceState>) => {
    const sync = (state: SpaceState) => {
      const seen = new Set<string>();
      state.twins.forEach((t, id) => {
        seen.add(id);
        const f = fingerprint(t);
        if (prints.get(id) === f) return;
        prints.set(id, f);
        copy(t, store);
      });
      for (const id of [...store.twins.keys()]) {
        if (seen.has(id)) continue;
        store.remove(id);
        prints.delete(id);
      }
    };
    room.onStateChange(sync);
    // A reconnected room has no state until its first patch arrives.
    if (room.state?.twins) sync(room.state);
    const offHistory = room.onMessage('twin.history', (m: TwinHistoryMessage) => history.forEach((l) => l(m)));
    const offEvent = room.onMessage('twin.event', (m: TwinEventMessage) => events.forEach((l) => l(m)));
    return () => {
      room.onStateChange.remove(sync);
      offHistory();
      offEvent();
    };
  });
  // While the connection is lost nothing here is live, whatever the last patch said (SPEC RS6): every
  // twin and value shows stale until the next room's first patch rewrites them all.
  connection.onStatus((s) => {
    if (s.state !== 'reconnecting' && s.state !== 'failed') return;
    prints.clear();
    for (const t of [...store.twins.values()]) {
      if (t.quality === 'stale' && [...t.properties.values()].every((p) => p.quality === 'stale')) continue;
      const properties = new Map([...t.properties].map(([k, p]) => [k, { ...p, quality: 'stale' as const }]));
      store.put({ ...t, quality: 'stale', properties });
    }
  });
  return {
    command: (twin, action, input) => connection.send('twin.command', input === undefined ? { twin, action } : { twin, action, input }),
    grab: (twin, part) => connection.send('twin.grab', { twin, part }),
    move: (twin, part, p, q) => connection.send('twin.move', { twin, part, p, q }),
    release: (twin, part) => connection.send('twin.release', { twin, part }),
    panel: (twin, open) => connection.send('twin.panel', { twin, open }),
    onHistory(l) {
      history.add(l);
      return () => history.delete(l);
    },
    onEvent(l) {
      events.add(l);
      return () => events.delete(l);
    },
  };
}
