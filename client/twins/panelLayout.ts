/**
 * Where everything on a machine's panel sits, in texture pixels, decided once from the definition
 * when the panel opens (SPEC PN2). Nothing on the panel is stacked after something whose height
 * depends on live data: values, chart, range buttons, alarms, actions, the confirmation bar and the
 * command log each own a fixed area, so no button moves while the panel is open — aiming at Start
 * can never land on Stop because a trend line appeared above it.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How an action is drawn: one button, a slider with its button, or a row of choice buttons. */
export type ActionShape =
  { id: string; kind: 'button' } | { id: string; kind: 'slider' } | { id: string; kind: 'choice'; values: string[] };

export interface PanelLayoutInput {
  /** Property names, in TD order. */
  properties: string[];
  actions: ActionShape[];
  /** Whether a definition problem needs its own line. */
  problem: boolean;
  /** Lines of the building element the machine is (SPEC BM8); none when it is bound to no element. */
  elementLines?: number;
  /**
   * A tall, narrow panel for a portrait window (a phone): fewer columns, a lower chart and larger small
   * print, so the text reads at the size a phone shows it (SPEC PN8).
   */
  narrow?: boolean;
  /** Lines the machine's name takes in the header (panelTitle.ts, SPEC PN7). */
  titleLines?: 1 | 2;
}

export interface PanelLayout {
  /** Texture size, pixels. */
  width: number;
  height: number;
  /** Text sizes (texture px): `small` for value labels, chart axes and the element's lines, `note` for the command log and action labels. */
  text: { small: number; note: number };
  title: Rect;
  close: Rect;
  status: Rect;
  viewers: Rect;
  problem: Rect | null;
  /** The building element's identity and properties (SPEC BM8). */
  element: Rect | null;
  /** One cell per property (click to chart it). */
  values: Map<string, Rect>;
  /** The charted property's name, trend and forecast. */
  chartTitle: Rect;
  chart: Rect;
  ranges: Rect[];
  /** Active alarms: a fixed number of lines. */
  alarms: Rect[];
  actionsTitle: Rect;
  /** Button of each action (`id`, or `id:value` for choices); a slider's track is in `sliders`. */
  buttons: Map<string, Rect>;
  sliders: Map<string, Rect>;
  /** Text of a slider or choice row (its title and value). */
  labels: Map<string, Rect>;
  /** The confirmation bar: its question, then Confirm at the far end, Cancel before it. */
  confirmText: Rect;
  confirm: Rect;
  cancel: Rect;
  /** The last commands: a fixed number of lines. */
  log: Rect[];
}

/** The panel's scale (px of texture per metre): texts' sizes are chosen for it. */
export const PANEL_PX_PER_M = 1000;
/**
 * Width (px; 1.4 m), columns of values and of buttons, chart height and small print: wide, and narrow
 * for phones (SPEC PN8). The wide panel stands in two columns — values and actions on the left, the
 * chart, alarms and command log on the right — so it is about as wide as a desktop window's free part
 * and shows large there (its 24 px small print at 14–16 CSS px in 1280×720); the narrow one stacks
 * them, 760 px wide with 28 px small print, which a 390×844 phone shows at 12–13 CSS px.
 */
export const PANEL_GRID = {
  wide: { width: 1400, left: 640, values: 2, buttons: 3, chart: 380, small: 24, note: 26 },
  narrow: { width: 760, left: 0, values: 2, buttons: 3, chart: 260, small: 28, note: 28 },
} as const;
const PAD = 28;
const GAP = 10;
/** Between the wide panel's two columns. */
const COLUMN_GAP = 28;
const ROW = 76;
const BUTTON = 76;
const LINE = 40;
const CLOSE_W = 150;
/** The header's height for a name on one line or two (two at most 38 px, PN7). */
const TITLE_H = { 1: 64, 2: 92 } as const;
export const ALARM_LINES = 2;
export const LOG_LINES = 3;

/** The header's width for the machine's name (left of Close), texture px. */
export const titleWidth = (narrow: boolean): number => (narrow ? PANEL_GRID.narrow : PANEL_GRID.wide).width - 2 * PAD - CLOSE_W - GAP;

/** A column being filled top to bottom: its left edge, width, and the next free y. */
interface Column {
  x: number;
  w: number;
  y: number;
}

const take = (c: Column, h: number): Rect => {
  const r = { x: c.x, y: c.y, w: c.w, h };
  c.y += h;
  return r;
};

function valuesIn(c: Column, properties: string[], columns: number): Map<string, Rect> {
  const values = new Map<string, Rect>();
  const colW = (c.w - GAP * (columns - 1)) / columns;
  properties.forEach((name, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    values.set(name, { x: c.x + col * (colW + GAP), y: c.y + row * (ROW + 6), w: colW, h: ROW });
  });
  c.y += Math.ceil(properties.length / columns) * (ROW + 6) + GAP;
  return values;
}

function chartIn(c: Column, chartH: number) {
  const chartTitle = take(c, LINE + 4);
  const chart = take(c, chartH);
  c.y += GAP;
  const ranges: Rect[] = [];
  const rangeW = (c.w - 3 * GAP) / 4;
  for (let i = 0; i < 4; i++) ranges.push({ x: c.x + i * (rangeW + GAP), y: c.y, w: rangeW, h: 64 });
  c.y += 64 + GAP;
  const alarms: Rect[] = [];
  for (let i = 0; i < ALARM_LINES; i++) alarms.push(take(c, LINE));
  c.y += GAP;
  return { chartTitle, chart, ranges, alarms };
}

