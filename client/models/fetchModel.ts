/**
 * Reads a twin's model file from the server, bounded: refused before reading when the server says it
 * is too large, cut off the moment the bytes read pass the bound (a server that lies about its
 * length, or says nothing), with progress as it arrives (SPEC GM4, GM5).
 */
import { MODEL_MAX_BYTES, type ModelErrorCode } from '../../shared/twin/modelLimits.js';

/** Why a model was not used: the file, the named problem, and words for people. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly file: string,
    readonly code: ModelErrorCode,
    detail: string,
  ) {
    super(`${file}: ${code.replace(/_/g, ' ')} (${detail})`);
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * Fetches `/assets/<file>` from `base`; `progress` gets the fraction read (0…1), or −1 while the
 * server gave no length. Throws ModelError.
 */
export async function fetchModel(
  base: string,
  file: string,
  progress: (fraction: number) => void = () => undefined,
  maxBytes = MODEL_MAX_BYTES,
): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(new URL(`/assets/${file}`, base));
  } catch (err) {
    throw new ModelError(file, 'unreachable', (err as Error).message);
  }
  if (!res.ok) throw new ModelError(file, 'unreachable', `the server answered ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new ModelError(file, 'too_large', `${mb(declared)}, the limit is ${mb(maxBytes)}`);
  }
  const total = Number.isFinite(declared) && declared > 0 ? declared : 0;
  const reader = res.body?.getReader();
  if (!reader) throw new ModelError(file, 'unreachable', 'the answer has no body');
  const chunks: Uint8Array[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > maxBytes) {
      await reader.cancel();
      throw new ModelError(file, 'too_large', `more than ${mb(maxBytes)}, the limit`);
    }
    chunks.push(value);
    progress(total ? Math.min(1, read / total) : -1);
  }
  const bytes = new Uint8Array(read);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  progress(1);
  return bytes;
}
