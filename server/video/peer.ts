/**
 * The server's side of a video link (a viewer's or a publishing page's): one werift peer set up the
 * same way for both, which signals once, with its ICE candidates inside the description (each link
 * signals over one HTTP request, so nothing trickles later).
 */
import { RTCPeerConnection, RTCRtpCodecParameters } from 'werift';

/** A peer for one VP8 video link. */
export function videoPeer(): RTCPeerConnection {
  return new RTCPeerConnection({
    codecs: {
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90_000,
          rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
        }),
      ],
    },
    // ICE-lite, as SFUs are: the server answers the page's checks from its host addresses and
    // asks no STUN server (werift's full ICE would query a public one it names itself).
    iceLite: true,
    iceServers: [],
    iceUseIpv6: false,
  });
}

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
