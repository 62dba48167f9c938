/**
 * Writing a lifecycle note from VR (SPEC NT7): HTML forms are not seen in a headset and typing with a
 * ray is slow, so a world-space board offers the four kinds and, for the chosen kind, quick phrases a
 * press adds to the note; "Pin note" sends it (judged by NT1 first, like the desktop form). It floats
 * in front of the user, opened from the wrist menu while a machine's panel is open.
 */
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import { Grid } from '@babylonjs/gui/2D/controls/grid.js';
import { ERROR_TEXT } from '../../shared/protocol/errors.js';
import { cleanNoteText, NOTE_KINDS, type NoteKind } from '../../shared/protocol/twinMemory.js';
import { button, controlPosition, createPanel3D, PANEL_COLORS, setButton, text, type Panel3D } from '../ui3d/panel.js';

const WIDTH_M = 0.62;
const HEIGHT_M = 0.62;
/** Ahead of the eyes, to their left and below them, metres: read at arm's length, clear of the machine panel. */
const AHEAD_M = 0.6;
const LEFT_M = 0.4;
const DROP_M = 0.2;
const ROW_PX = 84;

export const KIND_WORDS: Record<NoteKind, string> = {
  maintenance: 'Maintenance',
  inspection: 'Inspection',
  part_replaced: 'Part replaced',
  observation: 'Observation',
};

/** What a person most often writes of a machine, by kind: short enough for one button each. */
export const QUICK_PHRASES: Record<NoteKind, readonly string[]> = {
  maintenance: ['Lubricated', 'Cleaned', 'Belt tensioned', 'Filter cleaned'],
  inspection: ['All normal', 'Wear found', 'Leak found', 'Needs service'],
  part_replaced: ['Bearing replaced', 'Filter replaced', 'Belt replaced', 'Seal replaced'],
  observation: ['Unusual noise', 'Strong vibration', 'Running hot', 'Leak seen'],
};

export interface VrNoteBoard {
  /** The machine it writes on (shown in its title). */
  readonly twin: string;
  readonly kind: NoteKind;
  /** The note as it stands (what "Pin note" sends). */
  readonly text: string;
  readonly status: string;
  /** A refusal from the server, in words. */
  problem(words: string): void;
  /** World position of each button's centre (`kind:<kind>`, `phrase:<n>`, `pin`, `clear`, `close`). */
  buttonPositions(): Record<string, Vector3>;
  dispose(): void;
}

export interface VrNoteBoardOptions {
  scene: Scene;
  twin: { id: string; title: string };
  send(twin: string, kind: NoteKind, text: string): void;
  close(): void;
}

/** Joins a phrase to the note: each phrase a sentence of its own. */
export function addPhrase(note: string, phrase: string): string {
  return note === '' ? `${phrase}.` : `${note} ${phrase}.`;
}

