/**
 * Composition root: read the link, ask for a name, start the engine, join the space, build the hall,
 * put me where the server says I stand, then run the systems. Nothing here ticks by itself.
 */
import { UniversalCamera } from '@babylonjs/core/Cameras/universalCamera.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { joinOptions } from '../shared/protocol/messages.js';
import { dequantizeUnit } from '../shared/protocol/pose.js';
import { hallBounds } from '../shared/space/layout.js';
import { yawOf } from '../shared/space/spawn.js';
import { ActionRegistry } from './core/actions.js';
import type { ClientContext } from './context/context.js';
import type { ClientFeature } from './core/feature.js';
import { orderSystems } from './core/phases.js';
import { CLIENT_FEATURES } from './features.js';
import { FrameLoop } from './core/frameLoop.js';
import { readLaunchLink } from './launch.js';
import { createSystems } from './systems.js';
import { LocalPose } from './player/localPose.js';
import { AvatarStore } from './avatars/store.js';
import { SpaceConnection } from './net/connection.js';
import { Player } from './player/player.js';
import { createEngine, createScene } from './render/engine.js';
import { flipYaw, protocolBoundsToBabylon, protocolToBabylon } from './render/frames.js';
import { buildHall } from './render/hall/hall.js';
import { createConnectionBadge } from './ui/connectionBadge.js';
import { el } from './core/dom.js';
import { createHelpOverlay } from './ui/helpOverlay.js';
import { createHud } from './ui/hud.js';
import { installCrosshair } from './input/crosshair.js';
import { isInteractive } from './input/interactive.js';
import { RayRegistry } from './input/rays.js';
import { defaultColor, showJoinScreen } from './ui/joinScreen.js';
import { showLoading } from './ui/loading.js';
import { connectionNotice, createNotices, showFailure } from './ui/notices.js';
import { createPeopleList } from './ui/peopleList.js';
import { createShareLink } from './ui/shareLink.js';
import './styles.css';

