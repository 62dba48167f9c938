/**
 * How one machine looks in the space: its model placed where the layout says, its bindings driving
 * colour, motion, gauges and labels from the synced values every frame, a name plate with its state,
 * a blinking beacon and outline while an alarm is active, greyed out while its data is stale, and its
 * movable parts wherever their holder put them.
 */
// Registers the scene component that draws `mesh.renderOutline` (the alarm outline); without it the
// flag does nothing.
import '@babylonjs/core/Rendering/outlineRenderer.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder.js';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Binding } from '../../shared/twin/extension.js';
import { gaugeFill, labelText, rampColor, type Rgb } from '../../shared/twin/bindings.js';
import type { FloorObstacle } from '../render/hall/furniture.js';
import { createTextPlane, type TextPlane } from '../ui3d/textPlane.js';
import type { TwinDefinition } from './definitions.js';
import { buildModel, mergeStaticParts, recipeParents, type ModelPart } from './model.js';
import type { BuiltModel } from '../models/gltfParts.js';
import type { AlarmInfo, TwinInfo } from './store.js';
import { timeLeft } from './trendWords.js';
import { protocolToBabylon, protocolToBabylonQuat } from '../render/frames.js';
import { markVirtual } from '../render/virtual.js';

export const SEVERITY_COLORS: Record<AlarmInfo['severity'], string> = { info: '#2e86de', warning: '#f3a712', critical: '#e4572e' };
const STALE_GREY = new Color3(0.42, 0.44, 0.47);
const AXES = { x: new Vector3(1, 0, 0), y: new Vector3(0, 1, 0), z: new Vector3(0, 0, 1) } as const;

interface BindingState {
  binding: Binding;
  part: ModelPart;
  /** Accumulated spin, radians (rotate bindings). */
  angle: number;
  label: TextPlane | null;
  /** Last colour / fill / text applied (test API). */
  color: Rgb;
  fill: number;
}

export class TwinView {
  readonly root: TransformNode;
  readonly parts: Map<string, ModelPart>;
  /** The material the parts no binding colours share (vertex-coloured), if there are such parts. */
  private readonly body: StandardMaterial | undefined;
  /** The machine's unchanging parts drawn as one mesh (null when it has too few). */
  private readonly batch: Mesh | null;
  readonly plate: TextPlane;
  private readonly bindings: BindingState[] = [];
  private readonly beacon: Mesh;
  private readonly beaconLight: Mesh;
  private readonly beaconMaterial: StandardMaterial;
  private readonly movable: Set<string>;
  private readonly height: number;
  private info: TwinInfo;
  private blink = 0;
  private stale = false;
  private alarmColor: string | null = null;
  /** A line on the plate while the machine's glTF model loads (SPEC GM5). */
  private loading: string | null = null;
  /** Where the parts came from: the glTF file, or the primitive recipe (test API, SPEC GM3). */
  readonly modelSource: { source: 'gltf' | 'primitives'; triangles: number };
  /** Why the twin's glTF model is not shown (a ModelError's message), if it is not (SPEC GM3). */
  modelProblem: string | null = null;
  private readonly scratchColor: Rgb = { r: 0, g: 0, b: 0 };
  private readonly spin = new Quaternion();

