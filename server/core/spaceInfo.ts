/**
 * The space one room serves, as every feature and handler of the room reads it (SPEC J6, GS1).
 */
import type { SpaceLayout } from '../../shared/space/layout.js';
import type { GeoReference } from '../../shared/geo/reference.js';

/** Its name (`?space=`), which instance of it, and the layout it uses. */
export interface SpaceInfo {
  readonly name: string;
  /** Which instance of the space this room is (SPEC J6): 1 is the space itself. */
  readonly instance: number;
  /**
   * What this instance keeps its own chat, board and lock under (SpaceMemory, the store): the space's
   * name for instance 1, the instance's name (`line-1 (2)`) for the others.
   */
  readonly memoryKey: string;
  readonly layoutName: string;
  readonly layout: SpaceLayout;
  /** Where the space is on Earth (its layout's geo reference resolved, SPEC GS1); null when it does not say. */
  readonly geo: GeoReference | null;
}
