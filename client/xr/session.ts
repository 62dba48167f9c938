/**
 * The XR session manager: the one place that composes the XR features (controllers, pointer,
 * locomotion + vignette, hands, menu, performance levers, pose capture), shows *Enter VR* / *Enter AR*
 * only where the browser supports them, and switches the desktop body off and on around a session.
 * Entering or leaving XR never touches the room connection.
 */
import { WebXRExperienceHelper } from '@babylonjs/core/XR/webXRExperienceHelper.js';
import { WebXRState } from '@babylonjs/core/XR/webXRTypes.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Color4 } from '@babylonjs/core/Maths/math.color.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { WebXRInputSource } from '@babylonjs/core/XR/webXRInputSource.js';
import type { ClientContext } from '../context/context.js';
import type { ClientFeature } from '../core/feature.js';
import type { PhasedSystem } from '../core/phases.js';
import { el } from '../core/dom.js';
import { createControllers } from './controllers.js';
import { enableHands } from './hands.js';
import { createLocomotion } from './locomotion.js';
import { createXrMenu } from './menu.js';
import { enableNearGrab } from './nearGrab.js';
import { enablePerformanceLevers } from './performance.js';
import { enablePointer } from './pointer.js';
import { captureXrPose } from './poseCapture.js';
import type { XrController, XrMode } from './controller.js';
import type { XrEmulator } from './emulator.js';
import { detectXrSupport } from './support.js';
import { createXrTestApi } from './testApi.js';
import { createVignette } from './vignette.js';

