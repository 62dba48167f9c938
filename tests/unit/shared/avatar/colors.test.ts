/** Picking avatar colours that differ from everyone present (SPEC AV2) and the distance they use. */
import { describe, expect, it } from 'vitest';
import { AVATAR_PALETTE, NEAR_IDENTICAL_DELTA_E, deltaE, hexToLab, pickColor } from '../../../../shared/avatar/colors.js';
import { AVATAR_STYLES, pickStyle } from '../../../../shared/avatar/styles.js';

describe('CIE Lab and the 1976 colour difference (ΔE)', () => {
  it('AV2: white, black and a primary land where the CIE tables put them', () => {
    const white = hexToLab('#ffffff');
    expect(white.l).toBeCloseTo(100, 2);
    expect(Math.abs(white.a) + Math.abs(white.b)).toBeLessThan(0.01);
    expect(hexToLab('#000000').l).toBeCloseTo(0, 5);
    // sRGB red in Lab (D65) is about (53.24, 80.09, 67.20).
    const red = hexToLab('#ff0000');
    expect(red.l).toBeCloseTo(53.24, 1);
    expect(red.a).toBeCloseTo(80.09, 0);
    expect(red.b).toBeCloseTo(67.2, 0);
    expect(deltaE('#ffffff', '#000000')).toBeCloseTo(100, 2);
    expect(deltaE('#123456', '#123456')).toBe(0);
  });

  it('AV2: every palette colour is clearly apart from every other (well over the near-identical line)', () => {
    for (const a of AVATAR_PALETTE)
      for (const b of AVATAR_PALETTE) if (a !== b) expect(deltaE(a, b), `${a} vs ${b}`).toBeGreaterThan(2 * NEAR_IDENTICAL_DELTA_E);
  });
});

describe('pickColor', () => {
  it('AV2: a person alone keeps the colour they picked; with none picked they get the first palette colour', () => {
    expect(pickColor('#123456', [])).toEqual({ color: '#123456', choice: 'kept' });
    expect(pickColor(undefined, [])).toEqual({ color: AVATAR_PALETTE[0], choice: 'assigned' });
  });

  it('AV2: a picked colour is kept when merely similar, replaced when near-identical to someone present', () => {
    // Two purples a person tells apart side by side.
    expect(deltaE('#7b61ff', '#5b3fd0')).toBeGreaterThan(NEAR_IDENTICAL_DELTA_E);
    expect(pickColor('#5b3fd0', ['#7b61ff']).choice).toBe('kept');
    // The same purple, a shade off: replaced by a distinct palette colour.
    const r = pickColor('#7c60fe', ['#7b61ff']);
    expect(r.choice).toBe('replaced');
    expect(deltaE(r.color, '#7b61ff')).toBeGreaterThan(2 * NEAR_IDENTICAL_DELTA_E);
  });

  it('AV2: the assigned colour is the palette colour farthest from everyone present', () => {
    const present = ['#e4572e', '#2e86de', '#29bf12'];
    const { color } = pickColor(undefined, present);
    const gap = (c: string) => Math.min(...present.map((p) => deltaE(p, c)));
    for (const c of AVATAR_PALETTE) expect(gap(color)).toBeGreaterThanOrEqual(gap(c));
    expect(present).not.toContain(color);
  });

  it('AV2: twelve people joining without a colour all get different ones', () => {
    const present: string[] = [];
    for (let i = 0; i < AVATAR_PALETTE.length; i++) present.push(pickColor(undefined, present).color);
    expect(new Set(present).size).toBe(AVATAR_PALETTE.length);
  });

  it('AV2: a picked colour comes back in lower case, so the same colour compares equal', () => {
    expect(pickColor('#ABCDEF', [])).toEqual({ color: '#abcdef', choice: 'kept' });
  });
});

describe('pickStyle', () => {
  it('AV1: a newcomer without a style gets the one fewest people present wear, earliest on a tie', () => {
    expect(pickStyle([])).toBe(AVATAR_STYLES[0]);
    expect(pickStyle(['visor'])).toBe('round');
    expect(pickStyle(['visor', 'round', 'block', 'cone', 'slim', 'visor'])).toBe('round');
    const worn: string[] = [];
    for (let i = 0; i < AVATAR_STYLES.length; i++) worn.push(pickStyle(worn));
    expect([...worn].sort()).toEqual([...AVATAR_STYLES].sort());
  });
});
