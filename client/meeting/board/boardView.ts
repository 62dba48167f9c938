/**
 * The board on the wall: an aluminium-framed whiteboard with a header strip, a pen tray (colour pucks,
 * an eraser, the host's clear button) and, while someone shares a screen, their video in the board's
 * place. The surface is a canvas texture redrawn from the BoardModel: new points are added as they
 * come; erase and clear redraw it all. Placed from the synced BoardState (protocol frame → Babylon by
 * mirroring z, render/frames rule).
 */
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder.js';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { VideoTexture } from '@babylonjs/core/Materials/Textures/videoTexture.js';
// VideoTexture uploads frames through an engine extension that registers only by side effect.
import '@babylonjs/core/Engines/Extensions/engine.videoTexture.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { BOARD_UNITS_H, BOARD_UNITS_W } from '../../../shared/protocol/board.js';
import { boardAxes, boardHeight, worldToUnits, type BoardPlacement } from '../../../shared/space/board.js';
import type { BoardChange, BoardModel } from './boardModel.js';
import { babylonToProtocol, protocolToBabylon } from '../../render/frames.js';
import { dotGrid, drawStroke, TEX_H, TEX_W } from './boardCanvas.js';
import { addBoardFrame, BOARD_RAIL, unlit } from './boardFrame.js';
import { PEN_COLORS, type BoardTarget, type Tool } from './boardTools.js';
import { markVirtual } from '../../render/virtual.js';

const TMP_NORMAL = new Vector3();

export class BoardView {
  readonly root: TransformNode;
  readonly surface: Mesh;
  private readonly texture: DynamicTexture;
  private readonly g: CanvasRenderingContext2D;
  private readonly grid: HTMLCanvasElement;
  private readonly video: Mesh;
  private videoTexture: VideoTexture | null = null;
  private videoElement: HTMLVideoElement | null = null;
  private readonly targets = new Map<AbstractMesh, BoardTarget>();
  private readonly tools: { mesh: Mesh; tool: Tool; y: number }[] = [];
  readonly clearButton: Mesh;
  private readonly clearLabel: DynamicTexture;
  private readonly disposables: { dispose(): void }[] = [];
  private placement: BoardPlacement;
  private dirty = true;
  private lastUpload = 0;
  /** How many times the surface was uploaded (test API). */
  uploads = 0;

