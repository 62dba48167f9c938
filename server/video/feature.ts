/** The video twin in a space room (SPEC VW1–VW4): the signalling routes, and a viewer's connections close when they go. */
import type { RoomFeature } from '../core/feature.js';
import type { VideoHub } from './hub.js';
import { videoRoutes, viewerKey } from './routes.js';

export function videoFeature(hub: VideoHub): RoomFeature {
  return {
    name: 'video',
    json: videoRoutes(hub),
    // A dropped connection's peers die with it; the client asks again when it is back.
    dropped: (ctx, p) => hub.leaveAll(viewerKey(ctx, p)),
    left: (ctx, p) => hub.leaveAll(viewerKey(ctx, p)),
  };
}
