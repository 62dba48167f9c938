/**
 * Video twin signalling (SPEC VW1–VW5): a viewer asks the server for a camera's feed, the server
 * offers one WebRTC connection per viewer and camera (it is the camera's single receiver and forwards
 * to every viewer), the viewer answers. ICE candidates travel inside the SDP (no trickle): the server
 * waits for its own gathering, and so does the viewer, so three messages make a connection.
 */
import type { JsonClientEntry, ServerEntry } from './entry.js';
import { z } from './validation.js';
import { TwinId } from './values.js';

/** Longest SDP accepted from a viewer, characters (one receive-only video section with candidates fits in ~4 KB). */
export const MAX_VIDEO_SDP_CHARS = 12_000;
/** Cameras one person may watch at once (SPEC VW4). */
export const MAX_WATCHED_CAMERAS = 4;

/** client → server `video.watch`: send me this camera's feed (an offer follows). */
export const VideoWatch = z.strictObject({ camera: TwinId });
export type VideoWatch = z.infer<typeof VideoWatch>;

/** client → server `video.answer`: my answer to the server's offer for `camera`. */
export const VideoAnswer = z.strictObject({
  camera: TwinId,
  sdp: z.string().check(z.minLength(1), z.maxLength(MAX_VIDEO_SDP_CHARS)),
});
export type VideoAnswer = z.infer<typeof VideoAnswer>;

/** client → server `video.leave`: stop sending me this camera (out of view, or switched off). */
export const VideoLeave = z.strictObject({ camera: TwinId });
export type VideoLeave = z.infer<typeof VideoLeave>;

/** server → client `video.offer`: the server's offer for `camera` (answer with `video.answer`). */
export const VideoOffer = z.object({ camera: TwinId, sdp: z.string() });
export type VideoOffer = z.infer<typeof VideoOffer>;

export const VideoClientMessages = {
  'video.watch': {
    kind: 'json',
    schema: VideoWatch,
    rate: { perSecond: 2, burst: 8 },
    errors: ['video.unknown_camera', 'video.limit', 'video.off'],
    doc: '`{ camera }`: send me this camera’s feed; the server answers with `video.offer` (VW1, VW4)',
  } as const satisfies JsonClientEntry<VideoWatch>,
  'video.answer': {
    kind: 'json',
    schema: VideoAnswer,
    rate: { perSecond: 2, burst: 8 },
    errors: ['video.no_offer', 'video.bad_answer'],
    doc: '`{ camera, sdp }`: my answer to the server’s offer for this camera (VW2)',
  } as const satisfies JsonClientEntry<VideoAnswer>,
  'video.leave': {
    kind: 'json',
    schema: VideoLeave,
    rate: { perSecond: 4, burst: 8 },
    errors: [],
    doc: '`{ camera }`: stop sending me this camera; nothing happens if it was not sent (VW3)',
  } as const satisfies JsonClientEntry<VideoLeave>,
} as const;

export const VideoServerMessages = {
  'video.offer': {
    schema: VideoOffer,
    doc: '`{ camera, sdp }`: the server’s WebRTC offer for one camera, to the viewer who asked (VW1)',
  } satisfies ServerEntry<VideoOffer>,
} as const;

export const VIDEO_ERRORS = {
  'video.unknown_camera': 'There is no camera of that name in this space.',
  'video.limit': `You watch ${MAX_WATCHED_CAMERAS} cameras already; close one first.`,
  'video.off': 'Video is switched off on this server (VIDEO=off).',
  'video.no_offer': 'There is no offer waiting for an answer for that camera; ask with video.watch.',
  'video.bad_answer': 'The answer could not be applied to the connection.',
} as const;
