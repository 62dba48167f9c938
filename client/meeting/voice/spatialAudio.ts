/**
 * Spatial voice on the Web Audio API: each remote voice goes MediaStream → analyser (level) →
 * HRTF panner at that person's head → gate (silences muted people) → master → speakers. The listener
 * follows whatever camera is active (desktop, or the XR camera while in VR), read every frame.
 *
 * Positions are in the protocol frame (right-handed, −Z forward), which is Web Audio's own
 * convention; `render/frames` rules apply: Babylon vectors are converted by mirroring z. (Babylon's
 * audio engine v2 places its listener with a right-handed forward whatever the scene's handedness, so
 * in our left-handed scene front and back would swap; hence plain Web Audio here.)
 */
import type { Camera } from '@babylonjs/core/Cameras/camera.js';
import { Axis } from '@babylonjs/core/Maths/math.axis.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Vec3 } from '../../../shared/space/board.js';
import { rms } from './speaking.js';
import { babylonToProtocol } from '../../render/frames.js';

/** Voices are at full volume within this distance (metres) … */
export const REF_DISTANCE = 1.5;
/** … and fall off as ref / (ref + rolloff × (d − ref)) beyond it (Web Audio "inverse" model). */
export const ROLLOFF = 1;

interface Voice {
  stream: MediaStream;
  source: MediaStreamAudioSourceNode;
  analyser: AnalyserNode;
  panner: PannerNode;
  gate: GainNode;
  sink: HTMLAudioElement;
  samples: Float32Array<ArrayBuffer>;
}

const fwd = new Vector3();
const up = new Vector3();

export class SpatialAudio {
  readonly ctx: AudioContext;
  private readonly master: GainNode;
  private readonly voices = new Map<string, Voice>();
  // Scratch for the listener's pose in the protocol frame (written every frame, no allocation).
  private readonly listenerAt: Vec3 = { x: 0, y: 0, z: 0 };
  private readonly listenerForward: Vec3 = { x: 0, y: 0, z: 0 };
  private readonly listenerUp: Vec3 = { x: 0, y: 0, z: 0 };
  private readonly resume = () => void this.ctx.resume().catch(() => undefined);

  constructor() {
    this.ctx = new AudioContext({ latencyHint: 'interactive' });
    this.master = this.ctx.createGain();
    this.master.connect(this.ctx.destination);
    // Browsers start audio only after a gesture: any click or key lets it start.
    window.addEventListener('pointerdown', this.resume, true);
    window.addEventListener('keydown', this.resume, true);
  }

  /** `running`, or `suspended` until the person clicks or presses a key. */
  get state(): AudioContextState {
    return this.ctx.state;
  }

  /** Routes `stream` (a remote person's audio) through a spatial voice for `id`, replacing any older one. */
  setVoice(id: string, stream: MediaStream): void {
    const old = this.voices.get(id);
    if (old?.stream === stream) return;
    if (old) this.removeVoice(id);
    const ctx = this.ctx;
    // Chromium only pulls samples from a remote WebRTC stream into Web Audio while a media element
    // plays it too; the element is muted so the voice is heard once, spatialised.
    const sink = new Audio();
    sink.muted = true;
    sink.srcObject = stream;
    void sink.play().catch(() => undefined);
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    const panner = new PannerNode(ctx, {
      panningModel: 'HRTF',
      distanceModel: 'inverse',
      refDistance: REF_DISTANCE,
      rolloffFactor: ROLLOFF,
      maxDistance: 100,
    });
    const gate = ctx.createGain();
    source.connect(analyser);
    source.connect(panner).connect(gate).connect(this.master);
    this.voices.set(id, { stream, source, analyser, panner, gate, sink, samples: new Float32Array(analyser.fftSize) });
  }

  removeVoice(id: string): void {
    const v = this.voices.get(id);
    if (!v) return;
    v.source.disconnect();
    v.panner.disconnect();
    v.gate.disconnect();
    v.sink.pause();
    v.sink.srcObject = null;
    this.voices.delete(id);
  }

  has(id: string): boolean {
    return this.voices.has(id);
  }

  /** Places `id`'s voice at `p` (protocol frame, metres). */
  place(id: string, p: Vec3): void {
    const v = this.voices.get(id);
    if (!v) return;
    const t = this.ctx.currentTime;
    // A short glide avoids clicks when positions arrive in steps.
    v.panner.positionX.setTargetAtTime(p.x, t, 0.02);
    v.panner.positionY.setTargetAtTime(p.y, t, 0.02);
    v.panner.positionZ.setTargetAtTime(p.z, t, 0.02);
  }

  /** Opens or closes the gate of `id`'s voice (closed: muted in the shared state, V5). */
  setGate(id: string, open: boolean): void {
    const v = this.voices.get(id);
    if (v) v.gate.gain.setTargetAtTime(open ? 1 : 0, this.ctx.currentTime, 0.03);
  }

  /** RMS level (0…1) of what arrives from `id`, before the gate. */
  level(id: string): number {
    const v = this.voices.get(id);
    if (!v) return 0;
    v.analyser.getFloatTimeDomainData(v.samples);
    return rms(v.samples);
  }

  /** What the test API and diagnostics see of a voice. */
  inspect(id: string): { panner: Vec3; gate: number; model: string; track: MediaStreamTrack | undefined } | null {
    const v = this.voices.get(id);
    if (!v) return null;
    return {
      panner: { x: v.panner.positionX.value, y: v.panner.positionY.value, z: v.panner.positionZ.value },
      gate: v.gate.gain.value,
      model: v.panner.panningModel,
      track: v.stream.getAudioTracks()[0],
    };
  }

  /** Puts the listener where `camera` is, looking where it looks. Call every frame. */
  follow(camera: Camera): void {
    const l = this.ctx.listener;
    const p = camera.globalPosition;
    camera.getDirectionToRef(Axis.Z, fwd);
    camera.getDirectionToRef(Axis.Y, up);
    // Babylon → protocol (= Web Audio, right-handed) frame.
    const at = babylonToProtocol(p, this.listenerAt);
    const f = babylonToProtocol(fwd, this.listenerForward);
    const u = babylonToProtocol(up, this.listenerUp);
    if (l.positionX) {
      l.positionX.value = at.x;
      l.positionY.value = at.y;
      l.positionZ.value = at.z;
      l.forwardX.value = f.x;
      l.forwardY.value = f.y;
      l.forwardZ.value = f.z;
      l.upX.value = u.x;
      l.upY.value = u.y;
      l.upZ.value = u.z;
    } else {
      l.setPosition(at.x, at.y, at.z);
      l.setOrientation(f.x, f.y, f.z, u.x, u.y, u.z);
    }
  }

  /** The listener's position (protocol frame), for the test API. */
  listener(): Vec3 {
    const l = this.ctx.listener;
    return { x: l.positionX.value, y: l.positionY.value, z: l.positionZ.value };
  }

  dispose(): void {
    for (const id of [...this.voices.keys()]) this.removeVoice(id);
    window.removeEventListener('pointerdown', this.resume, true);
    window.removeEventListener('keydown', this.resume, true);
    void this.ctx.close().catch(() => undefined);
  }
}
