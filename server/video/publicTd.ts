/**
 * A Thing Description as the API serves it (SPEC VT3): a camera's `tv:camera.source` says only its
 * kind (`test`, `publish` or `rtsp`). The URL stays in the server — RTSP URLs carry the camera's user and password.
 */
import { CAMERA_MEMBER, PUBLISH_SOURCE, SERVED_RTSP_SOURCE, TEST_SOURCE } from '../../shared/twin/camera.js';

export function publicTd(td: Record<string, unknown>): Record<string, unknown> {
  const cam = td[CAMERA_MEMBER];
  if (typeof cam !== 'object' || cam === null || Array.isArray(cam)) return td;
  const given = (cam as Record<string, unknown>).source;
  const source = given === TEST_SOURCE || given === PUBLISH_SOURCE ? given : SERVED_RTSP_SOURCE;
  return { ...td, [CAMERA_MEMBER]: { ...cam, source } };
}

/**
 * Text that may quote a source URL (ffmpeg's error lines do) with its credentials taken out: the
 * camera's offline reason is shown to everyone in the space. `rtsp://user:pass@host/…` → `rtsp://…@host/…`.
 */
export function withoutCredentials(text: string, source: string): string {
  const bare = source.replace(/^(rtsps?:\/\/)[^@/?#]*@/i, '$1…@');
  return text
    .split(source)
    .join(bare)
    .replace(/(rtsps?:\/\/)[^@/\s?#]*@/gi, '$1…@');
}
