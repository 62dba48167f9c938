/**
 * The client's twin mirroring as it was before the change callbacks (commit 4827e63,
 * client/twins/sync.ts): after every patch, a fingerprint of every field of every twin, and a full
 * copy of each twin whose fingerprint changed. Kept only so bench/patchCost.ts can measure the old and
 * the new way on the same patches in one run; nothing in the product imports it.
 */
import type { SpaceState } from '../shared/state/space.js';
import type { TwinState } from '../shared/state/twin.js';
import { commandStatusOf, qualityOf, severityOf, type PartPose } from '../shared/twin/data.js';
import { unitSymbol } from '../shared/twin/units.js';
import type { AlarmInfo, CommandInfo, ForecastInfo, PropertyValue, TwinStore } from '../client/twins/store.js';

/** A cheap fingerprint of everything a twin shows, so unchanged twins are not rebuilt every patch. */
function fingerprint(t: TwinState): string {
  let s = `${t.title}|${t.quality}|${t.source}|${t.px},${t.py},${t.pz},${t.qx},${t.qy},${t.qz},${t.qw},${t.scale}|${t.notes.length}`;
  t.properties.forEach((p, k) => (s += `|${k}:${p.num}:${p.text}:${p.ts}:${p.quality}:${p.desired}:${p.trend}`));
  t.alarms.forEach((a, k) => (s += `|a${k}:${a.since}:${a.ackAt}`));
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
      ackBy: a.ackBy,
      ackByName: a.ackByName,
      ackAt: a.ackAt,
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

/** The old per-patch sync of the twins: call after every patch. */
export function fingerprintSync(store: TwinStore): (state: SpaceState) => void {
  const prints = new Map<string, string>();
  return (state) => {
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
}

/** The old meeting mirror's test for a change: a string key of every meeting and board field, every patch. */
export function meetingKeySync(): (state: SpaceState) => boolean {
  let last = '';
  return (state) => {
    const m = state.meeting;
    const b = state.board;
    const key = `${m.locked}|${m.passcode}|${b.x}|${b.y}|${b.z}|${b.yaw}|${b.width}|${b.sharer}`;
    if (key === last) return false;
    last = key;
    return true;
  };
}
