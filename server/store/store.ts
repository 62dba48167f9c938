/**
 * The one store of a server process (SPEC ST1–ST5): the table methods the server calls, over the
 * ordered write queue and waiting reads of {@link StoreQueue} (storeQueue.ts). Each table has its own
 * SQL module taking a `Db` (commandsTable.ts, historyTable.ts, alarmEventsTable.ts, notesTable.ts,
 * auditTable.ts); a new table is a migration, a module and a few methods here.
 */
import type { Logger } from '../log.js';
import { type AlarmEvent, insertAlarmEvent, readAlarmEvents, readLatestAlarmEvents } from './alarmEventsTable.js';
import { type AuditEntry, type AuditQuery, insertAudit, readAudit, type StoredAuditEntry } from './auditTable.js';
import { insertNote, readNotes, type StoredNote } from './notesTable.js';
import { insertRevocation, readRevocations, type Revocation } from './revocationsTable.js';
import { pruneAbandoned, touchVisits } from './spaceVisitsTable.js';
import { completeCommand, insertCommand, markLost, recentCommands } from './commandsTable.js';
import type { CommandStore } from './commandStore.js';
import { aggregateHeaders, deleteOlder, readRows, type HeaderBucket, type HistoryRow } from './historyTable.js';
import type { StoreConfig } from './open.js';
import { isTransient, type Db, type Statement } from './sqlClient.js';
import { StoreQueue } from './storeQueue.js';

export class Store extends StoreQueue {
  readonly commands: CommandStore;

  constructor(config: StoreConfig, log: Logger) {
    super(config, log);
    this.commands = {
      kind: this.kind,
      record: (c) => this.write('command.record', (db) => insertCommand(db, c)),
      complete: (id, status, reason, doneAt) => this.write('command.complete', (db) => completeCommand(db, id, status, reason, doneAt)),
      reconcileLost: (olderThanMs) =>
        this.write('command.reconcile', async (db) => {
          const n = await markLost(db, Date.now() - olderThanMs);
          if (n > 0) this.log.warn({ commands: n }, 'commands found pending with no server waiting for them: recorded as lost');
        }),
      recent: (twin, limit) => this.read((db) => recentCommands(db, twin, limit)),
    };
  }

  /** Starts opening in the background; returns at once. */
  static start(config: StoreConfig, log: Logger): Store {
    const s = new Store(config, log);
    void s.openLoop();
    return s;
  }

  /** Queues an alarm event (SPEC HS6). */
  recordAlarm(e: AlarmEvent): void {
    this.write('alarm.event', (db) => insertAlarmEvent(db, e));
  }

  alarmEvents(twin: string, from: number, to: number, limit: number): Promise<AlarmEvent[]> {
    return this.read((db) => readAlarmEvents(db, twin, from, to, limit));
  }

  /** Each alarm's latest event of each kind since `since` (ms epoch): which alarms were open at the last stop (SPEC AK5). */
  latestAlarmEvents(since: number): Promise<(AlarmEvent & { id: number })[]> {
    return this.read((db) => readLatestAlarmEvents(db, since));
  }

  /** Queues a lifecycle note (SPEC NT3). */
  recordNote(n: StoredNote): void {
    this.write('note', (db) => insertNote(db, n), 256 + n.text.length * 2);
  }

  notes(twin: string, from: number, to: number, limit: number): Promise<StoredNote[]> {
    return this.read((db) => readNotes(db, twin, from, to, limit));
  }

  /** Queues an audit entry (SPEC AU1): like every write, it never makes the caller wait. */
  recordAudit(e: AuditEntry): void {
    this.write('audit', (db) => insertAudit(db, e), 512);
  }

  audit(q: AuditQuery): Promise<StoredAuditEntry[]> {
    return this.read((db) => readAudit(db, q));
  }

  /** Queues one history flush: its statements run in one transaction. */
  writeHistory(build: (db: Db) => Statement[], bytes: number): void {
    this.write('history.flush', (db) => db.client.batch(build(db)), bytes);
  }

  historyRows(
    twin: string,
    property: string,
    fromMinute: number,
    toMinute: number,
    withSamples: boolean,
    limit: number,
  ): Promise<HistoryRow[]> {
    return this.read((db) => readRows(db, twin, property, fromMinute, toMinute, withSamples, limit));
  }

  historyBuckets(twin: string, property: string, fromMinute: number, toMinute: number, stepMs: number): Promise<HeaderBucket[]> {
    return this.read((db) => aggregateHeaders(db, twin, property, fromMinute, toMinute, stepMs));
  }

  /**
   * Queues the deletion of history rows older than `beforeMinute`, `batch` rows per statement, each
   * batch its own write so other writes interleave (SPEC HS3); then a plain VACUUM so the space of
   * deleted and replaced rows is reused (PGlite has no autovacuum).
   */
  pruneHistory(beforeMinute: number, batch: number): void {
    this.write('history.retention', async (db) => {
      const n = await deleteOlder(db, beforeMinute, batch);
      if (n >= batch) this.pruneHistory(beforeMinute, batch);
      else await db.client.exec(`VACUUM ${db.schema}.twin_history`);
    });
  }

  /** Queues a visit to each of `spaces` at `at`, ms epoch (SPEC RS8). */
  visitSpaces(spaces: readonly string[], at: number): void {
    if (spaces.length > 0) this.write('space.visit', (db) => touchVisits(db, spaces, at));
  }

  /**
   * Prunes the chat and board of spaces last visited before `before` (SPEC RS8): `batch` spaces per
   * write, each batch its own write so other writes interleave; `open()` is asked at each batch for
   * the spaces this process holds, which are skipped. Resolves with the spaces pruned once no batch is
   * left (or the store closed, with those pruned so far).
   */
  pruneSpaces(before: number, open: () => readonly string[], batch: number): Promise<string[]> {
    const pruned: string[] = [];
    return new Promise<string[]>((resolve) => {
      const next = (): void => {
        if (this.closed) return resolve(pruned);
        this.write('space.retention', async (db) => {
          try {
            const gone = await pruneAbandoned(db, before, open(), batch);
            pruned.push(...gone);
            if (gone.length >= batch) return next();
            // PGlite has no autovacuum: reuse the space of what was deleted (one table per VACUUM,
            // which runs outside any transaction).
            if (pruned.length > 0) {
              await db.client.exec(`VACUUM ${db.schema}.space_chat`);
              await db.client.exec(`VACUUM ${db.schema}.board_strokes`);
            }
            resolve(pruned);
          } catch (err) {
            // Transient: the queue retries this write; anything else ends the round with what was done.
            if (!isTransient(err)) resolve(pruned);
            throw err;
          }
        });
      };
      next();
    });
  }

  /** Queues a join-token revocation (SPEC JT7). */
  addRevocation(r: Revocation): void {
    this.write('token.revoke', (db) => insertRevocation(db, r));
  }

  /** The join-token revocations in force at `now` (expired rows are deleted on the way). */
  revocations(now: number): Promise<Revocation[]> {
    return this.read((db) => readRevocations(db, now));
  }
}
