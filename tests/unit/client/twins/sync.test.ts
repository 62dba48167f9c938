/**
 * The twins' sync module (client/twins/sync.ts + mirror.ts): the synced twins become TwinStore data
 * through Colyseus' change callbacks, one store update per twin a patch changed and none otherwise.
 */
import { describe, expect, it } from 'vitest';
import { TwinCommandState, TwinPartState, TwinPropertyState, TwinState } from '../../../../shared/state/twin.js';
import type { SpaceState } from '../../../../shared/state/space.js';
import { connectTwins } from '../../../../client/twins/sync.js';
import { TwinStore, type TwinInfo } from '../../../../client/twins/store.js';
import { feedState } from '../../../support/stateFeed.js';

function addTwin(server: SpaceState, id: string, props: string[]): TwinState {
  const t = new TwinState();
  t.id = id;
  t.title = `Machine ${id}`;
  t.source = 'simulator';
  t.quality = 'good';
  for (const name of props) {
    const p = new TwinPropertyState();
    p.unit = 'degreeCelsius';
    p.quality = 'good';
    p.num = 20;
    t.properties.set(name, p);
  }
  server.twins.set(id, t);
  return t;
}

function watch(store: TwinStore) {
  const log: string[] = [];
  store.onAdded((t) => log.push(`added ${t.id}`));
  store.onChanged((t) => log.push(`changed ${t.id}`));
  store.onRemoved((t) => log.push(`removed ${t.id}`));
  return log;
}

describe('twins sync', () => {
  it('CL4 the first state puts every twin once, with what it shows', () => {
    const feed = feedState((s) => {
      addTwin(s, 'a', ['temp', 'rpm']);
      addTwin(s, 'b', ['temp']);
    });
    const store = new TwinStore();
    const log = watch(store);
    connectTwins(feed.connection, store);
    expect(log).toEqual(['added a', 'added b']);
    const a = store.twins.get('a')!;
    expect(a.title).toBe('Machine a');
    expect(a.quality).toBe('good');
    expect([...a.properties.keys()]).toEqual(['temp', 'rpm']);
    expect(a.properties.get('temp')).toMatchObject({ num: 20, unit: '°C', quality: 'good' });
  });

  it('CL4 one property of one twin changes: that twin alone is updated, once; an earlier snapshot keeps its value', () => {
    let a!: TwinState;
    const feed = feedState((s) => {
      a = addTwin(s, 'a', ['temp', 'rpm']);
      addTwin(s, 'b', ['temp']);
    });
    const store = new TwinStore();
    connectTwins(feed.connection, store);
    const before: TwinInfo = store.twins.get('a')!;
    const log = watch(store);
    a.properties.get('temp')!.num = 81.5;
    a.properties.get('temp')!.ts = 1000;
    feed.patch();
    expect(log).toEqual(['changed a']);
    expect(store.twins.get('a')!.properties.get('temp')).toMatchObject({ num: 81.5, ts: 1000 });
    expect(before.properties.get('temp')!.num).toBe(20);
    // Several fields of several properties in one patch: still one update.
    a.properties.get('temp')!.num = 82;
    a.properties.get('rpm')!.num = 1200;
    a.quality = 'stale';
    feed.patch();
    expect(log).toEqual(['changed a', 'changed a']);
    expect(store.twins.get('a')!.quality).toBe('stale');
    expect(store.twins.get('a')!.properties.get('rpm')!.num).toBe(1200);
  });

  it('CL4 a patch that changes nothing a twin shows updates nothing', () => {
    let a!: TwinState;
    const feed = feedState((s) => {
      a = addTwin(s, 'a', ['temp']);
    });
    const store = new TwinStore();
    connectTwins(feed.connection, store);
    const log = watch(store);
    a.properties.get('temp')!.anomaly = 3; // not shown by the client
    feed.patch();
    feed.patch(); // an empty patch
    expect(log).toEqual([]);
  });

  it('CL4 commands, parts and viewers that change in place reach the store', () => {
    let a!: TwinState;
    const feed = feedState((s) => {
      a = addTwin(s, 'a', ['temp']);
      const c = new TwinCommandState();
      c.id = 'c1';
      c.action = 'start';
      c.at = 5;
      a.commands.set('c1', c);
      a.parts.set('door', new TwinPartState());
    });
    const store = new TwinStore();
    connectTwins(feed.connection, store);
    expect(store.twins.get('a')!.commands.map((c) => c.status)).toEqual(['pending']);
    a.commands.get('c1')!.status = 'acknowledged';
    feed.patch();
    expect(store.twins.get('a')!.commands.map((c) => c.status)).toEqual(['acknowledged']);
    const door = a.parts.get('door')!;
    door.holder = 's1';
    door.holderName = 'Ada';
    door.px = 1.5;
    feed.patch();
    expect(store.twins.get('a')!.parts.get('door')).toMatchObject({ holder: 's1', holderName: 'Ada', p: [1.5, 0, 0] });
    a.viewers.set('s1', 'Ada');
    feed.patch();
    expect([...store.twins.get('a')!.viewers]).toEqual([['s1', 'Ada']]);
    a.viewers.delete('s1');
    a.notes.push('forms not bound');
    feed.patch();
    expect(store.twins.get('a')!.viewers.size).toBe(0);
    expect(store.twins.get('a')!.notes).toEqual(['forms not bound']);
  });

  it('CL4 a twin added later arrives with its properties; a removed one leaves the store', () => {
    const feed = feedState((s) => void addTwin(s, 'a', ['temp']));
    const store = new TwinStore();
    connectTwins(feed.connection, store);
    const log = watch(store);
    addTwin(feed.server, 'b', ['temp', 'rpm']);
    feed.patch();
    expect(log).toEqual(['added b']);
    expect([...store.twins.get('b')!.properties.keys()].sort()).toEqual(['rpm', 'temp']);
    feed.server.twins.get('b')!.properties.get('rpm')!.num = 7;
    feed.patch();
    expect(store.twins.get('b')!.properties.get('rpm')!.num).toBe(7);
    feed.server.twins.delete('a');
    feed.patch();
    expect(log).toEqual(['added b', 'changed b', 'removed a']);
    expect([...store.twins.keys()]).toEqual(['b']);
  });

  it('CL4 a new room (a reconnection) drops the twins that went while away', () => {
    const store = new TwinStore();
    connectTwins(feedState((s) => ['a', 'b'].forEach((id) => addTwin(s, id, ['temp']))).connection, store);
    expect([...store.twins.keys()]).toEqual(['a', 'b']);
    connectTwins(feedState((s) => void addTwin(s, 'b', ['temp'])).connection, store);
    expect([...store.twins.keys()]).toEqual(['b']);
  });

  it('RS6 while the connection is lost every twin and value shows stale; the next room state is live again', () => {
    const store = new TwinStore();
    const feed = feedState((s) => void addTwin(s, 'a', ['temp']));
    connectTwins(feed.connection, store);
    expect(store.twins.get('a')?.quality).toBe('good');
    feed.status({ state: 'reconnecting', attempt: 1, secondsLeft: 30 });
    const lost = store.twins.get('a')!;
    expect(lost.quality).toBe('stale');
    expect(lost.properties.get('temp')?.quality).toBe('stale');
    // The rejoined room's first state rewrites the twin from what the server says now.
    connectTwins(feedState((s) => void addTwin(s, 'a', ['temp'])).connection, store);
    expect(store.twins.get('a')?.quality).toBe('good');
    expect(store.twins.get('a')?.properties.get('temp')?.quality).toBe('good');
  });
});
