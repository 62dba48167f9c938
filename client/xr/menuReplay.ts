/**
 * The VR menu's Replay page (SPEC RP7): the shared replay for someone in a headset, where the desktop
 * bar's HTML is not seen. The replayed date and time, a scrubber over the chosen range (1 h, 6 h or
 * 24 h back from now) with the space's alarm and note markers under it, play/pause, 1×/10×/60× and
 * "Back to live". It drives the same `timeline.*` messages as the desktop scrubber (through
 * `ctx.apis.timeline`), so every page, desktop or VR, shows the same recorded time. The scrubber
 * seeks when the trigger or pinch is let go, not while it moves: one seek per choice.
 */
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { Grid } from '@babylonjs/gui/2D/controls/grid.js';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import { Slider } from '@babylonjs/gui/2D/controls/sliders/slider.js';
import { TIMELINE_SPEEDS } from '../../shared/timeline/playhead.js';
import { clockText } from '../core/clock.js';
import type { FeatureApis } from '../core/feature.js';
import { button, PANEL_COLORS, setButton, text, type Panel3D } from '../ui3d/panel.js';
import type { PageContent } from './menuPages.js';

/** The scrubber's ranges, back from now (ms): an hour for the last minutes, a day for the whole of it. */
export const REPLAY_RANGES = [
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '6h', label: '6 h', ms: 6 * 3_600_000 },
  { id: '24h', label: '24 h', ms: 24 * 3_600_000 },
] as const;

/** The smallest range that holds `at` (the widest when none does). */
export function rangeFor(at: number, now: number): (typeof REPLAY_RANGES)[number] {
  return REPLAY_RANGES.find((r) => now - at <= r.ms) ?? REPLAY_RANGES[REPLAY_RANGES.length - 1]!;
}

/** The moment a scrubber fraction (0 = the range's start, 1 = now) stands for, whole seconds. */
export function atFraction(from: number, to: number, fraction: number): number {
  const f = Math.min(1, Math.max(0, fraction));
  return Math.round((from + f * (to - from)) / 1000) * 1000;
}

type TimelineApi = FeatureApis['timeline'];
type Marker = Awaited<ReturnType<TimelineApi['markers']>>[number];

const ROW_PX = 76;
/** The smallest text on the page, texture px (1200 per metre: 2.3 cm), as its buttons' labels (PN10). */
const READABLE_PX = 28;
const MARK_STRIP_PX = 22;

/** A page that also names points that are not buttons (the scrubber's), for pointing at them in tests. */
export interface ReplayPageContent extends PageContent {
  /** World positions of `scrub-<percent>` points along the scrubber (0, 10 … 100). */
  points(): Record<string, Vector3>;
}

