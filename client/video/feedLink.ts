/**
 * One camera's feed on this client (SPEC VW1–VW3): a receive-only RTCPeerConnection the server offers
 * after `video.watch`. ICE candidates travel in the SDP, so the answer waits for gathering (bounded).
 * Latency is read from the connection's own statistics: the jitter buffer's delay plus half the
 * round trip (a figure for people, not a measurement; bench/video.ts measures).
 */
import type { SpaceConnection } from '../net/connection.js';
import { candidatesGathered } from '../core/iceGathering.js';

/** After a failed connection, ask again this much later, ms. */
const RETRY_MS = 1000;

export class FeedLink {
  readonly video: HTMLVideoElement;
  private pc: RTCPeerConnection | null = null;
  private stream: MediaStream | null = null;
  /** Frames presented so far (requestVideoFrameCallback), for the live dot and the test API. */
  frames = 0;
  /** Estimated delay from the server to the picture, ms (NaN until known). */
  latencyMs = Number.NaN;
  private closed = false;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly camera: string,
    private readonly connection: SpaceConnection,
    private readonly onStream: (stream: MediaStream) => void,
  ) {
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.autoplay = true;
    const count = () => {
      this.frames++;
      if (!this.closed) this.video.requestVideoFrameCallback(count);
    };
    this.video.requestVideoFrameCallback(count);
    connection.send('video.watch', { camera });
  }

  get state(): RTCPeerConnectionState | 'none' {
    return this.pc?.connectionState ?? 'none';
  }

  /** The server's offer: answer it (a second offer replaces the first connection). */
  async offer(sdp: string): Promise<void> {
    if (this.closed) return;
    this.pc?.close();
    const pc = new RTCPeerConnection({ iceServers: [] });
    this.pc = pc;
    // A connection that fails (a lost handshake, a network change) is asked for again; the server replaces it.
    pc.onconnectionstatechange = () => {
      if (pc.connectionState !== 'failed' || this.closed || this.pc !== pc) return;
      this.retry = setTimeout(() => {
        if (!this.closed) this.connection.send('video.watch', { camera: this.camera });
      }, RETRY_MS);
    };
    pc.ontrack = (e) => {
      this.stream = e.streams[0] ?? new MediaStream([e.track]);
      this.video.srcObject = this.stream;
      void this.video.play().catch(() => undefined);
      this.onStream(this.stream);
    };
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await candidatesGathered(pc);
    if (this.closed || this.pc !== pc) return;
    this.connection.send('video.answer', { camera: this.camera, sdp: pc.localDescription?.sdp ?? '' });
    this.statsTimer ??= setInterval(() => void this.readLatency(), 1000);
  }

  private async readLatency(): Promise<void> {
    if (!this.pc) return;
    let buffer = Number.NaN;
    let rtt = 0;
    (await this.pc.getStats()).forEach((r: Record<string, unknown>) => {
      if (
        r.type === 'inbound-rtp' &&
        r.kind === 'video' &&
        typeof r.jitterBufferEmittedCount === 'number' &&
        r.jitterBufferEmittedCount > 0
      )
        buffer = ((r.jitterBufferDelay as number) / r.jitterBufferEmittedCount) * 1000;
      if (r.type === 'candidate-pair' && r.nominated === true && typeof r.currentRoundTripTime === 'number')
        rtt = r.currentRoundTripTime * 1000;
    });
    this.latencyMs = Math.round(buffer + rtt / 2);
  }

  /** Stops receiving: tells the server, closes the connection. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.send('video.leave', { camera: this.camera });
    if (this.statsTimer) clearInterval(this.statsTimer);
    if (this.retry) clearTimeout(this.retry);
    this.pc?.close();
    this.pc = null;
    this.video.srcObject = null;
  }
}
