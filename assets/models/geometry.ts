/**
 * Small mesh builder for the project's own machine models (assets/models/build.ts): boxes, cylinders,
 * cones and rings, each placed by a rotation and an offset and coloured per vertex, gathered into
 * one indexed triangle list per part. Frame: glTF's (right-handed, +Y up, metres), which is the twin
 * frame. Flat normals on flat faces, smooth normals around a cylinder's side.
 */
import { eulerDegToQuat, type Quat } from '../../shared/twin/math.js';

export type Vec3 = [number, number, number];
export type Rgb = [number, number, number];

/** Where a shape goes inside its part: offset (metres) and rotation (degrees, extrinsic XYZ). */
export interface Place {
  at?: Vec3;
  rot?: Vec3;
}

function rotate(q: Quat, v: Vec3): Vec3 {
  // v' = q v q*, expanded.
  const [x, y, z] = v;
  const ix = q.w * x + q.y * z - q.z * y;
  const iy = q.w * y + q.z * x - q.x * z;
  const iz = q.w * z + q.x * y - q.y * x;
  const iw = -q.x * x - q.y * y - q.z * z;
  return [
    ix * q.w + iw * -q.x + iy * -q.z - iz * -q.y,
    iy * q.w + iw * -q.y + iz * -q.x - ix * -q.z,
    iz * q.w + iw * -q.z + ix * -q.y - iy * -q.x,
  ];
}

/** sRGB hex (#rrggbb) → linear RGB, as glTF's COLOR_0 wants it. */
export function linear(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  const f = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return [f((n >> 16) & 255), f((n >> 8) & 255), f(n & 255)];
}

export class Geometry {
  readonly positions: number[] = [];
  readonly normals: number[] = [];
  readonly colors: number[] = [];
  readonly indices: number[] = [];

  get triangles(): number {
    return this.indices.length / 3;
  }

  private vertex(p: Vec3, n: Vec3, c: Rgb, place: Place): number {
    const q = eulerDegToQuat(...(place.rot ?? [0, 0, 0]));
    const at = place.at ?? [0, 0, 0];
    const rp = rotate(q, p);
    const rn = rotate(q, n);
    this.positions.push(rp[0] + at[0], rp[1] + at[1], rp[2] + at[2]);
    this.normals.push(...rn);
    this.colors.push(c[0], c[1], c[2], 1);
    return this.positions.length / 3 - 1;
  }

  /** A box of size x, y, z centred on the place. */
  box(size: Vec3, color: string, place: Place = {}): this {
    const c = linear(color);
    const [hx, hy, hz] = size.map((s) => s / 2) as Vec3;
    // Each face: normal, then two in-face axes (u × v = normal keeps the winding counter-clockwise).
    const faces: [Vec3, Vec3, Vec3][] = [
      [
        [1, 0, 0],
        [0, 0, -1],
        [0, 1, 0],
      ],
      [
        [-1, 0, 0],
        [0, 0, 1],
        [0, 1, 0],
      ],
      [
        [0, 1, 0],
        [1, 0, 0],
        [0, 0, -1],
      ],
      [
        [0, -1, 0],
        [1, 0, 0],
        [0, 0, 1],
      ],
      [
        [0, 0, 1],
        [1, 0, 0],
        [0, 1, 0],
      ],
      [
        [0, 0, -1],
        [-1, 0, 0],
        [0, 1, 0],
      ],
    ];
    for (const [n, u, v] of faces) {
      const corner = (su: number, sv: number): Vec3 => [
        (n[0] + u[0] * su + v[0] * sv) * hx,
        (n[1] + u[1] * su + v[1] * sv) * hy,
        (n[2] + u[2] * su + v[2] * sv) * hz,
      ];
      const a = this.vertex(corner(-1, -1), n, c, place);
      const b = this.vertex(corner(1, -1), n, c, place);
      const d = this.vertex(corner(1, 1), n, c, place);
      const e = this.vertex(corner(-1, 1), n, c, place);
      this.indices.push(a, b, d, a, d, e);
    }
    return this;
  }

  /**
   * A cylinder (or cone, or tube end) along y, centred on the place: bottom and top diameters,
   * height, segments; caps unless `open`.
   */
  cylinder(d: { bottom: number; top?: number; height: number; segments?: number; open?: boolean }, color: string, place: Place = {}): this {
    const c = linear(color);
    const n = d.segments ?? 20;
    const rb = d.bottom / 2;
    const rt = (d.top ?? d.bottom) / 2;
    const h = d.height / 2;
    const slope = (rb - rt) / d.height;
    const ring: number[] = [];
    for (let i = 0; i <= n; i++) {
      const a = (i / n) * Math.PI * 2;
      const cs = Math.cos(a);
      const sn = Math.sin(a);
      const len = Math.hypot(1, slope);
      const normal: Vec3 = [cs / len, slope / len, sn / len];
      ring.push(this.vertex([rb * cs, -h, rb * sn], normal, c, place), this.vertex([rt * cs, h, rt * sn], normal, c, place));
    }
    for (let i = 0; i < n; i++) {
      const [b0, t0, b1, t1] = [ring[2 * i]!, ring[2 * i + 1]!, ring[2 * i + 2]!, ring[2 * i + 3]!];
      this.indices.push(b0, t0, t1, b0, t1, b1);
    }
    if (!d.open) {
      for (const [y, r, ny] of [
        [h, rt, 1],
        [-h, rb, -1],
      ] as const) {
        if (r <= 0) continue;
        const centre = this.vertex([0, y, 0], [0, ny, 0], c, place);
        const rim: number[] = [];
        for (let i = 0; i <= n; i++) {
          const a = (i / n) * Math.PI * 2;
          rim.push(this.vertex([r * Math.cos(a), y, r * Math.sin(a)], [0, ny, 0], c, place));
        }
        for (let i = 0; i < n; i++) {
          if (ny > 0) this.indices.push(centre, rim[i + 1]!, rim[i]!);
          else this.indices.push(centre, rim[i]!, rim[i + 1]!);
        }
      }
    }
    return this;
  }

  /** `count` copies of a shape spread evenly about the part's y axis at height `y` (bolts, fins, blades), each turned to face outwards. */
  around(count: number, radius: number, y: number, make: (g: Geometry, place: Place) => void): this {
    for (let i = 0; i < count; i++) {
      const a = (i / count) * Math.PI * 2;
      make(this, { at: [radius * Math.cos(a), y, radius * Math.sin(a)], rot: [0, (-a * 180) / Math.PI, 0] });
    }
    return this;
  }
}
