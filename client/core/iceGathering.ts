/**
 * A page signals its WebRTC description once, over one request, with its ICE candidates inside it
 * (the server takes no trickled candidates): it waits for this browser to gather them.
 */

/** How long the description waits for this browser's ICE candidates, ms (host candidates come in a few ms). */
const GATHER_LIMIT_MS = 2000;

/** Settles when `pc` has gathered its candidates, or after GATHER_LIMIT_MS with what it has. */
export function candidatesGathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, GATHER_LIMIT_MS);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState !== 'complete') return;
      clearTimeout(timer);
      resolve();
    });
  });
}
