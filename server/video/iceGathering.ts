/**
 * The server's side of a WebRTC link answers (or offers) once, with its ICE candidates inside the
 * description: viewers and publishers signal over one HTTP request each, so nothing trickles later.
 */
import type { RTCPeerConnection } from 'werift';

/** How long the server waits for its own ICE candidates before signalling what it has, ms. */
export const GATHER_LIMIT_MS = 3000;

/** Settles when `pc` has gathered its candidates, or after GATHER_LIMIT_MS with what it has. */
export async function candidatesGathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, GATHER_LIMIT_MS);
    pc.iceGatheringStateChange.subscribe((s) => {
      if (s === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
