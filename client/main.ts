/**
 * Composition root: read the link, ask for a name, start the engine, join the space, build the hall,
 * put me where the server says I stand, then run the systems. Nothing here ticks by itself.
 */
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { hallBounds } from '../shared/space/layout.js';
import { styleOf } from '../shared/avatar/styles.js';
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
import { fetchSpacePlace } from './net/spaceTitle.js';
import { Player } from './player/player.js';
import { createEngine, createScene } from './render/engine.js';
import { protocolBoundsToBabylon, protocolToBabylon } from './render/frames.js';
import { buildHall } from './render/hall/hall.js';
import { openGround } from './render/hall/openGround.js';
import { spaceOfBuilding } from './building/space.js';
import { installCrosshair } from './input/crosshair.js';
import { holdsFinger, isInteractive } from './input/interactive.js';
import { RayRegistry } from './input/rays.js';
import { rememberedColor, rememberedStyle, showJoinScreen } from './ui/joinScreen.js';
import { showLoading } from './ui/loading.js';
import { createAppearanceControl } from './ui/appearance.js';
import { createAppearanceAsk } from './avatars/appearanceAsk.js';
import { colorNotice, connectionNotice, showFailure } from './ui/notices.js';
import { standWhereTheServerSays } from './arrival.js';
import { createEyes, registerMouseRay, registerTouchRays } from './desktopView.js';
import { joinOptionsFor } from './join.js';
import { createOverlay } from './overlay.js';
import './styles.css';

async function main(): Promise<void> {
  const root = document.getElementById('ui')!;
  const canvas = document.getElementById('scene') as HTMLCanvasElement;
  const link = readLaunchLink(location.search, location.hash);
  const endpoint = (import.meta.env.VITE_SERVER_URL as string | undefined) ?? location.origin;
  // The space as its HUD names it, on the join and loading screens too (SPEC SP1).
  const place = await fetchSpacePlace(endpoint, link.space);
  const title = place.title;
  const identity = link.name
    ? { name: link.name, color: link.color ?? rememberedColor(), style: link.style ?? rememberedStyle() }
    : await showJoinScreen(root, title);

  const loading = showLoading(root);
  loading.step(0.1, 'Starting the 3D engine…');
  const engine = createEngine(canvas);
  const scene = createScene(engine);
  const camera = createEyes(scene);

  loading.step(0.3, `Joining “${title}”…`);
  const store = new AvatarStore();
  const connection = new SpaceConnection(endpoint, store);
  const options = joinOptionsFor(link, identity);
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
  const procedural = buildHall(
    scene,
    { width: info.width, depth: info.depth, height: info.height, spawn: { x: spawn.x, z: spawn.z } },
    { title: info.layoutTitle, subtitle: `Space “${info.name}” · Twinverse` },
  );
  // A layout's IFC building is the space (SPEC BM4): the procedural hall stays only as its lights
  // and its invisible floor, or whole when the building cannot be loaded.
  const built = await spaceOfBuilding(scene, endpoint, info.building, procedural, {
    progress: (f) => loading.step(0.6 + 0.2 * f, `Loading the building… ${Math.round(f * 100)} %`),
    failed: (message) => console.warn(`[twinverse] building not loaded, the procedural hall stands instead: ${message}`),
  });
  const building = built.building;
  // An overview's floor is the map of its sites: open ground, no hall around it (SPEC GS8).
  const hall = place.overview && !building ? openGround(built.hall) : built.hall;
  const b = hallBounds(info);
  const walkable = protocolBoundsToBabylon(b);

  // The colour and style the server gave us (SPEC AV2, AV3): said when it is not the one picked, and
  // asked for again by a rejoin so the person comes back as they were.
  const mine = state.avatars.get(connection.sessionId ?? '');
  const replaced = mine ? colorNotice(options.color, mine.color) : null;
  const joinedAs = mine ? { ...options, color: mine.color, style: styleOf(mine.style) } : options;
  connection.keepAppearance(joinedAs);

  // Stand where the server put us (the spawn spot, or our old place after a reconnect).
  const player = new Player();
  standWhereTheServerSays(store, connection.sessionId, player);
  const local = new LocalPose();
  const systems = createSystems({
    scene,
    root,
    canvas,
    camera,
    player,
    local,
    store,
    connection,
    walkable,
    obstacles: [...hall.obstacles],
    hitsInteractive: (x, y) => isInteractive(scene.pick(x, y, (m) => m.isPickable && m.isEnabled()).pickedMesh),
    holdsFinger: (x, y) => holdsFinger(scene.pick(x, y, (m) => m.isPickable && m.isEnabled()).pickedMesh),
  });
  const rays = new RayRegistry();
  registerMouseRay(rays, scene, canvas, camera);
  registerTouchRays(rays, scene, camera, systems.touch.look);

  // HUD.
  const { hud, badge, people, notices, help, setInstance } = createOverlay(root, store, info.title, link.space);
  // Which instance of a full space we are in (SPEC J6); a rejoin may land in another one.
  connection.onState((sync) => setInstance(sync.state.space.instanceName));
  // Style and colour changed mid-session; the card shows what the server decided (SPEC AV6).
  const appearance = createAppearanceAsk(store, connection);
  const appearanceCard = createAppearanceControl(appearance);
  hud.addToBar(appearanceCard.button);
  hud.addPanel(appearanceCard.panel);
  // On a phone or tablet the help card tells the thumbs, not the keys, how to move.
  systems.touch.onTouchDevice(() => help.setTouch(true));

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
    join: joinedAs,
    hall,
    building,
    input: systems.input,
    movement: systems.movement,
    avatars: systems.avatars,
    hud,
    notices,
    actions: new ActionRegistry(),
    desktop: { setEnabled: (on) => systems.setDesktopEnabled(on) },
    spaceTitle: info.title,
    place,
    rays,
    people,
    appearance,
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
  // Said once the scene shows: a notice lasts 5 s, and loading can take longer (SPEC AV3).
  if (replaced) notices.show(replaced);
  // The help card's fold timer starts when people can first see the scene, not while they wait (UX4).
  scene.onAfterRenderObservable.addOnce(() => help.start());

  if (import.meta.env.MODE === 'test') {
    const { installTestApi } = await import('./debug/testApi.js');
    installTestApi({ engine, scene, camera, store, connection, player, local, systems, loop, link, features });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  showFailure(document.getElementById('ui')!, 'Something went wrong', err instanceof Error ? err.message : String(err));
});
