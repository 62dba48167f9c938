import { describe, expect, it } from 'vitest';
import { pushOut } from '../../../client/player/desktopMovement.js';
import { normaliseSpace, readLaunchLink } from '../../../client/launch.js';
import { orderSystems, type PhasedSystem } from '../../../client/core/phases.js';
import { ActionRegistry } from '../../../client/core/actions.js';

describe('walking into things', () => {
  const rack = { minX: 0, maxX: 4, minZ: 0, maxZ: 1 };
  it.each([
    ['outside stays put', 5, 5, 5, 5],
    ['grazing the side is pushed out to the radius', 2, 1.1, 2, 1.3],
    ['inside leaves by the nearest side', 2, 0.9, 2, 1.3],
  ])('%s', (_w, x, z, ex, ez) => {
    const p = pushOut(rack, x, z, 0.3);
    expect(p.x).toBeCloseTo(ex, 6);
    expect(p.z).toBeCloseTo(ez, 6);
  });
});

describe('the link (SPEC E5)', () => {
  it.each([
    [null, 'factory'],
    ['', 'factory'],
    ['Line 2 / East', 'line-2-east'],
    ['Zoë', 'zoe'],
    ['!!!', 'factory'],
  ])('space %j → %s', (raw, space) => {
    expect(normaliseSpace(raw)).toBe(space);
  });

  it('reads name and colour, ignoring bad ones', () => {
    expect(readLaunchLink('?space=a&name=Ada&color=%23ff0000')).toEqual({ space: 'a', name: 'Ada', color: '#ff0000' });
    expect(readLaunchLink('?name=%00&color=red')).toEqual({ space: 'factory' });
  });
});

describe('frame order', () => {
  it('runs systems by phase, in registration order within a phase', () => {
    const s = (name: string, phase: PhasedSystem['phase']): PhasedSystem => ({ name, phase, update() {}, dispose() {} });
    const ordered = orderSystems([
      s('send', 'network'),
      s('input', 'input'),
      s('twins', 'render'),
      s('xr', 'pose'),
      s('body', 'pose'),
      s('move', 'simulation'),
    ]);
    expect(ordered.map((x) => x.name)).toEqual(['input', 'move', 'xr', 'body', 'twins', 'send']);
  });
});

describe('menu actions', () => {
  it('lists registered actions and tells menus when they change', () => {
    const r = new ActionRegistry();
    let changes = 0;
    r.onChange(() => changes++);
    let muted = false;
    const off = r.register({ id: 'mute', label: () => (muted ? 'Unmute' : 'Mute'), active: () => muted, run: () => (muted = !muted) });
    expect(r.list().map((a) => a.label())).toEqual(['Mute']);
    r.get('mute')!.run();
    expect(r.get('mute')!.label()).toBe('Unmute');
    off();
    expect(r.list()).toEqual([]);
    expect(changes).toBe(2);
  });
});
