/**
 * Twins come back after a restart with their last values, marked stale until fresh data arrives
 * (SPEC RS4). Every {@link SNAPSHOT_MS} the properties that took a value since the last snapshot are
 * upserted into `twin_last_values` (one statement per 500 properties, however often they changed);
 * `stop()` writes the rest, so SIGTERM loses nothing and SIGKILL at most one interval. At start the
 * saved values are put back into properties that have received nothing yet, with quality `stale`:
 * a fresh value turns them good through the ordinary ingest path. Alarms open at the last stop come
 * back with their acknowledgements (openAlarms.ts, SPEC AK5).
 */
import type { Logger } from '../log.js';
import { readLastValues, upsertLastValues, type LastValue } from '../store/lastValuesTable.js';
import type { Store } from '../store/store.js';
import { StoreUnavailable } from '../store/storeQueue.js';
import { checkValue, MAX_TEXT } from './ingest.js';
import type { LiveProperty, LiveTwin } from './live.js';
import type { TwinRuntime } from './runtime.js';
import { openAlarms, restoreOpenAlarm } from './openAlarms.js';

/** How often changed last values are saved, ms: what SIGKILL may lose. */
export const SNAPSHOT_MS = 1000;
/** Pause between tries to read the saved values while the store is not open yet, ms. */
const RESTORE_RETRY_MS = 1000;

export class LastValues {
  /** `accepted` count of each property at its last snapshot. */
  private readonly seen = new WeakMap<LiveProperty, number>();
  private timer: NodeJS.Timeout | null = null;
  /** Property values written so far (for /health: a test knows its value is saved). */
  saved = 0;

  constructor(
    private readonly runtime: TwinRuntime,
    private readonly store: Store,
    private readonly log: Logger,
    /** How far back alarm events are read for open alarms, days (the history retention). */
    private readonly retentionDays = 30,
  ) {}

  /**
   * Settles when the saved values and open alarms are back (or could not be read). Nothing in the
   * server waits on it; a test that writes alarm events of its own waits, so the restore does not
   * read half of them.
   */
  restored: Promise<void> = Promise.resolve();

  /** Restores the saved values in the background (nothing waits on it), then snapshots every second. */
  start(): void {
    this.restored = this.restore();
    this.timer = setInterval(() => this.snapshot(), SNAPSHOT_MS);
  }

  /** Writes what changed since the last snapshot (queued: the store saves it before it closes). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.snapshot();
  }

  snapshot(): void {
    const rows: LastValue[] = [];
    for (const twin of this.runtime.all())
      for (const p of twin.properties.values()) {
        if (p.accepted === (this.seen.get(p) ?? 0) || p.value === undefined) continue;
        this.seen.set(p, p.accepted);
        rows.push({ twin: twin.id, property: p.def.name, value: p.value, ts: p.ts });
      }
    if (rows.length === 0) return;
    this.store.write(
      'twins.last_values',
      async (db) => {
        await db.client.batch(upsertLastValues(db, rows));
        this.saved += rows.length;
      },
      rows.length * 64,
    );
  }

  /** Reads once the store is open (a fresh PGlite folder may take a minute); null when stopped or the read failed (logged). */
  private async readWhenOpen<T>(what: string, run: () => Promise<T>): Promise<T | null> {
    for (;;) {
      try {
        return await run();
      } catch (err) {
        // Still opening or away: try again, until stopped.
        if (err instanceof StoreUnavailable && this.timer !== null) {
          await new Promise<void>((r) => setTimeout(r, RESTORE_RETRY_MS).unref());
          continue;
        }
        if (this.timer !== null) this.log.warn({ problem: (err as Error).message }, `${what} not restored`);
        return null;
      }
    }
  }

  private async restore(): Promise<void> {
    const saved = await this.readWhenOpen('last twin values (twins wait for fresh data)', () => this.store.read(readLastValues));
    if (saved) this.restoreValues(saved);
    // Alarms open at the last stop, with their acknowledgement (SPEC AK5).
    const since = Date.now() - this.retentionDays * 86_400_000;
    const events = await this.readWhenOpen('open alarms', () => this.store.latestAlarmEvents(since));
    if (!events) return;
    let alarms = 0;
    for (const o of openAlarms(events)) {
      const twin = this.runtime.get(o.raised.twin);
      if (twin && restoreOpenAlarm(twin, o)) alarms++;
    }
    if (alarms > 0) this.log.info({ alarms }, 'alarms still open at the last stop restored, with their acknowledgements');
  }

  private restoreValues(saved: LastValue[]): void {
    let restored = 0;
    for (const s of saved) {
      const twin = this.runtime.get(s.twin);
      const p = twin?.properties.get(s.property);
      // A definition changed since (property gone, or a value its schema now refuses): skip it.
      if (!twin || !p || p.accepted > 0 || checkValue(p, s.value) !== null) continue;
      restoreValue(twin, p, s.value, s.ts);
      restored++;
    }
    if (restored > 0) this.log.info({ properties: restored }, 'last twin values restored (stale until fresh data)');
  }
}

/** Shows `value` as the property's last known one without calling it fresh: no alarms, no trend. */
function restoreValue(twin: LiveTwin, p: LiveProperty, value: unknown, ts: number): void {
  p.value = value;
  p.ts = ts;
  if (typeof value === 'number') p.num = value;
  else if (typeof value === 'boolean') p.num = value ? 1 : 0;
  else {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    p.text = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  }
  p.quality = 'stale';
  p.version++;
  twin.version++;
}
