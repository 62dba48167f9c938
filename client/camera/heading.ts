/**
 * Which way a phone's camera faces, as a compass bearing (SPEC CP7), from a device-orientation event:
 * iOS gives it as `webkitCompassHeading`; elsewhere an absolute event's `alpha`, `beta`, `gamma` (W3C
 * Device Orientation: the device frame turned from east-north-up by Z(alpha)·X(beta)·Y(gamma)) give
 * where the back camera (the device's −Z) points, flattened onto the ground. A phone lying flat looks
 * at the floor: then the way its top points stands for it. A relative event (no compass behind it)
 * says nothing about north and gives no heading.
 */

/** What this needs of a DeviceOrientationEvent (iOS adds `webkitCompassHeading`). */
export interface OrientationReading {
  absolute: boolean;
  alpha: number | null;
  beta: number | null;
  gamma: number | null;
  webkitCompassHeading?: number | null;
}

const RAD = Math.PI / 180;
/** Below this horizontal share the back camera looks (nearly) straight down or up: use the top's direction. */
const FLAT = 0.35;

/** Degrees clockwise from north, 0 ≤ h < 360; null when the event does not say where north is. */
export function compassHeading(e: OrientationReading): number | null {
  const ios = e.webkitCompassHeading;
  if (typeof ios === 'number' && Number.isFinite(ios) && ios >= 0) return normalise(ios);
  if (!e.absolute || e.alpha === null || e.beta === null || e.gamma === null) return null;
  const [sZ, cZ] = [Math.sin(e.alpha * RAD), Math.cos(e.alpha * RAD)];
  const [sX, cX] = [Math.sin(e.beta * RAD), Math.cos(e.beta * RAD)];
  const [sY, cY] = [Math.sin(e.gamma * RAD), Math.cos(e.gamma * RAD)];
  // The back camera's direction, −(third column of R): east and north parts.
  let east = -(cY * sZ * sX + cZ * sY);
  let north = -(sZ * sY - cZ * cY * sX);
  if (Math.hypot(east, north) < FLAT) {
    // The top's direction, the second column of R.
    east = -cX * sZ;
    north = cZ * cX;
  }
  return normalise(Math.atan2(east, north) / RAD);
}

function normalise(deg: number): number {
  // Rounded to a tenth of a degree: no phone's compass is finer, and the value travels in JSON.
  const h = Math.round((((deg % 360) + 360) % 360) * 10) / 10;
  return h >= 360 ? 0 : h;
}
