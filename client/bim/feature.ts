/**
 * The building's controls and its identity card (SPEC BM5, BM6). A panel in the side column shows or
 * hides each storey and cuts the walls away for a view inside. Pointing at an element (the mouse, the
 * crosshair or an XR ray) shows its IFC identity and property sets in a card; a click keeps the card
 * until the next click elsewhere. Nothing here when the space has no building.
 */
import { PointerEventTypes, type PointerInfo } from '@babylonjs/core/Events/pointerEvents.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { BuildingElement } from '../../shared/space/building.js';
import type { ClientFeatureFactory } from '../context/context.js';
import { el } from '../core/dom.js';
import type { BuildingModel } from '../building/buildingModel.js';
import { elementLines, storeyName } from '../building/elementText.js';
import { buildingTestApi } from './testApi.js';

export const createBuildingFeature: ClientFeatureFactory = (ctx) => {
  const building = ctx.building;
  if (!building) return { name: 'building' };
  const { scene } = ctx;
  // People stand on the storey they are on (SPEC BM9).
  ctx.movement.floorAt = (x, z, feetY) => building.floorAt(x, z, feetY);

  const storeys = building.index.storeys.map((_, i) => {
    const box = el('input', { type: 'checkbox', checked: true, 'data-storey': i });
    box.addEventListener('change', () => building.setStoreyVisible(i, box.checked));
    return el('label', { class: 'building-storey' }, box, ` ${storeyName(building.index, i)}`);
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
  let shown: BuildingElement | null = null;
  let pinned = false;
  const show = (e: BuildingElement | null) => {
    if (e === shown) return;
    shown = e;
    card.hidden = !e;
    if (!e) return;
    const l = elementLines(building.index, e);
    card.replaceChildren(
      el('h2', {}, l.title),
      el('p', { class: 'muted' }, l.identity),
      ...l.psets.map((line) => el('p', { class: 'element-pset' }, line)),
    );
  };

  const pick = (info: PointerInfo): { mesh: AbstractMesh | null; face: number } => {
    const given = info.pickInfo?.hit ? info.pickInfo : null;
    const p = given ?? scene.pick(scene.pointerX, scene.pointerY, (m) => m.isPickable && m.isEnabled());
    return { mesh: p?.pickedMesh ?? null, face: p?.faceId ?? -1 };
  };
  const observer = scene.onPointerObservable.add((info) => {
    if (info.type !== PointerEventTypes.POINTERMOVE && info.type !== PointerEventTypes.POINTERDOWN) return;
    const { mesh, face } = pick(info);
    const e = building.elementAt(mesh, face);
    if (info.type === PointerEventTypes.POINTERDOWN) {
      pinned = !!e;
      show(e);
    } else if (!pinned) show(e);
  });

  return {
    name: 'building',
    // Only test builds carry the test API (MODE is a build-time constant: production drops this).
    testApi:
      import.meta.env.MODE !== 'test'
        ? undefined
        : buildingTestApi(ctx, building, () => shown && { element: shown, text: card.textContent ?? '' }),
    dispose() {
      ctx.movement.floorAt = null;
      scene.onPointerObservable.remove(observer);
      panel.remove();
      card.remove();
    },
  };
};

export type { BuildingModel };
