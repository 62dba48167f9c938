/**
 * The video twin on the client (SPEC VC1–VC4): every camera of the space gets a screen beside it;
 * its feed is asked for only while the screen is in view or near, and only while this person has
 * cameras switched on — a hidden feed costs nothing. A click (or an XR ray) on a screen opens it large;
 * from there a camera's picture can be projected onto the scene it sees (VC5), or in VR from the wrist
 * menu's Cameras page (VC6, through `ctx.apis.video`, api.ts).
 */
import { PointerEventTypes, type PointerInfo } from '@babylonjs/core/Events/pointerEvents.js';
import type { ClientContext } from '../context/context.js';
import { el } from '../core/dom.js';
import { Listeners } from '../core/listeners.js';
import type { ClientFeature } from '../core/feature.js';
import { fetchCameraExtension, placeCamera } from './cameras.js';
import { FeedLink } from './feedLink.js';
import { createLargeView } from './largeView.js';
import { renderedMean, textureMean, videoMean } from './probe.js';
import { CameraProjection, floorInPicture } from './projection.js';
import { CameraScreen } from './screen.js';
import type { CameraTestInfo, VideoTestApi } from './testApi.js';
import type { VideoApi } from './api.js';

/** How often screens check their visibility and captions, ms. */
const CHECK_MS = 250;
/** A screen nearer than this is watched even when not in the view, metres. */
const NEAR_M = 4;
/** Screens farther than this are never watched, metres. */
const FAR_M = 30;
/** A feed out of view for this long is closed, ms (turning round briefly does not restart it). */
const LINGER_MS = 3000;
const STORAGE_KEY = 'twinverse.cameras';

