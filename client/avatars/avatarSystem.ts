/**
 * Draws everyone else: one AvatarView per remote person, created and removed as the store changes,
 * posed every frame from their interpolated pose buffer.
 */
import type { Scene } from '@babylonjs/core/scene.js';
import { createPose } from '../../shared/protocol/pose.js';
import type { Frame, System } from '../core/system.js';
import { AvatarParts } from './avatarParts.js';
import { AvatarView } from './avatarView.js';
import type { AvatarStore } from './store.js';

export interface AvatarSystem extends System {
  readonly views: ReadonlyMap<string, AvatarView>;
}

export function createAvatarSystem(scene: Scene, store: AvatarStore): AvatarSystem {
  const parts = new AvatarParts(scene);
  const views = new Map<string, AvatarView>();
  const scratch = createPose();

  const add = (id: string) => {
    const info = store.avatars.get(id);
    if (!info || id === store.selfId || views.has(id)) return;
    views.set(id, new AvatarView(scene, parts, info));
  };
  const offAdded = store.onAdded((a) => add(a.id));
  const offRemoved = store.onRemoved((a) => {
    views.get(a.id)?.dispose();
    views.delete(a.id);
  });
  const offChanged = store.onChanged((a) => views.get(a.id)?.refresh(a));
  for (const id of store.avatars.keys()) add(id);

  return {
    name: 'avatars',
    views,
    update(frame: Frame) {
      for (const [id, view] of views) {
        // The self id can arrive after our own avatar was added (first patch before join resolves).
        if (id === store.selfId) {
          view.dispose();
          views.delete(id);
          continue;
        }
        const info = store.avatars.get(id);
        // Each avatar is drawn its own delay behind, fitted to its tier's rate (poseBuffer.ts).
        if (info && info.poses.sampleNow(frame.now, scratch)) view.apply(scratch);
      }
    },
    dispose() {
      offAdded();
      offRemoved();
      offChanged();
      for (const v of views.values()) v.dispose();
      views.clear();
      parts.dispose();
    },
  };
}
