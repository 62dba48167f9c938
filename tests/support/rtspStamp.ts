/**
 * A picture that carries the time it was made, for glass-to-glass latency (bench/video.ts): the test
 * camera (./rtspServer.ts, `stamped`) draws each frame as an 8×8 grid of black and white blocks — 32
 * bits of `performance.now()` in ms, then the same 32 bits inverted, so a block the codecs smeared is
 * caught, not misread. Blocks survive H.264, scaling and VP8 at any size the server asks.
 *
 * The reading end is a viewer's decoder: VP8 RTP packets (RFC 7741) joined into frames, handed to
 * ffmpeg as IVF on stdin, decoded to grey pixels on stdout, the blocks read back.
 */
import { spawn } from 'node:child_process';

/** Size of the stamped picture (a small camera; the server scales it to the TD's size). */
export const STAMP_WIDTH = 320;
export const STAMP_HEIGHT = 240;
const GRID = 8;
const BITS = 32;

/** One grey frame (STAMP_WIDTH × STAMP_HEIGHT bytes) carrying `ms` (its low 32 bits). */
export function stampFrame(ms: number): Buffer {
  const value = Math.round(ms) >>> 0;
  const frame = Buffer.alloc(STAMP_WIDTH * STAMP_HEIGHT);
  const bw = STAMP_WIDTH / GRID;
  const bh = STAMP_HEIGHT / GRID;
  for (let i = 0; i < BITS * 2; i++) {
    const bit = i < BITS ? (value >>> i) & 1 : ((value >>> (i - BITS)) & 1) ^ 1;
    if (!bit) continue;
    const x0 = (i % GRID) * bw;
    const y0 = Math.floor(i / GRID) * bh;
    for (let y = y0; y < y0 + bh; y++) frame.fill(235, y * STAMP_WIDTH + x0, y * STAMP_WIDTH + x0 + bw);
  }
  return frame;
}

/** The stamp of a grey frame of any size, or null when its two copies disagree (a damaged picture). */
export function readStamp(frame: Buffer, width: number, height: number): number | null {
  const bits: number[] = [];
  for (let i = 0; i < BITS * 2; i++) {
    const x = Math.floor(((i % GRID) + 0.5) * (width / GRID));
    const y = Math.floor((Math.floor(i / GRID) + 0.5) * (height / GRID));
    bits.push((frame[y * width + x] ?? 0) > 128 ? 1 : 0);
  }
  let value = 0;
  for (let i = 0; i < BITS; i++) {
    if (bits[i] === bits[i + BITS]) return null;
    value |= bits[i]! << i;
  }
  return value >>> 0;
}

/** Milliseconds from a stamp to `now` (both performance.now() of this process, modulo 2³²). */
export const stampAge = (stamp: number, now: number) => ((Math.round(now) >>> 0) - stamp + 2 ** 32) % 2 ** 32;

/** The VP8 payload of one RTP packet's payload, without its descriptor (RFC 7741 §4.2). */
function vp8Payload(p: Buffer): Buffer {
  let i = 1;
  if (p[0]! & 0x80) {
    const x = p[1]!;
    i = 2;
    if (x & 0x80) i += p[i]! & 0x80 ? 2 : 1; // picture id, 7 or 15 bits
    if (x & 0x40) i++; // TL0PICIDX
    if (x & 0x30) i++; // TID / KEYIDX
  }
  return p.subarray(i);
}

export interface StampReader {
  /** One RTP packet of the viewer's VP8 track: its payload and marker bit. */
  feed(payload: Buffer, marker: boolean): void;
  /** Called with each newly seen stamp's age when its frame is decoded, ms. */
  onAge?: (ms: number) => void;
  close(): void;
}

/** A VP8 decoder that reads the stamp of every picture a viewer receives (frames repeated by the server are counted once). */
export function stampReader(): StampReader {
  const W = 160;
  const H = 120;
  const ff = spawn(
    'ffmpeg',
    // Decode as soon as a frame is in: no probing, no buffering, no frame threading (`low_delay`: with
    // it on, each of ffmpeg's decoder threads holds a frame, two frames' delay on two cores, which a
    // browser's decoder does not add), every frame flushed to the pipe at once, each decoded frame out
    // once (rawvideo would otherwise get a constant rate, repeating frames to fill it).
    [
      '-hide_banner',
      '-loglevel',
      'fatal',
      '-probesize',
      '32',
      '-analyzeduration',
      '0',
      '-fflags',
      'nobuffer',
      '-flags',
      'low_delay',
      '-f',
      'ivf',
      '-i',
      'pipe:0',
    ].concat(['-vf', `scale=${W}:${H}`, '-pix_fmt', 'gray', '-fps_mode', 'passthrough', '-flush_packets', '1', '-f', 'rawvideo', 'pipe:1']),
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  ff.stdin.on('error', () => undefined);
  const header = Buffer.alloc(32);
  header.write('DKIF', 0, 'latin1');
  header.writeUInt16LE(32, 6);
  header.write('VP80', 8, 'latin1');
  header.writeUInt16LE(W, 12);
  header.writeUInt16LE(H, 14);
  header.writeUInt32LE(90000, 16);
  header.writeUInt32LE(1, 20);
  ff.stdin.write(header);
  let parts: Buffer[] = [];
  let frames = 0;
  let keyed = false;
  const seen = new Set<number>();
  let out = Buffer.alloc(0);
  const reader: StampReader = {
    feed(payload, marker) {
      parts.push(vp8Payload(payload));
      if (!marker) return;
      const frame = Buffer.concat(parts);
      parts = [];
      // Start at a keyframe (bit 0 of the first byte clear): a decoder cannot begin anywhere else.
      keyed ||= frame.length > 0 && (frame[0]! & 1) === 0;
      if (!keyed) return;
      const fh = Buffer.alloc(12);
      fh.writeUInt32LE(frame.length, 0);
      fh.writeUInt32LE(frames++, 4);
      ff.stdin.write(fh);
      ff.stdin.write(frame);
    },
    close: () => {
      ff.stdin.end();
      ff.kill();
    },
  };
  ff.stdout.on('data', (chunk: Buffer) => {
    out = Buffer.concat([out, chunk]);
    while (out.length >= W * H) {
      const stamp = readStamp(out.subarray(0, W * H), W, H);
      out = out.subarray(W * H);
      if (stamp === null || seen.has(stamp)) continue;
      seen.add(stamp);
      reader.onAge?.(stampAge(stamp, performance.now()));
    }
  });
  return reader;
}
