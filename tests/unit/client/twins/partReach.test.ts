/**
 * A carried part is held within reach of where it rests (SPEC G2), judged from the same rest pose as
 * the server's `twin.move` check: the definition's rest following the machine's placement, whatever
 * the part's current position (after one move the part is no longer at rest).
 */
import { describe, expect, it } from 'vitest';
import type { TwinExtension } from '../../../../shared/twin/extension.js';
import { eulerDegToQuat } from '../../../../shared/twin/math.js';
import { movableParts } from '../../../../client/twins/partReach.js';
import { createRoomTwin } from '../../../../server/twins/room/roomTwins.js';

const ext = {
  model: {
    primitives: [
      { id: 'base', shape: 'box', size: [2, 1, 2], position: [0, 0.5, 0], color: '#888888' },
      { id: 'cover', shape: 'box', size: [1, 0.8, 0.04], position: [0, 1.4, 1], color: '#888888' },
      { id: 'knob', shape: 'sphere', size: [0.1, 0.1, 0.1], position: [0.2, 0, 0.05], color: '#888888', parent: 'cover' },
    ],
  },
  movable: [
    { part: 'cover', reach: 1 },
    { part: 'knob', reach: 0.5 },
  ],
} as unknown as Pick<TwinExtension, 'model' | 'movable'>;

// Placed at x = 4, turned 90° (its +z faces +x), scale 2: the cover rests at (4 + 2, 2.8, 0).
const q = eulerDegToQuat(0, 90, 0);
const placed = {
  position: [4, 0, 0] as [number, number, number],
  rotation: [q.x, q.y, q.z, q.w] as [number, number, number, number],
  scale: 2,
};

describe('part reach', () => {
  it('G2: rest and reach follow the placement (reach × scale), not where the part is now', () => {
    const parts = movableParts(placed, ext);
    const cover = parts.get('cover')!;
    expect(cover.reach).toBe(2);
    expect(cover.rest[0]).toBeCloseTo(6, 6);
    expect(cover.rest[1]).toBeCloseTo(2.8, 6);
    expect(cover.rest[2]).toBeCloseTo(0, 6);
    expect(parts.get('knob')!.reach).toBe(1);
  });

  it('G2: the client judges reach from the same rest the server checks twin.move against', () => {
    const live = {
      id: 'm',
      def: { title: 'Mill', ext: { ...ext, alarms: [], setpoints: [] } },
      source: 'simulator',
      quality: 'good',
      notes: [],
      properties: new Map(),
      alarms: new Map(),
    };
    const rt = createRoomTwin(live as never, { twin: 'm', position: [4, 0, 0], yawDeg: 90, scale: 2 } as never);
    for (const [id, mine] of movableParts(placed, ext)) {
      const server = rt.parts.get(id)!;
      expect(mine.reach).toBeCloseTo(server.reach, 9);
      mine.rest.forEach((c, i) => expect(c).toBeCloseTo(server.rest[i]!, 6));
    }
  });
});
