/**
 * Bounds on a twin's glTF model (SPEC GM4). A model is loaded by every client that enters the space,
 * on a headset's GPU within the XR budget (ARCHITECTURE.md): a file past either bound is refused with
 * a named error and the machine is drawn from its primitive recipe instead.
 */

/** Largest model file a client reads, bytes (4 MiB: the project's machines are ~0.1–0.3 MB). */
export const MODEL_MAX_BYTES = 4 * 1024 * 1024;

/** Most triangles one machine's model may have (the XR budget is 150k per eye for the whole scene). */
export const MODEL_MAX_TRIANGLES = 20_000;

/** Why a model could not be used; each is named in the error's message. */
export type ModelErrorCode =
  /** The server answered with an error status, or the fetch failed. */
  | 'unreachable'
  /** The file is larger than MODEL_MAX_BYTES. */
  | 'too_large'
  /** The model has more than MODEL_MAX_TRIANGLES triangles. */
  | 'too_many_triangles'
  /** Not a readable glTF 2.0 file (bad header, truncated, invalid JSON or buffers). */
  | 'broken'
  /** It needs a glTF extension this client does not load (Draco, meshopt, …: decoders would come from a CDN). */
  | 'unsupported'
  /** It holds no geometry. */
  | 'empty';
