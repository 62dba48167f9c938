/**
 * One part of a machine's model as the client draws and drives it, whether it was built from a
 * primitive recipe (client/twins/model.ts) or from a glTF node (gltfParts.ts): the contract between
 * the model builders and the twin view that binds, greys, outlines and carries parts.
 */
import type { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import type { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';

export interface ModelPart {
  readonly id: string;
  readonly mesh: Mesh;
  readonly material: StandardMaterial;
  /** True when `material` is this part's alone (a colour binding drives it, or it lights up); else the shared body. */
  readonly ownMaterial: boolean;
  /** The colour the definition gives it. */
  readonly baseColor: Color3;
  /** Rest transform (Babylon frame, relative to its parent). */
  readonly restPosition: Vector3;
  readonly restRotation: Quaternion;
  /** Extent along x, y, z (metres). */
  readonly size: [number, number, number];
}
