/**
 * A machine's definition as the client needs it: the Thing Description served by
 * `GET /api/twins/:id/td` (WoT discovery), its `tv:twin` extension validated with the same schema the
 * server used, and the affordances the panel shows. A definition that fails to load or validate
 * leaves the machine drawn as a grey box, with the problem written on its panel.
 */
import { check } from '../../shared/protocol/validation.js';
import { DEFAULT_TWIN_EXTENSION, TWIN_MEMBER, TwinExtension } from '../../shared/twin/extension.js';
import type { ActionAffordance, DataSchema, ThingDescription } from '../../shared/twin/td.js';

export interface TwinDefinition {
  id: string;
  title: string;
  description: string;
  ext: TwinExtension;
  properties: Record<string, DataSchema>;
  actions: Record<string, ActionAffordance>;
  /** Why the definition could not be used as written, in words (the model falls back to a box). */
  problem: string | null;
}

function asRecord<T>(v: unknown): Record<string, T> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, T>) : {};
}

/** Reads a served TD; never throws (a broken definition must not break the space). */
export function readDefinition(id: string, json: unknown): TwinDefinition {
  const td = asRecord<unknown>(json) as Partial<ThingDescription>;
  const title = typeof td.title === 'string' ? td.title : id;
  const raw = (td as Record<string, unknown>)[TWIN_MEMBER];
  let ext = DEFAULT_TWIN_EXTENSION;
  let problem: string | null = null;
  if (raw !== undefined) {
    const result = check(TwinExtension, raw);
    if (result.ok) ext = result.value;
    else problem = `${TWIN_MEMBER}: ${result.problems}`;
  }
  return {
    id,
    title,
    description: typeof td.description === 'string' ? td.description : '',
    ext,
    properties: asRecord<DataSchema>(td.properties),
    actions: asRecord<ActionAffordance>(td.actions),
    problem,
  };
}

/** Fetches and reads the definition of twin `id` from the server. */
export async function fetchDefinition(base: string, id: string): Promise<TwinDefinition> {
  try {
    const res = await fetch(new URL(`/api/twins/${encodeURIComponent(id)}/td`, base));
    if (!res.ok) return { ...readDefinition(id, {}), problem: `The server answered ${res.status} for this machine's definition.` };
    return readDefinition(id, await res.json());
  } catch (err) {
    return { ...readDefinition(id, {}), problem: `Could not load this machine's definition: ${(err as Error).message}` };
  }
}
