/**
 * The project's sample plant (assets/buildings/plant.ifc) converted by the server's own converter and
 * served over loopback HTTP as the server serves a building (`/assets/buildings/plant.json|glb`, SPEC
 * BM3; any other path is 404), for client tests that load it without a Twinverse server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadBuilding } from '../../server/buildings/buildings.js';

/**
 * Reading the IFC (web-ifc's WebAssembly) takes seconds on a loaded machine: the bound for a
 * `beforeAll` that serves the sample, not a timing.
 */
export const SAMPLE_BUILDING_TIMEOUT_MS = 120_000;

export interface SampleBuildingServer {
  /** The origin to load from, `http://127.0.0.1:<port>`; the layout is `plant`. */
  url: string;
  close(): Promise<void>;
}

/** Converts the sample plant and serves its index (with no bound twins) and glb on a free port. */
export async function serveSampleBuilding(): Promise<SampleBuildingServer> {
  const { glb, index } = await loadBuilding('assets', 'buildings/plant.ifc');
  const files: Record<string, { type: string; body: Uint8Array | string }> = {
    '/assets/buildings/plant.json': { type: 'application/json', body: JSON.stringify({ ...index, twins: {} }) },
    '/assets/buildings/plant.glb': { type: 'model/gltf-binary', body: glb },
  };
  const server = http.createServer((req, res) => {
    const f = files[req.url ?? ''];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f.type, 'content-length': Buffer.byteLength(f.body) }).end(f.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
