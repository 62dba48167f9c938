/**
 * A client feature: one capability (XR, meetings, twins …) that contributes systems at named phases of
 * the frame, HUD elements and a test API. `app/features.ts` lists them; `main.ts` composes them with
 * the core systems, so a new capability is a new folder plus one line there.
 */
import type { Engine } from '@babylonjs/core/Engines/engine.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { TargetCamera } from '@babylonjs/core/Cameras/targetCamera.js';
import type { JoinOptions } from '../../shared/protocol/messages.js';
import type { LocalPose } from '../avatars/localPose.js';
import type { AvatarStore } from '../avatars/store.js';
import type { AvatarSystem } from '../avatars/avatarSystem.js';
import type { DesktopInput } from '../input/desktopInput.js';
import type { SpaceConnection } from '../net/connection.js';
import type { DesktopMovement } from '../player/desktopMovement.js';
import type { Player } from '../player/player.js';
import type { Hall } from '../render/hall/hall.js';
import type { Hud } from '../ui/hud.js';
import type { Notices } from '../ui/notices.js';
import type { RayRegistry } from '../input/rays.js';
import type { ActionRegistry } from './actions.js';
import type { PeopleList } from '../ui/peopleList.js';
import type { System } from './system.js';

/**
 * Where in the frame a system runs, in this order: read input → simulate (move, interact) → write my
 * pose → place remote avatars → other render sync (twins, boards, tags) → send.
 */
export const PHASES = ['input', 'simulation', 'pose', 'avatars', 'render', 'network'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhasedSystem extends System {
  readonly phase: Phase;
}

/** Everything a feature may use. Built once in main.ts; no globals. */
export interface ClientContext {
  readonly engine: Engine;
  readonly scene: Scene;
  readonly canvas: HTMLCanvasElement;
  /** The desktop camera (XR brings its own while a session runs). */
  readonly camera: TargetCamera;
  readonly player: Player;
  readonly local: LocalPose;
  readonly store: AvatarStore;
  readonly connection: SpaceConnection;
  readonly join: JoinOptions;
  readonly hall: Hall;
  readonly input: DesktopInput;
  readonly movement: DesktopMovement;
  readonly avatars: AvatarSystem;
  readonly hud: Hud;
  readonly notices: Notices;
  /** Actions features offer to menus (the VR menu lists them). */
  readonly actions: ActionRegistry;
  /** Turns the desktop body (keyboard/mouse input, movement, desktop pose) off while XR drives. */
  readonly desktop: { setEnabled(on: boolean): void };
  /** The space's title as shown to people. */
  readonly spaceTitle: string;
  /** Where each pointer (mouse, XR controller, hand) points, by pointer id. */
  readonly rays: RayRegistry;
  /** The people panel; features add badges and actions to each row. */
  readonly people: PeopleList;
  /** APIs features offer each other (e.g. the VR menu calls `apis.meeting.toggleMute()`); read them when used. */
  readonly apis: Partial<FeatureApis>;
}

/**
 * What features offer each other, by feature name, declared by module augmentation:
 * `declare module '../app/feature.js' { interface FeatureApis { meeting: MeetingApi } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FeatureApis {}

export interface ClientFeature {
  readonly name: string;
  readonly systems?: readonly PhasedSystem[];
  /** Exposed as `window.twinverse.features[name]` in test builds. */
  readonly testApi?: object;
  dispose?(): void;
}

export type ClientFeatureFactory = (ctx: ClientContext) => ClientFeature | Promise<ClientFeature>;

/** Orders systems by phase; within a phase, in the order given. */
export function orderSystems(systems: readonly PhasedSystem[]): PhasedSystem[] {
  return systems
    .map((s, i) => ({ s, i }))
    .sort((a, b) => PHASES.indexOf(a.s.phase) - PHASES.indexOf(b.s.phase) || a.i - b.i)
    .map((x) => x.s);
}