function actionsIn(c: Column, actions: ActionShape[], columns: number) {
  const actionsTitle = take(c, LINE);
  const buttons = new Map<string, Rect>();
  const sliders = new Map<string, Rect>();
  const labels = new Map<string, Rect>();
  const btnW = (c.w - GAP * (columns - 1)) / columns;
  const slot = (col: number): Rect => ({ x: c.x + col * (btnW + GAP), y: c.y, w: btnW, h: BUTTON });
  // Plain buttons share rows; sliders and choices take a row each, after them.
  const plain = actions.filter((a) => a.kind === 'button');
  plain.forEach((a, i) => {
    if (i > 0 && i % columns === 0) c.y += BUTTON + GAP;
    buttons.set(a.id, slot(i % columns));
  });
  if (plain.length > 0) c.y += BUTTON + GAP;
  for (const a of actions) {
    if (a.kind === 'slider') {
      labels.set(a.id, { x: c.x, y: c.y, w: c.w - btnW - GAP, h: LINE });
      sliders.set(a.id, { x: c.x, y: c.y + LINE, w: c.w - btnW - GAP, h: BUTTON - LINE });
      buttons.set(a.id, slot(columns - 1));
      c.y += BUTTON + GAP;
    } else if (a.kind === 'choice') {
      labels.set(a.id, { x: c.x, y: c.y, w: c.w, h: LINE });
      c.y += LINE;
      const w = (c.w - GAP * (a.values.length - 1)) / a.values.length;
      a.values.forEach((v, i) => buttons.set(`${a.id}:${v}`, { x: c.x + i * (w + GAP), y: c.y, w, h: BUTTON }));
      c.y += BUTTON + GAP;
    }
  }
  // The confirmation bar sits below every action button: its Confirm is never where a button was.
  const confirm = { x: c.x + c.w - btnW, y: c.y, w: btnW, h: BUTTON };
  const cancel = { x: confirm.x - GAP - 200, y: c.y, w: 200, h: BUTTON };
  const confirmText = { x: c.x, y: c.y, w: cancel.x - GAP - c.x, h: BUTTON };
  c.y += BUTTON + GAP;
  return { actionsTitle, buttons, sliders, labels, confirm, cancel, confirmText };
}

function logIn(c: Column): Rect[] {
  const log: Rect[] = [];
  for (let i = 0; i < LOG_LINES; i++) log.push(take(c, LINE));
  return log;
}

export function layoutPanel(input: PanelLayoutInput): PanelLayout {
  const grid = input.narrow ? PANEL_GRID.narrow : PANEL_GRID.wide;
  const width = grid.width;
  const inner = width - 2 * PAD;
  const head: Column = { x: PAD, w: inner, y: PAD - 8 };
  const titleH = TITLE_H[input.titleLines ?? 1];
  const title = { x: PAD, y: head.y, w: inner - CLOSE_W - GAP, h: titleH };
  // Close stays at the top right, beside the name's first line.
  const close = { x: width - PAD - CLOSE_W, y: head.y + 4, w: CLOSE_W, h: 60 };
  head.y += titleH + 4;
  const status = take(head, LINE);
  const viewers = take(head, LINE);
  const problem = input.problem ? take(head, LINE * 2) : null;
  const element = input.elementLines ? take(head, LINE * input.elementLines) : null;
  head.y += GAP;

  let height: number;
  let parts: ReturnType<typeof chartIn> & ReturnType<typeof actionsIn> & { values: Map<string, Rect>; log: Rect[] };
  if (input.narrow) {
    // One column: values, chart, alarms, actions, confirmation, log.
    const c = head;
    const values = valuesIn(c, input.properties, grid.values);
    const chart = chartIn(c, grid.chart);
    const actions = actionsIn(c, input.actions, grid.buttons);
    parts = { values, ...chart, ...actions, log: logIn(c) };
    height = c.y;
  } else {
    // Two columns under the header: what the machine reads and does on the left, its history on the right.
    const left: Column = { x: PAD, w: grid.left, y: head.y };
    const right: Column = { x: PAD + grid.left + COLUMN_GAP, w: inner - grid.left - COLUMN_GAP, y: head.y };
    const values = valuesIn(left, input.properties, grid.values);
    const actions = actionsIn(left, input.actions, grid.buttons);
    const chart = chartIn(right, grid.chart);
    parts = { values, ...chart, ...actions, log: logIn(right) };
    height = Math.max(left.y, right.y);
  }
  return {
    width,
    height: Math.ceil(height + PAD - 8),
    text: { small: grid.small, note: grid.note },
    title,
    close,
    status,
    viewers,
    problem,
    element,
    ...parts,
  };
}

/** Every rectangle of a layout with a name (tests check they neither overlap nor leave the panel). */
export function layoutRects(l: PanelLayout): [string, Rect][] {
  const out: [string, Rect][] = [
    ['title', l.title],
    ['close', l.close],
    ['status', l.status],
    ['viewers', l.viewers],
    ['chartTitle', l.chartTitle],
    ['chart', l.chart],
    ['actionsTitle', l.actionsTitle],
    ['confirmText', l.confirmText],
    ['confirm', l.confirm],
    ['cancel', l.cancel],
  ];
  if (l.problem) out.push(['problem', l.problem]);
  if (l.element) out.push(['element', l.element]);
  for (const [k, r] of l.values) out.push([`value:${k}`, r]);
  l.ranges.forEach((r, i) => out.push([`range:${i}`, r]));
  l.alarms.forEach((r, i) => out.push([`alarm:${i}`, r]));
  for (const [k, r] of l.buttons) out.push([`button:${k}`, r]);
  for (const [k, r] of l.sliders) out.push([`slider:${k}`, r]);
  for (const [k, r] of l.labels) out.push([`label:${k}`, r]);
  l.log.forEach((r, i) => out.push([`log:${i}`, r]));
  return out;
}
