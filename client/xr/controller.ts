/** What the rest of the client (and the test API) can ask of XR: the session manager implements it. */
import type { XrSupport } from './support.js';

export type XrMode = 'immersive-vr' | 'immersive-ar';

export interface XrController {
  readonly support: XrSupport;
  readonly active: XrMode | null;
  /** The last reason a session could not start or ended unexpectedly, in words. */
  readonly lastError: string | null;
  enter(mode: XrMode): Promise<boolean>;
  exit(): Promise<void>;
}
