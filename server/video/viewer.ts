/**
 * One viewer's connection for one camera (SPEC VW1, VW2): a werift peer that only sends, on the
 * camera feed's shared track. werift rewrites SSRC and payload type per connection, so one track
 * serves every viewer; a viewer who leaves costs nothing more.
 */
import type { MediaStreamTrack, RTCPeerConnection } from 'werift';
import { candidatesGathered, videoPeer } from './peer.js';

export class ViewerLink {
  private readonly pc: RTCPeerConnection;
  private answered = false;

  constructor(track: MediaStreamTrack) {
    this.pc = videoPeer();
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
