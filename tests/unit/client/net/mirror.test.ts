/**
 * The avatar mirror (client/net/mirror.ts): the synced avatars become AvatarStore entries through
 * Colyseus' change callbacks — metadata when a field changed, a pose snapshot when a joint or the
 * pose flags changed, nothing for the avatars a patch did not touch.
 */
import { describe, expect, it } from 'vitest';
import { AvatarState } from '../../../../shared/state/avatar.js';
import type { SpaceState } from '../../../../shared/state/space.js';
import { AvatarStore } from '../../../../client/avatars/store.js';
import { attachMirror } from '../../../../client/net/mirror.js';
import { createStateSync } from '../../../../client/net/stateSync.js';
import { feedState } from '../../../support/stateFeed.js';

function addAvatar(server: SpaceState, id: string, name: string): AvatarState {
  const a = new AvatarState();
  a.name = name;
  a.head.py = 1.6;
  server.avatars.set(id, a);
  return a;
}

/** A held clock: each patch is stamped with the time the test sets. */
function clock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

describe('avatar mirror', () => {
  it('CL4 the first state adds everyone with one pose snapshot each', () => {
    const feed = feedState((s) => {
      addAvatar(s, 'a', 'Ada');
      addAvatar(s, 'b', 'Bo');
    });
    const store = new AvatarStore();
    attachMirror(createStateSync(feed.room), store, clock().now);
    expect([...store.avatars.keys()]).toEqual(['a', 'b']);
    expect(store.avatars.get('a')!.name).toBe('Ada');
    expect(store.avatars.get('a')!.poses.size).toBe(1);
    expect(store.avatars.get('a')!.poses.latest()!.head.py).toBeCloseTo(1.6, 5);
  });

  it('CL4 a moved joint adds one snapshot to that avatar only, stamped with the patch time; a name change adds none', () => {
    let a!: AvatarState;
    const feed = feedState((s) => {
      a = addAvatar(s, 'a', 'Ada');
      addAvatar(s, 'b', 'Bo');
    });
    const store = new AvatarStore();
    const c = clock();
    attachMirror(createStateSync(feed.room), store, c.now);
    const changed: string[] = [];
    store.onChanged((x) => changed.push(x.id));
    c.t = 50;
    a.left.px = 0.3;
    a.head.qy = 1000;
    feed.patch();
    expect(store.avatars.get('a')!.poses.size).toBe(2);
    expect(store.avatars.get('b')!.poses.size).toBe(1);
    expect(store.avatars.get('a')!.poses.latest()!.left.px).toBeCloseTo(0.3, 5);
    expect(changed).toEqual([]);
    c.t = 100;
    a.name = 'Ada L.';
    a.muted = true;
    feed.patch();
    expect(changed).toEqual(['a']);
    expect(store.avatars.get('a')).toMatchObject({ name: 'Ada L.', muted: true });
    expect(store.avatars.get('a')!.poses.size).toBe(2);
    c.t = 150;
    a.flags = 2;
    feed.patch();
    expect(store.avatars.get('a')!.poses.size).toBe(3);
    expect(store.avatars.get('a')!.poses.latest()!.flags).toBe(2);
  });

  it('CL4 someone joining is added, someone leaving removed; a new room drops who left while away', () => {
    const feed = feedState((s) => void addAvatar(s, 'a', 'Ada'));
    const store = new AvatarStore();
    attachMirror(createStateSync(feed.room), store, clock().now);
    addAvatar(feed.server, 'b', 'Bo');
    feed.patch();
    expect(store.avatars.get('b')).toMatchObject({ name: 'Bo' });
    expect(store.avatars.get('b')!.poses.size).toBe(1);
    feed.server.avatars.delete('a');
    feed.patch();
    expect([...store.avatars.keys()]).toEqual(['b']);
    const back = feedState((s) => void addAvatar(s, 'c', 'Cy'));
    attachMirror(createStateSync(back.room), store, clock().now);
    expect([...store.avatars.keys()]).toEqual(['c']);
  });
});
