/**
 * The video messages' routes (SPEC VW1–VW4): the edge has checked shape and rate; here the camera
 * must be one this space shows, and the hub does the WebRTC work. Its answers are asynchronous: a
 * refusal arrives as the usual named `error`, an offer as `video.offer`.
 */
import type { VideoAnswer, VideoLeave, VideoOffer, VideoWatch } from '../../shared/protocol/video.js';
import type { RoomContext } from '../core/context.js';
import type { JsonRoutes } from '../core/feature.js';
import type { Participant } from '../core/participant.js';
import { featureRoute } from '../core/route.js';
import type { VideoHub } from './hub.js';

/** The hub's name for one participant of one room. */
export const viewerKey = (ctx: RoomContext, p: Participant) => `${ctx.roomId}/${p.sessionId}`;

/** Whether this space's layout places the camera (a camera elsewhere is unknown here). */
const inSpace = (ctx: RoomContext, camera: string) => ctx.space.layout.twins.some((t) => t.twin === camera);

export function videoRoutes(hub: VideoHub): JsonRoutes {
  return {
    'video.watch': featureRoute<VideoWatch>((ctx, p, m) => {
      if (!inSpace(ctx, m.camera) || !hub.isCamera(m.camera)) return ctx.refuse(p, 'video.unknown_camera', 'video.watch', m.camera);
      hub.watch(viewerKey(ctx, p), m.camera).then(
        (r) => {
          if (r.ok) ctx.send(p, 'video.offer', { camera: m.camera, sdp: r.value } satisfies VideoOffer);
          else if (r.code !== 'video.no_offer') ctx.refuse(p, r.code, 'video.watch', r.detail);
        },
        (err: unknown) => ctx.log.warn({ camera: m.camera, err: (err as Error).message }, 'video offer failed'),
      );
    }),
    'video.answer': featureRoute<VideoAnswer>((ctx, p, m) => {
      hub.answer(viewerKey(ctx, p), m.camera, m.sdp).then(
        (r) => {
          if (!r.ok) ctx.refuse(p, r.code, 'video.answer', r.detail);
        },
        (err: unknown) => ctx.log.warn({ camera: m.camera, err: (err as Error).message }, 'video answer failed'),
      );
    }),
    'video.leave': featureRoute<VideoLeave>((ctx, p, m) => hub.leave(viewerKey(ctx, p), m.camera)),
  };
}