  constructor(
    private readonly scene: Scene,
    placement: BoardPlacement,
    private readonly model: BoardModel,
  ) {
    this.placement = placement;
    const keep = <T extends { dispose(): void }>(x: T): T => (this.disposables.push(x), x);
    this.root = keep(new TransformNode('board', scene));
    // The board is only in the space: a projected camera picture neither lands on it nor is hidden by it (VC9).
    markVirtual(this.root);
    const w = placement.width;
    const h = boardHeight(w);

    // Drawing surface.
    this.texture = keep(new DynamicTexture('board-surface', { width: TEX_W, height: TEX_H }, scene, true));
    this.texture.hasAlpha = false;
    this.g = this.texture.getContext() as unknown as CanvasRenderingContext2D;
    this.grid = dotGrid();
    // Unlit (the board must read the same from any angle): the texture is the colour.
    const surfaceMat = keep(unlit('board-surface', scene));
    surfaceMat.emissiveTexture = this.texture;
    this.surface = keep(CreatePlane('board-surface', { width: w, height: h }, scene));
    this.surface.material = surfaceMat;
    this.surface.parent = this.root;
    this.surface.isPickable = true;
    this.targets.set(this.surface, { kind: 'surface' });

    // Screen share: in front of the surface, letterboxed, hidden until a video plays.
    const videoMat = keep(unlit('board-video', scene));
    this.video = keep(CreatePlane('board-video', { width: w, height: h }, scene));
    this.video.material = videoMat;
    this.video.parent = this.root;
    this.video.position.z = -0.004;
    this.video.isPickable = false;
    this.video.setEnabled(false);

    addBoardFrame(scene, this.root, w, h, keep);

    // Pen tray: colour pucks, the eraser, the host's clear button.
    // One vertex-coloured material for every puck and the eraser (the XR budget counts materials).
    const trayY = -h / 2 - BOARD_RAIL + 0.012;
    const trayMat = keep(new StandardMaterial('board-tray', scene));
    trayMat.emissiveColor = new Color3(0.3, 0.3, 0.3);
    PEN_COLORS.forEach((color, i) => {
      const c = Color3.FromHexString(color).toColor4();
      const puck = keep(
        CreateCylinder(`board-pen-${i}`, { diameter: 0.085, height: 0.03, tessellation: 20, faceColors: [c, c, c] }, scene),
      );
      puck.material = trayMat;
      puck.parent = this.root;
      puck.position.set(-w * 0.42 + i * 0.13, trayY + 0.015, -0.08);
      const tool: Tool = { kind: 'pen', color };
      this.tools.push({ mesh: puck, tool, y: puck.position.y });
      this.targets.set(puck, { kind: 'tool', tool });
    });
    const eraser = keep(CreateBox('board-eraser', { width: 0.16, height: 0.045, depth: 0.07, faceColors: eraserFaces() }, scene));
    eraser.material = trayMat;
    eraser.parent = this.root;
    eraser.position.set(-w * 0.42 + PEN_COLORS.length * 0.13 + 0.06, trayY + 0.022, -0.08);
    const eraserTool: Tool = { kind: 'eraser' };
    this.tools.push({ mesh: eraser, tool: eraserTool, y: eraser.position.y });
    this.targets.set(eraser, { kind: 'tool', tool: eraserTool });

    this.clearLabel = keep(new DynamicTexture('board-clear', { width: 256, height: 96 }, scene, true));
    const clearMat = keep(unlit('board-clear', scene));
    clearMat.emissiveTexture = this.clearLabel;
    this.clearButton = keep(CreatePlane('board-clear', { width: 0.3, height: 0.1125 }, scene));
    this.clearButton.material = clearMat;
    this.clearButton.parent = this.root;
    // Tilted up on the tray's front, readable from standing height.
    this.clearButton.position.set(w * 0.38, trayY + 0.045, -0.1);
    this.clearButton.rotation.x = 0.6;
    this.targets.set(this.clearButton, { kind: 'clear' });
    this.setClearLabel('Clear board', false);
    this.clearButton.setEnabled(false);

    this.place(placement);
  }

  /** All meshes the pointer can act on (surface, tools, clear). */
  get pickables(): ReadonlySet<AbstractMesh> {
    return new Set(this.targets.keys());
  }

  targetOf(mesh: AbstractMesh | null | undefined): BoardTarget | null {
    return (mesh && this.targets.get(mesh)) ?? null;
  }

  /** Moves the board to `p` (protocol frame). */
  place(p: BoardPlacement): void {
    this.placement = p;
    const { normal } = boardAxes(p.yaw);
    // A plane shows its front towards local −Z: turn local −Z onto the normal (in Babylon's frame).
    const n = protocolToBabylon(normal.x, normal.y, normal.z, TMP_NORMAL);
    protocolToBabylon(p.x, p.y, p.z, this.root.position);
    this.root.rotation.y = Math.atan2(-n.x, -n.z);
    this.root.computeWorldMatrix(true);
    for (const m of this.root.getChildMeshes()) m.computeWorldMatrix(true);
  }

  get where(): BoardPlacement {
    return this.placement;
  }

  /** A picked point (Babylon frame) → board units. */
  unitsAt(point: Vector3): { u: number; v: number } {
    const r = worldToUnits(this.placement, babylonToProtocol(point));
    return { u: Math.round(clamp(r.u, 0, BOARD_UNITS_W)), v: Math.round(clamp(r.v, 0, BOARD_UNITS_H)) };
  }

  /** A point on the surface (Babylon frame) for board units. */
  pointAt(u: number, v: number, out = new Vector3()): Vector3 {
    const lx = (u / BOARD_UNITS_W - 0.5) * this.placement.width;
    const ly = (0.5 - v / BOARD_UNITS_H) * boardHeight(this.placement.width);
    return Vector3.TransformCoordinatesToRef(new Vector3(lx, ly, 0), this.surface.getWorldMatrix(), out);
  }

