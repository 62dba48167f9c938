/**
 * The cameras of the space as the client needs them (SPEC VT1): the twins whose source is `video`,
 * their `tv:camera` member read from the served TD with the shared validator, and where the lens is
 * and looks in the protocol frame (right-handed, +Y up, −Z forward, metres, radians).
 */
import { check } from '../../shared/protocol/validation.js';
import { CAMERA_MEMBER, ServedCameraExtension } from '../../shared/twin/camera.js';
import type { TwinState } from '../../shared/state/twin.js';

export interface CameraPlacement {
  id: string;
  title: string;
  ext: ServedCameraExtension;
  /** Lens position, protocol frame, metres. */
  lens: { x: number; y: number; z: number };
  /** Heading, radians about +Y (0 looks along −Z), twin placement and camera yaw together. */
  yaw: number;
  /** The twin's placement this was worked out from (a moved twin is placed again). */
  twinAt: { x: number; z: number; qy: number };
}

/** Fetches a camera's TD and reads its `tv:camera` member; null when it has none or it does not validate. */
export async function fetchCameraExtension(base: string, id: string): Promise<{ title: string; ext: ServedCameraExtension } | null> {
  try {
    const res = await fetch(new URL(`/api/twins/${encodeURIComponent(id)}/td`, base));
    if (!res.ok) return null;
    const td = (await res.json()) as Record<string, unknown>;
    const r = check(ServedCameraExtension, td[CAMERA_MEMBER]);
    return r.ok ? { title: typeof td.title === 'string' ? td.title : id, ext: r.value } : null;
  } catch {
    return null;
  }
}

/** Where the camera's lens is and looks, from the twin's placement in the state and its extension. */
export function placeCamera(id: string, title: string, ext: ServedCameraExtension, twin: TwinState): CameraPlacement {
  // Layouts place twins with a yaw only: the quaternion's angle about +Y.
  const twinYaw = 2 * Math.atan2(twin.qy, twin.qw);
  const c = Math.cos(twinYaw);
  const s = Math.sin(twinYaw);
  const [lx, ly, lz] = ext.position;
  const k = twin.scale || 1;
  return {
    id,
    title,
    ext,
    lens: { x: twin.px + k * (lx * c + lz * s), y: twin.py + k * ly, z: twin.pz + k * (-lx * s + lz * c) },
    yaw: twinYaw + (ext.yawDeg * Math.PI) / 180,
    twinAt: { x: twin.px, z: twin.pz, qy: twin.qy },
  };
}
