/**
 * The packed samples of one history row (SPEC HS1): `n` little-endian uint16 time deltas, then `n`
 * little-endian float32 values — 6 bytes a value before compression. The first delta is the offset
 * in ms from the row's minute, each next one the step from the previous sample (modulo 65,536, so a
 * sample out of order still round-trips: every offset is below 60,000). A sensor at a steady rate
 * gives a run of equal deltas, which the database's own compression (TOAST) folds to almost nothing.
 */

export function packSamples(offsets: ArrayLike<number>, values: ArrayLike<number>, from: number, to: number): Uint8Array {
  const n = to - from;
  const out = new Uint8Array(n * 6);
  const view = new DataView(out.buffer);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const off = offsets[from + i]!;
    view.setUint16(i * 2, (off - prev + 65_536) % 65_536, true);
    prev = off;
    view.setFloat32(n * 2 + i * 4, values[from + i]!, true);
  }
  return out;
}

/** Calls `each(offsetMs, value)` for every sample in `bytes`, in stored order. */
export function unpackSamples(bytes: Uint8Array, each: (offset: number, value: number) => void): void {
  const n = Math.floor(bytes.byteLength / 6);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 0;
  for (let i = 0; i < n; i++) {
    off = (off + view.getUint16(i * 2, true)) % 65_536;
    each(off, view.getFloat32(n * 2 + i * 4, true));
  }
}
