/**
 * Instances of one space (SPEC J6): a layout with `overflow` lets a full space seat newcomers in a
 * further room of the same space — its own people, voice, chat and board; the same machines. Instance
 * 1 is the space itself; the others are named after it, `line-1 (2)`, `line-1 (3)` …
 */

/** Most instances a layout may ask for: each is a room, so a bound on what one space may open. */
export const MAX_INSTANCES = 16;

/**
 * The name people see for instance `instance` (1-based) of `space`: '' for the space itself. A space
 * name never holds a space or a parenthesis (J1), so these never collide with a space's own name.
 */
export function instanceName(space: string, instance: number): string {
  return instance <= 1 ? '' : `${space} (${instance})`;
}