async function main(): Promise<void> {
  const root = document.getElementById('ui')!;
  const canvas = document.getElementById('scene') as HTMLCanvasElement;
  const link = readLaunchLink(location.search, location.hash);
  const identity = link.name ? { name: link.name, color: link.color ?? defaultColor(link.name) } : await showJoinScreen(root, link.space);

  const loading = showLoading(root);
  loading.step(0.1, 'Starting the 3D engine…');
  const engine = createEngine(canvas);
  const scene = createScene(engine);
  const camera = new UniversalCamera('eyes', new Vector3(0, 1.6, 0), scene);
  camera.inputs.clear(); // desktopMovement drives it
  camera.minZ = 0.05;
  camera.maxZ = 200;
  camera.fov = 1.05;

  loading.step(0.3, `Joining “${link.space}”…`);
  const store = new AvatarStore();
  const endpoint = (import.meta.env.VITE_SERVER_URL as string | undefined) ?? location.origin;
  const connection = new SpaceConnection(endpoint, store);
  const options = joinOptions({
    space: link.space,
    name: identity.name,
    color: identity.color,
    mode: 'desktop',
    ...(('passcode' in identity && identity.passcode) || link.passcode
      ? { passcode: ('passcode' in identity && identity.passcode) || link.passcode }
      : {}),
  });
  if (import.meta.env.MODE === 'test') {
    // Lets the e2e suite see the version-mismatch refusal in a real page.
    const override = (window as { __TWINVERSE_PROTOCOL__?: unknown }).__TWINVERSE_PROTOCOL__;
    if (typeof override === 'number') options.protocol = override;
  }
  let state;
  try {
    state = await connection.join(options);
  } catch (err) {
    loading.done();
    showFailure(root, 'Could not join the space', (err as Error).message);
    return;
  }

  loading.step(0.6, 'Building the hall…');
  const info = state.space;
  document.title = `${info.title} · Twinverse`;
  const spawn = protocolToBabylon(info.spawnX, 0, info.spawnZ, new Vector3());
  const hall = buildHall(
    scene,
    { width: info.width, depth: info.depth, height: info.height, spawn: { x: spawn.x, z: spawn.z } },
    { title: info.layoutTitle, subtitle: `Space “${info.name}” · Twinverse` },
  );
  const b = hallBounds(info);
  const walkable = protocolBoundsToBabylon(b);

  // Stand where the server put us (the spawn spot, or our old place after a reconnect).
  const player = new Player();
  const me = state.avatars.get(connection.sessionId ?? '');
  if (me) {
    protocolToBabylon(me.head.px, 0, me.head.pz, player.position);
    player.yaw = flipYaw(
      yawOf({
        px: 0,
        py: 0,
        pz: 0,
        qx: dequantizeUnit(me.head.qx),
        qy: dequantizeUnit(me.head.qy),
        qz: dequantizeUnit(me.head.qz),
        qw: dequantizeUnit(me.head.qw),
      }),
    );
  }
  const local = new LocalPose();
  const systems = createSystems({
    scene,
    canvas,
    camera,
    player,
    local,
    store,
    connection,
    walkable,
    obstacles: [...hall.obstacles],
    hitsInteractive: (x, y) => isInteractive(scene.pick(x, y, (m) => m.isPickable && m.isEnabled()).pickedMesh),
  });
  const rays = new RayRegistry();
  rays.register((_id, out) => {
    // The desktop mouse: the screen centre while captured, else the cursor.
    const engine = scene.getEngine();
    const locked = document.pointerLockElement === canvas;
    const x = locked ? engine.getRenderWidth() / 2 : scene.pointerX;
    const y = locked ? engine.getRenderHeight() / 2 : scene.pointerY;
    scene.createPickingRayToRef(x, y, null, out, camera);
    return scene.activeCamera === camera;
  });

  // HUD.
  const badge = createConnectionBadge();
  const people = createPeopleList(store);
  const help = createHelpOverlay();
  const notices = createNotices(root);
  const hud = createHud(root, {
    bar: [
      el('span', { class: 'brand' }, 'Twinverse'),
      el('span', { class: 'space-title', id: 'space-title' }, info.title),
      badge.element,
      people.button,
    ],
    trailing: [createShareLink(link.space)],
  });
  hud.addPanel(people.panel);
  root.append(help.element, el('div', { class: 'hint', id: 'look-hint' }, 'Click to look around · WASD to walk'));

  // Features (XR, meetings, twins …) on top of the core.
  loading.step(0.8, 'Preparing the space…');
  const ctx: ClientContext = {
    engine,
    scene,
    canvas,
    camera,
    player,
    local,
    store,
    connection,
    join: options,
    hall,
    input: systems.input,
    movement: systems.movement,
    avatars: systems.avatars,
    hud,
    notices,
    actions: new ActionRegistry(),
    desktop: { setEnabled: (on) => systems.setDesktopEnabled(on) },
    spaceTitle: info.title,
    rays,
    people,
    apis: {},
  };
  const features: ClientFeature[] = [];
  for (const create of CLIENT_FEATURES) features.push(await create(ctx));
  const loop = new FrameLoop(engine, scene, orderSystems([...systems.list, ...features.flatMap((f) => f.systems ?? [])]));

  connection.onStatus((s) => {
    badge.set(s);
    if (s.state === 'failed') showFailure(root, 'Disconnected', s.reason);
    const notice = connectionNotice(s);
    if (notice) notices.show(notice);
    // A fresh join puts us at the spawn: the next pose jumps back to where we stood (SPEC RS6).
    if (s.state === 'connected' && s.resumed === 'rejoined') local.markTeleport();
  });
  // Signalling races (a peer left mid-call) are handled by the voice layer, not news to the person.
  connection.onServerError((e) => !e.code.startsWith('rtc.') && notices.show(`Refused: ${e.message}`, 'error'));
  document.addEventListener('pointerlockchange', () =>
    document.getElementById('look-hint')?.toggleAttribute('hidden', document.pointerLockElement === canvas),
  );
  installCrosshair(scene, canvas, root);
  // Closing the tab is a consented leave: others see us go at once instead of after the reconnect window.
  window.addEventListener('pagehide', () => void connection.leave());

  loop.start();
  await scene.whenReadyAsync();
  loading.step(1, 'Ready');
  loading.done();

  if (import.meta.env.MODE === 'test') {
    const { installTestApi } = await import('./debug/testApi.js');
    installTestApi({ engine, scene, camera, store, connection, player, local, systems, loop, link, features });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  showFailure(document.getElementById('ui')!, 'Something went wrong', err instanceof Error ? err.message : String(err));
});
