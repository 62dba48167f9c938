/**
 * One space's replay (SPEC RP1–RP5): the play head and the machines as they stood at it. While the
 * space replays, the twins feature stops copying live values into its twin state and this writes the
 * recorded ones there instead — every client follows the twin state already, so values, colours,
 * motion, gauges, labels and alarms all show the replayed time, for everyone, in step. People (avatars,
 * voice, chat) stay live. Back to live, the twins feature copies everything live again.
 *
 * Chunks of history are read ahead of the play head (replayChunks.ts); while the chunk under the
 * head is still being read, the machines keep what they showed.
 */
import { HEADING, LATITUDE, LONGITUDE } from '../../../shared/geo/position.js';
import type { TimelineState } from '../../../shared/state/timeline.js';
import { headAt, headFrom, retime, type PlayHead } from '../../../shared/timeline/playhead.js';
import type { Logger } from '../../log.js';
import { writeAlarms } from './alarmState.js';
import { alarmsAt, CHUNK_MS, chunkStart, readChunk, recorded, valueAt, type Chunk, type ReplaySource } from './replayChunks.js';
import type { RoomTwin } from './roomTwins.js';

/** What a replay needs from the process: the store it reads, how long history is kept, the wall clock. */
export interface ReplayDeps {
  source: ReplaySource;
  retentionDays: number;
  /** ms since the Unix epoch (tests may inject one). */
  wall: () => number;
}

/** Chunks kept in memory: the one under the head, the next, and the one before (a short seek back). */
const MAX_CHUNKS = 3;

export class Replay {
  private head: PlayHead | null = null;
  private readonly chunks = new Map<number, Chunk>();
  private readonly reading = new Set<number>();
  /** Bumped at every start and stop: a read that finishes for an older replay is dropped. */
  private generation = 0;
  /** The replayed time last written into the twin state (NaN: nothing written yet). */
  private shown = Number.NaN;

  constructor(
    readonly deps: ReplayDeps,
    private readonly twins: ReadonlyMap<string, RoomTwin>,
    private readonly log: Logger,
  ) {}

  get active(): boolean {
    return this.head !== null;
  }

  /** Shows `at`, paused or playing at `speed`, from monotonic time `now` (seconds). */
  seek(at: number, now: number, speed: number, playing: boolean): void {
    if (!this.head) this.generation++;
    this.head = headFrom(at, now, speed, playing);
    this.shown = Number.NaN;
  }

  play(now: number, speed: number): void {
    if (this.head) this.head = retime(this.head, now, { speed, playing: true }, this.deps.wall());
  }

  pause(now: number): void {
    if (this.head) this.head = retime(this.head, now, { playing: false }, this.deps.wall());
  }

  stop(): void {
    this.head = null;
    this.generation++;
    this.chunks.clear();
    this.reading.clear();
    this.shown = Number.NaN;
  }

  /** Before each patch while replaying: move the head, fetch ahead, write what stood at the head. */
  tick(now: number, timeline: TimelineState): void {
    const h = this.head;
    if (!h) return;
    const at = Math.round(headAt(h, now, this.deps.wall()));
    if (timeline.at !== at) timeline.at = at;
    const start = chunkStart(at);
    this.fetch(start);
    if (h.playing) this.fetch(start + CHUNK_MS);
    const chunk = this.chunks.get(start);
    if (!chunk || at === this.shown) return;
    this.shown = at;
    for (const rt of this.twins.values()) write(rt, chunk, at);
  }

  private fetch(start: number): void {
    if (this.chunks.has(start) || this.reading.has(start)) return;
    this.reading.add(start);
    const gen = this.generation;
    const lives = [...this.twins.values()].map((rt) => rt.live);
    readChunk(this.deps.source, lives, start)
      .then((chunk) => {
        if (gen !== this.generation) return;
        this.chunks.set(start, chunk);
        // Forget the chunks farthest from this one.
        const far = [...this.chunks.keys()].sort((a, b) => Math.abs(b - start) - Math.abs(a - start));
        while (this.chunks.size > MAX_CHUNKS) this.chunks.delete(far.shift()!);
        this.shown = Number.NaN;
      })
      .catch((err: unknown) => {
        // The store may be away (SPEC ST4): the machines keep what they show; the next tick asks again.
        this.log.warn({ err: String(err), start }, 'could not read history for the replay');
      })
      .finally(() => {
        if (gen === this.generation) this.reading.delete(start);
      });
  }
}

/** Writes one machine as it stood at `at` into its state; unchanged fields are not assigned (each costs a patch). */
function write(rt: RoomTwin, chunk: Chunk, at: number): void {
  const { live, state } = rt;
  const samples = chunk.samples.get(live.id);
  let any = false;
  for (const p of live.properties.values()) {
    const ps = state.properties.get(p.def.name);
    if (!ps) continue;
    const v = recorded(p.def) ? valueAt(samples?.get(p.def.name), at) : null;
    const num = v ? v.v : 0;
    const quality = v ? 'good' : 'no_data';
    if (v) any = true;
    if (ps.num !== num) ps.num = num;
    if (ps.text !== '') ps.text = '';
    if (ps.ts !== (v?.t ?? 0)) ps.ts = v?.t ?? 0;
    if (ps.quality !== quality) ps.quality = quality;
    if (ps.desired !== '') ps.desired = '';
    if (ps.trend !== 0) ps.trend = 0;
    if (ps.anomaly !== 0) ps.anomaly = 0;
  }
  const quality = any ? 'good' : 'no_data';
  if (state.quality !== quality) state.quality = quality;
  // A machine that reports where it is (an AGV) stands where it was then (SPEC GS13); with no position
  // recorded near that time it stays where it was shown.
  if (rt.geo) {
    const lat = valueAt(samples?.get(LATITUDE), at);
    const lon = valueAt(samples?.get(LONGITUDE), at);
    if (lat && lon) rt.geo.place(state, lat.v, lon.v, valueAt(samples?.get(HEADING), at)?.v);
  }
  const stood = alarmsAt(chunk.alarms.get(live.id), at);
  writeAlarms(state.alarms, stood);
  // Forecasts and anomaly notices are about the live machine's future and present: none in a replay.
  if (state.forecasts.size > 0) state.forecasts.clear();
  if (state.anomalies.size > 0) state.anomalies.clear();
}
