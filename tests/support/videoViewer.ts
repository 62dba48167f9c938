/**
 * A WebRTC viewer for integration tests: a real werift peer that answers the server's `video.offer`
 * and counts the RTP packets that arrive on the camera's track (browsers are the e2e tests' part).
 * Like the browser client, it asks again when a connection fails (werift ↔ werift in one loaded
 * process sometimes fails its first DTLS handshake on a retransmitted flight).
 */
import { RTCPeerConnection } from 'werift';
import type { VideoOffer } from '../../shared/protocol/video.js';
import type { Member } from './inbox.js';
import { waitFor } from './wait.js';

export interface TestViewer {
  /** RTP packets and payload bytes received so far. */
  packets: number;
  bytes: number;
  /** Codec the track arrived with (e.g. `video/VP8`). */
  codec: string;
  /** Connections it took (1 unless one failed). */
  attempts: number;
  pc: RTCPeerConnection;
  close(): Promise<void>;
}

const offersFor = (m: Member, camera: string) => m.of<VideoOffer>('video.offer').filter((o) => o.camera === camera);

/** Asks for `camera`, answers, waits until connected (asking again after a failure, at most 3 times), counts what arrives. */
export async function watchCamera(m: Member, camera: string): Promise<TestViewer> {
  const v: TestViewer = { packets: 0, bytes: 0, codec: '', attempts: 0, pc: null!, close: () => v.pc.close() };
  for (;;) {
    v.attempts++;
    const seen = offersFor(m, camera).length;
    m.room.send('video.watch', { camera });
    const offer = await waitFor(`offer for ${camera}`, () => offersFor(m, camera)[seen], 20_000);
    // werift's full ICE asks a STUN server, a public one unless told: this one is a closed port on
    // loopback (tests reach this machine only). The ICE-lite server learns the viewer's address from
    // its checks, so the answer goes without waiting for candidates.
    const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:9' }], iceUseIpv6: false });
    v.pc = pc;
    pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        v.packets++;
        v.bytes += rtp.payload.length;
        v.codec = track.codec?.mimeType ?? v.codec;
      });
    });
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    m.room.send('video.answer', { camera, sdp: pc.localDescription!.sdp });
    const state = await waitFor(
      'connected or failed',
      () => (['connected', 'failed'].includes(pc.connectionState) ? pc.connectionState : false),
      40_000,
    );
    if (state === 'connected') return v;
    await pc.close();
    if (v.attempts >= 3) throw new Error(`the connection for ${camera} failed ${v.attempts} times`);
  }
}
