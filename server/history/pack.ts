/**
 * The packed samples of one history row (SPEC HS1), format 2: a format byte (2), the float64 value of
 * the row's first sample (the base), then `n` little-endian uint16 time deltas and `n` little-endian
 * float32 differences from the base — 6 bytes a value before compression, 9 a row. The first delta is
 * the offset in ms from the row's minute, each next one the step from the previous sample (modulo
 * 65,536, so a sample out of order still round-trips: every offset is below 60,000). A sensor at a
 * steady rate gives a run of equal deltas, which the database's own compression (TOAST) folds to
 * almost nothing.
 *
 * Differences from the base, not the values themselves, go through float32: a latitude of 53.1° as a
 * float32 is only good to ~0.4 m, while a minute's movement from its first sample keeps micrometres
 * (GS13). Format 1 (rows written before) has no format byte and the values themselves as float32: its
 * length is a multiple of 6, format 2's is odd, so each row says which it is and both are read.
 */

const FORMAT = 2;
const HEAD = 9;

export function packSamples(offsets: ArrayLike<number>, values: ArrayLike<number>, from: number, to: number): Uint8Array {
  const n = to - from;
  const out = new Uint8Array(HEAD + n * 6);
  const view = new DataView(out.buffer);
  const base = n > 0 ? values[from]! : 0;
  view.setUint8(0, FORMAT);
  view.setFloat64(1, base, true);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const off = offsets[from + i]!;
    view.setUint16(HEAD + i * 2, (off - prev + 65_536) % 65_536, true);
    prev = off;
    view.setFloat32(HEAD + n * 2 + i * 4, values[from + i]! - base, true);
  }
  return out;
}

const fits = (f: number, p: number): boolean => Math.fround(Number(f.toPrecision(p))) === f;

/**
 * The shortest decimal that is this float32 (3.4, not 3.4000000953674316); 9 digits always are.
 * Six digits are tried first: when some p ≤ 6 digits give the float32 back, six do too (that p-digit
 * decimal lies within half a float32 step of f, and six-digit decimals are more than two steps
 * apart, so it is also the nearest six-digit one); so the search below six or above it finds the
 * same shortest as trying 1, 2, … 9 in turn, in about half the tries for a noisy reading (HS8).
 */
export function float32Digits(f: number): number {
  let p = fits(f, 6) ? 1 : 7;
  for (; p < 9; p++) if (fits(f, p)) break;
  return Number(f.toPrecision(p));
}

/**
 * Calls `each(offsetMs, value)` for every sample in `bytes`, in stored order, with the digits the
 * format holds: a float32 as its shortest decimal; in format 2 that difference added to the base,
 * to 15 significant digits (1.1, not 1.1000000000000001).
 */
export function unpackSamples(bytes: Uint8Array, each: (offset: number, value: number) => void): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const v2 = bytes.byteLength % 2 === 1 && view.getUint8(0) === FORMAT;
  const head = v2 ? HEAD : 0;
  const base = v2 ? view.getFloat64(1, true) : 0;
  const n = Math.floor((bytes.byteLength - head) / 6);
  let off = 0;
  for (let i = 0; i < n; i++) {
    off = (off + view.getUint16(head + i * 2, true)) % 65_536;
    const f = float32Digits(view.getFloat32(head + n * 2 + i * 4, true));
    each(off, v2 ? Number((base + f).toPrecision(15)) : f);
  }
}