  /** Highlights the current tool (lifted off the tray). */
  showTool(tool: Tool): void {
    for (const t of this.tools) {
      const on = t.tool.kind === tool.kind && (tool.kind !== 'pen' || (t.tool.kind === 'pen' && t.tool.color === tool.color));
      t.mesh.scaling.setAll(on ? 1.2 : 1);
      t.mesh.position.y = t.y + (on ? 0.03 : 0);
    }
  }

  setClearVisible(on: boolean): void {
    this.clearButton.setEnabled(on);
  }

  setClearLabel(text: string, armed: boolean): void {
    const g = this.clearLabel.getContext() as unknown as CanvasRenderingContext2D;
    g.fillStyle = armed ? '#ffb300' : '#c62828';
    g.fillRect(0, 0, 256, 96);
    g.fillStyle = armed ? '#1d1f21' : '#ffffff';
    g.font = '700 34px system-ui, sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(text, 128, 50);
    this.clearLabel.update(true);
  }

  /** Applies a model change to the canvas. */
  change(c: BoardChange | null): void {
    if (!c) return;
    if (c.kind === 'redraw') this.redraw();
    else {
      drawStroke(this.g, c.stroke, Math.max(0, c.from - 1));
      this.dirty = true;
    }
  }

  /** Draws new points of a stroke being drawn here (the local preview). */
  drawLocal(s: { color: string; width: number; points: readonly number[] }, from: number): void {
    drawStroke(this.g, s, Math.max(0, from - 1));
    this.dirty = true;
  }

  redraw(): void {
    const g = this.g;
    g.drawImage(this.grid, 0, 0);
    for (const s of this.model.drawable()) drawStroke(this.g, s, 0);
    this.dirty = true;
  }

  /** Uploads the canvas when it changed, at most 30 times a second (a 2048×1152 upload is not free). */
  update(now: number): void {
    if (!this.dirty || now - this.lastUpload < 33) return;
    this.texture.update(true);
    this.dirty = false;
    this.lastUpload = now;
    this.uploads++;
  }

  /** Shows a screen share (a video element playing the stream) or, with null, the board again. */
  showVideo(video: HTMLVideoElement | null): void {
    if (video === this.videoElement) return;
    this.videoTexture?.dispose();
    this.videoTexture = null;
    this.videoElement = video;
    const mat = this.video.material as StandardMaterial;
    if (!video) {
      mat.emissiveTexture = null;
      this.video.setEnabled(false);
      return;
    }
    this.videoTexture = new VideoTexture('board-share', video, this.scene, false, false, undefined, {
      autoPlay: true,
      muted: true,
      autoUpdateTexture: true,
      loop: false,
    });
    mat.emissiveTexture = this.videoTexture;
    const fit = () => {
      const a = video.videoWidth > 0 && video.videoHeight > 0 ? video.videoWidth / video.videoHeight : BOARD_UNITS_W / BOARD_UNITS_H;
      const boardA = BOARD_UNITS_W / BOARD_UNITS_H;
      this.video.scaling.set(a >= boardA ? 1 : a / boardA, a >= boardA ? boardA / a : 1, 1);
    };
    fit();
    video.addEventListener('resize', fit);
    video.addEventListener('loadedmetadata', fit);
    this.video.setEnabled(true);
  }

  /** Whether the share video is showing, and its size (test API). */
  videoInfo(): { visible: boolean; width: number; height: number; time: number } {
    const v = this.videoElement;
    return { visible: this.video.isEnabled(), width: v?.videoWidth ?? 0, height: v?.videoHeight ?? 0, time: v?.currentTime ?? 0 };
  }

  dispose(): void {
    this.videoTexture?.dispose();
    for (const d of this.disposables.reverse()) d.dispose();
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function eraserFaces() {
  const felt = Color3.FromHexString('#4a5560').toColor4();
  const body = Color3.FromHexString('#e9edf1').toColor4();
  return [body, body, body, body, body, felt];
}
