/**
 * What the timeline feature offers other features — the VR menu's replay page (client/xr/menuReplay.ts),
 * which has no HTML: the space's timeline as this client follows it, whether this person may drive it,
 * the same drives as the desktop scrubber (the same `timeline.*` messages), and the alarm and note
 * markers of a range. Read it from `ctx.apis.timeline` when used (features are created in order).
 */
import type { TimelineSpeed } from '../../shared/timeline/playhead.js';
import type { Marker } from './markers.js';
import type { Timeline } from './model.js';

export interface TimelineApi {
  readonly timeline: Timeline;
  /** The REPLAY banner's line ("REPLAY · <when> · paused · by Ada"), '' when live. */
  readonly banner: string;
  /** This person may drive the timeline (RP3; the server decides, this only enables buttons). */
  readonly allowed: boolean;
  /** The speed the next play or seek uses (shared with the desktop bar). */
  readonly speed: TimelineSpeed;
  /** Chooses the speed; plays on at it when the replay is playing. */
  setSpeed(speed: TimelineSpeed): void;
  seek(at: number, speed?: TimelineSpeed): void;
  play(speed: TimelineSpeed): void;
  pause(): void;
  live(): void;
  /** The space's machines' alarm and note markers in [from, to] (ms epoch). */
  markers(from: number, to: number): Promise<Marker[]>;
  /** Called after the timeline, the roles or the chosen speed changed. */
  onChange(l: () => void): () => void;
}

declare module '../core/feature.js' {
  interface FeatureApis {
    timeline: TimelineApi;
  }
}
