/**
 * A small machine with two movable parts (a cover and a knob on it) placed at x = 4, turned 90° (its
 * +z faces +x), scale 2: the cover rests at (4 + 2, 2.8, 0). The client's part-reach and put-back
 * tests judge parts against this one placement.
 */
import type { TwinExtension } from '../../shared/twin/extension.js';
import { eulerDegToQuat } from '../../shared/twin/math.js';

/** The machine's model and movable parts; the knob's reach is the test's to choose. */
export const movableMachine = (knobReach: number): Pick<TwinExtension, 'model' | 'movable'> =>
  ({
    model: {
      primitives: [
        { id: 'base', shape: 'box', size: [2, 1, 2], position: [0, 0.5, 0], color: '#888888' },
        { id: 'cover', shape: 'box', size: [1, 0.8, 0.04], position: [0, 1.4, 1], color: '#888888' },
        { id: 'knob', shape: 'sphere', size: [0.1, 0.1, 0.1], position: [0.2, 0, 0.05], color: '#888888', parent: 'cover' },
      ],
    },
    movable: [
      { part: 'cover', reach: 1 },
      { part: 'knob', reach: knobReach },
    ],
  }) as unknown as Pick<TwinExtension, 'model' | 'movable'>;

/** The machine's turn: 90° about +y. */
export const placedTurn = eulerDegToQuat(0, 90, 0);
