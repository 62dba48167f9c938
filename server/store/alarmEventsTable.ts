/** SQL of `alarm_events` (SPEC HS6): an alarm raised, cleared or acknowledged (by whom), append-only. */
import type { Db } from './sqlClient.js';

export type AlarmEventKind = 'raised' | 'cleared' | 'acknowledged';

export interface AlarmEvent {
  twin: string;
  /** Alarm rule id. */
  alarm: string;
  property: string;
  kind: AlarmEventKind;
  severity: string;
  message: string;
  /** The value that raised or cleared it (null for an acknowledgement). */
  value: number | null;
  /** Who acknowledged ('' otherwise). */
  bySession: string;
  byName: string;
  /** ms since epoch. */
  at: number;
}

interface Row {
  twin: string;
  alarm: string;
  property: string;
  kind: AlarmEventKind;
  severity: string;
  message: string;
  value: number | null;
  by_session: string;
  by_name: string;
  at: Date | string;
}

export async function insertAlarmEvent(db: Db, e: AlarmEvent): Promise<void> {
  await db.client.query(
    `INSERT INTO ${db.schema}.alarm_events (twin, alarm, property, kind, severity, message, value, by_session, by_name, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_timestamp($10 / 1000.0))`,
    [e.twin, e.alarm, e.property, e.kind, e.severity, e.message, e.value, e.bySession, e.byName, e.at],
  );
}

/** A twin's alarm events with `from <= at <= to` (ms epoch), oldest first, at most `limit`. */
export async function readAlarmEvents(db: Db, twin: string, from: number, to: number, limit: number): Promise<AlarmEvent[]> {
  const { rows } = await db.client.query<Row>(
    `SELECT twin, alarm, property, kind, severity, message, value, by_session, by_name, at FROM ${db.schema}.alarm_events
     WHERE twin = $1 AND at >= to_timestamp($2 / 1000.0) AND at <= to_timestamp($3 / 1000.0) ORDER BY at, id LIMIT $4`,
    [twin, from, to, limit],
  );
  return rows.map(toEvent);
}

/**
 * Each alarm's latest event of each kind (raised, cleared, acknowledged), newest ids winning ties:
 * enough to tell which alarms were still active at the last stop and who had acknowledged them
 * (SPEC AK5). `since` (ms epoch) bounds the scan to the retained history.
 */
export async function readLatestAlarmEvents(db: Db, since: number): Promise<(AlarmEvent & { id: number })[]> {
  const { rows } = await db.client.query<Row & { id: string | number }>(
    `SELECT DISTINCT ON (twin, alarm, kind) id, twin, alarm, property, kind, severity, message, value, by_session, by_name, at
     FROM ${db.schema}.alarm_events WHERE at >= to_timestamp($1 / 1000.0) ORDER BY twin, alarm, kind, at DESC, id DESC`,
    [since],
  );
  // The id says which came last (the order they were written), where two events share a millisecond.
  return rows.map((r) => ({ ...toEvent(r), id: Number(r.id) }));
}

function toEvent(r: Row): AlarmEvent {
  return {
    twin: r.twin,
    alarm: r.alarm,
    property: r.property,
    kind: r.kind,
    severity: r.severity,
    message: r.message,
    value: r.value,
    bySession: r.by_session,
    byName: r.by_name,
    at: Math.round(new Date(r.at).getTime()),
  };
}
