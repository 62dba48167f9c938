/**
 * The one validator library the protocol uses (zod's tree-shakable "mini" build, so the client
 * bundle carries only the schemas it uses), set to English messages once for both sides.
 */
import { z } from 'zod/mini';

z.config(z.locales.en());

export { z };

/** Runs `schema` on `value`; on failure returns one line per problem, naming the field path. */
export function check<T>(schema: z.ZodMiniType<T>, value: unknown): { ok: true; value: T } | { ok: false; problems: string } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, problems };
}
