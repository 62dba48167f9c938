/**
 * One WebRTC connection to one other person: my microphone (and my screen while I share) out, their
 * voice (and screen) in. Negotiation follows the "perfect negotiation" pattern, so either side may
 * start or renegotiate at any time and offer collisions resolve themselves: the polite side (the
 * smaller session id) yields. Signalling goes through the server (`rtc.signal`, SPEC V1).
 */
import type { SignalBody } from '../../../shared/protocol/meeting.js';

/** What a link says to its other end; the mesh adds the link's number. */
export type LinkSignal =
  Exclude<SignalBody, { kind: 'want' | 'bye' }> extends infer S ? (S extends { link: number } ? Omit<S, 'link'> : never) : never;

export interface LinkEvents {
  /** Send this to the peer (through the server). */
  signal(body: LinkSignal): void;
  /** A track from the peer started (audio: their voice; video: their screen). */
  track(track: MediaStreamTrack, stream: MediaStream): void;
  /** The connection's state changed. */
  state(state: RTCPeerConnectionState): void;
}

/** Voice needs little: 32 kbit/s Opus is clear speech. */
const AUDIO_MAX_BITRATE = 32_000;
/** A shared screen: text must stay sharp, motion may stutter. */
const VIDEO_MAX_BITRATE = 1_500_000;

export class PeerLink {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private audioSender: RTCRtpSender | null = null;
  private videoSender: RTCRtpSender | null = null;
  private started: boolean;
  private closed = false;
  /** When this link was made (ms, performance clock). */
  readonly createdAt = performance.now();