  constructor(
    scene: Scene,
    readonly definition: TwinDefinition,
    info: TwinInfo,
    /** Parts made from the twin's glTF file (client/models/); without it, from the recipe. */
    built?: BuiltModel,
  ) {
    this.info = info;
    this.root = new TransformNode(`twin-${info.id}`, scene);
    this.root.rotationQuaternion = new Quaternion();
    const model = definition.ext.model;
    const primitives = model.primitives ??
      // A glTF model with no recipe beside it: a grey box until (or instead of) the file.
      [
        {
          id: 'body',
          shape: 'box' as const,
          size: [1, 1, 1] as [number, number, number],
          position: [0, 0.5, 0] as [number, number, number],
          color: '#8a8f98',
        },
      ];
    this.movable = new Set(definition.ext.movable.map((m) => m.part));
    // Own materials: parts a binding colours, and parts people carry (a hand in reach lights them up).
    const own = new Set([...definition.ext.bindings.filter((b) => b.kind === 'color').map((b) => b.part), ...this.movable]);
    if (built) {
      this.parts = built.parts;
      for (const [id, up] of built.parentOf) if (!up) this.parts.get(id)!.mesh.parent = this.root;
    } else this.parts = buildModel(scene, this.root, primitives, info.id, own);
    const parentOf = built ? built.parentOf : recipeParents(primitives);
    let triangles = 0;
    for (const p of this.parts.values()) triangles += p.mesh.getTotalIndices() / 3;
    this.modelSource = { source: built ? 'gltf' : 'primitives', triangles };
    this.body = [...this.parts.values()].find((p) => !p.ownMaterial)?.material;
    // A hand in VR may take these by reaching out (client/xr/nearGrab.ts), not only with the ray.
    for (const id of this.movable) {
      const part = this.parts.get(id);
      if (!part) continue;
      part.mesh.isNearGrabbable = true;
      // A finger on it carries it; a finger on the rest of the machine looks around (SPEC TC5).
      part.mesh.metadata = { ...(part.mesh.metadata as Record<string, unknown> | null), movable: true };
    }
    this.height = built
      ? Math.max(
          1,
          ...[...this.parts.values()].map((p) => (p.mesh.computeWorldMatrix(true), p.mesh.getBoundingInfo().boundingBox.maximumWorld.y)),
        )
      : Math.max(1, ...primitives.filter((p) => !p.parent).map((p) => p.position[1] + p.size[1] / 2));
    for (const b of definition.ext.bindings) {
      const part = this.parts.get(b.part);
      if (!part) continue;
      let label: TextPlane | null = null;
      if (b.kind === 'label') {
        label = createTextPlane(scene, `${info.id}/${b.part}/label`, { width: part.size[0] * 0.92, height: part.size[1] * 0.85, px: 384 });
        label.mesh.parent = part.mesh;
        // On the face people look at: the twin's +Z (protocol), Babylon −Z.
        label.mesh.position.set(0, 0, -(part.size[2] / 2 + 0.003));
      }
      this.bindings.push({ binding: b, part, angle: 0, label, color: { r: 0, g: 0, b: 0 }, fill: 1 });
    }
    // What bindings drive or people carry stays its own mesh; the rest of the machine is one draw call.
    const keep = new Set([...this.bindings.map((b) => b.part.id), ...this.movable]);
    this.batch = mergeStaticParts(this.root, this.parts, parentOf, keep, info.id)?.mesh ?? null;
    // Beacon: a stack light on top that lights up and blinks while an alarm is active.
    this.beaconMaterial = new StandardMaterial(`${info.id}/beacon`, scene);
    this.beaconMaterial.diffuseColor = new Color3(0.25, 0.25, 0.25);
    this.beacon = CreateCylinder(`${info.id}/beacon-post`, { diameter: 0.05, height: 0.3, tessellation: 8 }, scene);
    this.beacon.parent = this.root;
    this.beacon.position.set(0, this.height + 0.15, 0);
    this.beacon.material = this.beaconMaterial;
    this.beaconLight = CreateSphere(`${info.id}/beacon`, { diameter: 0.2, segments: 10 }, scene);
    this.beaconLight.parent = this.root;
    this.beaconLight.position.set(0, this.height + 0.38, 0);
    this.beaconLight.material = this.beaconMaterial;
    this.beaconLight.isPickable = false;
    // The alarm beacon is drawn by the twin, not part of the machine: no real camera sees it (VC9).
    markVirtual(this.beacon);
    markVirtual(this.beaconLight);
    this.beacon.isPickable = false;
    this.plate = createTextPlane(scene, `${info.id}/plate`, { width: 2.2, height: 0.6, px: 768, billboard: true });
    this.plate.mesh.parent = this.root;
    this.plate.mesh.position.set(0, this.height + 0.95, 0);
    this.update(info);
  }

  get id(): string {
    return this.info.id;
  }

