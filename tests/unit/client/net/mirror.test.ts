/**
 * The avatar mirror (client/net/mirror.ts): the synced avatars become AvatarStore entries through
 * Colyseus' change callbacks — metadata when a field changed, nothing for the avatars a patch did not
 * touch. Poses do not come this way (pose frames, poseFrames.test.ts).
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
  server.avatars.set(id, a);
  return a;
}

describe('avatar mirror', () => {
  it('CL4 the first state adds everyone', () => {
    const feed = feedState((s) => {
      addAvatar(s, 'a', 'Ada');
      addAvatar(s, 'b', 'Bo');
    });
    const store = new AvatarStore();
    attachMirror(createStateSync(feed.room), store);
    expect([...store.avatars.keys()]).toEqual(['a', 'b']);
    expect(store.avatars.get('a')!.name).toBe('Ada');
  });

  it('CL4 a changed field updates that avatar only, once per patch', () => {
    let a!: AvatarState;
    const feed = feedState((s) => {
      a = addAvatar(s, 'a', 'Ada');
      addAvatar(s, 'b', 'Bo');
    });
    const store = new AvatarStore();
    attachMirror(createStateSync(feed.room), store);
    const changed: string[] = [];
    store.onChanged((x) => changed.push(x.id));
    a.name = 'Ada L.';
    a.muted = true;
    feed.patch();
    expect(changed).toEqual(['a']);
    expect(store.avatars.get('a')).toMatchObject({ name: 'Ada L.', muted: true });
    a.flags = 2;
    feed.patch();
    expect(changed).toEqual(['a', 'a']);
    expect(store.avatars.get('a')!.flags).toBe(2);
    feed.patch();
    expect(changed).toEqual(['a', 'a']);
  });

  it('CL4 someone joining is added, someone leaving removed; a new room drops who left while away', () => {
    const feed = feedState((s) => void addAvatar(s, 'a', 'Ada'));
    const store = new AvatarStore();
    attachMirror(createStateSync(feed.room), store);
    addAvatar(feed.server, 'b', 'Bo');
    feed.patch();
    expect(store.avatars.get('b')).toMatchObject({ name: 'Bo' });
    feed.server.avatars.delete('a');
    feed.patch();
    expect([...store.avatars.keys()]).toEqual(['b']);
    const back = feedState((s) => void addAvatar(s, 'c', 'Cy'));
    attachMirror(createStateSync(back.room), store);
    expect([...store.avatars.keys()]).toEqual(['c']);
  });
});
