/**
 * The one way the client writes a moment for people: 24-hour "HH:MM" in the viewer's time zone,
 * with the day in front when it is not today ("28 Nov 13:49"), and the year too when it is not this
 * year. Chat, alarms, the activity feed, notes and the replay banner all use it, so one screen never
 * mixes "13:49" and "01:34 PM". Month names are fixed English words (the rest of the UI is English);
 * the locale's own formats are what made the mix in the first place.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number) => String(n).padStart(2, '0');

export interface ClockOptions {
  /** "Now", to decide whether the moment is today (tests pass a fixed one). */
  now?: number;
  /** Also the seconds ("13:49:07"): the replay banner, where seconds matter. */
  seconds?: boolean;
}

export function clockText(at: number, options: ClockOptions = {}): string {
  const d = new Date(at);
  const today = new Date(options.now ?? Date.now());
  const time = `${two(d.getHours())}:${two(d.getMinutes())}${options.seconds ? `:${two(d.getSeconds())}` : ''}`;
  const sameYear = d.getFullYear() === today.getFullYear();
  if (sameYear && d.getMonth() === today.getMonth() && d.getDate() === today.getDate()) return time;
  const day = `${d.getDate()} ${MONTHS[d.getMonth()]}${sameYear ? '' : ` ${d.getFullYear()}`}`;
  return `${day} ${time}`;
}
