/**
 * A carried part is held within reach of where it rests (SPEC G2), judged from the same rest pose as
 * the server's `twin.move` check: the definition's rest following the machine's placement, whatever
 * the part's current position (after one move the part is no longer at rest).
 */
import { describe, expect, it } from 'vitest';
import { movableMachine, placedTurn } from '../../../support/movableMachine.js';
import { movableParts } from '../../../../client/twins/partReach.js';
import { createRoomTwin } from '../../../../server/twins/room/roomTwins.js';

const ext = movableMachine(0.5);
const q = placedTurn;
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
