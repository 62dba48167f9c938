/**
 * A name tag over an avatar's head: a small billboard plane (HTML overlays are invisible in XR), drawn
 * on a canvas texture and redrawn only when the name, colour or status changes. Meeting status shows
 * as icons on the right (host crown, muted microphone, raised hand) and a green ring while speaking.
 * A hidden tag (far, past the nearest few: AV4) holds no texture: its canvas and GPU texture (256 KiB
 * each) are released when it hides and drawn anew when it shows, so a crowd costs memory only for the
 * tags one sees.
 */
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { markVirtual } from '../render/virtual.js';

const W = 512;
const H = 128;

export interface TagContent {
  name: string;
  color: string;
  /** A short status after the name, e.g. "reconnecting…". */
  note?: string;
  muted?: boolean;
  hand?: boolean;
  host?: boolean;
}

/** What the tag shows besides the name (test API, people list). */
export interface TagStatus {
  muted: boolean;
  hand: boolean;
  host: boolean;
  speaking: boolean;
}

const SPEAKING = '#3ddc84';
const HAND = '#ffc83d';

function micSlash(g: CanvasRenderingContext2D, x: number, y: number): void {
  g.save();
  g.translate(x, y);
  g.fillStyle = '#ff6b5b';
  g.strokeStyle = '#ff6b5b';
  g.lineWidth = 5;
  g.lineCap = 'round';
  g.beginPath();
  g.roundRect(-8, -22, 16, 28, 8);
  g.fill();
  g.beginPath();
  g.arc(0, -4, 15, 0.1 * Math.PI, 0.9 * Math.PI);
  g.moveTo(0, 11);
  g.lineTo(0, 20);
  g.stroke();
  // The strike: a dark edge under a red line, readable on any tag colour.
  for (const [style, width] of [
    ['rgba(20,24,30,1)', 9],
    ['#ff6b5b', 5],
  ] as const) {
    g.strokeStyle = style;
    g.lineWidth = width;
    g.beginPath();
    g.moveTo(-18, -22);
    g.lineTo(18, 18);
    g.stroke();
  }
  g.restore();
}

function raisedHand(g: CanvasRenderingContext2D, x: number, y: number): void {
  g.save();
  g.translate(x, y);
  g.fillStyle = HAND;
  g.beginPath();
  g.roundRect(-15, -4, 30, 28, 9);
  g.fill();
  const fingers = [-11.5, -4, 3.5, 11];
  fingers.forEach((fx, i) => {
    g.beginPath();
    g.roundRect(fx - 3.5, -26 + (i === 0 || i === 3 ? 6 : 0), 7, 30, 3.5);
    g.fill();
  });
  g.beginPath();
  g.ellipse(-17, 8, 5, 11, -0.6, 0, Math.PI * 2);
  g.fill();
  g.restore();
}

function crown(g: CanvasRenderingContext2D, x: number, y: number): void {
  g.save();
  g.translate(x, y);
  g.fillStyle = '#f5c542';
  g.beginPath();
  g.moveTo(-20, 14);
  g.lineTo(-22, -12);
  g.lineTo(-10, 0);
  g.lineTo(0, -18);
  g.lineTo(10, 0);
  g.lineTo(22, -12);
  g.lineTo(20, 14);
  g.closePath();
  g.fill();
  g.restore();
}

export class NameTag {
  readonly mesh: Mesh;
  /** Null while the tag is hidden: the texture lives only while drawn. */
  private texture: DynamicTexture | null = null;
  private readonly material: StandardMaterial;
  private drawn = '';
  private label = '';
  private content: TagContent = { name: '', color: '#888888' };
  private speaking = false;

  constructor(
    private readonly scene: Scene,
    private readonly id: string,
  ) {
    const m = new StandardMaterial(`tag-${id}`, scene);
    m.emissiveColor = Color3.White();
    m.disableLighting = true;
    m.useAlphaFromDiffuseTexture = true;
    m.backFaceCulling = false;
    this.material = m;
    this.mesh = CreatePlane(`tag-${id}`, { width: 0.64, height: 0.16 }, scene);
    this.mesh.material = m;
    this.mesh.billboardMode = TransformNode.BILLBOARDMODE_ALL;
    this.mesh.isPickable = false;
    markVirtual(this.mesh);
    this.holdTexture(true);
  }

