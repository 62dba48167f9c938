/**
 * The core per-frame systems, each at its phase (core/phases.ts PHASES: input → simulation → pose →
 * avatars → render → network). Features add theirs at the same phases; main.ts orders them all.
 * (Network in happens on socket events, which only append timestamped snapshots to the store.)
 */
import type { Scene } from '@babylonjs/core/scene.js';
import type { TargetCamera } from '@babylonjs/core/Cameras/targetCamera.js';
import type { Bounds } from '../shared/protocol/bounds.js';
import { createAvatarSystem, type AvatarSystem } from './avatars/avatarSystem.js';
import { createDesktopBody } from './player/desktopBody.js';
import type { LocalPose } from './player/localPose.js';
import type { AvatarStore } from './avatars/store.js';
import { createDesktopInput, type DesktopInput } from './input/desktopInput.js';
import { createTouchInput, type TouchInput } from './input/touchInput.js';
import type { SpaceConnection } from './net/connection.js';
import { createPoseSender } from './net/poseSender.js';
import { createDesktopMovement, type DesktopMovement } from './player/desktopMovement.js';
import type { Player } from './player/player.js';
import type { FloorObstacle } from './render/hall/furniture.js';
import type { PhasedSystem, Phase } from './core/phases.js';
import type { System } from './core/system.js';

export interface SystemDeps {
  scene: Scene;
  /** The HTML overlay's root: the touch stick goes there. */
  root: HTMLElement;
  canvas: HTMLCanvasElement;
  camera: TargetCamera;
  player: Player;
  local: LocalPose;
  store: AvatarStore;
  connection: SpaceConnection;
  /** Where feet may go, Babylon x/z. */
  walkable: Bounds;
  obstacles: FloorObstacle[];
  /** Whether a click at canvas pixel (x, y) lands on something interactive. */
  hitsInteractive(x: number, y: number): boolean;
  /** Whether a finger at canvas pixel (x, y) lands on something that takes it (not a machine's body: that takes a tap only). */
  holdsFinger(x: number, y: number): boolean;
}

export interface Systems {
  readonly list: readonly PhasedSystem[];
  readonly input: DesktopInput;
  /** Stick and finger look on phones and tablets, adding to the same move intent. */
  readonly touch: TouchInput;
  readonly movement: DesktopMovement;
  readonly avatars: AvatarSystem;
  /** Switches keyboard/mouse and touch input, desktop movement and the desktop pose on or off together. */
  setDesktopEnabled(on: boolean): void;
}

export function createSystems(d: SystemDeps): Systems {
  const input = createDesktopInput(d.canvas, { hitsInteractive: d.hitsInteractive });
  const touch = createTouchInput(d.root, d.canvas, input.intent, { hitsInteractive: d.holdsFinger });
  const movement = createDesktopMovement(d.player, input.intent, d.camera, d.walkable, d.obstacles);
  const body = createDesktopBody(d.camera, d.player, d.local);
  const avatars = createAvatarSystem(d.scene, d.store);
  const sender = createPoseSender(d.connection, d.local);
  const at = <T extends System>(phase: Phase, s: T): T & PhasedSystem => Object.assign(s, { phase });
  return {
    // Touch after the keys: it adds to the intent they wrote this frame.
    list: [
      at('input', input),
      at('input', touch),
      at('simulation', movement),
      at('pose', body),
      at('avatars', avatars),
      at('network', sender),
    ],
    input,
    touch,
    movement,
    avatars,
    setDesktopEnabled(on) {
      input.setEnabled(on);
      touch.setEnabled(on);
      movement.enabled = on;
      body.enabled = on;
    },
  };
}
