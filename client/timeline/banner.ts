/**
 * The replay bar (SPEC RP7), top centre of the HUD: while the space replays, a REPLAY banner for
 * everyone with the replayed date and time, play state, speed and who drove it, and "commands are
 * off"; under it a scrubber over the last 24 h with alarm and note markers, play/pause, 1×/10×/60×
 * and "Back to live". Live, only a "Replay…" button shows, which opens the scrubber. The controls are
 * enabled only for those who may drive (the server refuses the others anyway).
 */
import { el } from '../core/dom.js';
import { clockText } from '../core/clock.js';
import { TIMELINE_SPEEDS, type TimelineSpeed } from '../../shared/timeline/playhead.js';
import type { Marker } from './markers.js';
import { bannerText, replayedWhen, type Timeline } from './model.js';

/** The scrubber's range: the last 24 h. */
export const SCRUB_RANGE_MS = 86_400_000;

export interface ReplayDrive {
  seek(at: number, speed?: TimelineSpeed): void;
  play(speed: TimelineSpeed): void;
  pause(): void;
  live(): void;
  /** The scrubber was opened: load the markers for [from, to]. */
  opened(from: number, to: number): void;
}

export interface ReplayBar {
  readonly element: HTMLElement;
  show(t: Timeline, allowed: boolean): void;
  setMarkers(markers: readonly Marker[]): void;
  /** The banner's text ('' when live), for the test API. */
  text(): string;
  /** The speed the next play or seek uses. */
  speed(): TimelineSpeed;
  /** Chooses the speed (as its button does): plays on at it when the replay is playing. */
  setSpeed(speed: TimelineSpeed): void;
}

const clock = (ms: number) => clockText(ms);

export function createReplayBar(drive: ReplayDrive, now: () => number = Date.now): ReplayBar {
  let chosen: TimelineSpeed = 1;
  let current: Timeline | null = null;
  let open = false;
  let from = now() - SCRUB_RANGE_MS;
  let to = now();
  const banner = el('div', { class: 'replay-banner', id: 'replay-banner', role: 'status', hidden: true });
  const off = el('div', { class: 'replay-off', hidden: true }, 'Replay: commands are off');
  const opener = el('button', { type: 'button', id: 'replay-open', title: 'Watch the machines at an earlier time, together' }, '⟲ Replay…');
  const scrubber = el('input', { type: 'range', id: 'replay-scrubber', min: 0, max: 1, step: 1000, 'aria-label': 'Replayed time' });
  const marks = el('div', { class: 'replay-marks', 'aria-hidden': 'true' });
  const fromLabel = el('span', { class: 'muted' });
  const toLabel = el('span', { class: 'muted' });
  const play = el('button', { type: 'button', id: 'replay-play' }, '▶ Play');
  const speeds = TIMELINE_SPEEDS.map((s) => el('button', { type: 'button', class: 'replay-speed', 'data-speed': s }, `${s}×`));
  const live = el('button', { type: 'button', id: 'replay-live', class: 'primary' }, 'Back to live');
  const controls = el(
    'div',
    { class: 'replay-controls', hidden: true },
    el('div', { class: 'replay-scrub' }, fromLabel, el('div', { class: 'replay-track' }, scrubber, marks), toLabel),
    el('div', { class: 'replay-buttons' }, play, ...speeds, live),
  );
  const element = el('section', { class: 'replay', id: 'replay', 'data-mode': 'live' }, banner, off, opener, controls);

  const setRange = () => {
    to = now();
    from = to - SCRUB_RANGE_MS;
    scrubber.min = String(from);
    scrubber.max = String(to);
    fromLabel.textContent = '24 h ago';
    fromLabel.title = clock(from);
    toLabel.textContent = 'now';
  };
  scrubber.addEventListener('change', () => {
    const at = Math.min(Number(scrubber.value), now());
    drive.seek(at, current?.mode === 'replay' && current.playing ? chosen : undefined);
  });
  opener.addEventListener('click', () => {
    open = !open;
    if (open) {
      setRange();
      scrubber.value = String(to - 3_600_000);
      drive.opened(from, to);
    }
    if (current) render(current, allowedNow);
  });
  play.addEventListener('click', () => {
    if (!current || current.mode === 'live') drive.seek(Number(scrubber.value), chosen);
    else if (current.playing) drive.pause();
    else drive.play(chosen);
  });
  const choose = (speed: TimelineSpeed) => {
    chosen = speed;
    if (current?.mode === 'replay' && current.playing) drive.play(chosen);
    else if (current) render(current, allowedNow);
  };
  speeds.forEach((b, i) => b.addEventListener('click', () => choose(TIMELINE_SPEEDS[i]!)));
  live.addEventListener('click', () => {
    open = false;
    drive.live();
  });

  let allowedNow = false;
  const render = (t: Timeline, allowed: boolean) => {
    const replaying = t.mode === 'replay';
    element.dataset.mode = t.mode;
    banner.hidden = !replaying;
    off.hidden = !replaying;
    banner.textContent = replaying ? bannerText(t) : '';
    opener.hidden = replaying;
    opener.disabled = !allowed;
    controls.hidden = !(replaying || open);
    if (replaying && document.activeElement !== scrubber) {
      if (t.at < from || t.at > to) setRange();
      scrubber.value = String(t.at);
      scrubber.title = replayedWhen(t.at);
    }
    play.textContent = replaying && t.playing ? 'Pause' : '▶ Play';
    const shownSpeed = replaying && t.playing ? t.speed : chosen;
    for (const b of speeds) b.classList.toggle('active', Number(b.dataset.speed) === shownSpeed);
    for (const c of [scrubber, play, live, ...speeds]) c.disabled = !allowed;
    live.hidden = !replaying;
  };

  setRange();
  return {
    element,
    show(t, allowed) {
      // Back to live: the scrubber closes for everyone (it opened with the replay).
      if (t.mode === 'live' && current?.mode === 'replay') open = false;
      current = t;
      allowedNow = allowed;
      if (t.mode === 'replay' && !open) {
        // Everyone sees the scrubber during a replay: load the markers once.
        open = true;
        setRange();
        drive.opened(from, to);
      }
      render(t, allowed);
    },
    setMarkers(markers) {
      marks.replaceChildren(
        ...markers
          .filter((m) => m.at >= from && m.at <= to)
          .map((m) =>
            el('span', {
              class: `replay-mark ${m.kind}`,
              title: `${clock(m.at)} ${m.title}`,
              style: `left: ${(((m.at - from) / (to - from)) * 100).toFixed(2)}%`,
            }),
          ),
      );
    },
    text: () => banner.textContent ?? '',
    speed: () => chosen,
    setSpeed: choose,
  };
}
