/**
 * Acknowledging an active alarm (SPEC AK1–AK3, S5), for the twin runtime: everyone sees who and when,
 * it is kept as an `acknowledged` alarm event and audited. A new raising of the alarm is a new alarm,
 * unacknowledged. With other processes the first acknowledgement anywhere wins: a later one, here or
 * there, is refused with the winner's name and shows the winner.
 */
import type { Logger } from '../log.js';
import type { ErrorCode } from '../../shared/protocol/errors.js';
import type { Actor } from './requests.js';
import type { ActiveAlarm, LiveTwin } from './live.js';
import type { TwinClock, TwinMemoryHooks } from './runtimeOptions.js';
import type { AckBy, TwinCluster } from './twinCluster.js';

export type AckResult = { ok: true } | { ok: false; code: ErrorCode; detail?: string };

/**
 * How long an acknowledgement waits for the twin's owner to show the alarm raised (S5): a process fed
 * by the same MQTT broker can hear the raising reading a few ms before the owner does.
 */
export const OWNER_SHOWS_WITHIN_MS = 2000;
/** How often the owner's view is asked again meanwhile, ms. */
const OWNER_POLL_MS = 20;

/** What an acknowledgement reads and tells, lent by the runtime. */
export interface AckContext {
  clock: TwinClock;
  cluster: TwinCluster | null;
  memory: TwinMemoryHooks | undefined;
  log: Logger;
}

/** Someone acknowledges `alarmId` of `twin` (authorised by the caller). */
export async function acknowledgeAlarm(ctx: AckContext, twin: LiveTwin, alarmId: string, actor: Actor): Promise<AckResult> {
  const unknown = { ok: false, code: 'twin.unknown_alarm', detail: `${twin.id}/${alarmId.slice(0, 64)}` } as const;
  const alarm = twin.alarms.get(alarmId);
  if (!alarm) return unknown;
  const taken = () => ({ ok: false, code: 'twin.alarm_acknowledged', detail: `by ${alarm.ackByName}` }) as const;
  if (alarm.ackAt !== 0) return taken();
  const by: AckBy = { session: actor.session, name: actor.name, at: ctx.clock.wall() };
  if (ctx.cluster) {
    let claim: Awaited<ReturnType<TwinCluster['claimAck']>>;
    try {
      const until = ctx.clock.now() + OWNER_SHOWS_WITHIN_MS;
      // Until the owner shows this alarm standing, no raising can be named: wait for it (or for the
      // alarm to clear here, as the owner already has).
      while ((claim = await ctx.cluster.claimAck(twin.id, alarm, by)) === null) {
        if (twin.alarms.get(alarmId) !== alarm) return unknown;
        if (ctx.clock.now() >= until) {
          ctx.log.warn({ twin: twin.id, alarm: alarm.id }, 'acknowledgement refused: the machine’s owner does not show the alarm raised');
          return { ok: false, code: 'twin.owner_unreachable', detail: 'the process running this machine does not show the alarm raised' };
        }
        await new Promise((resolve) => setTimeout(resolve, OWNER_POLL_MS));
      }
    } catch (err) {
      ctx.log.warn(
        { twin: twin.id, alarm: alarm.id, problem: (err as Error).message },
        'acknowledgement refused: the other processes cannot be asked',
      );
      return { ok: false, code: 'twin.owner_unreachable', detail: 'the processes could not agree on who acknowledged it' };
    }
    // Meanwhile the alarm may have cleared (or been raised anew), or the winner's news arrived.
    if (twin.alarms.get(alarmId) !== alarm) return unknown;
    if (!claim.won) {
      showAck(twin, alarm, claim.by);
      return taken();
    }
    if (alarm.ackAt !== 0) return taken();
  }
  showAck(twin, alarm, by);
  const m = ctx.memory;
  m?.alarmEvent({
    twin: twin.id,
    alarm: alarm.id,
    property: alarm.property,
    kind: 'acknowledged',
    severity: alarm.severity,
    message: alarm.message,
    value: null,
    bySession: actor.session,
    byName: actor.name,
    at: by.at,
  });
  m?.journal.record({
    space: actor.space,
    twin: twin.id,
    kind: 'alarm_ack',
    actor: { session: actor.session, name: actor.name },
    subject: alarm.message,
    detail: { alarm: alarm.id, property: alarm.property, severity: alarm.severity, since: alarm.since, value: alarm.value },
  });
  ctx.log.info({ twin: twin.id, alarm: alarm.id, by: actor.name, space: actor.space }, 'alarm acknowledged');
  ctx.cluster?.acknowledged(twin.id, alarm);
  return { ok: true };
}

/** Shows who acknowledged the alarm (a change for the rooms' patches unless it is already shown). */
export function showAck(twin: LiveTwin, alarm: ActiveAlarm, by: AckBy): void {
  if (alarm.ackBy === by.session && alarm.ackAt === by.at) return;
  alarm.ackBy = by.session;
  alarm.ackByName = by.name;
  alarm.ackAt = by.at;
  twin.alarmsVersion++;
  twin.version++;
}
