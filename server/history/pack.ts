/**
 * The packed samples of one history row (SPEC HS1): `n` little-endian uint16 offsets in ms from the
 * row's minute (0–59,999), then `n` little-endian float32 values — 6 bytes a value before the
 * database's own compression. Offsets first keeps like bytes together, which compresses better.
 */

export function packSamples(offsets: ArrayLike<number>, values: ArrayLike<number>, from: number, to: number): Uint8Array {
  const n = to - from;
  const out = new Uint8Array(n * 6);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    view.setUint16(i * 2, offsets[from + i]!, true);
    view.setFloat32(n * 2 + i * 4, values[from + i]!, true);
  }
  return out;
}

/** Calls `each(offsetMs, value)` for every sample in `bytes`, in stored order. */
export function unpackSamples(bytes: Uint8Array, each: (offset: number, value: number) => void): void {
  const n = Math.floor(bytes.byteLength / 6);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) each(view.getUint16(i * 2, true), view.getFloat32(n * 2 + i * 4, true));
}
