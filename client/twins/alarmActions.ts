/**
 * The wrist menu's alarm buttons, for VR where the HTML alarm list is not seen: "Alarms (n)" opens the
 * first alarming machine, or tells of forecast ones when none is active (SPEC TW11); "Acknowledge (n)"
 * is offered while a new alarm waits and I may acknowledge it, and acknowledges the most severe (AK4).
 */
import type { ClientContext } from '../context/context.js';
import type { TwinStore } from './store.js';

export interface AlarmActions {
  /** Offers or withdraws Acknowledge after my role changed. */
  update(): void;
  dispose(): void;
}

export function createAlarmActions(
  ctx: ClientContext,
  store: TwinStore,
  keepsRecords: () => boolean,
  acknowledge: (twin: string, alarm: string) => void,
  openPanel: (twin: string) => void,
): AlarmActions {
  let offAckAction: (() => void) | null = null;
  const updateAckAction = () => {
    const waiting = store.activeAlarms().filter((a) => a.alarm.ackAt === 0);
    const want = waiting.length > 0 && keepsRecords();
    if (want && !offAckAction)
      offAckAction = ctx.actions.register({
        id: 'alarm-ack',
        label: () => `Acknowledge (${store.activeAlarms().filter((a) => a.alarm.ackAt === 0).length})`,
        run: () => {
          const first = store.activeAlarms().find((a) => a.alarm.ackAt === 0);
          if (first) acknowledge(first.twin.id, first.alarm.id);
        },
      });
    else if (!want && offAckAction) {
      offAckAction();
      offAckAction = null;
    }
  };
  store.onChanged(updateAckAction);
  store.onRemoved(updateAckAction);
  const offAction = ctx.actions.register({
    id: 'alarms',
    // Short words: the wrist menu's buttons are ~200 px of text wide.
    label: () => {
      const active = store.activeAlarms().length;
      const soon = store.forecastAlarms().length;
      return active === 0 && soon > 0 ? `Alarm soon (${soon})` : `Alarms (${active})`;
    },
    active: () => store.activeAlarms().length > 0,
    run: () => {
      const first = store.activeAlarms()[0]?.twin ?? store.forecastAlarms()[0]?.twin;
      if (first) openPanel(first.id);
    },
  });
  // The menu redraws its labels when the counts change, not at every patch.
  let alarmCount = '';
  store.onChanged(() => {
    const active = store.activeAlarms();
    const n = `${active.length}/${store.forecastAlarms().length}/${active.filter((a) => a.alarm.ackAt === 0).length}`;
    if (n !== alarmCount) {
      alarmCount = n;
      ctx.actions.changed();
    }
  });
  return {
    update: updateAckAction,
    dispose() {
      offAction();
      offAckAction?.();
    },
  };
}
