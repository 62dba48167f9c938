/**
 * A map tile server on loopback for the overview's ground (SPEC GS10, GS12): every `/{z}/{x}/{y}.png`
 * is a 256 px square of one colour, or a 404 while `failing` — what a deployment's `MAP_TILE_URL`
 * points at, without the network. It answers with CORS so the page may draw the tiles into a canvas.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export interface TileServer {
  /** `http://127.0.0.1:<port>/{z}/{x}/{y}.png` */
  template: string;
  /** Tiles asked for so far, in order. */
  asked: { z: number; x: number; y: number }[];
  /** While true every tile is a 404. */
  failing: boolean;
  close(): Promise<void>;
}

/** A solid-colour PNG (8-bit RGB, no filter), written by hand: the format is small enough. */
export function solidPng(size: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.alloc(1 + size * 3);
  for (let i = 0; i < size; i++) row.set(rgb, 1 + i * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function startTileServer(rgb: [number, number, number]): Promise<TileServer> {
  const png = solidPng(256, rgb);
  const asked: TileServer['asked'] = [];
  const state = { failing: false };
  const server = http.createServer((req, res) => {
    const m = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!m) {
      res.writeHead(400).end();
      return;
    }
    asked.push({ z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) });
    if (state.failing) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such tile');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length, 'Cache-Control': 'no-store' }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    template: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
    asked,
    get failing() {
      return state.failing;
    },
    set failing(v: boolean) {
      state.failing = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
