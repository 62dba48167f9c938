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
 * for phones. A phone shows the narrow panel about 0.45 CSS px per texture px (its whole height in
 * the screen below the bar): 28 px small print reads there at 12–13 CSS px, where 24 px in the old
 * 1000 px-wide panel shown 0.33 to the px read at 8 (SPEC PN8).
 */
export const PANEL_GRID = {
  wide: { width: 1400, values: 3, buttons: 4, chart: 400, small: 24, note: 26 },
  narrow: { width: 760, values: 2, buttons: 3, chart: 260, small: 28, note: 28 },
} as const;
const PAD = 28;
const GAP = 10;
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

export function layoutPanel(input: PanelLayoutInput): PanelLayout {
  const grid = input.narrow ? PANEL_GRID.narrow : PANEL_GRID.wide;
  const width = grid.width;
  const VALUE_COLUMNS = grid.values;
  const BUTTON_COLUMNS = grid.buttons;
  const inner = width - 2 * PAD;
  let y = PAD - 8;
  const take = (h: number, x = PAD, w = inner): Rect => {
    const r = { x, y, w, h };
    y += h;
    return r;
  };
  const titleH = TITLE_H[input.titleLines ?? 1];
  const title = { x: PAD, y, w: inner - CLOSE_W - GAP, h: titleH };
  // Close stays at the top right, beside the name's first line.
  const close = { x: width - PAD - CLOSE_W, y: y + 4, w: CLOSE_W, h: 60 };
  y += titleH + 4;
  const status = take(LINE);
  const viewers = take(LINE);
  const problem = input.problem ? take(LINE * 2) : null;
  const element = input.elementLines ? take(LINE * input.elementLines) : null;
  y += GAP;

  const values = new Map<string, Rect>();
  const colW = (inner - GAP * (VALUE_COLUMNS - 1)) / VALUE_COLUMNS;
  input.properties.forEach((name, i) => {
    const col = i % VALUE_COLUMNS;
    const row = Math.floor(i / VALUE_COLUMNS);
    values.set(name, { x: PAD + col * (colW + GAP), y: y + row * (ROW + 6), w: colW, h: ROW });
  });
  y += Math.ceil(input.properties.length / VALUE_COLUMNS) * (ROW + 6) + GAP;

  const chartTitle = take(LINE + 4);
  const chart = take(grid.chart);
  y += GAP;
  const ranges: Rect[] = [];
  const rangeW = (inner - 3 * GAP) / 4;
  for (let i = 0; i < 4; i++) ranges.push({ x: PAD + i * (rangeW + GAP), y, w: rangeW, h: 64 });
  y += 64 + GAP;
  const alarms: Rect[] = [];
  for (let i = 0; i < ALARM_LINES; i++) alarms.push(take(LINE));
  y += GAP;

  const actionsTitle = take(LINE);
  const buttons = new Map<string, Rect>();
  const sliders = new Map<string, Rect>();
  const labels = new Map<string, Rect>();
  const btnW = (inner - GAP * (BUTTON_COLUMNS - 1)) / BUTTON_COLUMNS;
  const slot = (col: number): Rect => ({ x: PAD + col * (btnW + GAP), y, w: btnW, h: BUTTON });
  // Plain buttons share rows of three; sliders and choices take a row each, after them.
  const plain = input.actions.filter((a) => a.kind === 'button');
  plain.forEach((a, i) => {
    if (i > 0 && i % BUTTON_COLUMNS === 0) y += BUTTON + GAP;
    buttons.set(a.id, slot(i % BUTTON_COLUMNS));
  });
  if (plain.length > 0) y += BUTTON + GAP;
  for (const a of input.actions) {
    if (a.kind === 'slider') {
      labels.set(a.id, { x: PAD, y, w: inner - btnW - GAP, h: LINE });
      sliders.set(a.id, { x: PAD, y: y + LINE, w: inner - btnW - GAP, h: BUTTON - LINE });
      buttons.set(a.id, slot(BUTTON_COLUMNS - 1));
      y += BUTTON + GAP;
    } else if (a.kind === 'choice') {
      labels.set(a.id, { x: PAD, y, w: inner, h: LINE });
      y += LINE;
      const w = (inner - GAP * (a.values.length - 1)) / a.values.length;
      a.values.forEach((v, i) => buttons.set(`${a.id}:${v}`, { x: PAD + i * (w + GAP), y, w, h: BUTTON }));
      y += BUTTON + GAP;
    }
  }

  // The confirmation bar sits below every action button: its Confirm is never where a button was.
  const confirmW = btnW;
  const confirm = { x: width - PAD - confirmW, y, w: confirmW, h: BUTTON };
  const cancel = { x: confirm.x - GAP - 200, y, w: 200, h: BUTTON };
  const confirmText = { x: PAD, y, w: cancel.x - GAP - PAD, h: BUTTON };
  y += BUTTON + GAP;
  const log: Rect[] = [];
  for (let i = 0; i < LOG_LINES; i++) log.push(take(LINE));
  y += PAD - 8;
  return {
    width,
    height: Math.ceil(y),
    text: { small: grid.small, note: grid.note },
    title,
    close,
    status,
    viewers,
    problem,
    element,
    values,
    chartTitle,
    chart,
    ranges,
    alarms,
    actionsTitle,
    buttons,
    sliders,
    labels,
    confirmText,
    confirm,
    cancel,
    log,
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
