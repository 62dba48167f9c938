/**
 * Which instance of an overflowing space a join is seated in (SPEC J6): the lowest one with no room
 * yet or a room Colyseus has not locked as full; none when every one is full. And the admission
 * around it: a building still being read past the bound is the retryable 4439 (SPEC BM2); the
 * instance it writes into the options is taken out again when Colyseus retries with them.
 */
import type { AuthContext } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../../shared/protocol/version.js';
import { check } from '../../../../shared/protocol/validation.js';
import { JoinOptions, joinOptions } from '../../../../shared/protocol/messages.js';
import { SpaceLayout } from '../../../../shared/space/layout.js';
import { admitToSpace, chooseInstance } from '../../../../server/rooms/admission.js';
import { SpaceLayouts } from '../../../../server/spaces/layouts.js';
import { createLogger } from '../../../../server/log.js';
import type { Admission } from '../../../../server/security/joinToken.js';

/** The real guard's option check (unknown fields refused, J1), without passcodes or tokens. */
const guard = (_token: string | undefined, options: unknown): Promise<Admission> => {
  const r = check(JoinOptions, options);
  return r.ok ? Promise.resolve(r.value) : Promise.reject(Object.assign(new Error(r.problems), { code: CloseCode.BAD_JOIN_OPTIONS }));
};
const layout = SpaceLayout.parse({ version: 1, title: 'Hall', hall: { width: 20, depth: 20, height: 5 }, spawn: { x: 0, z: 0, yaw: 0 } });
const layouts = new SpaceLayouts(new Map([['hall', layout]]), []);
const context = { token: '', headers: {}, ip: '127.0.0.1' } as unknown as AuthContext;
const log = createLogger('silent');

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

describe('the admission', () => {
  it('BM2: a building not read within the bound is refused with 4439, not waited for', async () => {
    const admit = admitToSpace(guard, { layouts, buildings: { ready: () => new Promise<void>(() => undefined) }, buildingWaitMs: 1, log });
    await expect(admit(undefined, joinOptions({ space: 'hall', name: 'A', color: '#123456' }), context)).rejects.toMatchObject({
      code: CloseCode.SPACE_PREPARING,
    });
  });

  it('J6 J1: the instance is written into the options, taken out when Colyseus retries with them; a client’s own is refused', async () => {
    const admit = admitToSpace(guard, { layouts, buildings: { ready: () => Promise.resolve() }, log });
    const options: Record<string, unknown> = { ...joinOptions({ space: 'hall', name: 'A', color: '#123456' }) };
    await admit(undefined, options, context);
    expect(options.instance).toBe(1);
    // Colyseus' retry (a seat gone meanwhile) passes the same object again.
    await admit(undefined, options, context);
    expect(options.instance).toBe(1);
    await expect(admit(undefined, { ...options }, context)).rejects.toMatchObject({ code: CloseCode.BAD_JOIN_OPTIONS });
  });
});
