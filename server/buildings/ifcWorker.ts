/**
 * The thread a building is read in (SPEC BM2): reads the file (bounded), parses it with web-ifc and
 * converts it to glb here, so the server's event loop keeps answering while a large model takes its
 * seconds. Started by readInWorker.ts with the job in `workerData`; posts one reply and ends.
 */
import fs from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { BuildingErrorCode, BuildingIndex } from '../../shared/space/building.js';
import { BuildingError, readIfc, type MapConversion, type ReadLimits } from './ifcReader.js';
import { toGlb } from './toGlb.js';

export interface WorkerJob {
  /** The file's path on disk. */
  full: string;
  /** The file as the layout names it (errors name it so). */
  file: string;
  limits: ReadLimits;
}

export type WorkerReply =
  { ok: true; glb: Uint8Array; index: BuildingIndex; map: MapConversion | null } | { ok: false; code: BuildingErrorCode; detail: string };

const CHUNK = 1024 * 1024;

/**
 * The file's bytes, never more than `maxBytes` read: the size is checked before reading and again as
 * it streams (a file that grows, or a pipe, is not taken at its word).
 */
async function readBounded(full: string, file: string, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = (size: number) =>
    new BuildingError(file, 'too_large', `${(size / 1048576).toFixed(1)} MB, the limit is ${(maxBytes / 1048576).toFixed(0)} MB`);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(full, 'r');
  } catch (err) {
    throw new BuildingError(file, 'unreadable', (err as NodeJS.ErrnoException).code ?? (err as Error).message);
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooLarge(size);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(total);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return bytes;
  } catch (err) {
    if (err instanceof BuildingError) throw err;
    throw new BuildingError(file, 'unreadable', (err as NodeJS.ErrnoException).code ?? (err as Error).message);
  } finally {
    await handle.close();
  }
}

async function run(job: WorkerJob): Promise<WorkerReply> {
  try {
    const read = await readIfc(await readBounded(job.full, job.file, job.limits.maxBytes), job.file, job.limits);
    const { glb, index } = await toGlb(read, job.file);
    // A glb of its own buffer (not a view into a pooled one) can be moved to the server's thread.
    const own = glb.byteOffset === 0 && glb.byteLength === glb.buffer.byteLength ? glb : glb.slice();
    return { ok: true, glb: own, index, map: read.map };
  } catch (err) {
    if (err instanceof BuildingError) return { ok: false, code: err.code, detail: err.detail };
    return { ok: false, code: 'broken', detail: String(err).slice(0, 200) };
  }
}

const reply = await run(workerData as WorkerJob);
// The glb's bytes move to the server's thread rather than being copied.
parentPort!.postMessage(reply, reply.ok ? [reply.glb.buffer as ArrayBuffer] : []);
