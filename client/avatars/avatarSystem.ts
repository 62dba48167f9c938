/**
 * Draws everyone else: one AvatarView per remote person, created and removed as the store changes,
 * posed every frame from their interpolated pose buffer.
 */
import type { Scene } from '@babylonjs/core/scene.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { createPose } from '../../shared/protocol/pose.js';
import type { Frame, System } from '../core/system.js';
import { AvatarParts } from './avatarParts.js';
import { AvatarView } from './avatarView.js';
import type { AvatarStore } from './store.js';
import { tagOpacities } from './tagCulling.js';

/** How often the drawn name tags are chosen again (ms): people walk, but not that fast. */
const TAG_CHOICE_MS = 100;

export interface AvatarSystem extends System {
  readonly views: ReadonlyMap<string, AvatarView>;
}

export function createAvatarSystem(scene: Scene, store: AvatarStore): AvatarSystem {
  const parts = new AvatarParts(scene);
  const views = new Map<string, AvatarView>();
  const scratch = createPose();
  // Scratch for choosing the drawn tags, reused every time (no allocation per frame).
  const tagViews: AvatarView[] = [];
  const tagDistances: number[] = [];
  const tagOpacity: number[] = [];
  const tagOrder: number[] = [];
  let tagsChosenAt = -Infinity;

  /** Draws the nearest name tags only, fading far ones (SPEC AV4). */
  const chooseTags = (now: number) => {
    const eye = scene.activeCamera?.globalPosition;
    if (!eye || now - tagsChosenAt < TAG_CHOICE_MS) return;
    tagsChosenAt = now;
    tagViews.length = 0;
    tagDistances.length = 0;
    for (const view of views.values()) {
      tagViews.push(view);
      tagDistances.push(Vector3.Distance(view.tag.mesh.position, eye));
    }
    tagOpacities(tagDistances, tagViews.length, tagOpacity, tagOrder);
    for (let i = 0; i < tagViews.length; i++) tagViews[i]!.tag.setOpacity(tagOpacity[i]!);
  };

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
      chooseTags(frame.now);
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
