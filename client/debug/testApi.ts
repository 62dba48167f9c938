/**
 * A typed window API for end-to-end tests, installed only in test builds (`vite build --mode test`);
 * production bundles do not contain this module. Tests wait on state through it instead of sleeping.
 */
import type { Engine } from '@babylonjs/core/Engines/engine.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { TargetCamera } from '@babylonjs/core/Cameras/targetCamera.js';
import { SceneInstrumentation } from '@babylonjs/core/Instrumentation/sceneInstrumentation.js';
import type { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Pose } from '../../shared/protocol/pose.js';
import type { FrameLoop } from '../core/frameLoop.js';
import type { LaunchLink } from '../launch.js';
import type { Systems } from '../systems.js';
import type { ClientFeature, TwinverseFeatureApis } from '../core/feature.js';
import type { LocalPose } from '../player/localPose.js';
import type { AvatarStore } from '../avatars/store.js';
import type { SpaceConnection } from '../net/connection.js';
import type { ConnectionStatus } from '../net/status.js';
import type { Player } from '../player/player.js';
import { babylonToProtocol, flipYaw, protocolToBabylon } from '../render/frames.js';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Positions are in the protocol frame (right-handed, −Z forward), like the server's state. */
export interface TwinverseTestApi {
  ready: true;
  link: LaunchLink;
  status(): ConnectionStatus;
  selfId(): string | null;
  /** Everyone as mirrored from the state, latest pose. */
  people(): {
    id: string;
    name: string;
    color: string;
    style: string;
    mode: string;
    connected: boolean;
    muted: boolean;
    hand: boolean;
    host: boolean;
    operator: boolean;
    head: Vec3 | null;
  }[];
  /** How a remote avatar is drawn right now: head position (protocol frame) and its tag's text. */
  rendered(id: string): { head: Vec3; left: Vec3; right: Vec3; tag: string; tagShown: boolean; enabled: boolean } | null;
  /** Starts recording every head position this page draws for `id`; returns what was recorded so far. */
  headTrail(id: string): Vec3[];
  /** My pose as last written for sending. */
  localPose(): Pose;
  /** Feet position (protocol frame) and protocol yaw of the local player. */
  /** Feet (protocol frame) and facing. */
  player(): { x: number; y: number; z: number; yaw: number };
  posesSent(): number;
  /** Puts the desktop player at (x, z), facing `yaw` (protocol frame), as a teleport; feet at `y` (a building's storey, default 0). */
  teleport(x: number, z: number, yaw: number, y?: number): void;
  /** Draw calls, active meshes and triangles (indices / 3) of the last frame. */
  renderStats(): { drawCalls: number; activeMeshes: number; triangles: number; materials: number; textures: number; fps: number };
  /** What is drawn now: each active mesh's name and material, and every material's name (budget work). */
  renderInventory(): { meshes: { name: string; material: string; instances: number }[]; materials: string[] };
  frameTimings(): Record<string, number>;
  /** Every connection state this page went through, in order. */
  statusHistory(): string[];
  /** Ids of people this page has seen lose their connection (connected: false) at some point. */
  seenOffline(): string[];
  /** A mesh by name: whether it is drawn, its parent and its world position (protocol frame). */
  mesh(name: string): { enabled: boolean; visible: boolean; parent: string | null; position: Vec3 } | null;
  /** Drop the network connection as a failure would (the client then reconnects). */
  dropConnection(): void;
  leave(): Promise<void>;
  /** Each feature's own test API, by feature name (see TwinverseFeatureApis). */
  features: Partial<TwinverseFeatureApis>;
}

declare global {
  interface Window {
    twinverse?: TwinverseTestApi;
  }
}

export interface TestApiDeps {
  engine: Engine;
  scene: Scene;
  camera: TargetCamera;
  store: AvatarStore;
  connection: SpaceConnection;
  player: Player;
  local: LocalPose;
  systems: Systems;
  loop: FrameLoop;
  link: LaunchLink;
  features: readonly ClientFeature[];
}