export function openVrNoteBoard(o: VrNoteBoardOptions): VrNoteBoard {
  const panel: Panel3D = createPanel3D(o.scene, 'twin-note-board', {
    width: WIDTH_M,
    height: HEIGHT_M,
    title: `Note on ${o.twin.title}`,
    titleSize: 36,
  });
  let kind: NoteKind = 'maintenance';
  let note = '';
  const buttons = new Map<string, Button>();
  const grid = (name: string, rows: number, columns = 2) => {
    const g = new Grid(name);
    for (let c = 0; c < columns; c++) g.addColumnDefinition(1 / columns);
    for (let r = 0; r < rows; r++) g.addRowDefinition(ROW_PX, true);
    g.height = `${rows * ROW_PX}px`;
    panel.stack.addControl(g);
    return g;
  };
  const small = (b: Button) => {
    b.fontSize = 28;
    b.paddingLeft = '4px';
    b.paddingRight = '4px';
    return b;
  };

  const kinds = grid('twin-note-kinds', 2);
  NOTE_KINDS.forEach((k, i) => {
    const b = small(button(`twin-note-kind-${k}`, KIND_WORDS[k], () => pickKind(k), ROW_PX - 6));
    kinds.addControl(b, Math.floor(i / 2), i % 2);
    buttons.set(`kind:${k}`, b);
  });
  panel.stack.addControl(text('twin-note-phrases-label', 'Tap to add:', 26, PANEL_COLORS.muted));
  const phrases = grid('twin-note-phrases', 2);
  const phraseButtons = [0, 1, 2, 3].map((i) => {
    const b = small(button(`twin-note-phrase-${i}`, '', () => add(QUICK_PHRASES[kind][i]!), ROW_PX - 6));
    phrases.addControl(b, Math.floor(i / 2), i % 2);
    buttons.set(`phrase:${i}`, b);
    return b;
  });
  // Fixed height, wrapped: the buttons below never move as the note grows (PN rules: nothing moves).
  const preview = text('twin-note-text', '', 28);
  preview.textWrapping = true;
  preview.height = '96px';
  panel.stack.addControl(preview);
  const actions = grid('twin-note-actions', 1, 3);
  const pin = small(button('twin-note-pin', 'Pin note', () => pinNote(), ROW_PX - 6));
  const clear = small(button('twin-note-clear', 'Clear', () => setNote(''), ROW_PX - 6));
  const close = small(button('twin-note-close', 'Close', () => o.close(), ROW_PX - 6));
  actions.addControl(pin, 0, 0);
  actions.addControl(clear, 0, 1);
  actions.addControl(close, 0, 2);
  buttons.set('pin', pin).set('clear', clear).set('close', close);
  const status = text('twin-note-status', '', 26, PANEL_COLORS.muted);
  panel.stack.addControl(status);

  const paint = () => {
    for (const k of NOTE_KINDS) setButton(buttons.get(`kind:${k}`)!, KIND_WORDS[k], k === kind);
    phraseButtons.forEach((b, i) => setButton(b, QUICK_PHRASES[kind][i]!, false));
    preview.text = note === '' ? 'Choose a kind, then tap what was done or seen.' : note;
    preview.color = note === '' ? PANEL_COLORS.muted : PANEL_COLORS.text;
  };
  const pickKind = (k: NoteKind) => {
    kind = k;
    paint();
  };
  const setNote = (value: string) => {
    note = value;
    status.text = '';
    paint();
  };
  const add = (phrase: string) => setNote(addPhrase(note, phrase));
  const pinNote = () => {
    const clean = cleanNoteText(note);
    if (!clean.ok) return void (status.text = ERROR_TEXT[clean.code]);
    o.send(o.twin.id, kind, clean.text);
    note = '';
    paint();
    status.text = `Pinned to ${o.twin.title}.`;
  };
  paint();

  // Ahead and to the left of whoever looks (the XR camera in a headset), turned to face them: the
  // machine's panel opens to the right of the way to the machine, so the two never overlap.
  const camera = o.scene.activeCamera;
  if (camera) {
    const eye = camera.globalPosition;
    const ahead = camera.getDirection(Vector3.Forward());
    const f = Math.hypot(ahead.x, ahead.z) || 1;
    const fx = ahead.x / f;
    const fz = ahead.z / f;
    const x = eye.x + fx * AHEAD_M - fz * LEFT_M;
    const z = eye.z + fz * AHEAD_M + fx * LEFT_M;
    panel.mesh.position.set(x, eye.y - DROP_M, z);
    panel.mesh.rotationQuaternion = Quaternion.RotationYawPitchRoll(Math.atan2(x - eye.x, z - eye.z), 0.15, 0);
  }

  return {
    twin: o.twin.id,
    get kind() {
      return kind;
    },
    get text() {
      return note;
    },
    get status() {
      return status.text;
    },
    problem(words) {
      status.text = words;
    },
    buttonPositions() {
      const out: Record<string, Vector3> = {};
      for (const [id, b] of buttons) out[id] = controlPosition(panel, b, WIDTH_M, HEIGHT_M);
      return out;
    },
    dispose() {
      panel.dispose();
    },
  };
}