  /** Takes the latest synced data: placement, movable parts, plate, stale and alarm looks. */
  update(info: TwinInfo): void {
    this.info = info;
    protocolToBabylon(...info.position, this.root.position);
    protocolToBabylonQuat(info.rotation, this.root.rotationQuaternion!);
    this.root.scaling.setAll(info.scale);
    for (const [id, pose] of info.parts) {
      const part = this.parts.get(id);
      if (!part || !this.movable.has(id)) continue;
      // Parts live in world space (protocol frame) once someone may carry them away.
      part.mesh.parent = null;
      part.mesh.position.set(pose.p[0], pose.p[1], -pose.p[2]);
      part.mesh.rotationQuaternion = protocolToBabylonQuat(pose.q, part.mesh.rotationQuaternion ?? new Quaternion());
      part.mesh.scaling.setAll(info.scale);
    }
    this.stale = info.quality !== 'good';
    const top = info.alarms.length > 0 ? [...info.alarms].sort((a, b) => rank(a) - rank(b))[0]! : null;
    this.alarmColor = top ? SEVERITY_COLORS[top.severity] : null;
    for (const mesh of this.meshes()) {
      mesh.renderOutline = top !== null;
      if (top) {
        mesh.outlineColor = Color3.FromHexString(SEVERITY_COLORS[top.severity]);
        mesh.outlineWidth = 0.015;
      }
    }
    const viewers = [...info.viewers.values()];
    const holders = [...info.parts.values()].filter((p) => p.holder).map((p) => p.holderName);
    const soon = info.forecasts[0];
    const status = top
      ? { text: `⚠ ${top.message}`, color: SEVERITY_COLORS[top.severity] }
      : this.stale
        ? // no_data: a replay at a time nothing was recorded (SPEC RP4).
          { text: info.quality === 'no_data' ? 'No data recorded then' : 'No live data (stale)', color: '#9fb0c0' }
        : soon
          ? { text: `◷ ${soon.message} ${timeLeft(soon.at, Date.now())}`, color: SEVERITY_COLORS[soon.severity] }
          : { text: '● Live', color: '#29bf12' };
    const lines = [
      { text: info.title, size: 0.3, bold: true },
      { ...status, size: 0.22 },
    ];
    if (this.loading) lines.push({ text: this.loading, size: 0.18, color: '#c9d7e3' });
    if (viewers.length || holders.length) {
      const who = [viewers.length ? `Looking: ${viewers.join(', ')}` : '', holders.length ? `Holding: ${holders.join(', ')}` : '']
        .filter(Boolean)
        .join(' · ');
      lines.push({ text: who, size: 0.18, color: '#c9d7e3' });
    }
    this.plate.draw(lines);
  }

  /**
   * The meshes the alarm outlines: the parts drawn on their own and the batch — not parts showing a
   * label, whose outline (drawn 1.5 cm out) would cover the label's text a few millimetres in front.
   */
  private *meshes(): Iterable<Mesh> {
    for (const part of this.parts.values()) {
      if (part.mesh.isEnabled(false) && !this.bindings.some((b) => b.label && b.part === part)) yield part.mesh;
    }
    if (this.batch) yield this.batch;
  }

  /** Its glTF model is still loading (the recipe stands in until it comes or fails). */
  get modelPending(): boolean {
    return this.loading !== null;
  }

  /** Shows (or, with null, clears) a loading line on the plate. */
  setLoading(text: string | null): void {
    this.loading = text;
    this.update(this.info);
  }

  /** Drives the bindings and the beacon; call every frame. */
  frame(dt: number): void {
    const props = this.info.properties;
    for (const s of this.bindings) {
      const b = s.binding;
      const v = props.get(b.property);
      const value = v && v.ts > 0 ? v.num : Number.NaN;
      const fresh = v !== undefined && v.quality === 'good';
      if (b.kind === 'rotate') {
        if (fresh && Number.isFinite(value)) s.angle = (s.angle + value * b.factor * dt) % (Math.PI * 2);
        // A spin about the twin-frame axis, mirrored into Babylon's frame like every rotation.
        Quaternion.RotationAxisToRef(AXES[b.axis], s.angle, this.spin);
        this.spin.set(-this.spin.x, -this.spin.y, this.spin.z, this.spin.w);
        s.part.restRotation.multiplyToRef(this.spin, s.part.mesh.rotationQuaternion!);
      } else if (b.kind === 'color') {
        const c = Number.isFinite(value)
          ? rampColor(b.ramp, value, this.scratchColor)
          : { r: s.part.baseColor.r, g: s.part.baseColor.g, b: s.part.baseColor.b };
        s.color = { r: c.r, g: c.g, b: c.b };
        s.part.material.diffuseColor.set(c.r, c.g, c.b);
      } else if (b.kind === 'gauge') {
        s.fill = Number.isFinite(value) ? gaugeFill(b, value) : 0;
        const f = Math.max(0.001, s.fill);
        const i = b.axis === 'x' ? 0 : b.axis === 'y' ? 1 : 2;
        const size = s.part.size[i]!;
        s.part.mesh.scaling.set(i === 0 ? f : 1, i === 1 ? f : 1, i === 2 ? f : 1);
        // Fill from the low end: keep that end where it was.
        const shift = ((1 - f) * size) / 2;
        s.part.mesh.position.copyFrom(s.part.restPosition);
        if (i === 0) s.part.mesh.position.x -= shift;
        else if (i === 1) s.part.mesh.position.y -= shift;
        else s.part.mesh.position.z += shift; // twin −z is Babylon +z
      } else if (s.label) {
        const shown = v ? (v.type === 'string' ? v.text : value) : Number.NaN;
        s.label.draw(
          [{ text: labelText(b, shown, v?.unit ?? ''), size: 0.5, bold: true, color: fresh ? '#7CFC9A' : '#9fb0c0' }],
          '#0b1116',
        );
      }
    }
    // Stale: grey every part that no binding is colouring right now.
    for (const part of this.parts.values()) {
      if (!part.ownMaterial) continue;
      const coloured = this.bindings.some((s) => s.binding.kind === 'color' && s.part === part && !this.stale);
      if (!coloured) {
        if (this.stale) Color3.LerpToRef(part.baseColor, STALE_GREY, 0.75, part.material.diffuseColor);
        else part.material.diffuseColor.copyFrom(part.baseColor);
      }
    }
    // The shared body carries vertex colours: a quarter of them plus unlit grey is the same 75 % mix.
    const body = this.body;
    if (body) {
      body.diffuseColor.setAll(this.stale ? 0.25 : 1);
      if (this.stale) STALE_GREY.scaleToRef(0.6, body.emissiveColor);
      else body.emissiveColor.setAll(0);
    }
    this.blink += dt;
    const on = this.alarmColor !== null && Math.floor(this.blink * 3) % 2 === 0;
    if (this.alarmColor) {
      const c = Color3.FromHexString(this.alarmColor);
      this.beaconMaterial.emissiveColor.copyFrom(on ? c : c.scale(0.25));
      this.beaconMaterial.diffuseColor.copyFrom(c);
    } else {
      this.beaconMaterial.emissiveColor.set(0, 0, 0);
      this.beaconMaterial.diffuseColor.set(0.25, 0.25, 0.25);
    }
  }