const toProtocol = (v: Vector3): Vec3 => babylonToProtocol(v);

export function installTestApi(d: TestApiDeps): void {
  const instrumentation = new SceneInstrumentation(d.scene);
  instrumentation.captureActiveMeshesEvaluationTime = false;
  const sender = d.systems.list.find((s) => s.name === 'poseSender') as { sent?: number } | undefined;
  const history: string[] = [];
  const trails = new Map<string, Vec3[]>();
  d.connection.onStatus((s) => history.push(s.state));
  const offline = new Set<string>();
  d.store.onChanged((a) => {
    if (!a.connected) offline.add(a.id);
  });
  window.twinverse = {
    ready: true,
    link: d.link,
    status: () => d.connection.current,
    selfId: () => d.store.selfId,
    people: () =>
      [...d.store.avatars.values()].map((a) => {
        const p = a.poses.latest();
        return {
          id: a.id,
          name: a.name,
          color: a.color,
          style: a.style,
          mode: a.mode,
          connected: a.connected,
          muted: a.muted,
          hand: a.hand,
          host: a.host,
          operator: a.operator,
          head: p ? { x: p.head.px, y: p.head.py, z: p.head.pz } : null,
        };
      }),
    rendered(id) {
      const v = d.systems.avatars.views.get(id);
      return v
        ? {
            head: toProtocol(v.headPosition),
            left: toProtocol(v.left.position),
            right: toProtocol(v.right.position),
            tag: v.tag.text,
            tagShown: v.tag.shown,
            enabled: v.head.isEnabled(),
          }
        : null;
    },
    headTrail(id) {
      let trail = trails.get(id);
      if (!trail) {
        const t: Vec3[] = [];
        trails.set(id, t);
        d.scene.onAfterRenderObservable.add(() => {
          const v = d.systems.avatars.views.get(id);
          if (v && t.length < 5000) t.push(toProtocol(v.headPosition));
        });
        trail = t;
      }
      return [...trail];
    },
    localPose: () => structuredClone(d.local.pose),
    player: () => {
      const p = babylonToProtocol(d.player.position);
      return { x: p.x, y: p.y, z: p.z, yaw: flipYaw(d.player.yaw) };
    },
    posesSent: () => sender?.sent ?? 0,
    teleport(x, z, yaw, y = 0) {
      protocolToBabylon(x, y, z, d.player.position);
      d.player.yaw = flipYaw(yaw);
      d.player.pitch = 0;
      d.local.markTeleport();
    },
    renderStats: () => ({
      drawCalls: instrumentation.drawCallsCounter.lastSecAverage || instrumentation.drawCallsCounter.current,
      activeMeshes: d.scene.getActiveMeshes().length,
      triangles: Math.round(d.scene.getActiveIndices() / 3),
      materials: d.scene.materials.length,
      textures: d.scene.textures.length,
      fps: d.engine.getFps(),
    }),
    renderInventory: () => ({
      meshes: d.scene.getActiveMeshes().data.map((m) => ({
        name: m.name,
        material: m.material?.name ?? '',
        instances: (m as { instances?: unknown[] }).instances?.length ?? 0,
      })),
      materials: d.scene.materials.map((m) => m.name),
    }),
    frameTimings: () => Object.fromEntries(d.loop.timings),
    mesh(name) {
      const m = d.scene.getMeshByName(name);
      if (!m) return null;
      m.computeWorldMatrix(true);
      return {
        enabled: m.isEnabled(),
        visible: m.isVisible,
        parent: m.parent?.name ?? null,
        position: toProtocol(m.getAbsolutePosition()),
      };
    },
    statusHistory: () => [...history],
    seenOffline: () => [...offline],
    dropConnection: () => d.connection.simulateDrop(),
    leave: () => d.connection.leave(),
    features: Object.fromEntries(d.features.filter((f) => f.testApi).map((f) => [f.name, f.testApi])) as Partial<TwinverseFeatureApis>,
  };
}
