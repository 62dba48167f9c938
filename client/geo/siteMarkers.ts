/**
 * The sites standing on the overview's map (SPEC GS8, GS9): a pillar and a lamp at each site's place,
 * coloured by its alarm state, with its name and state on a plate above. The pillar and lamp react to
 * pointing: selecting one enters the site (GS11).
 */
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder.js';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { GeoFrame } from '../../shared/geo/frame.js';
import { sitePosition, type OverviewSite } from '../../shared/geo/overview.js';
import { markInteractive } from '../input/interactive.js';
import { protocolToBabylon } from '../render/frames.js';
import { createTextPlane, type TextPlane } from '../ui3d/textPlane.js';
import { markVirtual } from '../render/virtual.js';

const PILLAR_M = 2.4;

/** Colours of a site's state: the alarm list's severity colours, grey when stale, green when all is well. */
export function stateColor(site: Pick<OverviewSite, 'state' | 'severity'>): string {
  if (site.state === 'alarm') return site.severity === 'critical' ? '#e03131' : site.severity === 'info' ? '#4dabf7' : '#f59f00';
  return site.state === 'stale' ? '#9fb0c0' : '#29bf12';
}

/** A site's state in words, for its plate. */
export function stateWords(site: Pick<OverviewSite, 'state' | 'alarms' | 'severity'>): string {
  if (site.state === 'alarm') return `⚠ ${site.alarms} alarm${site.alarms === 1 ? '' : 's'} (${site.severity})`;
  return site.state === 'stale' ? 'No live data' : '● All well';
}

export class SiteMarker {
  readonly pillar: Mesh;
  readonly lamp: Mesh;
  readonly plate: TextPlane;
  private readonly material: StandardMaterial;
  /** Protocol frame, metres. */
  readonly x: number;
  readonly z: number;
  site: OverviewSite;

  constructor(scene: Scene, frame: GeoFrame, scale: number, site: OverviewSite & { latitude: number; longitude: number }) {
    this.site = site;
    const p = sitePosition(frame, scale, site.latitude, site.longitude);
    this.x = p.x;
    this.z = p.z;
    const at = protocolToBabylon(p.x, 0, p.z, new Vector3());
    this.material = new StandardMaterial(`site/${site.space}`, scene);
    this.material.specularColor = Color3.Black();
    this.pillar = CreateCylinder(`site/${site.space}/pillar`, { height: PILLAR_M, diameterTop: 0.16, diameterBottom: 0.5 }, scene);
    this.pillar.position.set(at.x, PILLAR_M / 2, at.z);
    this.lamp = CreateSphere(`site/${site.space}/lamp`, { diameter: 0.9, segments: 12 }, scene);
    this.lamp.position.set(at.x, PILLAR_M + 0.35, at.z);
    for (const m of [this.pillar, this.lamp]) {
      m.material = this.material;
      markInteractive(m, { site: site.space });
      markVirtual(m);
    }
    this.plate = createTextPlane(scene, `site/${site.space}/plate`, { width: 5, height: 1.3, px: 768, billboard: true });
    this.plate.mesh.position.set(at.x, PILLAR_M + 1.6, at.z);
    markInteractive(this.plate.mesh, { site: site.space });
    this.update(site);
  }

  update(site: OverviewSite): void {
    this.site = site;
    const c = Color3.FromHexString(stateColor(site));
    this.material.diffuseColor = c;
    this.material.emissiveColor = c.scale(0.5);
    this.plate.draw([
      { text: site.title, size: 0.3, bold: true },
      { text: stateWords(site), size: 0.22, color: stateColor(site) },
    ]);
  }

  dispose(): void {
    this.pillar.dispose();
    this.lamp.dispose();
    this.plate.dispose();
    this.material.dispose();
  }
}
