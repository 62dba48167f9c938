/**
 * A projected picture lands only where the real camera sees (SPEC VC7): behind a machine or under a
 * mezzanine the floor keeps its own look. Each projection light renders a depth map from the lens
 * (a shadow map: the scene's depth as the camera sees it) and the surfaces' shader compares their own
 * depth from the lens with it, with a bias; a surface farther than what the map holds is hidden from
 * the camera and gets neither the picture nor the dimming light (client/video/projection.ts).
 *
 * What a shadow map needs that is easy to miss (an earlier try lit a hidden floor spot): a depth range
 * of the projection's own (projection.ts sets the light's `shadowMinZ`/`shadowMaxZ`: left unset, the
 * viewer's camera's 1 m–10 km makes the bias 20 m, and nothing is ever hidden), the surfaces must *receive* it (Babylon's
 * meshes do not by default), frozen materials must be recompiled for it (relight.ts), and the meshes
 * round the lens (the camera twin's own housing and pole, its screen) must not cast, or they hide all.
 * Those are told by what they are, not by where they are: the hall is merged into a few meshes whose
 * bounds hold every lens, and they must cast (a mezzanine hides the floor under it).
 *
 * What exists only in the space (SPEC VC9: avatars, name tags, panels, screens, markers, lines — tagged
 * by client/render/virtual.ts) neither casts nor receives: a person under the camera is not in its
 * feed, so leaves no hole in the picture; the light itself leaves those meshes out (projection.ts).
 * One light, one depth map per projection (SPEC VC10): the map is the projection's main render cost.
 */
import { ShadowGenerator } from '@babylonjs/core/Lights/Shadows/shadowGenerator.js';
import '@babylonjs/core/Lights/Shadows/shadowGeneratorSceneComponent.js';
import type { SpotLight } from '@babylonjs/core/Lights/spotLight.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { isVirtual } from '../render/virtual.js';

/** Depth map size, pixels: a machine's edge is sharp to a few centimetres over the picture's metres. */
const MAP_SIZE = 1024;
/**
 * Depth bias, as a fraction of the light's near–far range (40 m: 0.002 ≈ 8 cm), and the normal bias:
 * enough that a floor seen at a grazing angle does not shadow itself in stripes, small enough that the
 * floor right behind a machine is still hidden.
 */
const BIAS = 0.002;
const NORMAL_BIAS = 0.02;

export class ProjectionOcclusion {
  private readonly generator: ShadowGenerator;
  /** Meshes whose `receiveShadows` this turned on (set back on dispose). */
  private readonly receivers = new Set<AbstractMesh>();
  private readonly added: Observer<AbstractMesh>;

  constructor(
    private readonly scene: Scene,
    light: SpotLight,
    /** Meshes of the real scene that still hide nothing (the camera twin's own model round the lens). */
    private readonly ignore: (mesh: AbstractMesh) => boolean,
  ) {
    const g = new ShadowGenerator(MAP_SIZE, light);
    g.bias = BIAS;
    g.normalBias = NORMAL_BIAS;
    // Hidden is hidden: nothing of the picture's light left behind a machine.
    g.setDarkness(0);
    this.generator = g;
    for (const mesh of scene.meshes) this.take(mesh);
    this.added = scene.onNewMeshAddedObservable.add((mesh) => this.take(mesh));
  }

  /** Meshes casting into the depth map (test API). */
  get casters(): number {
    return this.generator.getShadowMap()?.renderList?.length ?? 0;
  }

  dispose(): void {
    this.scene.onNewMeshAddedObservable.remove(this.added);
    this.generator.dispose();
    for (const mesh of this.receivers) mesh.receiveShadows = false;
    this.receivers.clear();
  }

  private take(mesh: AbstractMesh): void {
    if (isVirtual(mesh) || this.ignore(mesh) || mesh.infiniteDistance) return;
    if (!mesh.receiveShadows) {
      mesh.receiveShadows = true;
      this.receivers.add(mesh);
    }
    this.generator.addShadowCaster(mesh, false);
  }
}
