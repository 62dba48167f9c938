/**
 * The alarms everyone in the space can see: a panel in the HUD listing every active alarm, most
 * severe first, with the machine and since when; then the alarms a trend is heading for (SPEC TW11),
 * soonest first, with the time left. Clicking one opens that machine's panel.
 */
import { el } from '../core/dom.js';
import type { TwinStore } from './store.js';
import { SEVERITY_COLORS } from './twinView.js';
import { timeLeft } from './trendWords.js';

export interface AlarmList {
  readonly element: HTMLElement;
  /** The rows shown now, as text (test API). */
  rows(): string[];
  dispose(): void;
}

export function createAlarmList(store: TwinStore, open: (twin: string) => void): AlarmList {
  const list = el('ul', { id: 'alarm-list' });
  const element = el('aside', { class: 'panel alarms', id: 'alarms', hidden: true }, el('h2', {}, 'Alarms'), list);
  let shown = '';
  const render = () => {
    const active = store.activeAlarms();
    const forecasts = store.forecastAlarms();
    const now = Date.now();
    // The store changes at the patch rate while machines report; the list only when its words do.
    let key = '';
    for (const { twin, alarm } of active) key += `${twin.id}/${twin.title}/${alarm.id}@${alarm.since}|`;
    for (const { twin, forecast } of forecasts) key += `${twin.id}/${twin.title}/${forecast.id}~${timeLeft(forecast.at, now)}|`;
    if (key === shown) return;
    shown = key;
    element.hidden = active.length === 0 && forecasts.length === 0;
    list.replaceChildren(
      ...active.map(({ twin, alarm }) =>
        el(
          'li',
          { 'data-severity': alarm.severity, title: `${alarm.property} = ${alarm.value}` },
          el('span', { class: 'chip', style: `background:${SEVERITY_COLORS[alarm.severity]}` }),
          el('button', { type: 'button', class: 'link', onclick: () => open(twin.id) }, `${twin.title}: ${alarm.message}`),
          el('span', { class: 'muted since' }, new Date(alarm.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
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
  };
  const offs = [store.onAdded(render), store.onChanged(render), store.onRemoved(render)];
  render();
  return {
    element,
    rows: () => [...list.querySelectorAll('li')].map((li) => li.textContent ?? ''),
    dispose: () => offs.forEach((off) => off()),
  };
}
