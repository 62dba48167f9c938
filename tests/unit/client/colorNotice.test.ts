/** What a person is told when the server gave them another colour than the one they picked (SPEC AV3). */
import { describe, expect, it } from 'vitest';
import { colorNotice } from '../../../client/ui/notices.js';

describe('colour notice', () => {
  it('AV3: says so when the picked colour was replaced, naming both; nothing when kept or none was picked', () => {
    expect(colorNotice('#7b61ff', '#29bf12')).toBe('Someone here already wears a colour very like #7b61ff, so you wear #29bf12 instead.');
    expect(colorNotice('#7B61FF', '#7b61ff')).toBeNull();
    expect(colorNotice(undefined, '#29bf12')).toBeNull();
  });
});
