/**
 * What the page's link carries into the join (SPEC JT6): the signed invitation token.
 */
import { describe, expect, it } from 'vitest';
import { readLaunchLink } from '../../../client/launch.js';

describe('launch link', () => {
  it('JT6: the token comes from the fragment (#token=…) or the query (?token=…), the fragment first; oversized ones are dropped', () => {
    expect(readLaunchLink('?space=line-1', '#token=abc.def.ghi').token).toBe('abc.def.ghi');
    expect(readLaunchLink('?space=line-1&token=q.q.q').token).toBe('q.q.q');
    expect(readLaunchLink('?token=q.q.q', '#token=f.f.f').token).toBe('f.f.f');
    expect(readLaunchLink('?token=' + 'x'.repeat(2049)).token).toBeUndefined();
    expect(readLaunchLink('?space=line-1')).toEqual({ space: 'line-1' });
  });
});
