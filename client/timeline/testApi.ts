/**
 * The replay part of the test API (`window.twinverse.features.timeline`, test builds only): the
 * timeline as this client follows it, the banner's text, and the drives a person would click.
 */
import type { TimelineSpeed } from '../../shared/timeline/playhead.js';
import type { ReplayBar, ReplayDrive } from './banner.js';
import type { Timeline } from './model.js';

export interface TimelineTestApi {
  timeline(): Timeline;
  /** The REPLAY banner's text ('' when live). */
  banner(): string;
  /** Whether this client's replay controls are enabled. */
  allowed(): boolean;
  /** Markers on the scrubber now. */
  markers(): number;
  seek(at: number, speed?: TimelineSpeed): void;
  live(): void;
}

declare module '../core/feature.js' {
  interface TwinverseFeatureApis {
    timeline: TimelineTestApi;
  }
}

export function createTimelineTestApi(o: {
  timeline: () => Timeline;
  bar: ReplayBar;
  drive: ReplayDrive;
  allowed: () => boolean;
}): TimelineTestApi {
  return {
    timeline: () => ({ ...o.timeline() }),
    banner: () => o.bar.text(),
    allowed: o.allowed,
    markers: () => o.bar.element.querySelectorAll('.replay-mark').length,
    seek: (at, speed) => o.drive.seek(at, speed),
    live: () => o.drive.live(),
  };
}
