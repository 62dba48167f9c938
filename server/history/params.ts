/**
 * The history API's query parameters (SPEC HS4): times as epoch ms, ISO 8601, `now` or `now-<n><unit>`;
 * steps as `raw` or `<n><unit>` (s, m, h, d). Pure functions: the clock is an argument.
 */

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Steps offered when none is asked for: the smallest that gives ≤ {@link AUTO_BUCKETS}. */
const NICE_STEPS = [
  '1s',
  '2s',
  '5s',
  '10s',
  '15s',
  '30s',
  '1m',
  '2m',
  '5m',
  '10m',
  '15m',
  '30m',
  '1h',
  '2h',
  '3h',
  '6h',
  '12h',
  '1d',
  '7d',
];
export const AUTO_BUCKETS = 500;
export const MAX_BUCKETS = 2000;
export const MAX_SAMPLES = 10_000;

/** A time parameter as ms since epoch, or null when it cannot be read. */
export function parseTime(s: string, now: number): number | null {
  const text = s.trim();
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (text === 'now') return now;
  const rel = /^now-(\d{1,9})([smhdw])$/.exec(text);
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2]!]!;
  // ISO 8601 only (Date.parse alone also takes "March 7" and the like).
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const t = Date.parse(text);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

/**
 * A step as ms, 'raw', or null when invalid. Steps under a minute divide a minute (1, 2, 3, 4, 5, 6,
 * 10, 12, 15, 20, 30 s); longer ones are whole minutes, so buckets never split a stored minute row.
 */
export function parseStep(s: string): number | 'raw' | null {
  if (s === 'raw') return 'raw';
  const m = /^(\d{1,6})([smhdw])$/.exec(s);
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2]!]!;
  if (ms <= 0) return null;
  if (ms < 60_000) return 60_000 % ms === 0 ? ms : null;
  return ms % 60_000 === 0 ? ms : null;
}

export function formatStep(ms: number): string {
  for (const u of ['w', 'd', 'h', 'm', 's'] as const) if (ms % UNIT_MS[u]! === 0) return `${ms / UNIT_MS[u]!}${u}`;
  return `${ms / 1000}s`;
}

/** Step-aligned buckets that overlap [from, to]. */
export function bucketCount(from: number, to: number, step: number): number {
  return Math.floor(to / step) - Math.floor(from / step) + 1;
}

/** The smallest nice step giving at most {@link AUTO_BUCKETS} buckets over [from, to]. */
export function autoStep(from: number, to: number): number {
  for (const s of NICE_STEPS) {
    const ms = parseStep(s) as number;
    if (bucketCount(from, to, ms) <= AUTO_BUCKETS) return ms;
  }
  return parseStep('7d') as number;
}

/** Raw-sample cursor: continue at time `t`, skipping the first `skip` samples stamped exactly `t`. */
export interface Cursor {
  t: number;
  skip: number;
}

export function formatCursor(c: Cursor): string {
  return `${c.t}.${c.skip}`;
}

export function parseCursor(s: string): Cursor | null {
  const m = /^(\d{1,15})\.(\d{1,6})$/.exec(s);
  return m ? { t: Number(m[1]), skip: Number(m[2]) } : null;
}
