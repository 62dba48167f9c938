/**
 * Sharing my screen on the board: the browser's picker (getDisplayMedia), a video track tuned for
 * text, and a clean stop — from our button, the browser's own "Stop sharing" bar, or the host (SPEC
 * B7). The track goes to everyone over the voice mesh's peer connections.
 */
import { Listeners } from '../../core/listeners.js';

export class ScreenShare {
  stream: MediaStream | null = null;
  private readonly listeners = new Listeners<void>();

  get track(): MediaStreamTrack | null {
    return this.stream?.getVideoTracks()[0] ?? null;
  }

  get active(): boolean {
    return this.stream !== null;
  }

  /** Whether this browser can share a screen at all (not on phones and headsets). */
  static get supported(): boolean {
    return typeof navigator !== 'undefined' && !!navigator.mediaDevices && 'getDisplayMedia' in navigator.mediaDevices;
  }

  /** Asks the browser for a screen or window. Throws an Error with words a person can act on. */
  async start(): Promise<void> {
    if (this.stream) return;
    if (!ScreenShare.supported) throw new Error('This browser cannot share a screen; desktop Chrome, Edge or Firefox can.');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({
        video: { frameRate: { ideal: 15, max: 30 }, width: { max: 1920 }, height: { max: 1080 } },
        audio: false,
      });
    } catch (err) {
      const name = (err as { name?: string } | null)?.name;
      if (name === 'NotAllowedError') throw new Error('Screen sharing was cancelled or not allowed.');
      throw new Error(`Screen sharing could not start (${(err as Error).message}).`);
    }
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error('The browser returned no video to share.');
    // Slides and code: keep detail over smooth motion.
    track.contentHint = 'detail';
    track.addEventListener('ended', () => this.stop());
    this.stream = stream;
    this.emit();
  }

  stop(): void {
    if (!this.stream) return;
    for (const t of this.stream.getTracks()) t.stop();
    this.stream = null;
    this.emit();
  }

  onChange(l: () => void): () => void {
    return this.listeners.add(l);
  }

  private emit(): void {
    this.listeners.emit();
  }
}

/** A muted, inline video element playing `stream` (for a VideoTexture). */
export function videoFor(stream: MediaStream): HTMLVideoElement {
  const v = document.createElement('video');
  v.muted = true;
  v.playsInline = true;
  v.autoplay = true;
  v.srcObject = stream;
  void v.play().catch(() => undefined);
  return v;
}
