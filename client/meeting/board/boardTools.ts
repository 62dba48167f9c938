/**
 * The board's tools: pens in five colours and an eraser, with their widths in board units, and what a
 * pick on the board can land on.
 */

export const PEN_COLORS = ['#1d2125', '#1e63d6', '#d62e2e', '#1f9d55', '#ef7d00'] as const;
export const PEN_WIDTH = 7;
export const ERASER_RADIUS = 28;

export type Tool = { kind: 'pen'; color: string } | { kind: 'eraser' };

/** What a pick on the board landed on. */
export type BoardTarget = { kind: 'surface' } | { kind: 'tool'; tool: Tool } | { kind: 'clear' };
