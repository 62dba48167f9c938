/**
 * The building's controls and its identity card (SPEC BM5, BM6). A panel in the side column shows or
 * hides each storey and cuts the walls away for a view inside. Pointing at an element (the mouse, the
 * crosshair or an XR ray) shows its IFC identity and property sets in a card — in a headset a panel in
 * the world (vrCard.ts) — a click (the trigger) keeps the card until the next click elsewhere. Nothing here when the space has no building.
 */
import { PointerEventTypes, type PointerInfo } from '@babylonjs/core/Events/pointerEvents.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { BuildingElement } from '../../shared/space/building.js';
import type { ClientFeatureFactory } from '../context/context.js';
import { el } from '../core/dom.js';
import type { BuildingModel } from '../building/buildingModel.js';
import { elementLines, storeyName } from '../building/elementText.js';
import { standOnStorey } from '../building/storeyFloors.js';
import { buildingTestApi } from './testApi.js';
import { createVrElementCard } from './vrCard.js';

export const createBuildingFeature: ClientFeatureFactory = (ctx) => {
  const building = ctx.building;
  if (!building) return { name: 'building' };
  const { scene } = ctx;
  // People stand on the storey they are on and climb its stairs (SPEC BM9, BM10).
  ctx.movement.floorAt = (x, z, feetY) => building.floorAt(x, z, feetY);
  ctx.movement.edgeAt = (x, z, feetY) => building.edgeAt(x, z, feetY);

  const storeys = building.index.storeys.map((_, i) => {
    const box = el('input', { type: 'checkbox', checked: true, 'data-storey': i });
    box.addEventListener('change', () => building.setStoreyVisible(i, box.checked));
    // The way up (or down) on the desktop: stand on the storey's slab, nearest where one is (SPEC BM9).
    const go = el('button', { type: 'button', class: 'button building-go', 'data-go': i }, 'Go');
    go.addEventListener('click', () => {
      const p = ctx.player.position;
      const at = standOnStorey(building.index.elements, i, p.x, p.z);
      if (!at) return;
      p.set(at.x, at.y, at.z);
      ctx.local.markTeleport();
    });
    return el(
      'div',
      { class: 'building-storey-row' },
      el('label', { class: 'building-storey' }, box, ` ${storeyName(building.index, i)}`),
      go,
    );
  });
  const cut = el('input', { type: 'checkbox', id: 'building-cutaway' });
  cut.addEventListener('change', () => building.setCutaway(cut.checked));
  const panel = el(
    'aside',
    { class: 'panel building-panel', id: 'building-panel' },
    el('h2', {}, 'Building'),
    ...storeys,
    el('label', { class: 'building-storey' }, cut, ' Cut away walls'),
  );
  ctx.hud.addPanel(panel);

  const card = el('aside', { class: 'panel element-card', id: 'element-card', hidden: true, 'aria-live': 'polite' });
  ctx.hud.root.append(card);
  // In a headset the card is a panel in the world (BM6a); the HTML card stays for the test API and the desktop.
  const vrCard = createVrElementCard(scene, building.index);
  const inXr = () => scene.activeCamera !== null && scene.activeCamera !== ctx.camera;
  let shown: BuildingElement | null = null;
  let pinned = false;
  /** The pointer that showed the card: it keeps it until it leaves the element (the other hand's ray does not take it over). */
  let owner: number | null = null;
  const show = (e: BuildingElement | null, hit: Vector3 | null) => {
    if (e === shown) return;
    shown = e;
    card.hidden = !e;
    const eye = scene.activeCamera?.globalPosition;
    vrCard.show(e && inXr() && hit && eye ? e : null, eye, hit ?? undefined);
    if (!e) return;
    const l = elementLines(building.index, e);
    card.replaceChildren(
      el('h2', {}, l.title),
      el('p', { class: 'muted' }, l.identity),
      ...l.psets.map((line) => el('p', { class: 'element-pset' }, line)),
    );
  };
  const cameraObserver = scene.onActiveCameraChanged.add(() => {
    if (!inXr()) vrCard.show(null);
  });

  const pick = (info: PointerInfo): { mesh: AbstractMesh | null; face: number; point: Vector3 | null } => {
    const given = info.pickInfo?.hit ? info.pickInfo : null;
    // An XR ray that hit nothing hit nothing: the mouse's screen point means nothing then.
    const p = given ?? (inXr() ? null : scene.pick(scene.pointerX, scene.pointerY, (m) => m.isPickable && m.isEnabled()));
    return { mesh: p?.pickedMesh ?? null, face: p?.faceId ?? -1, point: p?.pickedPoint ?? null };
  };
  const observer = scene.onPointerObservable.add((info) => {
    if (info.type !== PointerEventTypes.POINTERMOVE && info.type !== PointerEventTypes.POINTERDOWN) return;
    const { mesh, face, point } = pick(info);
    const e = building.elementAt(mesh, face);
    const id = (info.event as Partial<PointerEvent>).pointerId ?? -1;
    if (info.type === PointerEventTypes.POINTERDOWN) {
      pinned = !!e;
      owner = id;
      show(e, point);
    } else if (!pinned && (owner === null || owner === id)) {
      owner = e ? id : null;
      show(e, point);
    }
  });

  return {
    name: 'building',
    // Only test builds carry the test API (MODE is a build-time constant: production drops this).
    testApi:
      import.meta.env.MODE !== 'test'
        ? undefined
        : buildingTestApi(ctx, building, () => shown && { element: shown, text: card.textContent ?? '' }, vrCard),
    dispose() {
      ctx.movement.floorAt = null;
      ctx.movement.edgeAt = null;
      scene.onPointerObservable.remove(observer);
      scene.onActiveCameraChanged.remove(cameraObserver);
      vrCard.dispose();
      panel.remove();
      card.remove();
    },
  };
};

export type { BuildingModel };
