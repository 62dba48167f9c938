/**
 * The shapes of each avatar style (SPEC AV1), built from Babylon's procedural builders: a head and a
 * torso that take the person's colour, and a face (visor, eyes, lens) in two fixed colours: its dark
 * glass and pupils, its light strips and eye whites. Babylon frame, head-local: the head's centre is
 * the eye point and +z is where it looks, so the face sits at +z. Each part is one merged mesh;
 * avatarParts.ts draws everyone's copies of it as instances with a per-instance colour, so a style
 * costs four draw calls however many people wear it. Far people are drawn from a `low` cut of the same shapes (avatarParts.ts). (The two face colours are two meshes rather
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

/**
 * How finely curves are cut: `full` for people near, `low` for the far level of detail (SPEC AV5), a
 * few hundred triangles a person, where the full shapes' 1–3k would not be told apart.
 */
export type Detail = 'full' | 'low';

interface Cuts {
  /** Sphere segments of heads and bodies, and of eye whites and pupils (0: eyes are blocks). */
  sphere: number;
  eye: number;
  pupil: number;
  /** Tessellation of capsules, of cones, cylinders and rings, and of thin rods. */
  capsule: number;
  round: number;
  rod: number;
}

const CUTS: Record<Detail, Cuts> = {
  full: { sphere: 12, eye: 8, pupil: 6, capsule: 12, round: 16, rod: 6 },
  low: { sphere: 4, eye: 0, pupil: 2, capsule: 6, round: 6, rod: 3 },
};

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
function eyes(name: string, scene: Scene, c: Cuts, x: number, y: number, z: number, d: number): { dark: Mesh; light: Mesh } {
  const whites: Mesh[] = [];
  const pupils: Mesh[] = [];
  for (const side of [-1, 1]) {
    // Far away an eye is a few pixels: a flat block reads the same at a twentieth of a ball's triangles.
    const white = c.eye
      ? CreateSphere(`${name}-eye`, { diameter: d, segments: c.eye }, scene)
      : CreateBox(`${name}-eye`, { size: d * 0.8, depth: d * 0.5 }, scene);
    const pupil = c.eye
      ? CreateSphere(`${name}-pupil`, { diameter: d * 0.5, segments: c.pupil }, scene)
      : CreateBox(`${name}-pupil`, { size: d * 0.45, depth: d * 0.1 }, scene);
    whites.push(place(white, [side * x, y, z]));
    pupils.push(place(pupil, [side * x, y, z + (c.eye ? d * 0.38 : d * 0.3)]));
  }
  return { dark: merge(`${name}-dark`, pupils), light: merge(`${name}-light`, whites) };
}

const HALF_TURN = Math.PI / 2;

function visor(n: string, scene: Scene, c: Cuts): StyleShapes {
  return {
    head: CreateSphere(`${n}-head`, { diameterX: 0.22, diameterY: 0.26, diameterZ: 0.24, segments: c.sphere }, scene),
    dark: place(CreateBox(`${n}-dark`, { width: 0.19, height: 0.075, depth: 0.07 }, scene), [0, 0.02, 0.09]),
    light: place(CreateBox(`${n}-light`, { width: 0.13, height: 0.014, depth: 0.01 }, scene), [0, 0.02, 0.126]),
    torso: CreateCapsule(`${n}-torso`, { height: 0.72, radius: 0.17, tessellation: c.capsule, subdivisions: 1 }, scene),
  };
}

function round(n: string, scene: Scene, c: Cuts): StyleShapes {
  return {
    head: CreateSphere(`${n}-head`, { diameter: 0.27, segments: c.sphere }, scene),
    ...eyes(n, scene, c, 0.05, 0.025, 0.105, 0.065),
    torso: place(
      CreateSphere(`${n}-torso`, { diameterX: 0.44, diameterY: 0.66, diameterZ: 0.36, segments: c.sphere }, scene),
      [0, -0.06, 0],
    ),
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

function cone(n: string, scene: Scene, c: Cuts): StyleShapes {
  return {
    head: merge(`${n}-head`, [
      CreateSphere(`${n}-skull`, { diameter: 0.23, segments: c.sphere }, scene),
      place(CreateCylinder(`${n}-brim`, { diameter: 0.3, height: 0.025, tessellation: c.round }, scene), [0, 0.075, 0]),
      place(CreateCylinder(`${n}-hat`, { diameterTop: 0, diameterBottom: 0.2, height: 0.17, tessellation: c.round }, scene), [0, 0.17, 0]),
    ]),
    ...eyes(n, scene, c, 0.045, 0.005, 0.09, 0.058),
    torso: place(
      CreateCylinder(`${n}-torso`, { diameterTop: 0.2, diameterBottom: 0.52, height: 0.82, tessellation: c.round }, scene),
      [0, -0.06, 0],
    ),
  };
}

function slim(n: string, scene: Scene, c: Cuts): StyleShapes {
  return {
    head: merge(`${n}-head`, [
      CreateCapsule(`${n}-skull`, { height: 0.3, radius: 0.1, tessellation: c.capsule, subdivisions: 1 }, scene),
      place(CreateCylinder(`${n}-antenna`, { diameter: 0.014, height: 0.12, tessellation: c.rod }, scene), [0, 0.19, 0]),
      place(CreateSphere(`${n}-tip`, { diameter: 0.04, segments: c.pupil }, scene), [0, 0.26, 0]),
    ]),
    // One round lens: a dark ring around a bright centre.
    dark: place(CreateTorus(`${n}-dark`, { diameter: 0.1, thickness: 0.025, tessellation: c.round }, scene), [0, 0.02, 0.095], HALF_TURN),
    light: place(
      CreateCylinder(`${n}-light`, { diameter: 0.085, height: 0.02, tessellation: c.round }, scene),
      [0, 0.02, 0.095],
      HALF_TURN,
    ),
    torso: CreateCapsule(`${n}-torso`, { height: 0.8, radius: 0.12, tessellation: c.capsule, subdivisions: 1 }, scene),
  };
}

const BUILDERS: Record<AvatarStyleId, (name: string, scene: Scene, c: Cuts) => StyleShapes> = { visor, round, block, cone, slim };

/** Builds the four source meshes of `style`, named `avatar-<style>-head` etc. (`avatar-<style>-low-head` for `low`). */
export function buildStyle(style: AvatarStyleId, scene: Scene, detail: Detail = 'full'): StyleShapes {
  return BUILDERS[style](detail === 'full' ? `avatar-${style}` : `avatar-${style}-low`, scene, CUTS[detail]);
}
