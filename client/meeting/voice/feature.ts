/**
 * Spatial voice: my microphone, the nearest-K WebRTC mesh (which also carries a shared screen), the
 * spatial audio graph and the speaking levels. A part of the meeting (meeting/feature.ts composes it).
 */

import type { ClientContext } from '../../context/context.js';
import type { ClientFeature } from '../../core/feature.js';
import { Listeners } from '../../core/listeners.js';
import { videoFor, type ScreenShare } from '../board/screenShare.js';
import type { MeetingRoom } from '../meetingRoom.js';
import { createVoiceSystem, type VoiceSystem } from '../voiceSystem.js';
import { Microphone, MIC_WORDS } from './microphone.js';
import { SpatialAudio } from './spatialAudio.js';
import { VoiceMesh } from './voiceMesh.js';

/** How long the "you are muted" hint stays quiet after it showed, ms. */
const MUTED_HINT_EVERY_MS = 15_000;
/** Peer selection period, ms (a timer, not per frame: a hidden tab still answers new people). */
const MESH_UPDATE_MS = 250;

export interface VoiceFeature extends ClientFeature {
  readonly audio: SpatialAudio;
  readonly mic: Microphone;
  readonly mesh: VoiceMesh;
  readonly system: VoiceSystem;
  /** The screen each peer shares with me, by session id, ready to show. */
  readonly videos: ReadonlyMap<string, { stream: MediaStream; video: HTMLVideoElement }>;
  /** A peer's shared screen came or went. */
  readonly videosChanged: Listeners<void>;
  /** Words for a microphone that does not work, or null. */
  micProblem(): string | null;
  setMuted(on: boolean): void;
  /** Asks for the microphone (again) and tells the space whether I have one. */
  startMic(): Promise<void>;
}

export function createVoiceFeature(ctx: ClientContext, room: MeetingRoom, share: ScreenShare): VoiceFeature {
  const { connection, store, scene } = ctx;
  const audio = new SpatialAudio();
  const mic = new Microphone(audio.ctx);
  const videos = new Map<string, { stream: MediaStream; video: HTMLVideoElement }>();
  const videosChanged = new Listeners<void>();
  const selfId = room.selfId;
  const sharer = () => room.info()?.sharer ?? '';

  const mesh = new VoiceMesh({
    selfId,
    send: (m) => connection.send('rtc.signal', m),
    *peers() {
      const my = ctx.local.pose.head;
      for (const a of store.others()) {
        const p = system.headOf(a.id);
        // Only people whose client listens for calls (it said hello); a call to anyone else is lost.
        // A seat held for a reconnection keeps its link: peer-to-peer audio outlives a server blip.
        yield { id: a.id, connected: a.rtc, distance: p ? Math.hypot(p.x - my.px, p.z - my.pz) : null };
      }
    },
    pinned() {
      // A sharer wants everyone; everyone wants the sharer (the screen rides on the voice links).
      if (sharer() === '') return new Set();
      if (sharer() !== selfId()) return new Set([sharer()]);
      return new Set([...store.others()].map((a) => a.id));
    },
    audio: () => (mic.live && mic.stream && mic.track ? { track: mic.track, stream: mic.stream } : null),
    screen: () => (share.stream && share.track && sharer() === selfId() ? { track: share.track, stream: share.stream } : null),
    onAudio: (id, stream) => (stream ? audio.setVoice(id, stream) : audio.removeVoice(id)),
    onVideo: (id, track, stream) => {
      if (track && stream) videos.set(id, { stream, video: videoFor(stream) });
      else {
        videos.get(id)?.video.pause();
        videos.delete(id);
      }
      videosChanged.emit();
    },
  });
  let mutedHintAt = 0;
  const system = createVoiceSystem({
    scene,
    store,
    avatars: ctx.avatars,
    audio,
    mic,
    onSelfSpeaking(on, muted) {
      if (on && muted && mic.live && performance.now() - mutedHintAt > MUTED_HINT_EVERY_MS) {
        mutedHintAt = performance.now();
        ctx.notices.show('You are muted — press M to speak.');
      }
    },
  });
  const meshTimer = setInterval(() => mesh.update(performance.now()), MESH_UPDATE_MS);
  const offNet = [
    room.net.on('meeting.welcome', (w) => mesh.welcome(w)),
    room.net.on('rtc.signal', (s) => mesh.receive(s)),
    room.net.on('meeting.notice', (n) => n.kind === 'muted_by_host' && mic.setMuted(true)),
  ];

  const sendVoice = () => connection.send('meeting.voice', { mic: mic.live, muted: mic.muted });
  const offMic = mic.onChange(() => {
    mesh.audioChanged();
    room.changed.emit();
  });
  const offShare = share.onChange(() => mesh.screenChanged());
  let wasMuted = room.me()?.muted ?? false;
  const offChanged = store.onChanged((a) => {
    if (a.id !== selfId()) return;
    // The host muted me: my track goes silent too (the server already tells everyone).
    if (a.muted && !wasMuted && !mic.muted) mic.setMuted(true);
    wasMuted = a.muted;
  });
  // After every (re)connection the server has forgotten my microphone state: say it again (after the
  // meeting's hello, which registered first).
  const offStatus = connection.onStatus((s) => {
    if (s.state === 'connected' && mic.state !== 'idle' && mic.state !== 'asking') sendVoice();
  });

  return {
    name: 'meetingVoice',
    systems: [system],
    audio,
    mic,
    mesh,
    system,
    videos,
    videosChanged,
    micProblem: () => (mic.state in MIC_WORDS ? MIC_WORDS[mic.state as keyof typeof MIC_WORDS] : null),
    setMuted(on) {
      mic.setMuted(on);
      sendVoice();
    },
    async startMic() {
      await mic.start();
      sendVoice();
    },
    dispose() {
      clearInterval(meshTimer);
      offNet.forEach((off) => off());
      offMic();
      offShare();
      offChanged();
      offStatus();
      mesh.dispose();
      mic.stop();
      audio.dispose();
    },
  };
}
