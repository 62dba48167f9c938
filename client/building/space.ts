/**
 * The space when its layout names a building (SPEC BM4): the building's glb stands in for the
 * procedural hall's walls, roof and furniture, which are disposed with their materials and textures.
 * The hall keeps its lights and its invisible floor (the teleport target and pointer floor); the building's walls become obstacles (each on its storey, BM9). When the
 * building cannot be loaded the procedural hall stays as it is and the problem is said once.
 */
import type { Scene } from '@babylonjs/core/scene.js';
import type { Hall } from '../render/hall/hall.js';
import type { BuildingModel } from './buildingModel.js';

export async function spaceOfBuilding(
  scene: Scene,
  base: string,
  layout: string,
  hall: Hall,
  on: { progress(fraction: number): void; failed(message: string): void },
): Promise<{ hall: Hall; building: BuildingModel | null }> {
  if (!layout) return { hall, building: null };
  let building: BuildingModel;
  try {
    // Loaded only in a space with a building: the glTF loader stays out of the first bundle.
    const { loadBuildingModel } = await import('./buildingModel.js');
    building = await loadBuildingModel(scene, base, layout, (f) => on.progress(Math.max(0, f)));
  } catch (err) {
    on.failed((err as Error).message);
    return { hall, building: null };
  }
  // Hidden, the procedural hall's walls, racks and their materials and textures would still be held.
  hall.dropEnvironment();
  return {
    building,
    hall: {
      floor: hall.floor,
      // The racks and bench are the procedural hall's: hidden, so not in the way.
      obstacles: building.obstacles(),
      // AR passthrough hides the building instead; the procedural hall never comes back.
      setEnvironmentVisible: (visible) => building.setVisible(visible),
      // The procedural hall's is dropped already; the building is the space for good.
      dropEnvironment: () => undefined,
      dispose() {
        building.dispose();
        hall.dispose();
      },
    },
  };
}