  /**
   * `initiator`: we asked for this link, so we add our tracks now and offer; otherwise we wait for the
   * peer's offer and add ours to its transceivers (one audio m-line each way, no extra round).
   */
  constructor(
    readonly peer: string,
    readonly polite: boolean,
    config: RTCConfiguration,
    private readonly local: {
      audio: MediaStreamTrack | null;
      audioStream: MediaStream | null;
      video: MediaStreamTrack | null;
      videoStream: MediaStream | null;
    },
    private readonly events: LinkEvents,
    initiator: boolean,
  ) {
    this.pc = new RTCPeerConnection(config);
    this.started = initiator;
    const pc = this.pc;
    pc.onnegotiationneeded = () => void this.offer();
    pc.onicecandidate = ({ candidate }) => {
      if (!candidate || !candidate.candidate) return;
      const { sdpMid, sdpMLineIndex, usernameFragment } = candidate;
      this.events.signal({ kind: 'candidate', candidate: { candidate: candidate.candidate, sdpMid, sdpMLineIndex, usernameFragment } });
    };
    pc.ontrack = (e) => this.events.track(e.track, e.streams[0] ?? new MediaStream([e.track]));
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') void this.limitBitrates();
      this.events.state(pc.connectionState);
    };
    if (initiator) this.addLocal();
  }

  get state(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** Replaces my microphone track (null: listening only). */
  setAudio(track: MediaStreamTrack | null, stream: MediaStream | null): void {
    this.local.audio = track;
    this.local.audioStream = stream;
    if (!this.started || this.closed) return;
    if (this.audioSender) void this.audioSender.replaceTrack(track);
    else if (track && stream) this.audioSender = this.reuseOrAdd(track, stream);
  }

  /** Starts (track) or stops (null) sending my screen. */
  setVideo(track: MediaStreamTrack | null, stream: MediaStream | null): void {
    this.local.video = track;
    this.local.videoStream = stream;
    if (!this.started || this.closed) return;
    if (track && stream) {
      if (this.videoSender) void this.videoSender.replaceTrack(track);
      else this.videoSender = this.pc.addTrack(track, stream);
      void this.limitBitrates();
    } else if (this.videoSender) {
      this.pc.removeTrack(this.videoSender);
      this.videoSender = null;
    }
  }

  /** Handles an offer, answer or ICE candidate from the peer. */
  async receive(body: LinkSignal): Promise<void> {
    if (this.closed) return;
    const pc = this.pc;
    try {
      if (body.kind === 'offer' || body.kind === 'answer') {
        const readyForOffer = !this.makingOffer && (pc.signalingState === 'stable' || this.settingRemoteAnswer);
        const collision = body.kind === 'offer' && !readyForOffer;
        this.ignoreOffer = !this.polite && collision;
        if (this.ignoreOffer) return;
        this.settingRemoteAnswer = body.kind === 'answer';
        await pc.setRemoteDescription({ type: body.kind, sdp: body.sdp });
        this.settingRemoteAnswer = false;
        if (body.kind === 'offer') {
          if (!this.started) {
            this.started = true;
            this.addLocal();
          }
          await pc.setLocalDescription();
          if (pc.localDescription) this.events.signal({ kind: 'answer', sdp: pc.localDescription.sdp });
        }
      } else {
        try {
          await pc.addIceCandidate(body.candidate);
        } catch (err) {
          if (!this.ignoreOffer) throw err;
        }
      }
    } catch (err) {
      if (!this.closed) console.warn(`[twinverse] voice link to ${this.peer}: ${(err as Error).message}`);
    }
  }

  /** Bytes sent and received on this link so far, and the current outgoing audio level (getStats). */
  async stats(): Promise<{ bytesSent: number; bytesReceived: number; audioLevelIn: number | null; packetsIn: number }> {
    let bytesSent = 0;
    let bytesReceived = 0;
    let audioLevelIn: number | null = null;
    let packetsIn = 0;
    const report = await this.pc.getStats();
    report.forEach(
      (s: { type: string; kind?: string; bytesSent?: number; bytesReceived?: number; audioLevel?: number; packetsReceived?: number }) => {
        if (s.type === 'transport') {
          bytesSent += s.bytesSent ?? 0;
          bytesReceived += s.bytesReceived ?? 0;
        }
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          audioLevelIn = Math.max(audioLevelIn ?? 0, s.audioLevel ?? 0);
          packetsIn += s.packetsReceived ?? 0;
        }
      },
    );
    return { bytesSent, bytesReceived, audioLevelIn, packetsIn };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  private addLocal(): void {
    const { audio, audioStream, video, videoStream } = this.local;
    if (audio && audioStream) this.audioSender = this.reuseOrAdd(audio, audioStream);
    // Listening only: still ask for the peer's voice.
    else if (!this.pc.getTransceivers().some((t) => t.receiver.track.kind === 'audio'))
      this.pc.addTransceiver('audio', { direction: 'recvonly' });
    if (video && videoStream) this.videoSender = this.pc.addTrack(video, videoStream);
  }

  /**
   * addTrack reuses a transceiver of the same kind that never sent (one the peer's offer created, or
   * our own recvonly one when listening only), so each direction keeps one audio m-line.
   */
  private reuseOrAdd(track: MediaStreamTrack, stream: MediaStream): RTCRtpSender {
    return this.pc.addTrack(track, stream);
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      if (this.pc.localDescription) this.events.signal({ kind: 'offer', sdp: this.pc.localDescription.sdp });
    } catch (err) {
      console.warn(`[twinverse] voice link to ${this.peer}: offer failed: ${(err as Error).message}`);
    } finally {
      this.makingOffer = false;
    }
  }

  private async limitBitrates(): Promise<void> {
    for (const [sender, max] of [
      [this.audioSender, AUDIO_MAX_BITRATE],
      [this.videoSender, VIDEO_MAX_BITRATE],
    ] as const) {
      if (!sender) continue;
      const p = sender.getParameters();
      if (!p.encodings || p.encodings.length === 0) continue;
      if (p.encodings[0]!.maxBitrate === max) continue;
      p.encodings[0]!.maxBitrate = max;
      if (sender === this.videoSender) p.degradationPreference = 'maintain-resolution';
      await sender.setParameters(p).catch(() => undefined);
    }
  }
}
