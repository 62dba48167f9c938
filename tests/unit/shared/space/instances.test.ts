/** Instances of a space (SPEC J6): their names, and what a layout may ask for. */
import { describe, expect, it } from 'vitest';
import { check } from '../../../../shared/protocol/validation.js';
import { SpaceLayout } from '../../../../shared/space/layout.js';
import { MAX_INSTANCES, instanceName } from '../../../../shared/space/instances.js';

const layout = (overflow: unknown) => ({
  version: 1,
  title: 'Line',
  hall: { width: 20, depth: 20, height: 5 },
  spawn: { x: 0, z: 0, yaw: 0 },
  overflow,
});

describe('space instances', () => {
  it('J6: instance 1 is the space itself (no name of its own); the others are “<space> (n)”', () => {
    expect(instanceName('line-1', 1)).toBe('');
    expect(instanceName('line-1', 2)).toBe('line-1 (2)');
    expect(instanceName('line-1', 16)).toBe('line-1 (16)');
  });

  it('J6: a layout asks for 2 to 16 instances in all; anything else is refused', () => {
    expect(check(SpaceLayout, layout({ instances: 2 })).ok).toBe(true);
    expect(check(SpaceLayout, layout({ instances: MAX_INSTANCES })).ok).toBe(true);
    for (const bad of [{ instances: 1 }, { instances: MAX_INSTANCES + 1 }, { instances: 2.5 }, true, { instances: 2, name: 'x' }])
      expect(check(SpaceLayout, layout(bad)).ok).toBe(false);
  });
});