export function buildReplayPage(
  p: Panel3D,
  api: TimelineApi,
  size: { width: number; height: number },
  now: () => number = Date.now,
): ReplayPageContent {
  const buttons: [string, Button][] = [];
  const replaying = () => api.timeline.mode === 'replay';
  let range: (typeof REPLAY_RANGES)[number] = replaying() ? rangeFor(api.timeline.at, now()) : REPLAY_RANGES[0];
  let to = now();
  let from = to - range.ms;
  let markers: Marker[] = [];
  let dragging = false;
  let disposed = false;

  const when = text('replay-when', '', 30, PANEL_COLORS.text, true);
  when.textWrapping = true;
  when.height = '84px';
  p.stack.addControl(when);

  const rangeRow = row(p, 'replay-ranges', REPLAY_RANGES.length);
  const rangeButtons = REPLAY_RANGES.map((r, i) => {
    const b = button(`replay-range-${r.id}`, r.label, () => setRange(r), ROW_PX - 4);
    b.fontSize = 28;
    rangeRow.addControl(b, 0, i);
    buttons.push([`range-${r.id}`, b]);
    return b;
  });

  const slider = new Slider('replay-scrubber');
  slider.minimum = 0;
  slider.maximum = 1;
  slider.height = '64px';
  slider.width = `${stackWidth(p)}px`;
  slider.color = PANEL_COLORS.buttonActive;
  slider.background = PANEL_COLORS.button;
  slider.borderColor = PANEL_COLORS.border;
  slider.thumbColor = PANEL_COLORS.text;
  slider.isThumbCircle = true;
  slider.isThumbClamped = true;
  slider.thumbWidth = '40px';
  slider.onPointerDownObservable.add(() => (dragging = true));
  slider.onPointerUpObservable.add(() => {
    dragging = false;
    if (!api.allowed) return paint();
    const t = api.timeline;
    api.seek(atFraction(from, to, slider.value), t.mode === 'replay' && t.playing ? api.speed : undefined);
  });
  p.stack.addControl(slider);

  // Markers in a strip under the scrubber (not on it: they must not take the ray from the thumb).
  const strip = new Rectangle('replay-marks');
  strip.height = `${MARK_STRIP_PX}px`;
  strip.width = `${stackWidth(p)}px`;
  strip.thickness = 0;
  strip.isHitTestVisible = false;
  p.stack.addControl(strip);

  // The range's ends and the marks' count, at the page's smallest readable size (PN10): at 24 px it was
  // 2 cm of type on a page held at arm's length, the one line on the page a person had to lean in for.
  const ends = text('replay-ends', '', READABLE_PX, PANEL_COLORS.muted);
  p.stack.addControl(ends);

  const speedRow = row(p, 'replay-speeds', 1 + TIMELINE_SPEEDS.length);
  const play = button(
    'replay-play',
    '',
    () => {
      const t = api.timeline;
      if (t.mode === 'live') api.seek(atFraction(from, to, slider.value), api.speed);
      else if (t.playing) api.pause();
      else api.play(api.speed);
    },
    ROW_PX - 4,
  );
  play.fontSize = 28;
  speedRow.addControl(play, 0, 0);
  buttons.push(['play', play]);
  const speeds = TIMELINE_SPEEDS.map((s, i) => {
    const b = button(`replay-speed-${s}`, `${s}×`, () => api.setSpeed(s), ROW_PX - 4);
    b.fontSize = 28;
    speedRow.addControl(b, 0, i + 1);
    buttons.push([`speed-${s}`, b]);
    return b;
  });

  const live = button('replay-live', 'Back to live', () => api.live(), ROW_PX);
  live.fontSize = 30;
  p.stack.addControl(live);
  buttons.push(['live', live]);

  const paintMarkers = () => {
    strip.clearControls();
    const w = stackWidth(p);
    for (const m of markers) {
      if (m.at < from || m.at > to) continue;
      const tick = new Rectangle(`replay-mark-${m.kind}`);
      tick.width = '6px';
      tick.height = `${MARK_STRIP_PX - 4}px`;
      tick.thickness = 0;
      tick.background = m.kind === 'alarm' ? PANEL_COLORS.danger : '#f1c40f';
      tick.horizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
      tick.left = `${Math.round(((m.at - from) / (to - from)) * (w - 6))}px`;
      strip.addControl(tick);
    }
  };
  const loadMarkers = () => {
    const [f, t] = [from, to];
    void api.markers(f, t).then((m) => {
      if (disposed || f !== from || t !== to) return;
      markers = m;
      paintMarkers();
    });
  };
  const setRange = (r: (typeof REPLAY_RANGES)[number]) => {
    range = r;
    to = now();
    from = to - r.ms;
    loadMarkers();
    paint();
  };

  function paint(): void {
    const t = api.timeline;
    const on = t.mode === 'replay';
    when.text = on ? api.banner : 'Live. Pick a time on the scrubber to replay it for everyone.';
    if (on && (t.at < from || t.at > to)) {
      const fits = rangeFor(t.at, now());
      if (fits !== range) return setRange(fits);
      // Played up to the range's end: the range moves on to now (older than the widest: it stays).
      if (t.at > to) {
        to = now();
        from = to - range.ms;
        loadMarkers();
      }
    }
    if (!dragging && on) slider.value = Math.min(1, Math.max(0, (t.at - from) / (to - from)));
    ends.text = `${clockText(from)}  …  now (${clockText(to)}) · ${markers.length} marks`;
    REPLAY_RANGES.forEach((r, i) => setButton(rangeButtons[i]!, r.label, r === range));
    setButton(play, on && t.playing ? 'Pause' : 'Play', on && t.playing);
    const shown = on && t.playing ? t.speed : api.speed;
    TIMELINE_SPEEDS.forEach((s, i) => setButton(speeds[i]!, `${s}×`, s === shown));
    live.isEnabled = on && api.allowed;
    setButton(live, on ? 'Back to live' : 'Live now', false);
    for (const c of [slider, play, ...speeds]) c.isEnabled = api.allowed;
    paintMarkers();
  }

  if (!replaying()) slider.value = 1 - 600_000 / range.ms; // ten minutes ago, a likely first choice
  loadMarkers();
  paint();
  const off = api.onChange(paint);
  return {
    buttons,
    points() {
      const out: Record<string, Vector3> = {};
      const tex = p.texture.getSize();
      // Babylon's slider takes its value from the pointer across its whole width.
      const left = slider.centerX - slider.widthInPixels / 2;
      const usable = slider.widthInPixels;
      p.mesh.computeWorldMatrix(true);
      for (let pct = 0; pct <= 100; pct += 10) {
        const x = ((left + (usable * pct) / 100) / tex.width - 0.5) * size.width;
        const y = (0.5 - slider.centerY / tex.height) * size.height;
        out[`scrub-${pct}`] = Vector3.TransformCoordinates(new Vector3(x, y, 0), p.mesh.getWorldMatrix());
      }
      return out;
    },
    dispose() {
      disposed = true;
      off();
    },
  };
}

/** The stack's own width (a control at 100 % runs past the frame's padding). */
function stackWidth(p: Panel3D): number {
  return p.texture.getSize().width - 48;
}

function row(p: Panel3D, name: string, columns: number): Grid {
  const g = new Grid(name);
  for (let c = 0; c < columns; c++) g.addColumnDefinition(1 / columns);
  g.addRowDefinition(ROW_PX, true);
  g.height = `${ROW_PX}px`;
  g.width = `${stackWidth(p)}px`;
  p.stack.addControl(g);
  return g;
}
