/**
 * Alarm and note markers for the scrubber (SPEC RP7): the space's machines' alarm events and
 * lifecycle notes in the scrubber's range, from the history and notes APIs. A machine whose request
 * fails simply has no markers (the scrubber works without them).
 */
export interface Marker {
  at: number;
  kind: 'alarm' | 'note';
  /** Tooltip: machine and what happened. */
  title: string;
}

interface AlarmsAnswer {
  events: { at: number; kind: string; message: string }[];
}
interface NotesAnswer {
  notes: { at: number; kind: string; text: string }[];
}

async function json<T>(url: string): Promise<T | null> {
  try {
    const res = await fetch(url);
    return res.ok ? ((await res.json()) as T) : null;
  } catch {
    return null;
  }
}

/** `base`: the server's HTTP origin (http(s)://host:port). */
export async function loadMarkers(
  base: string,
  twins: readonly { id: string; title: string }[],
  from: number,
  to: number,
): Promise<Marker[]> {
  const out: Marker[] = [];
  await Promise.all(
    twins.map(async (t) => {
      const id = encodeURIComponent(t.id);
      const [alarms, notes] = await Promise.all([
        json<AlarmsAnswer>(`${base}/api/twins/${id}/alarms?from=${from}&to=${to}`),
        json<NotesAnswer>(`${base}/api/twins/${id}/notes?from=${from}&to=${to}`),
      ]);
      // Raised alarms only: a marker where something went wrong (cleared and acknowledged would crowd it).
      for (const e of alarms?.events ?? [])
        if (e.kind === 'raised') out.push({ at: e.at, kind: 'alarm', title: `${t.title}: ${e.message}` });
      for (const n of notes?.notes ?? []) out.push({ at: n.at, kind: 'note', title: `${t.title}: ${n.kind} — ${n.text.slice(0, 80)}` });
    }),
  );
  return out.sort((a, b) => a.at - b.at);
}
