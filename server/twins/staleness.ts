/**
 * Staleness (SPEC Q1, MQ5): a property silent past its twin's `staleAfter` turns `stale`, and so does
 * a twin none of whose properties is fresh; a lost broker turns its twins stale at once. The runtime
 * calls these on its own clock; the next accepted value turns a property good again (`ingest.ts`).
 */
import { clearTrend } from './forecast.js';
import type { LiveTwin } from './live.js';

/** Marks what has been silent past its `staleAfter`; `mono` is the monotonic time, ms. */
export function markSilentStale(twins: Iterable<LiveTwin>, mono: number): void {
  for (const twin of twins) {
    const limit = twin.def.ext.staleAfter * 1000;
    let anyGood = false;
    for (const p of twin.properties.values()) {
      if (p.quality !== 'stale' && mono - p.receivedAt > limit) {
        p.quality = 'stale';
        p.version++;
        twin.version++;
        clearTrend(twin, p);
      }
      if (p.quality !== 'stale') anyGood = true;
    }
    const q = anyGood ? 'good' : 'stale';
    if (twin.quality !== q) {
      twin.quality = q;
      twin.qualityVersion++;
      twin.version++;
    }
  }
}

/** Marks a twin and every property of it stale now (its source is gone). */
export function markStale(twin: LiveTwin): void {
  for (const p of twin.properties.values()) {
    if (p.quality !== 'stale') {
      p.quality = 'stale';
      p.version++;
    }
    clearTrend(twin, p);
  }
  twin.quality = 'stale';
  twin.qualityVersion++;
  twin.version++;
}
