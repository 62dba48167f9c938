/**
 * Reactions shown over people's heads (SPEC RX3): one billboard per person, a text plane (so XR sees
 * it, unlike HTML), above the name tag, for {@link REACTION_SHOW_MS}. A new reaction from the same
 * person replaces the one showing. Times are the caller's (the frame's clock), so nothing here waits.
 */
import type { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { createTextPlane, type TextPlane } from '../../ui3d/textPlane.js';

export const REACTION_SHOW_MS = 3000;
/** Above the head: over the name tag (0.32 m), with room for it. */
const RISE = 0.62;

interface Bubble {
  plane: TextPlane;
  emoji: string;
  until: number;
}

export class ReactionBubbles {
  private readonly bubbles = new Map<string, Bubble>();

  constructor(private readonly scene: Scene) {}

  show(id: string, emoji: string, now: number): void {
    let b = this.bubbles.get(id);
    if (!b) {
      const plane = createTextPlane(this.scene, `reaction-${id}`, { width: 0.34, height: 0.34, px: 256, billboard: true });
      b = { plane, emoji, until: 0 };
      this.bubbles.set(id, b);
    }
    b.emoji = emoji;
    b.until = now + REACTION_SHOW_MS;
    b.plane.draw([{ text: emoji, size: 0.62 }], 'rgba(255,255,255,0.9)');
  }

  /** Moves each bubble over its head and removes the ones whose time is up or whose person is gone. */
  update(now: number, headOf: (id: string) => Vector3 | undefined): void {
    for (const [id, b] of this.bubbles) {
      const head = headOf(id);
      if (!head || now >= b.until) {
        b.plane.dispose();
        this.bubbles.delete(id);
        continue;
      }
      b.plane.mesh.position.set(head.x, head.y + RISE, head.z);
    }
  }

  /** The reaction showing over `id` now, or null (test API). */
  showing(id: string): string | null {
    return this.bubbles.get(id)?.emoji ?? null;
  }

  dispose(): void {
    for (const b of this.bubbles.values()) b.plane.dispose();
    this.bubbles.clear();
  }
}
