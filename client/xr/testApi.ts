/**
 * The XR part of the test API (`window.twinverse.features.xr`). Positions are in the protocol frame
 * (= the WebXR frame of the emulated headset, which ignores offset reference spaces). Only reachable
 * from test builds: it is installed by client/debug/testApi.ts, which production never loads.
 */
import type { WebXRExperienceHelper } from '@babylonjs/core/XR/webXRExperienceHelper.js';
import { WebXRState } from '@babylonjs/core/XR/webXRTypes.js';
import type { WebXRControllerPointerSelection } from '@babylonjs/core/XR/features/WebXRControllerPointerSelection.js';
import type { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { XrController, XrMode } from './controller.js';
import type { XrEmulator } from './emulator.js';
import type { XrHands } from './hands.js';
import type { Locomotion } from './locomotion.js';
import type { XrMenu } from './menu.js';
import type { NearGrab, NearGrabHand } from './nearGrab.js';
import type { Vignette } from './vignette.js';
import { babylonToProtocol } from '../render/frames.js';

interface Vec3 {
  x: number;
  y: number;
  z: number;
}

export interface XrTestApi {
  supported(): { vr: boolean; ar: boolean };
  active(): XrMode | null;
  lastError(): string | null;
  enter(mode: XrMode): Promise<boolean>;
  exit(): Promise<void>;
  teleports(): number;
  /** Where the last teleport put the feet (protocol frame). */
  lastTeleport(): Vec3 | null;
  turns(): number;
  /** The XR camera's position (protocol frame) or null outside XR. */
  head(): Vec3 | null;
  menuButtons(): Record<string, Vec3>;
  menuLabels(): Record<string, string>;
  /** The open menu page's shown text: font size in texture px (1200 px per metre), by control name. */
  menuTextSizes(): Record<string, number>;
  /** How the open menu page's controls fit it, texture px: button heights, last row's bottom, page height, wrapped and cut text (PN11). */
  menuPageFit(): { buttons: Record<string, number>; bottom: number; height: number; wrapped: Record<string, string>; cut: string[] } | null;
  menuPage(): string | null;
  locomotion(): { mode: string; snapDegrees: number; vignette: boolean };
  vignetteStrength(): number;
  /** Name of the mesh the given hand's ray points at now, or null. */
  pointerHit(hand: 'left' | 'right'): string | null;
  /** Meshes currently drawn for tracked hand joints. */
  handJointsVisible(): number;
  /** Per hand: the part within reach of a near grab, and whether the hand holds it. */
  nearGrab(): NearGrabHand[];
  /** The emulated headset (null when the page was not opened with ?xr=emulate). */
  emulator: XrEmulator | null;
}

interface PointerInternals {
  _options: { xrInput: { controllers: { uniqueId: string; inputSource: XRInputSource }[] } };
}

declare module '../core/feature.js' {
  interface TwinverseFeatureApis {
    xr: XrTestApi;
  }
}

const toProtocol = (v: Vector3): Vec3 => babylonToProtocol(v);

export function createXrTestApi(d: {
  xr: XrController;
  status: { teleports: number; turns: number; lastTeleport: Vector3 | null };
  emulator: XrEmulator | null;
  helper?: WebXRExperienceHelper;
  menu?: XrMenu;
  locomotion?: Locomotion;
  vignette?: Vignette;
  pointer?: WebXRControllerPointerSelection;
  hands?: XrHands;
  nearGrab?: NearGrab;
}): XrTestApi {
  const controllerOf = (hand: 'left' | 'right') =>
    d.helper && d.pointer
      ? (d.pointer as unknown as PointerInternals)._options.xrInput.controllers.find((x) => x.inputSource.handedness === hand)
      : undefined;
  return {
    supported: () => ({ ...d.xr.support }),
    // "Active" once the session renders (IN_XR), not merely requested.
    active: () => (d.helper && d.helper.state === WebXRState.IN_XR ? d.xr.active : null),
    lastError: () => d.xr.lastError,
    enter: (mode) => d.xr.enter(mode),
    exit: () => d.xr.exit(),
    teleports: () => d.status.teleports,
    lastTeleport: () => (d.status.lastTeleport ? toProtocol(d.status.lastTeleport) : null),
    turns: () => d.status.turns,
    head: () => (d.helper && d.xr.active ? toProtocol(d.helper.camera.globalPosition) : null),
    menuButtons: () => Object.fromEntries(Object.entries(d.menu?.buttonPositions() ?? {}).map(([k, v]) => [k, toProtocol(v)])),
    menuLabels: () => d.menu?.labels() ?? {},
    menuTextSizes: () => d.menu?.pageTextSizes() ?? {},
    menuPageFit: () => d.menu?.pageFit() ?? null,
    menuPage: () => d.menu?.page ?? null,
    locomotion: () => ({
      mode: d.locomotion?.mode ?? 'none',
      snapDegrees: d.locomotion?.snapDegrees ?? 0,
      vignette: d.locomotion?.vignette ?? false,
    }),
    vignetteStrength: () => d.vignette?.strength ?? 0,
    pointerHit(hand) {
      const c = controllerOf(hand);
      return c && d.pointer ? (d.pointer.getMeshUnderPointer(c.uniqueId)?.name ?? null) : null;
    },
    handJointsVisible: () =>
      d.helper ? d.helper.camera.getScene().meshes.filter((m) => /-handJoint-/.test(m.name) && m.isEnabled() && m.isVisible).length : 0,
    nearGrab: () => d.nearGrab?.state() ?? [],
    emulator: d.emulator,
  };
}
