/**
 * The board's drawing surface as a 2D canvas: its size in pixels, the empty board (a faint dot grid)
 * and strokes drawn onto it from board units.
 */
import { BOARD_UNITS_H, BOARD_UNITS_W } from '../../../shared/protocol/board.js';

/** Texture size: 0.64 px per board unit (≈ 2.3 mm per pixel on a 4.8 m board). */
export const TEX_W = 2048;
export const TEX_H = 1152;
const SCALE = TEX_W / BOARD_UNITS_W;

/** A stroke's pen and its points as u, v pairs in board units. */
export interface DrawnStroke {
  color: string;
  width: number;
  points: readonly number[];
}

/** Draws `s` from its point `fromPoint` on (a lone point is a dot). */
export function drawStroke(g: CanvasRenderingContext2D, s: DrawnStroke, fromPoint: number): void {
  const p = s.points;
  g.strokeStyle = s.color;
  g.fillStyle = s.color;
  g.lineWidth = s.width * SCALE;
  g.lineCap = 'round';
  g.lineJoin = 'round';
  if (p.length === 2) {
    g.beginPath();
    g.arc(p[0]! * SCALE, p[1]! * SCALE, (s.width * SCALE) / 2, 0, Math.PI * 2);
    g.fill();
    return;
  }
  const start = Math.min(fromPoint, p.length / 2 - 1);
  g.beginPath();
  g.moveTo(p[start * 2]! * SCALE, p[start * 2 + 1]! * SCALE);
  for (let i = start + 1; i < p.length / 2; i++) g.lineTo(p[i * 2]! * SCALE, p[i * 2 + 1]! * SCALE);
  g.stroke();
}

/** The empty board: white with a faint dot grid every 100 units. */
export function dotGrid(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = TEX_W;
  c.height = TEX_H;
  const g = c.getContext('2d')!;
  g.fillStyle = '#fbfcfd';
  g.fillRect(0, 0, TEX_W, TEX_H);
  g.fillStyle = '#d5dbe1';
  for (let u = 100; u < BOARD_UNITS_W; u += 100)
    for (let v = 100; v < BOARD_UNITS_H; v += 100) {
      g.beginPath();
      g.arc(u * SCALE, v * SCALE, 1.6, 0, Math.PI * 2);
      g.fill();
    }
  return c;
}
