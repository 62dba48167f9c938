/**
 * Model files over HTTP: the real server serves the project's .glb files (and nothing else of the
 * models folder), and the client's bounded reader (client/models/fetchModel.ts) takes them with
 * progress, refusing a file past the size bound whether the server says its length or not.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchModel, ModelError } from '../../client/models/fetchModel.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';
import { rejectedWith } from '../support/rejection.js';

let server: TestServer;
let base: string;
/** A server that streams 64 KiB chunks with no length, forever unless the reader stops. */
let endless: http.Server;
let endlessBase: string;
let endlessClosed = 0;

beforeAll(async () => {
  server = await startTestServer();
  base = `http://127.0.0.1:${server.port}`;
  endless = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'model/gltf-binary' });
    const chunk = Buffer.alloc(64 * 1024, 7);
    let sent = 0;
    const push = () => {
      // Bounded: 64 MiB at most, far past any bound the test sets.
      while (sent < 1024 && res.write(chunk)) sent++;
      if (sent >= 1024) res.end();
    };
    res.on('drain', push);
    res.on('close', () => endlessClosed++);
    push();
  });
  await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
  endlessBase = `http://127.0.0.1:${(endless.address() as AddressInfo).port}`;
});
afterAll(async () => {
  endless?.closeAllConnections();
  await new Promise((resolve) => endless?.close(resolve));
  await server?.close();
});

const refusal = (p: Promise<unknown>) => rejectedWith(p, ModelError);

describe('model files over HTTP', () => {
  it('GM6: /assets/models serves the .glb files byte for byte and nothing else of the folder', async () => {
    const res = await fetch(`${base}/assets/models/pump.glb`);
    expect(res.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), fs.readFileSync('assets/models/pump.glb'))).toBe(0);
    for (const other of ['build.ts', 'geometry.ts', '../twins/pump-1.td.json', 'missing.glb']) {
      const r = await fetch(`${base}/assets/models/${other}`);
      expect(r.status, other).toBe(404);
      await r.arrayBuffer();
    }
  });

  it('GM4 GM5: the reader takes the pump with progress up to 1, and refuses it under a smaller bound by its length', async () => {
    const seen: number[] = [];
    const bytes = await fetchModel(base, 'models/pump.glb', (f) => seen.push(f));
    expect(bytes.byteLength).toBe(fs.statSync('assets/models/pump.glb').size);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
    const err = await refusal(fetchModel(base, 'models/pump.glb', undefined, 50_000));
    expect(err.code).toBe('too_large');
    expect(err.message).toMatch(/^models\/pump\.glb: too large \(0\.2 MB, the limit is 0\.0 MB\)$/);
  });

  it('GM4: a file with no length is cut off once it passes the bound; a missing file is unreachable', async () => {
    const err = await refusal(fetchModel(endlessBase, 'models/endless.glb', undefined, 1024 * 1024));
    expect(err.code).toBe('too_large');
    // The reader hung up: the server saw its response closed long before its 64 MiB.
    await waitFor('the endless response to be closed by the reader', () => endlessClosed > 0);
    expect((await refusal(fetchModel(base, 'models/missing.glb'))).code).toBe('unreachable');
  });
});
