/**
 * The shapes of each avatar style (SPEC AV1), built from Babylon's procedural builders: a head and a
 * torso that take the person's colour, and a face (visor, eyes, lens) in two fixed colours: its dark
 * glass and pupils, its light strips and eye whites. Babylon frame, head-local: the head's centre is
 * the eye point and +z is where it looks, so the face sits at +z. Each part is one merged mesh;
 * avatarParts.ts draws everyone's copies of it as instances with a per-instance colour, so a style
 * costs four draw calls however many people wear it. (The two face colours are two meshes rather
 * than vertex colours: vertex colours multiplied by the instance colour did not show in the hall.)
 */
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateCapsule } from '@babylonjs/core/Meshes/Builders/capsuleBuilder.js';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder.js';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder.js';
import { CreateTorus } from '@babylonjs/core/Meshes/Builders/torusBuilder.js';
import { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { AvatarStyleId } from '../../shared/avatar/styles.js';

export interface StyleShapes {
  head: Mesh;
  /** Visor glass, screens, pupils: drawn dark. */
  dark: Mesh;
  /** Light strips, eye whites, lenses: drawn bright. */
  light: Mesh;
  torso: Mesh;
}

/** Moves and turns a primitive, baking both into its vertices. */
function place(mesh: Mesh, at: readonly [number, number, number], rotX = 0): Mesh {
  mesh.rotation.x = rotX;
  mesh.position.set(at[0], at[1], at[2]);
  mesh.bakeCurrentTransformIntoVertices();
  return mesh;
}

function merge(name: string, parts: Mesh[]): Mesh {
  const merged = Mesh.MergeMeshes(parts, true, true);
  if (!merged) throw new Error(`could not merge the avatar part ${name}`);
  merged.name = name;
  return merged;
}

/** A pair of eyes: white balls with dark pupils looking forward. */
function eyes(name: string, scene: Scene, x: number, y: number, z: number, d: number): { dark: Mesh; light: Mesh } {
  const whites: Mesh[] = [];
  const pupils: Mesh[] = [];
  for (const side of [-1, 1]) {
    whites.push(place(CreateSphere(`${name}-eye`, { diameter: d, segments: 8 }, scene), [side * x, y, z]));
    pupils.push(place(CreateSphere(`${name}-pupil`, { diameter: d * 0.5, segments: 6 }, scene), [side * x, y, z + d * 0.38]));
  }
  return { dark: merge(`${name}-dark`, pupils), light: merge(`${name}-light`, whites) };
}

const HALF_TURN = Math.PI / 2;

function visor(n: string, scene: Scene): StyleShapes {
  return {
    head: CreateSphere(`${n}-head`, { diameterX: 0.22, diameterY: 0.26, diameterZ: 0.24, segments: 12 }, scene),
    dark: place(CreateBox(`${n}-dark`, { width: 0.19, height: 0.075, depth: 0.07 }, scene), [0, 0.02, 0.09]),
    light: place(CreateBox(`${n}-light`, { width: 0.13, height: 0.014, depth: 0.01 }, scene), [0, 0.02, 0.126]),
    torso: CreateCapsule(`${n}-torso`, { height: 0.72, radius: 0.17, tessellation: 12, subdivisions: 1 }, scene),
  };
}

function round(n: string, scene: Scene): StyleShapes {
  return {
    head: CreateSphere(`${n}-head`, { diameter: 0.27, segments: 12 }, scene),
    ...eyes(n, scene, 0.05, 0.025, 0.105, 0.065),
    torso: place(CreateSphere(`${n}-torso`, { diameterX: 0.44, diameterY: 0.66, diameterZ: 0.36, segments: 12 }, scene), [0, -0.06, 0]),
  };
}

function block(n: string, scene: Scene): StyleShapes {
  return {
    head: CreateBox(`${n}-head`, { width: 0.24, height: 0.24, depth: 0.22 }, scene),
    dark: place(CreateBox(`${n}-dark`, { width: 0.19, height: 0.11, depth: 0.02 }, scene), [0, 0.01, 0.112]),
    light: merge(`${n}-light`, [
      place(CreateBox(`${n}-eye-l`, { width: 0.04, height: 0.04, depth: 0.01 }, scene), [-0.045, 0.015, 0.124]),
      place(CreateBox(`${n}-eye-r`, { width: 0.04, height: 0.04, depth: 0.01 }, scene), [0.045, 0.015, 0.124]),
    ]),
    torso: merge(`${n}-torso`, [
      place(CreateBox(`${n}-chest`, { width: 0.42, height: 0.36, depth: 0.24 }, scene), [0, 0.1, 0]),
      place(CreateBox(`${n}-waist`, { width: 0.3, height: 0.34, depth: 0.2 }, scene), [0, -0.24, 0]),
    ]),
  };
}

function cone(n: string, scene: Scene): StyleShapes {
  return {
    head: merge(`${n}-head`, [
      CreateSphere(`${n}-skull`, { diameter: 0.23, segments: 12 }, scene),
      place(CreateCylinder(`${n}-brim`, { diameter: 0.3, height: 0.025, tessellation: 16 }, scene), [0, 0.075, 0]),
      place(CreateCylinder(`${n}-hat`, { diameterTop: 0, diameterBottom: 0.2, height: 0.17, tessellation: 16 }, scene), [0, 0.17, 0]),
    ]),
    ...eyes(n, scene, 0.045, 0.005, 0.09, 0.058),
    torso: place(
      CreateCylinder(`${n}-torso`, { diameterTop: 0.2, diameterBottom: 0.52, height: 0.82, tessellation: 16 }, scene),
      [0, -0.06, 0],
    ),
  };
}

function slim(n: string, scene: Scene): StyleShapes {
  return {
    head: merge(`${n}-head`, [
      CreateCapsule(`${n}-skull`, { height: 0.3, radius: 0.1, tessellation: 12, subdivisions: 1 }, scene),
      place(CreateCylinder(`${n}-antenna`, { diameter: 0.014, height: 0.12, tessellation: 6 }, scene), [0, 0.19, 0]),
      place(CreateSphere(`${n}-tip`, { diameter: 0.04, segments: 6 }, scene), [0, 0.26, 0]),
    ]),
    // One round lens: a dark ring around a bright centre.
    dark: place(CreateTorus(`${n}-dark`, { diameter: 0.1, thickness: 0.025, tessellation: 16 }, scene), [0, 0.02, 0.095], HALF_TURN),
    light: place(CreateCylinder(`${n}-light`, { diameter: 0.085, height: 0.02, tessellation: 16 }, scene), [0, 0.02, 0.095], HALF_TURN),
    torso: CreateCapsule(`${n}-torso`, { height: 0.8, radius: 0.12, tessellation: 12, subdivisions: 1 }, scene),
  };
}

const BUILDERS: Record<AvatarStyleId, (name: string, scene: Scene) => StyleShapes> = { visor, round, block, cone, slim };

/** Builds the four source meshes of `style`, named `avatar-<style>-head` etc. */
export function buildStyle(style: AvatarStyleId, scene: Scene): StyleShapes {
  return BUILDERS[style](`avatar-${style}`, scene);
}
