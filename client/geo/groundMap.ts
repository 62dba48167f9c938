/**
 * The overview's ground (SPEC GS10): a map on the floor, drawn into one canvas texture. Without a tile
 * server it is the project's own ground — land, a graticule every degree with its labels — so tests
 * and `npm start` need no network; with `MAP_TILE_URL` the tiles covering the floor are drawn in,
 * each where its corners fall through the overview's tangent plane (a tile is drawn as the box of its
 * corners: exact for heading 0, turned maps show the tiles unturned).
 */
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { CreateGround } from '@babylonjs/core/Meshes/Builders/groundBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { GeoFrame } from '../../shared/geo/frame.js';
import { sitePosition } from '../../shared/geo/overview.js';
import { tileCorner, tileOf, tileUrl, zoomFor } from './tiles.js';

const TEXTURE_PX = 2048;
/** Most tiles one map asks for (a tile server's usage policy frowns on bulk downloads). */
const MAX_TILES = 64;

export interface GroundMap {
  readonly mesh: Mesh;
  /** `own` or `tiles`, and how many tiles have been drawn. */
  readonly source: 'own' | 'tiles';
  tilesDrawn(): number;
  /** Tiles the server did not give (an error, not an image): their squares keep the own ground. */
  tilesFailed(): number;
  /** The map's colour at a texture point (u, v in 0…1, v down from the north edge), 0–255 each. */
  sample(u: number, v: number): [number, number, number];
  dispose(): void;
}

export function createGroundMap(
  scene: Scene,
  o: { width: number; depth: number; frame: GeoFrame; scale: number; tileUrl: string | null; attribution: string },
): GroundMap {
  const mesh = CreateGround('overview/map', { width: o.width, height: o.depth }, scene);
  mesh.position.y = 0.01;
  mesh.isPickable = false;
  const w = TEXTURE_PX;
  const h = Math.round((TEXTURE_PX * o.depth) / o.width);
  const tex = new DynamicTexture('overview/map', { width: w, height: h }, scene, true);
  const mat = new StandardMaterial('overview/map', scene);
  mat.diffuseTexture = tex;
  mat.specularColor = Color3.Black();
  mat.emissiveColor = new Color3(0.35, 0.35, 0.35);
  mesh.material = mat;
  const g = tex.getContext() as CanvasRenderingContext2D;
  /** Canvas pixel of a place: the floor's −Z (north at heading 0) at the top. */
  const px = (latitude: number, longitude: number) => {
    const p = sitePosition(o.frame, o.scale, latitude, longitude);
    return { x: (p.x / o.width + 0.5) * w, y: (p.z / o.depth + 0.5) * h };
  };
  const ref = o.frame.ref;
  // The floor's reach in degrees, generously: what the graticule and the tiles must cover.
  const spanLat = ((Math.max(o.width, o.depth) * o.scale) / 111_000) * 0.75 + 1;
  const spanLon = spanLat / Math.max(0.2, Math.cos((ref.latitude * Math.PI) / 180));
  const box = { s: ref.latitude - spanLat, n: ref.latitude + spanLat, w: ref.longitude - spanLon, e: ref.longitude + spanLon };

  const drawOwn = () => {
    g.fillStyle = '#2f4a3a';
    g.fillRect(0, 0, w, h);
    g.strokeStyle = 'rgba(220, 235, 225, 0.35)';
    g.lineWidth = 2;
    g.fillStyle = 'rgba(220, 235, 225, 0.7)';
    g.font = '28px sans-serif';
    for (let lat = Math.ceil(box.s); lat <= box.n; lat++) {
      g.beginPath();
      for (let lon = box.w; lon <= box.e; lon += 0.1) {
        const p = px(lat, lon);
        if (lon === box.w) g.moveTo(p.x, p.y);
        else g.lineTo(p.x, p.y);
      }
      g.stroke();
      const l = px(lat, ref.longitude);
      g.fillText(`${Math.abs(lat)}°${lat >= 0 ? 'N' : 'S'}`, 12, l.y - 6);
    }
    for (let lon = Math.ceil(box.w); lon <= box.e; lon++) {
      g.beginPath();
      for (let lat = box.s; lat <= box.n; lat += 0.1) {
        const p = px(lat, lon);
        if (lat === box.s) g.moveTo(p.x, p.y);
        else g.lineTo(p.x, p.y);
      }
      g.stroke();
      const l = px(ref.latitude, lon);
      g.fillText(`${Math.abs(lon)}°${lon >= 0 ? 'E' : 'W'}`, l.x + 6, h - 14);
    }
    tex.update();
  };
  drawOwn();

  let drawn = 0;
  let failed = 0;
  if (o.tileUrl) {
    const template = o.tileUrl;
    const metresPerPixel = (o.width * o.scale) / w;
    let z = zoomFor(metresPerPixel, ref.latitude);
    let a = tileOf(box.n, box.w, z);
    let b = tileOf(box.s, box.e, z);
    while (z > 0 && (Math.floor(b.x) - Math.floor(a.x) + 1) * (Math.floor(b.y) - Math.floor(a.y) + 1) > MAX_TILES) {
      z--;
      a = tileOf(box.n, box.w, z);
      b = tileOf(box.s, box.e, z);
    }
    for (let x = Math.floor(a.x); x <= Math.floor(b.x); x++)
      for (let y = Math.floor(a.y); y <= Math.floor(b.y); y++) {
        const img = new Image();
        img.crossOrigin = 'anonymous';
        img.onload = () => {
          const nw = tileCorner(x, y, z);
          const se = tileCorner(x + 1, y + 1, z);
          const p = px(nw.latitude, nw.longitude);
          const q = px(se.latitude, se.longitude);
          g.drawImage(img, p.x, p.y, q.x - p.x, q.y - p.y);
          drawn++;
          if (o.attribution) {
            g.fillStyle = 'rgba(255,255,255,0.8)';
            g.fillRect(w - 12 - g.measureText(o.attribution).width - 12, h - 44, g.measureText(o.attribution).width + 12, 36);
            g.fillStyle = '#222';
            g.fillText(o.attribution, w - 18 - g.measureText(o.attribution).width, h - 16);
          }
          tex.update();
        };
        // A tile that does not come (offline, 404, a broken image) leaves the own ground in its square.
        img.onerror = () => {
          failed++;
        };
        img.src = tileUrl(template, x, y, z);
      }
  }
  return {
    mesh,
    source: o.tileUrl ? 'tiles' : 'own',
    tilesDrawn: () => drawn,
    tilesFailed: () => failed,
    sample(u, v) {
      const d = g.getImageData(Math.min(w - 1, Math.floor(u * w)), Math.min(h - 1, Math.floor(v * h)), 1, 1).data;
      return [d[0]!, d[1]!, d[2]!];
    },
    dispose() {
      tex.dispose();
      mat.dispose();
      mesh.dispose();
    },
  };
}
