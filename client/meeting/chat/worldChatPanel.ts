/**
 * The chat in the world, for VR (HTML is invisible in a headset): a 56 × 56 cm panel drawn with
 * Babylon GUI on a plane (AdvancedDynamicTexture.CreateForMesh), readable at arm's length — 30 px text
 * on a 1024 px texture is ≈ 16 mm tall. It shows the last lines, quick replies, and a text box with an
 * on-panel keyboard; controller rays press its buttons like any GUI on a mesh. Loaded on first use, so
 * the desktop bundle does not carry the GUI library until someone opens it.
 */
import { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture.js';
import { Button } from '@babylonjs/gui/2D/controls/button.js';
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import { InputText } from '@babylonjs/gui/2D/controls/inputText.js';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle.js';
import { StackPanel } from '@babylonjs/gui/2D/controls/stackPanel.js';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import { VirtualKeyboard } from '@babylonjs/gui/2D/controls/virtualKeyboard.js';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { Axis } from '@babylonjs/core/Maths/math.axis.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { CHAT_MAX_CHARS } from '../../../shared/protocol/chat.js';
import type { ChatModel } from './chatModel.js';
import { lastRowsText } from './arrivals.js';
import { markVirtual } from '../../render/virtual.js';

const SIZE = 1024;
/** Panel edge, metres. */
export const WORLD_CHAT_SIZE = 0.56;
const LINES = 9;
const QUICK = ['Yes', 'No', 'Thanks!', 'One moment', 'Can you hear me?'];

export interface WorldChatPanel {
  readonly mesh: Mesh;
  readonly visible: boolean;
  /**
   * Shows the panel. With `parent` (a wrist or menu anchor) it sits at the parent's origin facing
   * along the parent's −Z; without, 0.7 m in front of the active camera, a little below the eyes.
   */
  show(parent?: TransformNode | null, distance?: number): void;
  hide(): void;
  /** Text currently in the lines area (test API). */
  text(): string;
  dispose(): void;
}

export function createWorldChatPanel(scene: Scene, model: ChatModel, send: (text: string) => void): WorldChatPanel {
  const mesh = CreatePlane('chat-world', { size: WORLD_CHAT_SIZE }, scene);
  mesh.isPickable = true;
  markVirtual(mesh);
  mesh.setEnabled(false);
  const ui = AdvancedDynamicTexture.CreateForMesh(mesh, SIZE, SIZE, true);

  const bg = new Rectangle('chat-bg');
  bg.background = 'rgba(18,23,30,0.94)';
  bg.cornerRadius = 28;
  bg.thickness = 2;
  bg.color = '#3a4653';
  ui.addControl(bg);

  const column = new StackPanel('chat-column');
  column.isVertical = true;
  column.width = '960px';
  column.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
  column.top = '24px';
  bg.addControl(column);

  const title = new TextBlock('chat-title', 'Chat');
  title.height = '56px';
  title.fontSize = 40;
  title.fontWeight = '700';
  title.color = '#ffffff';
  title.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
  column.addControl(title);

  const lines = new StackPanel('chat-lines');
  lines.height = '414px';
  lines.isVertical = true;
  lines.verticalAlignment = Control.VERTICAL_ALIGNMENT_BOTTOM;
  column.addControl(lines);

  const quick = new StackPanel('chat-quick');
  quick.isVertical = false;
  quick.height = '76px';
  quick.paddingTop = '8px';
  for (const q of QUICK) {
    const b = pill(`quick-${q}`, q, '#2e86de', `${Math.max(120, q.length * 19 + 40)}px`, '60px', 28);
    b.paddingRight = '10px';
    b.onPointerUpObservable.add(() => send(q));
    quick.addControl(b);
  }
  column.addControl(quick);

  const row = new StackPanel('chat-input-row');
  row.isVertical = false;
  row.height = '84px';
  row.paddingTop = '12px';
  const input = new InputText('chat-world-input');
  input.width = '800px';
  input.height = '64px';
  input.fontSize = 30;
  input.color = '#ffffff';
  input.background = 'rgba(0,0,0,0.45)';
  input.focusedBackground = 'rgba(0,0,0,0.6)';
  input.placeholderText = 'Type with the keyboard below…';
  input.placeholderColor = '#9fb0c0';
  input.maxWidth = '800px';
  input.onTextChangedObservable.add(() => {
    if (input.text.length > CHAT_MAX_CHARS) input.text = input.text.slice(0, CHAT_MAX_CHARS);
  });
  const sendButton = pill('chat-world-send', 'Send', '#29bf12', '150px', '64px', 30);
  sendButton.paddingLeft = '12px';
  const submit = () => {
    const text = input.text.trim();
    if (!text) return;
    send(text);
    input.text = '';
  };
  sendButton.onPointerUpObservable.add(submit);
  input.onKeyboardEventProcessedObservable.add((e) => e.key === 'Enter' && submit());
  row.addControl(input);
  row.addControl(sendButton);
  column.addControl(row);

  const keyboard = VirtualKeyboard.CreateDefaultLayout('chat-keys');
  keyboard.defaultButtonWidth = '68px';
  keyboard.defaultButtonHeight = '54px';
  keyboard.fontSize = 26;
  keyboard.paddingTop = '8px';
  keyboard.connect(input);
  column.addControl(keyboard);

  const blocks: TextBlock[] = [];
  for (let i = 0; i < LINES; i++) {
    const t = new TextBlock(`chat-line-${i}`);
    t.fontSize = 30;
    t.color = '#eef2f6';
    t.textWrapping = 2; // TextWrapping.Ellipsis (a const enum, not importable under verbatimModuleSyntax)
    t.height = '46px';
    t.textHorizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
    lines.addControl(t);
    blocks.push(t);
  }
  const render = () => {
    // Arrivals and departures fold as on the desktop (SPEC UX2).
    const recent = lastRowsText(model.lines, LINES);
    blocks.forEach((b, i) => {
      const r = recent[i - (LINES - recent.length)];
      b.text = r?.text ?? '';
      b.color = r?.chat ? '#eef2f6' : '#9fb0c0';
    });
  };
  const offAdded = model.onAdded(() => mesh.isEnabled() && render());

  const fwd = new Vector3();
  return {
    mesh,
    get visible() {
      return mesh.isEnabled();
    },
    show(parent, distance = 0.7) {
      render();
      mesh.setEnabled(true);
      if (parent) {
        mesh.parent = parent;
        mesh.position.setAll(0);
        mesh.rotation.setAll(0);
        return;
      }
      mesh.parent = null;
      const cam = scene.activeCamera;
      if (!cam) return;
      cam.getDirectionToRef(Axis.Z, fwd);
      fwd.y = 0;
      if (fwd.lengthSquared() < 1e-6) fwd.set(0, 0, 1);
      fwd.normalize();
      const p = cam.globalPosition;
      mesh.position.set(p.x + fwd.x * distance, p.y - 0.15, p.z + fwd.z * distance);
      // A plane shows its front towards local −Z: turn it to face the camera.
      mesh.rotation.set(0.25, Math.atan2(fwd.x, fwd.z), 0);
    },
    hide() {
      mesh.setEnabled(false);
    },
    text: () => blocks.map((b) => b.text).join('\n'),
    dispose() {
      offAdded();
      keyboard.disconnect();
      ui.dispose();
      mesh.dispose();
    },
  };
}

/** A rounded, borderless button with white text: the panel's quick replies and Send. */
function pill(name: string, label: string, background: string, width: string, height: string, fontSize: number): Button {
  const b = Button.CreateSimpleButton(name, label);
  b.width = width;
  b.height = height;
  b.fontSize = fontSize;
  b.color = '#ffffff';
  b.background = background;
  b.cornerRadius = 14;
  b.thickness = 0;
  return b;
}