export function createVideoFeature(ctx: ClientContext): ClientFeature {
  const { scene, connection } = ctx;
  const base = connection.endpoint.replace(/^ws/, 'http');
  const screens = new Map<string, CameraScreen>();
  const loading = new Set<string>();
  const links = new Map<string, FeedLink>();
  const seenAt = new Map<string, number>();
  /** Cameras this person projects onto the scene (SPEC VC5); their feeds are kept wherever one looks. */
  const projections = new Map<string, CameraProjection>();
  let enabled = localStorage.getItem(STORAGE_KEY) !== 'off';
  /** Cameras came or went, or a projection started or stopped (the VR menu's Cameras page redraws). */
  const changed = new Listeners<void>();
  let lastCheck = 0;

  const large = createLargeView((id, on) => setProjected(id, on));
  document.body.append(large.element);
  const toggle = el('button', {
    type: 'button',
    class: 'button tool',
    id: 'cameras-button',
    title: 'Camera feeds on or off (for me only)',
  });
  const drawToggle = () => {
    toggle.textContent = enabled ? '📷 on' : '📷 off';
    toggle.setAttribute('aria-pressed', String(enabled));
  };
  const setEnabled = (on: boolean) => {
    enabled = on;
    localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
    drawToggle();
    if (!on) for (const id of [...links.keys()]) unwatch(id);
  };
  toggle.addEventListener('click', () => setEnabled(!enabled));
  drawToggle();
  ctx.hud.addAction(toggle);
  const offAction = ctx.actions.register({
    id: 'cameras',
    label: () => (enabled ? 'Cameras off' : 'Cameras on'),
    run: () => setEnabled(!enabled),
  });

  const watch = (id: string) => {
    if (links.has(id)) return;
    links.set(
      id,
      new FeedLink(id, connection, () => {
        const video = links.get(id)!.video;
        screens.get(id)?.show(video);
        projections.get(id)?.attach(video);
      }),
    );
  };
  const unwatch = (id: string) => {
    links.get(id)?.close();
    links.delete(id);
    screens.get(id)?.blank();
    projections.get(id)?.attach(null);
  };
  const setProjected = (id: string, on: boolean): boolean => {
    const screen = screens.get(id);
    if (!screen || on === projections.has(id)) return projections.has(id);
    if (on) {
      // One at a time: a projection is two lights, and materials take four (the hall has two).
      for (const other of [...projections.keys()]) setProjected(other, false);
      const projection = new CameraProjection(scene, screen.camera);
      projections.set(id, projection);
      const link = links.get(id);
      if (link?.video.srcObject) projection.attach(link.video);
    } else {
      projections.get(id)?.dispose();
      projections.delete(id);
    }
    if (large.openId === id) large.setProjected(on);
    changed.emit();
    return on;
  };

  const offOffer = connection.on('video.offer', (m) => {
    void links
      .get(m.camera)
      ?.offer(m.sdp)
      .catch((err: unknown) => console.warn(`camera ${m.camera}: ${(err as Error).message}`));
  });
  const offError = connection.onServerError((e) => {
    // `video.off` is the server's configuration, not something this person did: the caption says it.
    if (e.ref.startsWith('video.') && e.ref !== 'video.off') ctx.notices.show(e.message, 'error');
  });
  // A new room (first join, reconnection): the server closed this client's feeds; ask again as screens come into view.
  const offState = connection.onState(() => {
    for (const link of links.values()) link.close();
    links.clear();
    for (const s of screens.values()) s.blank();
  });

  const openLarge = (id: string) => {
    const screen = screens.get(id);
    if (!screen) return false;
    if (scene.activeCamera?.getClassName() === 'WebXRCamera') return screen.toggleLarge();
    if (large.openId === id) {
      large.close();
      return false;
    }
    const link = links.get(id);
    large.open(id, screen.camera.title, (link?.video.srcObject as MediaStream | null) ?? null, projections.has(id));
    return true;
  };
  const pointer = scene.onPointerObservable.add((info: PointerInfo) => {
    if (info.type !== PointerEventTypes.POINTERDOWN) return;
    const id = (info.pickInfo?.pickedMesh?.metadata as { camera?: string } | null)?.camera;
    if (id) openLarge(id);
  });

  const addScreen = async (id: string) => {
    loading.add(id);
    const found = await fetchCameraExtension(base, id);
    loading.delete(id);
    const twin = connection.state?.twins.get(id);
    if (!found || !twin || screens.has(id)) return;
    screens.set(id, new CameraScreen(scene, placeCamera(id, found.title, found.ext, twin)));
    changed.emit();
  };

  const check = (now: number) => {
    const state = connection.state;
    if (!state) return;
    for (const twin of state.twins.values())
      if (twin.source === 'video' && !screens.has(twin.id) && !loading.has(twin.id)) void addScreen(twin.id);
    const cam = scene.activeCamera;
    for (const [id, screen] of screens) {
      const twin = state.twins.get(id);
      if (!twin) {
        unwatch(id);
        setProjected(id, false);
        screen.dispose();
        screens.delete(id);
        changed.emit();
        continue;
      }
      // A camera that reports where it is (a phone, SPEC CP6) moves: its screen goes with it.
      const placed = screen.camera;
      // Its projection too, at once: a projection kept at the old pose paints the picture where the
      // camera no longer looks.
      if (twin.px !== placed.twinAt.x || twin.pz !== placed.twinAt.z || twin.qy !== placed.twinAt.qy) {
        const moved = placeCamera(id, placed.title, placed.ext, twin);
        screen.place(moved);
        projections.get(id)?.place(moved);
      }
      const distance = cam ? cam.globalPosition.subtract(screen.mesh.position).length() : Infinity;
      const visible = enabled && distance < FAR_M && (distance < NEAR_M || (cam?.isInFrustum(screen.mesh) ?? false));
      // A feed is asked for only of a camera that is online: a server with video off (or a camera never
      // seen) has nothing to send, and asking would only earn a refusal per screen in view.
      const online = twin.properties.get('online')?.num === 1;
      if (visible) seenAt.set(id, now);
      // A projected camera is kept whether or not its screen is in view: its picture lies elsewhere.
      const wanted = visible || (enabled && projections.has(id));
      if (wanted && (online || links.has(id))) watch(id);
      else if (!wanted && links.has(id) && now - (seenAt.get(id) ?? 0) > LINGER_MS) unwatch(id);
      const prop = (name: string) => twin.properties.get(name);
      const link = links.get(id);
      screen.status({
        online: prop('online')?.num === 1,
        playing: !!link && link.frames > 0 && link.state === 'connected',
        latencyMs: link?.latencyMs ?? Number.NaN,
        since: prop('since')?.text ?? '',
        reason: prop('offlineReason')?.text ?? '',
      });
    }
  };

  const api: VideoApi = {
    cameras: () => [...screens.values()].map((s) => ({ id: s.camera.id, title: s.camera.title, projected: projections.has(s.camera.id) })),
    project: setProjected,
    onChange: (l) => changed.add(l),
  };
  ctx.apis.video = api;

  const testApi: VideoTestApi = {
    list: () =>
      [...screens.values()].map((s): CameraTestInfo => {
        const link = links.get(s.camera.id);
        const twin = connection.state?.twins.get(s.camera.id);
        return {
          id: s.camera.id,
          title: s.camera.title,
          online: twin?.properties.get('online')?.num === 1,
          watching: !!link,
          state: link?.state ?? 'none',
          frames: link?.frames ?? 0,
          currentTime: link?.video.currentTime ?? 0,
          videoWidth: link?.video.videoWidth ?? 0,
          videoHeight: link?.video.videoHeight ?? 0,
          textured: !!link && link.video.srcObject !== null,
          caption: s.captionText,
          slate: s.slateText,
          large: large.openId === s.camera.id || s.isLarge,
          projected: projections.has(s.camera.id),
          projectionFrames: projections.get(s.camera.id)?.frames ?? 0,
          projectionLens: projections.get(s.camera.id)?.lensAt ?? null,
          projectionAim: projections.get(s.camera.id)?.aimAt ?? null,
          screenLens: (({ x, y, z }) => [x, y, -z] as [number, number, number])(s.camera.lens),
          projectionCasters: projections.get(s.camera.id)?.casters ?? 0,
        };
      }),
    setEnabled,
    open: openLarge,
    probe: async (id) => {
      const link = links.get(id);
      return {
        video: link ? videoMean(link.video) : null,
        texture: await textureMean(screens.get(id)?.videoTexture ?? null),
        rendered: screens.has(id) ? await renderedMean(scene, screens.get(id)!.mesh.getAbsolutePosition()) : null,
      };
    },
    project: setProjected,
    probeProjection: async (id) => {
      const screen = screens.get(id);
      const aim = screen ? floorInPicture(screen.camera) : null;
      return aim ? renderedMean(scene, aim) : null;
    },
    screenCentre: (id) => {
      const p = screens.get(id)?.mesh.position;
      return p ? [p.x, p.y, p.z] : null;
    },
  };

  return {
    name: 'video',
    systems: [
      {
        name: 'cameraScreens',
        phase: 'render',
        update: (f) => {
          if (f.now - lastCheck < CHECK_MS) return;
          lastCheck = f.now;
          check(f.now);
        },
        dispose: () => {
          for (const id of [...links.keys()]) unwatch(id);
          for (const id of [...projections.keys()]) setProjected(id, false);
          for (const s of screens.values()) s.dispose();
          screens.clear();
        },
      },
    ],
    testApi,
    dispose() {
      offOffer();
      offError();
      offState();
      offAction();
      scene.onPointerObservable.remove(pointer);
      large.dispose();
      toggle.remove();
    },
  };
}