  /** Makes the texture (and draws it) when shown, releases it when hidden. */
  private holdTexture(shown: boolean): void {
    if (shown === (this.texture !== null)) return;
    if (shown) {
      const t = new DynamicTexture(`tag-${this.id}`, { width: W, height: H }, this.scene, true);
      t.hasAlpha = true;
      this.texture = t;
      this.material.diffuseTexture = t;
      this.drawn = '';
      this.draw();
    } else {
      this.material.diffuseTexture = null;
      this.texture?.dispose();
      this.texture = null;
    }
  }

  /** Whether the tag holds its texture now (tests: hidden tags hold none). */
  get textured(): boolean {
    return this.texture !== null;
  }

  /** Text drawn on the tag now (test API). */
  get text(): string {
    return this.label;
  }

  get status(): TagStatus {
    const c = this.content;
    return { muted: !!c.muted, hand: !!c.hand, host: !!c.host, speaking: this.speaking };
  }

  /** 0 hides the tag (no draw call), up to 1 fully drawn (SPEC AV4: only the nearest are drawn). */
  setOpacity(o: number): void {
    this.mesh.isVisible = o > 0;
    this.mesh.visibility = o;
    this.holdTexture(o > 0);
  }

  /** Drawn now (test API). */
  get shown(): boolean {
    return this.mesh.isVisible && this.mesh.visibility > 0;
  }

  /** The speaking ring (driven by the audio level of this person's voice). */
  setSpeaking(on: boolean): void {
    if (on === this.speaking) return;
    this.speaking = on;
    this.draw();
  }

  set(content: TagContent): void {
    this.content = content;
    this.draw();
  }

  private draw(): void {
    const content = this.content;
    const speaking = this.speaking;
    const label = content.note ? `${content.name} · ${content.note}` : content.name;
    this.label = label;
    const texture = this.texture;
    if (!texture) return; // hidden: drawn when shown again
    const key = [content.name, content.color, content.note ?? '', !!content.muted, !!content.hand, !!content.host, speaking].join('\u0000');
    if (key === this.drawn) return;
    this.drawn = key;
    const g = texture.getContext() as unknown as CanvasRenderingContext2D;
    g.clearRect(0, 0, W, H);
    g.fillStyle = speaking ? 'rgba(18,92,52,0.9)' : 'rgba(20,24,30,0.78)';
    g.beginPath();
    g.roundRect(4, 8, W - 8, H - 16, 40);
    g.fill();
    if (content.hand || speaking) {
      g.strokeStyle = content.hand ? HAND : SPEAKING;
      g.lineWidth = 6;
      g.beginPath();
      g.roundRect(7, 11, W - 14, H - 22, 37);
      g.stroke();
    }
    g.fillStyle = content.color;
    g.beginPath();
    g.arc(58, H / 2, 22, 0, Math.PI * 2);
    g.fill();
    if (speaking) {
      g.strokeStyle = SPEAKING;
      g.lineWidth = 7;
      g.beginPath();
      g.arc(58, H / 2, 32, 0, Math.PI * 2);
      g.stroke();
    }
    // Status icons from the right edge inwards.
    let right = W - 52;
    const icons: ((g: CanvasRenderingContext2D, x: number, y: number) => void)[] = [];
    if (content.hand) icons.push(raisedHand);
    if (content.muted) icons.push(micSlash);
    if (content.host) icons.push(crown);
    for (const icon of icons) {
      icon(g, right, H / 2 + 2);
      right -= 56;
    }
    g.fillStyle = '#ffffff';
    g.textBaseline = 'middle';
    let size = 56;
    const room = right + 28 - 96;
    do {
      g.font = `600 ${size}px system-ui, sans-serif`;
      size -= 4;
    } while (g.measureText(label).width > room && size > 24);
    g.fillText(label, 96, H / 2 + 2);
    texture.update(true);
  }

  dispose(): void {
    this.mesh.dispose();
    this.material.dispose();
    this.texture?.dispose();
    this.texture = null;
  }
}
