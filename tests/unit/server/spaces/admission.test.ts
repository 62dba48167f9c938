/**
 * Which instance of an overflowing space a join is seated in (SPEC J6): the lowest one with no room
 * yet or a room Colyseus has not locked as full; none when every one is full.
 */
import { describe, expect, it } from 'vitest';
import { chooseInstance } from '../../../../server/spaces/admission.js';

describe('choosing an instance', () => {
  it('J6: the lowest instance that is not full, one with no room yet included; null when all are full', () => {
    expect(chooseInstance([], 3)).toBe(1);
    expect(chooseInstance([{ instance: 1, locked: false }], 3)).toBe(1);
    expect(chooseInstance([{ instance: 1, locked: true }], 3)).toBe(2);
    // Instance 2 closed (everyone left) while 1 and 3 are full: 2 opens again.
    expect(
      chooseInstance(
        [
          { instance: 3, locked: true },
          { instance: 1, locked: true },
        ],
        3,
      ),
    ).toBe(2);
    expect(
      chooseInstance(
        [
          { instance: 1, locked: true },
          { instance: 2, locked: true },
        ],
        2,
      ),
    ).toBeNull();
    // A listing without a readable instance says nothing about any instance.
    expect(chooseInstance([{ locked: true }, { instance: '1', locked: true }], 2)).toBe(1);
  });
});
