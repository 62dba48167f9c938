/**
 * The meeting's window test API (`window.twinverse.features.meeting`, test builds only — the object
 * is built in every build but only exposed by debug/testApi.ts): voice links, levels and where each
 * voice sits, chat lines, board strokes and where a board point is on screen, the screen share.
 * Positions are in the protocol frame.
 */
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Vec3 } from '../../shared/space/board.js';
import type { MeetingApi } from './api.js';
import type { BoardInput } from './board/boardInput.js';
import type { BoardModel } from './board/boardModel.js';
import type { BoardView } from './board/boardView.js';
import type { Tool } from './board/boardTools.js';
import type { ScreenShare } from './board/screenShare.js';
import type { ChatModel } from './chat/chatModel.js';
import type { WorldChatPanel } from './chat/worldChatPanel.js';
import type { Microphone } from './voice/microphone.js';
import type { SpatialAudio } from './voice/spatialAudio.js';
import type { LinkInfo, VoiceMesh } from './voice/voiceMesh.js';
import type { VoiceSystem } from './voiceSystem.js';
import { babylonToProtocol } from '../render/frames.js';

export interface MeetingTestApi {
  api: MeetingApi;
  micState(): string;
  /** My outgoing microphone track: enabled (not muted) and live. */
  micTrack(): { enabled: boolean; readyState: string } | null;
  links(): LinkInfo[];
  /** What arrives from `id`: track state, level now and peak over 2.5 s, panner and head position. */
  voice(id: string): {
    trackState: string;
    trackMuted: boolean;
    level: number;
    peak: number;
    panner: Vec3;
    head: Vec3 | null;
    gate: number;
    model: string;
    speaking: boolean;
  } | null;
  /** The audio listener's position (protocol frame) and the active camera's. */
  listener(): { listener: Vec3; camera: Vec3 };
  /** Totals from RTCPeerConnection.getStats() over every link: bytes sent and received. */
  bytes(): Promise<{ sent: number; received: number; links: number }>;
  tagStatus(id: string): { muted: boolean; hand: boolean; host: boolean; speaking: boolean } | null;
  chatLines(): { kind: string; name: string; text: string }[];
  /** Shows (at `distance` metres in front of the camera) or hides the world chat panel. */
  worldChat(show: boolean, distance?: number): Promise<{ visible: boolean; text: string }>;
  strokes(): { id: number; by: string; color: string; points: number }[];
  pendingStrokes(): number;
  strokesSent(): number;
  boardUploads(): number;
  /** Where board point (u, v) is on the page, CSS pixels (null when behind the camera). */
  screenPoint(u: number, v: number): { x: number; y: number } | null;
  setTool(tool: Tool): void;
  /** Teleports in front of the board: `distance` out, `along` to its right, turned `turn` rad left. */
  goToBoard(distance?: number, along?: number, turn?: number): void;
  share(on: boolean): Promise<string>;
  /** Stops drawing frames (benches: many pages on few cores); voice and WebRTC keep running. */
  stopDrawing(): void;
  shared(): { sharer: string; visible: boolean; width: number; height: number; time: number; local: boolean };
}

export function createMeetingTestApi(d: {
  api: MeetingApi;
  mic: Microphone;
  audio: SpatialAudio;
  mesh: VoiceMesh;
  voice: VoiceSystem;
  chat: ChatModel;
  model: BoardModel;
  board: BoardView;
  boardInput: BoardInput;
  share: ScreenShare;
  scene: Scene;
  canvas: HTMLCanvasElement;
  worldChat(): Promise<WorldChatPanel>;
  tag(id: string): { muted: boolean; hand: boolean; host: boolean; speaking: boolean } | null;
  sharer(): string;
  /** Starts or stops my screen share as the button does; resolves with 'ok' or the words shown. */
  setSharing(on: boolean): Promise<string>;
  goToBoard(distance?: number, along?: number, turn?: number): void;
}): MeetingTestApi {
  const camPos = (): Vec3 => {
    const p = d.scene.activeCamera?.globalPosition;
    return p ? babylonToProtocol(p) : { x: 0, y: 0, z: 0 };
  };
  return {
    api: d.api,
    micState: () => d.mic.state,
    micTrack: () => (d.mic.track ? { enabled: d.mic.track.enabled, readyState: d.mic.track.readyState } : null),
    links: () => d.mesh.links(),
    voice(id) {
      const v = d.audio.inspect(id);
      if (!v) return null;
      return {
        trackState: v.track?.readyState ?? 'none',
        trackMuted: v.track?.muted ?? true,
        level: d.audio.level(id),
        peak: d.voice.peak(id),
        panner: v.panner,
        head: d.voice.headOf(id),
        gate: v.gate,
        model: v.model,
        speaking: d.voice.speaking(id),
      };
    },
    listener: () => ({ listener: d.audio.listener(), camera: camPos() }),
    async bytes() {
      let sent = 0;
      let received = 0;
      const links = d.mesh.openLinks();
      for (const l of links) {
        const s = await l.stats();
        sent += s.bytesSent;
        received += s.bytesReceived;
      }
      return { sent, received, links: links.length };
    },
    tagStatus: (id) => d.tag(id),
    chatLines: () => d.chat.lines.map((l) => ({ kind: l.kind, name: l.name, text: l.text })),
    async worldChat(show, distance) {
      const w = await d.worldChat();
      if (show) w.show(null, distance);
      else w.hide();
      return { visible: w.visible, text: w.text() };
    },
    strokes: () => [...d.model.strokes.values()].map((s) => ({ id: s.id, by: s.by, color: s.color, points: s.points.length / 2 })),
    pendingStrokes: () => d.model.local.size,
    strokesSent: () => d.boardInput.strokesSent,
    boardUploads: () => d.board.uploads,
    screenPoint(u, v) {
      const engine = d.scene.getEngine();
      const cam = d.scene.activeCamera;
      if (!cam) return null;
      const world = d.board.pointAt(u, v);
      const w = engine.getRenderWidth();
      const h = engine.getRenderHeight();
      const p = Vector3.Project(world, Matrix.IdentityReadOnly, d.scene.getTransformMatrix(), cam.viewport.toGlobal(w, h));
      if (p.z < 0 || p.z > 1) return null;
      const r = d.canvas.getBoundingClientRect();
      return { x: r.left + (p.x / w) * r.width, y: r.top + (p.y / h) * r.height };
    },
    setTool: (t) => d.boardInput.setTool(t),
    goToBoard: (distance, along, turn) => d.goToBoard(distance, along, turn),
    share: (on) => d.setSharing(on),
    stopDrawing: () => d.scene.getEngine().stopRenderLoop(),
    shared: () => ({ sharer: d.sharer(), ...d.board.videoInfo(), local: d.share.active }),
  };
}

declare module '../core/feature.js' {
  interface TwinverseFeatureApis {
    meeting: MeetingTestApi;
  }
}
