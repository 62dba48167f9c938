/**
 * The alarms everyone in the space can see: a panel in the HUD listing every new (unacknowledged)
 * alarm, most severe first, with the machine, since when and — for operators and the host — an
 * Acknowledge button (SPEC AK4); then the alarms a trend is heading for (SPEC TW11), soonest first,
 * with the time left; then, apart, the alarms someone has acknowledged that are still active, with who
 * and when. Clicking one opens that machine's panel.
 */
import { el } from '../core/dom.js';
import { clockText } from '../core/clock.js';
import type { AlarmInfo, TwinInfo, TwinStore } from './store.js';
import { SEVERITY_COLORS } from './twinView.js';
import { timeLeft } from './trendWords.js';

export interface AlarmList {
  readonly element: HTMLElement;
  /** The rows shown now, as text (test API): new alarms and forecasts, then the acknowledged ones. */
  rows(): string[];
  /** Re-checks who may acknowledge (the role can change while the list stands still). */
  refresh(): void;
  dispose(): void;
}

export interface AlarmAcks {
  /** Whether I may acknowledge alarms now (operator or host). */
  allowed(): boolean;
  acknowledge(twin: string, alarm: string): void;
}

const clock = (ms: number) => clockText(ms);

export function createAlarmList(store: TwinStore, open: (twin: string) => void, acks: AlarmAcks): AlarmList {
  const list = el('ul', { id: 'alarm-list' });
  const ackedList = el('ul', { id: 'alarm-acknowledged' });
  const ackedHead = el('h3', { class: 'muted' }, 'Acknowledged');
  const element = el('aside', { class: 'panel alarms', id: 'alarms', hidden: true }, el('h2', {}, 'Alarms'), list, ackedHead, ackedList);
  let shown = '';
  const title = (twin: TwinInfo, alarm: AlarmInfo) =>
    el('button', { type: 'button', class: 'link', onclick: () => open(twin.id) }, `${twin.title}: ${alarm.message}`);
  const render = () => {
    const active = store.activeAlarms();
    const fresh = active.filter((a) => a.alarm.ackAt === 0);
    const acked = active.filter((a) => a.alarm.ackAt !== 0);
    const forecasts = store.forecastAlarms();
    const now = Date.now();
    const allowed = acks.allowed();
    // The store changes at the patch rate while machines report; the list only when its words do.
    let key = `${allowed}|`;
    for (const { twin, alarm } of active) key += `${twin.id}/${twin.title}/${alarm.id}@${alarm.since}:${alarm.ackAt}|`;
    for (const { twin, forecast } of forecasts) key += `${twin.id}/${twin.title}/${forecast.id}~${timeLeft(forecast.at, now)}|`;
    if (key === shown) return;
    shown = key;
    element.hidden = active.length === 0 && forecasts.length === 0;
    list.replaceChildren(
      ...fresh.map(({ twin, alarm }) =>
        el(
          'li',
          { 'data-severity': alarm.severity, title: `${alarm.property} = ${alarm.value}` },
          el('span', { class: 'chip', style: `background:${SEVERITY_COLORS[alarm.severity]}` }),
          title(twin, alarm),
          el(
            'span',
            { class: 'muted since' },
            clock(alarm.since),
            allowed &&
              el(
                'button',
                {
                  type: 'button',
                  class: 'ack',
                  'data-alarm': `${twin.id}/${alarm.id}`,
                  onclick: () => acks.acknowledge(twin.id, alarm.id),
                },
                'Acknowledge',
              ),
          ),
        ),
      ),
      ...forecasts.map(({ twin, forecast }) =>
        el(
          'li',
          { class: 'forecast', 'data-severity': forecast.severity, title: `${forecast.property} heading for ${forecast.limit}` },
          el('span', { class: 'chip', style: `border-color:${SEVERITY_COLORS[forecast.severity]}` }),
          el('button', { type: 'button', class: 'link', onclick: () => open(twin.id) }, `${twin.title}: ${forecast.message}`),
          el('span', { class: 'muted since' }, `forecast ${timeLeft(forecast.at, now)}`),
        ),
      ),
    );
    ackedHead.hidden = acked.length === 0;
    ackedList.replaceChildren(
      ...acked.map(({ twin, alarm }) =>
        el(
          'li',
          { class: 'acknowledged', 'data-severity': alarm.severity, title: `${alarm.property} = ${alarm.value}` },
          el('span', { class: 'chip', style: `border-color:${SEVERITY_COLORS[alarm.severity]}` }),
          title(twin, alarm),
          el('span', { class: 'muted since' }, `acknowledged by ${alarm.ackByName} ${clock(alarm.ackAt)}`),
        ),
      ),
    );
  };
  const offs = [store.onAdded(render), store.onChanged(render), store.onRemoved(render)];
  render();
  return {
    element,
    rows: () => [...element.querySelectorAll('li')].map((li) => li.textContent ?? ''),
    refresh: render,
    dispose: () => offs.forEach((off) => off()),
  };
}
