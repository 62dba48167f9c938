/**
 * Everything a feature may use, built once by main.ts (no globals). It sits above the floors whose
 * pieces it names (player, avatars, net, ui …) and below the features that receive it.
 */
import type { Engine } from '@babylonjs/core/Engines/engine.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { TargetCamera } from '@babylonjs/core/Cameras/targetCamera.js';
import type { JoinOptions } from '../../shared/protocol/messages.js';
import type { ActionRegistry } from '../core/actions.js';
import type { ClientFeature, FeatureApis } from '../core/feature.js';
import type { AvatarStore } from '../avatars/store.js';
import type { AvatarSystem } from '../avatars/avatarSystem.js';
import type { AppearanceAsk } from '../avatars/appearanceAsk.js';
import type { DesktopInput } from '../input/desktopInput.js';
import type { RayRegistry } from '../input/rays.js';
import type { SpaceConnection } from '../net/connection.js';
import type { SpacePlace } from '../net/spaceTitle.js';
import type { DesktopMovement } from '../player/desktopMovement.js';
import type { LocalPose } from '../player/localPose.js';
import type { Player } from '../player/player.js';
import type { Hall } from '../render/hall/hall.js';
import type { BuildingModel } from '../building/buildingModel.js';
import type { Hud } from '../ui/hud.js';
import type { Notices } from '../ui/notices.js';
import type { PeopleList } from '../ui/peopleList.js';

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
  /** The IFC building that is the space, when its layout has one that loaded (SPEC BM4). */
  readonly building: BuildingModel | null;
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
  /** Where the space is on Earth and, for an overview, its map (SPEC GS1, GS10). */
  readonly place: SpacePlace;
  /** Where each pointer (mouse, XR controller, hand) points, by pointer id. */
  readonly rays: RayRegistry;
  /** The people panel; features add badges and actions to each row. */
  readonly people: PeopleList;
  /** Asking the server for another style or colour (SPEC AV6): the HUD card and the VR menu use it. */
  readonly appearance: AppearanceAsk;
  /** APIs features offer each other (e.g. the VR menu calls `apis.meeting.toggleMute()`); read them when used. */
  readonly apis: Partial<FeatureApis>;
}

export type ClientFeatureFactory = (ctx: ClientContext) => ClientFeature | Promise<ClientFeature>;
