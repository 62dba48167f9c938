/**
 * Arrivals and departures, folded (SPEC UX2): a busy start of a meeting used to fill the chat with
 * "Ada joined", "Bo joined", … lines that pushed the talk away. A run of join (or of the same kind of
 * leave) lines, one after the other and within {@link ARRIVALS_WINDOW_MS} of the run's first, shows as
 * one muted line: "Ada, Bo and 3 others joined". Who is here now is the people list's job.
 */
import type { ChatLine } from '../../../shared/protocol/chat.js';
import { describeLine } from './chatModel.js';

export const ARRIVALS_WINDOW_MS = 60_000;
/** Names spelled out before "and n others". */
const NAMED = 3;

/** A row of the chat as shown: a line as it came, or several arrivals/departures as one. */
export type ChatRow = { kind: 'line'; line: ChatLine } | { kind: 'arrivals'; lines: ChatLine[]; text: string };

const foldable = (l: ChatLine) => l.kind === 'join' || l.kind === 'leave';
const sameRun = (first: ChatLine, l: ChatLine) =>
  foldable(l) && l.kind === first.kind && l.text === first.text && l.at - first.at <= ARRIVALS_WINDOW_MS;

/** "Ada", "Ada and Bo", "Ada, Bo and Cy", "Ada, Bo, Cy and 2 others", then the verb. */
export function arrivalsText(names: readonly string[], verb: string): string {
  const unique = [...new Set(names)];
  if (unique.length <= NAMED) {
    const last = unique.at(-1) ?? '';
    const head = unique.slice(0, -1).join(', ');
    return `${head ? `${head} and ${last}` : last} ${verb}`;
  }
  const others = unique.length - NAMED;
  return `${unique.slice(0, NAMED).join(', ')} and ${others} ${others === 1 ? 'other' : 'others'} ${verb}`;
}

/** The rows for lines in id order: runs of two or more arrivals (or departures) become one row. */
export function foldArrivals(lines: readonly ChatLine[]): ChatRow[] {
  const rows: ChatRow[] = [];
  for (let i = 0; i < lines.length;) {
    const first = lines[i]!;
    let end = i + 1;
    if (foldable(first)) while (end < lines.length && sameRun(first, lines[end]!)) end++;
    if (end - i === 1) rows.push({ kind: 'line', line: first });
    else {
      const run = lines.slice(i, end);
      rows.push({
        kind: 'arrivals',
        lines: run,
        text: arrivalsText(
          run.map((l) => l.name),
          first.text,
        ),
      });
    }
    i = end;
  }
  return rows;
}

/**
 * The last `count` rows as one text line each, folded as on the desktop: the VR chat panel's lines
 * (a few on a texture, where a burst of arrivals would push every word of the talk off it). `chat`
 * is false for the muted rows (arrivals, departures, system lines).
 */
export function lastRowsText(lines: readonly ChatLine[], count: number): { text: string; chat: boolean }[] {
  return foldArrivals(lines)
    .slice(-count)
    .map((r) => (r.kind === 'arrivals' ? { text: r.text, chat: false } : { text: describeLine(r.line), chat: r.line.kind === 'chat' }));
}
