/**
 * The voice's per-frame work, in the render phase (after avatars are placed): the listener follows
 * the active camera (desktop or XR), each voice sits at its avatar's drawn head, muted people are
 * gated, and levels drive the speaking rings on name tags (20 times a second). (The mesh's peer
 * selection runs on a timer in feature.ts, so a tab that stops drawing keeps its calls up to date.)
 */
import type { Scene } from '@babylonjs/core/scene.js';
import type { Frame } from '../core/system.js';
import type { PhasedSystem } from '../core/phases.js';
import type { AvatarSystem } from '../avatars/avatarSystem.js';
import type { AvatarStore } from '../avatars/store.js';
import type { Vec3 } from '../../shared/space/board.js';
import type { Microphone } from './voice/microphone.js';
import { SpeakingDetector } from './voice/speaking.js';
import type { SpatialAudio } from './voice/spatialAudio.js';
import { babylonToProtocol } from '../render/frames.js';

const LEVEL_EVERY_MS = 50;
/** How long the level history kept for the test API is, ms. */
const PEAK_WINDOW_MS = 2500;

export interface VoiceSystem extends PhasedSystem {
  /** Whether `id` is speaking now (my own id: my microphone). */
  speaking(id: string): boolean;
  /** Highest level of `id` over the last 2.5 s (test API, diagnostics). */
  peak(id: string): number;
  /** Head position (protocol frame) a voice is placed at. */
  headOf(id: string): Vec3 | null;
  readonly myLevel: number;
}

export function createVoiceSystem(d: {
  scene: Scene;
  store: AvatarStore;
  avatars: AvatarSystem;
  audio: SpatialAudio;
  mic: Microphone;
  onSelfSpeaking(on: boolean, muted: boolean): void;
}): VoiceSystem {
  const detectors = new Map<string, SpeakingDetector>();
  const history = new Map<string, { t: number; level: number }[]>();
  const mine = new SpeakingDetector();
  let lastLevel = 0;
  let myLevel = 0;
  const headOf = (id: string): Vec3 | null => {
    const v = d.avatars.views.get(id);
    if (v) return babylonToProtocol(v.headPosition);
    const p = d.store.avatars.get(id)?.poses.latest();
    return p ? { x: p.head.px, y: p.head.py, z: p.head.pz } : null;
  };
  const record = (id: string, now: number, level: number) => {
    let h = history.get(id);
    if (!h) history.set(id, (h = []));
    h.push({ t: now, level });
    while (h.length > 0 && now - h[0]!.t > PEAK_WINDOW_MS) h.shift();
  };
  return {
    name: 'meetingVoice',
    phase: 'render',
    get myLevel() {
      return myLevel;
    },
    speaking: (id) => (id === d.store.selfId ? mine.value : (detectors.get(id)?.value ?? false)),
    peak: (id) => Math.max(0, ...(history.get(id) ?? []).map((x) => x.level)),
    headOf,
    update(frame: Frame) {
      const cam = d.scene.activeCamera;
      if (cam) d.audio.follow(cam);
      for (const a of d.store.others()) {
        if (!d.audio.has(a.id)) continue;
        const head = headOf(a.id);
        if (head) d.audio.place(a.id, head);
        d.audio.setGate(a.id, !a.muted);
      }
      if (frame.now - lastLevel < LEVEL_EVERY_MS) return;
      lastLevel = frame.now;
      for (const a of d.store.others()) {
        const level = d.audio.has(a.id) ? d.audio.level(a.id) : 0;
        record(a.id, frame.now, level);
        let det = detectors.get(a.id);
        if (!det) detectors.set(a.id, (det = new SpeakingDetector()));
        // A muted person is not shown speaking even if their client still sends sound.
        const on = det.update(a.muted ? 0 : level, frame.now);
        d.avatars.views.get(a.id)?.tag.setSpeaking(on);
      }
      for (const id of [...detectors.keys()]) {
        if (d.store.avatars.has(id)) continue;
        detectors.delete(id);
        history.delete(id);
      }
      myLevel = d.mic.level();
      const self = d.store.selfId;
      if (self) record(self, frame.now, myLevel);
      const was = mine.value;
      const now = mine.update(myLevel, frame.now);
      if (now !== was) d.onSelfSpeaking(now, d.mic.muted);
    },
    dispose() {
      detectors.clear();
    },
  };
}
