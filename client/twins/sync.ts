/**
 * Twins over the wire: mirrors `SpaceState.twins` into the TwinStore (each twin through its
 * `TwinMirror`, which Colyseus' change callbacks tell what a patch touched; one store update per
 * changed twin per patch), marks them all stale while the connection is lost, and sends twin messages. Their server messages (`twin.history`,
 * `twin.event`) come typed through the connection's `on`.
 */
import type { SpaceConnection } from '../net/connection.js';
import { TwinMirror } from './mirror.js';
import type { TwinStore } from './store.js';

export interface TwinNet {
  command(twin: string, action: string, input?: unknown): void;
  grab(twin: string, part: string): void;
  move(twin: string, part: string, p: [number, number, number], q: [number, number, number, number]): void;
  release(twin: string, part: string): void;
  /** Puts a part nobody holds back where it rests (SPEC G7). */
  returnPart(twin: string, part: string): void;
  panel(twin: string, open: boolean): void;
}

export function connectTwins(connection: SpaceConnection, store: TwinStore): TwinNet {
  connection.onState(({ state, $, afterPatch }) => {
    const mirrors = new Map<string, TwinMirror>();
    /** Twins whose mirror said "changed" during this patch. */
    const changed = new Set<TwinMirror>();
    const flush = () => {
      for (const m of changed) store.put(m.snapshot());
      changed.clear();
    };
    const offs = [
      $(state).twins.onAdd((twin, id) => {
        mirrors.get(id)?.dispose();
        const mirror: TwinMirror = new TwinMirror(twin, $, () => changed.add(mirror));
        mirrors.set(id, mirror);
        changed.add(mirror);
      }),
      $(state).twins.onRemove((_twin, id) => {
        const mirror = mirrors.get(id);
        if (mirror) changed.delete(mirror);
        mirror?.dispose();
        mirrors.delete(id);
        store.remove(id);
      }),
      afterPatch(flush),
    ];
    // A reconnection's state: a twin that went while we were away is gone here too.
    for (const id of [...store.twins.keys()]) if (!mirrors.has(id)) store.remove(id);
    flush();
    return () => {
      for (const off of offs) off();
      for (const m of mirrors.values()) m.dispose();
    };
  });
  // While the connection is lost nothing here is live, whatever the last patch said (SPEC RS6): every
  // twin and value shows stale until the next room's first patch rewrites them all (its mirrors are new).
  connection.onStatus((s) => {
    if (s.state !== 'reconnecting' && s.state !== 'failed') return;
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
    returnPart: (twin, part) => connection.send('twin.return_part', { twin, part }),
    panel: (twin, open) => connection.send('twin.panel', { twin, open }),
  };
}
