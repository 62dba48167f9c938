/**
 * An overview's hall (SPEC GS8): open ground under the sky. The map of sites lies on the floor; the
 * procedural hall's walls, roof and racks would stand around it as if the sites were goods in a
 * warehouse, and its racks would block walking across the map. The hall's lights and its invisible
 * floor (teleport target, pointer floor) stay; the bounds people move in stay the layout's.
 */
import type { Hall } from './hall.js';

export function openGround(hall: Hall): Hall {
  hall.dropEnvironment();
  return {
    floor: hall.floor,
    obstacles: [],
    // Leaving AR passthrough shows the environment again: an open ground has none to show.
    setEnvironmentVisible: () => undefined,
    dropEnvironment: () => undefined,
    dispose: () => hall.dispose(),
  };
}
