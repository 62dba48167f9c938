/**
 * My microphone: asks for it, keeps one track for every peer connection, mutes by disabling the
 * track (a disabled track sends silence, so nothing said while muted leaves the machine), measures my
 * own level, and explains in words why there is no microphone and how to fix it (SPEC V5, V6).
 */
import { rms } from './speaking.js';
import { Listeners } from '../../core/listeners.js';

export type MicState = 'idle' | 'asking' | 'live' | 'denied' | 'missing' | 'busy' | 'insecure' | 'error';

/** Words for each state without a working microphone: what happened, what still works, how to fix it. */
export const MIC_WORDS: Record<Exclude<MicState, 'idle' | 'asking' | 'live'>, string> = {
  denied:
    'The browser blocked the microphone, so you can listen but not speak. To talk: click the lock or camera icon left of the address, allow the microphone for this site, then press the microphone button.',
  missing: 'No microphone was found: you can listen. Plug one in, then press the microphone button.',
  busy: 'The microphone is in use by another application or blocked by the system: you can listen. Close the other application, then press the microphone button.',
  insecure:
    'The microphone needs a secure page (https:// or localhost): you can listen. Ask whoever runs this server to serve it over HTTPS.',
  error: 'The microphone could not be started: you can listen. Press the microphone button to try again.',
};

export class Microphone {
  state: MicState = 'idle';
  stream: MediaStream | null = null;
  private mutedFlag = false;
  private analyser: AnalyserNode | null = null;
  private samples: Float32Array<ArrayBuffer> | null = null;
  private readonly listeners = new Listeners<void>();

  constructor(private readonly audio: AudioContext) {}

  get track(): MediaStreamTrack | null {
    return this.stream?.getAudioTracks()[0] ?? null;
  }

  get muted(): boolean {
    return this.mutedFlag;
  }

  get live(): boolean {
    return this.state === 'live';
  }

  /** Asks for the microphone (again, after a failure). Resolves with the new state. */
  async start(): Promise<MicState> {
    if (this.state === 'live' || this.state === 'asking') return this.state;
    if (!navigator.mediaDevices?.getUserMedia) return this.set('insecure');
    this.set('asking');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
        video: false,
      });
      this.stream = stream;
      const track = stream.getAudioTracks()[0]!;
      track.enabled = !this.mutedFlag;
      track.addEventListener('ended', () => {
        this.stream = null;
        this.set('missing');
      });
      const source = this.audio.createMediaStreamSource(stream);
      this.analyser = this.audio.createAnalyser();
      this.analyser.fftSize = 512;
      this.samples = new Float32Array(this.analyser.fftSize);
      source.connect(this.analyser);
      return this.set('live');
    } catch (err) {
      const name = (err as { name?: string } | null)?.name;
      if (name === 'NotAllowedError' || name === 'SecurityError') return this.set('denied');
      if (name === 'NotFoundError' || name === 'OverconstrainedError') return this.set('missing');
      if (name === 'NotReadableError' || name === 'AbortError') return this.set('busy');
      console.warn('[twinverse] microphone failed', err);
      return this.set('error');
    }
  }

  setMuted(on: boolean): void {
    if (on === this.mutedFlag) return;
    this.mutedFlag = on;
    const t = this.track;
    if (t) t.enabled = !on;
    this.emit();
  }

  /** My RMS level (0…1), also while muted (to warn "you are muted"). */
  level(): number {
    if (!this.analyser || !this.samples) return 0;
    this.analyser.getFloatTimeDomainData(this.samples);
    return rms(this.samples);
  }

  onChange(l: () => void): () => void {
    return this.listeners.add(l);
  }

  stop(): void {
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.stream = null;
    this.analyser = null;
    this.set('idle');
  }

  private set(s: MicState): MicState {
    this.state = s;
    this.emit();
    return s;
  }

  private emit(): void {
    this.listeners.emit();
  }
}
