/**
 * Twins that say where they are (SPEC GS5): a twin whose Thing Description has the properties
 * `latitude` and `longitude` (WGS84 degrees, schema.org's names) — and optionally `heading` (compass
 * bearing, degrees clockwise from true north) — stands where they say in every space with a geo
 * reference: an AGV, a forklift, a truck at the gate.
 */

export const LATITUDE = 'latitude';
export const LONGITUDE = 'longitude';
export const HEADING = 'heading';

/** Whether a twin with these property names reports its position. */
export function reportsPosition(properties: { has(name: string): boolean }): boolean {
  return properties.has(LATITUDE) && properties.has(LONGITUDE);
}

/**
 * The WGS84 range a position property must keep whatever its TD declares (SPEC GS6); null when the
 * value is fine, else why not. Heading is any finite bearing (−360…360: some devices report −180…180).
 */
export function positionValueProblem(name: string, value: unknown): string | null {
  const limit = name === LATITUDE ? 90 : name === LONGITUDE ? 180 : name === HEADING ? 360 : null;
  if (limit === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a finite number of degrees`;
  if (value < -limit || value > limit) return `${name} ${value} is outside −${limit}…${limit} degrees (WGS84)`;
  return null;
}