export async function createXrFeature(ctx: ClientContext): Promise<ClientFeature> {
  let emulator: XrEmulator | null = null;
  if (import.meta.env.MODE === 'test') {
    const flag = new URLSearchParams(location.search).get('xr');
    if (flag) emulator = (await import('./emulator.js')).installEmulator({ vrOnly: flag === 'emulate-vr' });
  }
  const support = await detectXrSupport();
  const status = {
    active: null as XrMode | null,
    lastError: null as string | null,
    teleports: 0,
    turns: 0,
    lastTeleport: null as Vector3 | null,
  };
  if (!support.vr && !support.ar) {
    const none: XrController = { support, active: null, lastError: null, enter: async () => false, exit: async () => undefined };
    return { name: 'xr', testApi: import.meta.env.MODE !== 'test' ? undefined : createXrTestApi({ xr: none, status, emulator }) };
  }

  const { scene } = ctx;
  const helper = await WebXRExperienceHelper.CreateAsync(scene);
  const controllers = createControllers(helper, scene);
  const input = controllers.input;
  const pointer = enablePointer(helper, input);
  // XR pointers (controllers, hands) for features that drag things along a ray.
  ctx.rays.register((pointerId, out, rotation) => {
    const source = helper.state === WebXRState.IN_XR ? pointer.getXRControllerByPointerId(pointerId) : null;
    if (!source) return false;
    source.getWorldPointerRayToRef(out);
    const turn = source.pointer.rotationQuaternion;
    if (!rotation || !turn) return true;
    rotation.copyFrom(turn);
    return 'oriented';
  });
  const vignette = createVignette(scene);
  vignette.attach(helper.camera);
  // A building's slabs are floors too: teleporting onto an upper storey's slab is the way up (SPEC BM9).
  const locomotion = createLocomotion(helper, input, [ctx.hall.floor, ...(ctx.building?.floors ?? [])], vignette);
  locomotion.onTeleported.add((p) => {
    status.teleports++;
    status.lastTeleport = p.clone();
    ctx.local.markTeleport();
  });
  locomotion.onTurned.add(() => status.turns++);
  const hands = enableHands(helper, input, scene, ctx.join.color ?? '#888888');
  const nearGrab = enableNearGrab({ helper, input, pointer, hands: hands.feature, rays: ctx.rays, scene });
  enablePerformanceLevers(helper, scene, { layers: emulator === null });
  const menu = createXrMenu({
    scene,
    actions: ctx.actions,
    store: ctx.store,
    locomotion,
    appearance: ctx.appearance,
    title: ctx.spaceTitle,
    apis: ctx.apis,
    exitXr: () => void xr.exit(),
  });
  menu.setVisible(false);
  // Which instance of a full space we are in (SPEC J6), as the desktop bar shows it; a rejoin may land in another.
  ctx.connection.onState((sync) => menu.setInstance(sync.state.space.instanceName));

  // The menu rides on the left wrist: the controller's grip, or the tracked hand's wrist.
  const attachMenu = (source: WebXRInputSource) => {
    if (source.inputSource.handedness !== 'left') return;
    const anchor: TransformNode = source.grip ?? source.pointer;
    menu.attachTo(anchor);
  };
  input.onControllerAddedObservable.add(attachMenu);
  input.onControllerRemovedObservable.add((s) => {
    if (s.inputSource.handedness === 'left') menu.attachTo(null);
  });

  const clearColor = scene.clearColor.clone();
  helper.onStateChangedObservable.add((state) => {
    if (state === WebXRState.IN_XR) {
      // The headset's pose need not match the desktop camera's: the first XR pose may jump.
      ctx.local.markTeleport();
      ctx.desktop.setEnabled(false);
      menu.setVisible(true);
      ctx.connection.sendProfile({ mode: status.active === 'immersive-ar' ? 'ar' : 'vr' });
    } else if (state === WebXRState.NOT_IN_XR && status.active) {
      // Back on the desktop where the headset left us.
      const cam = helper.camera;
      // On the storey the headset stands on (a metre below the eyes, so a crouch still finds it).
      const feet = ctx.movement.floorAt?.(cam.globalPosition.x, cam.globalPosition.z, cam.globalPosition.y - 1) ?? 0;
      ctx.player.position.set(cam.globalPosition.x, feet, cam.globalPosition.z);
      const forward = cam.getDirection(Vector3.Forward());
      ctx.player.yaw = Math.atan2(forward.x, forward.z);
      ctx.player.pitch = 0;
      status.active = null;
      menu.setVisible(false);
      ctx.hall.setEnvironmentVisible(true);
      scene.clearColor = clearColor.clone();
      ctx.desktop.setEnabled(true);
      ctx.local.markTeleport();
      // Back to the screen it joined from: a phone that left AR is a phone again (SPEC UX10).
      ctx.connection.sendProfile({ mode: ctx.join.mode ?? 'desktop' });
      updateButtons();
    }
  });
  helper.sessionManager.onXRSessionEnded.add(() => {
    if (status.active) status.lastError = null;
  });

  const xr: XrController = {
    support,
    get active() {
      return status.active;
    },
    get lastError() {
      return status.lastError;
    },
    async enter(mode) {
      if (status.active) return true;
      status.lastError = null;
      status.active = mode;
      if (mode === 'immersive-ar') {
        // Passthrough: the real room replaces the hall; machines and people stay at real scale.
        ctx.hall.setEnvironmentVisible(false);
        scene.clearColor = new Color4(0, 0, 0, 0);
      }
      try {
        await helper.enterXRAsync(mode, 'local-floor', helper.sessionManager.getWebXRRenderTarget(), {
          optionalFeatures: ['hand-tracking', 'layers'],
        });
        updateButtons();
        return true;
      } catch (err) {
        status.active = null;
        ctx.hall.setEnvironmentVisible(true);
        scene.clearColor = clearColor.clone();
        ctx.desktop.setEnabled(true);
        const why = err instanceof Error ? err.message : String(err);
        status.lastError = `Could not start ${mode === 'immersive-ar' ? 'AR' : 'VR'}: ${why || 'the browser refused the session'}.`;
        ctx.notices.show(status.lastError, 'error');
        console.warn('[twinverse]', status.lastError);
        updateButtons();
        return false;
      }
    },
    async exit() {
      if (helper.state === WebXRState.IN_XR) await helper.exitXRAsync();
    },
  };

  // Enter VR / Enter AR, only for what the browser supports.
  const vrButton = el('button', { type: 'button', class: 'button xr-button', id: 'enter-vr', hidden: !support.vr }, 'Enter VR');
  const arButton = el('button', { type: 'button', class: 'button xr-button', id: 'enter-ar', hidden: !support.ar }, 'Enter AR');
  vrButton.addEventListener('click', () => void xr.enter('immersive-vr'));
  arButton.addEventListener('click', () => void xr.enter('immersive-ar'));
  const updateButtons = () => {
    vrButton.disabled = status.active !== null;
    arButton.disabled = status.active !== null;
  };
  ctx.hud.addAction(vrButton);
  ctx.hud.addAction(arButton);

  let last = performance.now();
  const capture: PhasedSystem = {
    name: 'xrPose',
    phase: 'pose',
    update(frame) {
      if (helper.state !== WebXRState.IN_XR) return;
      captureXrPose(helper.camera, input, ctx.local);
      menu.update(helper.camera);
      vignette.update(Math.max(0, (frame.now - last) / 1000));
      last = frame.now;
    },
    dispose() {},
  };

  return {
    name: 'xr',
    systems: [capture],
    // Only test builds carry the test API (MODE is a build-time constant: production drops this).
    testApi:
      import.meta.env.MODE !== 'test'
        ? undefined
        : createXrTestApi({ xr, status, emulator, helper, menu, locomotion, vignette, pointer, hands, nearGrab }),
    dispose() {
      menu.dispose();
      nearGrab.dispose();
      hands.dispose();
      locomotion.dispose();
      vignette.dispose();
      controllers.dispose();
      helper.dispose();
    },
  };
}
