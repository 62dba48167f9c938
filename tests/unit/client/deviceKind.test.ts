/**
 * What a page says it is (SPEC UX10): a touch screen is a phone or, from 600 CSS px on its shorter
 * side, a tablet; a mouse or touchpad as the primary pointer makes a desktop, touch screen or not; the
 * people list reads each kind in words.
 */
import { describe, expect, it } from 'vitest';
import { deviceKindOf, TABLET_MIN_SIDE, type ScreenFacts } from '../../../client/input/deviceKind.js';
import { modeLabel } from '../../../client/avatars/modeLabel.js';
import { ClientMode } from '../../../shared/protocol/values.js';

const desktop: ScreenFacts = { coarse: false, anyFine: true, touchPoints: 0, screenWidth: 1920, screenHeight: 1080 };
const phone: ScreenFacts = { coarse: true, anyFine: false, touchPoints: 5, screenWidth: 390, screenHeight: 844 };

describe('device kind', () => {
  it('UX10: a finger-first screen is a phone held either way, a tablet from 600 px on its shorter side', () => {
    expect(deviceKindOf(phone)).toBe('phone');
    expect(deviceKindOf({ ...phone, screenWidth: 844, screenHeight: 390 })).toBe('phone');
    expect(deviceKindOf({ ...phone, screenWidth: 412, screenHeight: 915 })).toBe('phone');
    expect(deviceKindOf({ ...phone, screenWidth: 768, screenHeight: 1024 })).toBe('tablet');
    expect(deviceKindOf({ ...phone, screenWidth: 1180, screenHeight: 820 })).toBe('tablet');
    expect(deviceKindOf({ ...phone, screenWidth: TABLET_MIN_SIDE - 1, screenHeight: 900 })).toBe('phone');
    // A touch screen whose browser does not answer the pointer query, with no mouse either.
    expect(deviceKindOf({ ...phone, coarse: false })).toBe('phone');
  });

  it('UX10: a mouse or touchpad first is a desktop, with or without a touch screen', () => {
    expect(deviceKindOf(desktop)).toBe('desktop');
    // A laptop with a touch screen: fine primary pointer, touch points too.
    expect(deviceKindOf({ ...desktop, touchPoints: 10, screenWidth: 1366, screenHeight: 768 })).toBe('desktop');
    // A small desktop window is still a desktop: the screen decides, not the window.
    expect(deviceKindOf({ ...desktop, screenWidth: 390, screenHeight: 844 })).toBe('desktop');
  });

  it('UX10: every mode reads in words in the people list; one this client does not know shows as it came', () => {
    expect(ClientMode.options.map(modeLabel)).toEqual(['desktop', 'on a phone', 'on a tablet', 'in VR', 'in AR']);
    expect(modeLabel('hologram')).toBe('hologram');
  });
});
