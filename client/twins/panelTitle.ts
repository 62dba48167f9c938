/**
 * How a machine's name fits its panel's header (SPEC PN7): whole on one line at the title size, else
 * a little smaller, else on two lines at a size that fits them, and only a name too long even for
 * that ends in "…" (a press on it then says the whole name). Decided when the panel opens, from the
 * name and the header's width, so the layout (PN2) knows the header's height up front.
 */

import { titleWidth } from './panelLayout.js';

/** Texture px: the title's size when it fits, and the smallest it shrinks to. */
export const TITLE_SIZE = 46;
export const TITLE_MIN_SIZE = 30;
/** The panel's text face (Babylon GUI's default) and the title's weight. */
const TITLE_FONT = (size: number) => `600 ${size}px Arial`;

export interface TitleFit {
  /** Font size, texture px. */
  size: number;
  lines: 1 | 2;
  /** The name does not fit even on two lines at the smallest size: the second line ends in "…". */
  cut: boolean;
}

/** Width of `text` at `size` px, in the same px. */
export type Measure = (text: string, size: number) => number;

/** Greedy word wrap, as the panel's text blocks wrap: the number of lines `title` takes (a word wider than a line counts as not fitting). */
function linesAt(title: string, width: number, size: number, measure: Measure): number {
  const words = title.split(/\s+/).filter((w) => w);
  let lines = 0;
  let line = '';
  for (const word of words) {
    if (measure(word, size) > width) return Infinity;
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, size) > width) {
      lines++;
      line = word;
    } else line = next;
  }
  return lines + (line ? 1 : 0);
}

export function fitTitle(title: string, width: number, measure: Measure): TitleFit {
  // One line: the title size, or a little smaller (a line's worth of shrink reads as the same header).
  for (let size = TITLE_SIZE; size >= 38; size -= 4) if (measure(title, size) <= width) return { size, lines: 1, cut: false };
  for (let size = 38; size >= TITLE_MIN_SIZE; size -= 2)
    if (linesAt(title, width, size, measure) <= 2) return { size, lines: 2, cut: false };
  return { size: TITLE_MIN_SIZE, lines: 2, cut: true };
}

let canvas: CanvasRenderingContext2D | null = null;
/** Measures with the browser's own text metrics, in the panel's face. */
export const measureText: Measure = (text, size) => {
  canvas ??= document.createElement('canvas').getContext('2d');
  if (!canvas) return text.length * size * 0.6; // no 2D canvas: an Arial-ish estimate
  canvas.font = TITLE_FONT(size);
  return canvas.measureText(text).width;
};

/** How `title` fits the header of a wide or a narrow panel, measured in the browser. */
export const titleFitFor = (title: string, narrow: boolean): TitleFit => fitTitle(title, titleWidth(narrow), measureText);
