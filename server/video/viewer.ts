/**
 * One viewer's connection for one camera (SPEC VW1, VW2): a werift peer that only sends, on the
 * camera feed's shared track. werift rewrites SSRC and payload type per connection, so one track
 * serves every viewer; a viewer who leaves costs nothing more.
 */
import { RTCPeerConnection, RTCRtpCodecParameters, type MediaStreamTrack } from 'werift';
import { candidatesGathered } from './iceGathering.js';

export class ViewerLink {
  private readonly pc: RTCPeerConnection;
  private answered = false;

  constructor(track: MediaStreamTrack) {
    this.pc = new RTCPeerConnection({
      codecs: {
        video: [
          new RTCRtpCodecParameters({
            mimeType: 'video/VP8',
            clockRate: 90_000,
            rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
          }),
        ],
      },
      // ICE-lite, as SFUs are: the server answers the viewer's checks from its host addresses and
      // asks no STUN server (werift's full ICE would query a public one it names itself).
      iceLite: true,
      iceServers: [],
      iceUseIpv6: false,
    });
    this.pc.addTransceiver(track, { direction: 'sendonly' });
  }

  /** The offer, candidates included (waits for gathering, at most GATHER_LIMIT_MS). */
  async offer(): Promise<string> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    await candidatesGathered(this.pc);
    return this.pc.localDescription?.sdp ?? offer.sdp;
  }

  get waitingForAnswer(): boolean {
    return !this.answered;
  }

  async answer(sdp: string): Promise<void> {
    this.answered = true;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  get state(): string {
    return this.pc.connectionState;
  }

  close(): void {
    void this.pc.close().catch(() => undefined);
  }
}
