/**
 * A machine's name in its panel's header (SPEC PN7): whole on one line when it fits, a little smaller
 * when that makes it fit, on two lines at a size that fits them, cut with "…" only beyond that; the
 * header grows for two lines and everything below moves down with it, decided when the panel opens.
 * Measured here with a fixed-width face (every character 0.55 of the size), the browser measures Arial.
 */
import { describe, expect, it } from 'vitest';
import { fitTitle, TITLE_MIN_SIZE, TITLE_SIZE, type Measure } from '../../../../client/twins/panelTitle.js';
import { layoutPanel, layoutRects, titleWidth, type Rect } from '../../../../client/twins/panelLayout.js';

const mono: Measure = (text, size) => text.length * size * 0.55;
const width = titleWidth(true);
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('panel title (SPEC PN7)', () => {
  it('PN7: a short name stays on one line at the title size', () => {
    expect(fitTitle('Coolant pump 1', width, mono)).toEqual({ size: TITLE_SIZE, lines: 1, cut: false });
  });

  it('PN7: a name a little too long shrinks on its line; a longer one takes two lines, no word cut', () => {
    const chars = (size: number) => Math.floor(width / (size * 0.55));
    const slightly = 'x'.repeat(chars(TITLE_SIZE) + 1);
    const one = fitTitle(slightly, width, mono);
    expect(one.lines).toBe(1);
    expect(one.size).toBeLessThan(TITLE_SIZE);
    expect(mono(slightly, one.size)).toBeLessThanOrEqual(width);

    const long = 'Main coolant recirculation pump 4, north bay';
    const two = fitTitle(long, width, mono);
    expect(two).toMatchObject({ lines: 2, cut: false });
    expect(two.size).toBeGreaterThanOrEqual(TITLE_MIN_SIZE);
    // Each word fits its line at that size.
    for (const word of long.split(' ')) expect(mono(word, two.size)).toBeLessThanOrEqual(width);
  });

  it('PN7: a name too long for two lines at the smallest size is cut (a press says it whole)', () => {
    const huge = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    expect(fitTitle(huge, width, mono)).toEqual({ size: TITLE_MIN_SIZE, lines: 2, cut: true });
    // One unbreakable word wider than the header cannot wrap either.
    expect(fitTitle('x'.repeat(200), width, mono).cut).toBe(true);
  });

  it('PN7: a two-line header is taller, Close stays at its top, and nothing overlaps', () => {
    const input = { properties: ['a', 'b', 'c'], actions: [{ id: 'start', kind: 'button' as const }], problem: false, narrow: true };
    const one = layoutPanel(input);
    const two = layoutPanel({ ...input, titleLines: 2 });
    expect(two.title.h).toBeGreaterThan(one.title.h);
    expect(two.close).toEqual(one.close);
    expect(two.status.y - one.status.y).toBe(two.title.h - one.title.h);
    const rects = layoutRects(two);
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++)
        expect(overlap(rects[i]![1], rects[j]![1]), `${rects[i]![0]} × ${rects[j]![0]}`).toBe(false);
  });
});