  /** The colour, fill or text a binding shows now (test API). */
  bindingState(part: string): { color?: string; fill?: number; label?: string } {
    const s = this.bindings.find((x) => x.part.id === part);
    if (!s) return {};
    if (s.binding.kind === 'color') return { color: new Color3(s.color.r, s.color.g, s.color.b).toHexString() };
    if (s.binding.kind === 'gauge') return { fill: s.fill };
    if (s.label) return { label: s.label.text };
    return {};
  }

  get alarmShown(): string | null {
    return this.alarmColor;
  }

  /** Whether an alarm outline is drawn now (the outline renderer is off in XR). */
  get outlined(): boolean {
    const renderer = this.root.getScene().getOutlineRenderer();
    return renderer.enabled && [...this.meshes()].some((m) => m.renderOutline);
  }

  get greyedOut(): boolean {
    return this.stale;
  }

  /** The floor area the machine covers, Babylon x/z (for walking around it). */
  footprint(): FloorObstacle {
    let minX = Infinity;
    let maxX = -Infinity;
    let minZ = Infinity;
    let maxZ = -Infinity;
    for (const [id, part] of this.parts) {
      if (this.movable.has(id)) continue;
      part.mesh.computeWorldMatrix(true);
      const box = part.mesh.getBoundingInfo().boundingBox;
      minX = Math.min(minX, box.minimumWorld.x);
      maxX = Math.max(maxX, box.maximumWorld.x);
      minZ = Math.min(minZ, box.minimumWorld.z);
      maxZ = Math.max(maxZ, box.maximumWorld.z);
    }
    return { minX, maxX, minZ, maxZ };
  }

  /** World position of a part's centre (Babylon frame), or the machine's when no part is named. */
  worldPoint(part?: string): Vector3 {
    const mesh = part ? this.parts.get(part)?.mesh : undefined;
    if (mesh) {
      mesh.computeWorldMatrix(true);
      return mesh.getBoundingInfo().boundingBox.centerWorld.clone();
    }
    this.root.computeWorldMatrix(true);
    return this.root.getAbsolutePosition().add(new Vector3(0, this.height / 2, 0));
  }

  dispose(): void {
    for (const s of this.bindings) s.label?.dispose();
    for (const p of this.parts.values()) p.mesh.dispose();
    this.batch?.dispose();
    for (const m of new Set([...this.parts.values()].map((p) => p.material))) m.dispose();
    this.plate.dispose();
    this.beacon.dispose();
    this.beaconLight.dispose();
    this.beaconMaterial.dispose();
    this.root.dispose();
  }
}

function rank(a: AlarmInfo): number {
  return a.severity === 'critical' ? 0 : a.severity === 'warning' ? 1 : 2;
}
