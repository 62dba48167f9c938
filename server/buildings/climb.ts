/**
 * Which way a stair or ramp climbs (SPEC BM10), found from its own triangles: the faces that look up
 * (treads, a ramp's deck) rise along one horizontal direction. The plane fitted through them
 * (least squares, weighted by each face's area) slopes uphill that way; a flight whose treads do not
 * rise (a landing) has none.
 * Protocol frame in and out (+Y up).
 */
import type { ElementPiece } from './ifcReader.js';

/** A face looks up when its normal is within ~45° of +Y. */
const UP = Math.SQRT1_2;
/** Below this rise per metre the treads are flat. */
const FLAT = 1e-3;

/** The unit (x, z) direction the pieces' upward faces rise along, to the thousandth; null when they do not rise. */
export function climbOf(pieces: readonly ElementPiece[]): [number, number] | null {
  // Moments of the upward faces' area (exact per triangle, so a tread's own triangulation adds no
  // slant): ∫dA, ∫x, ∫y, ∫z, ∫x², ∫xz, ∫z², ∫xy, ∫zy.
  let w = 0;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  let sxx = 0;
  let sxz = 0;
  let szz = 0;
  let sxy = 0;
  let szy = 0;
  for (const { positions: p, normals: n, indices } of pieces)
    for (let i = 0; i + 2 < indices.length; i += 3) {
      const [a, b, c] = [indices[i]! * 3, indices[i + 1]! * 3, indices[i + 2]! * 3];
      // The file's own normals say which way a face looks (a waist's underside looks down).
      const ny = n[a + 1]! + n[b + 1]! + n[c + 1]!;
      const len = Math.hypot(n[a]! + n[b]! + n[c]!, ny, n[a + 2]! + n[b + 2]! + n[c + 2]!);
      if (len === 0 || ny < UP * len) continue;
      const [ux, uy, uz] = [p[b]! - p[a]!, p[b + 1]! - p[a + 1]!, p[b + 2]! - p[a + 2]!];
      const [vx, vy, vz] = [p[c]! - p[a]!, p[c + 1]! - p[a + 1]!, p[c + 2]! - p[a + 2]!];
      const area = Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx) / 2;
      if (area === 0) continue;
      const xs = [p[a]!, p[b]!, p[c]!];
      const ys = [p[a + 1]!, p[b + 1]!, p[c + 1]!];
      const zs = [p[a + 2]!, p[b + 2]!, p[c + 2]!];
      const sum = (v: number[]) => v[0]! + v[1]! + v[2]!;
      // Over a triangle, ∫uv dA = area/12 · (Σ uᵢvᵢ + Σuᵢ · Σvᵢ).
      const second = (u: number[], v: number[]) => (area / 12) * (u[0]! * v[0]! + u[1]! * v[1]! + u[2]! * v[2]! + sum(u) * sum(v));
      w += area;
      sx += (area * sum(xs)) / 3;
      sy += (area * sum(ys)) / 3;
      sz += (area * sum(zs)) / 3;
      sxx += second(xs, xs);
      sxz += second(xs, zs);
      szz += second(zs, zs);
      sxy += second(xs, ys);
      szy += second(zs, ys);
    }
  if (w === 0) return null;
  // Central moments; the least-squares plane y = ȳ + gx·(x − x̄) + gz·(z − z̄) slopes uphill along (gx, gz).
  const xx = sxx - (sx * sx) / w;
  const xz = sxz - (sx * sz) / w;
  const zz = szz - (sz * sz) / w;
  const xy = sxy - (sx * sy) / w;
  const zy = szy - (sz * sy) / w;
  const det = xx * zz - xz * xz;
  if (!(det > 1e-12 * (xx + zz) ** 2)) return null;
  const [gx, gz] = [(zz * xy - xz * zy) / det, (xx * zy - xz * xy) / det];
  const rise = Math.hypot(gx, gz);
  if (!(rise > FLAT)) return null;
  const round = (v: number) => Math.round((v / rise) * 1000) / 1000 + 0;
  return [round(gx), round(gz)];
}
