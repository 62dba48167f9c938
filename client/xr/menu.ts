/**
 * The VR menu: a small panel above the left wrist (controller or tracked hand), titled with the space
 * (and, in an overflow instance, the instance's name on a line of its own, SPEC J6), with the actions
 * features registered (mute …), People, Avatar, Settings, Replay, Cameras and Exit VR. People, Avatar, Settings, Replay
 * and Cameras open a larger panel in front of the user. Everything is a world-space GUI panel selected with the ray or a pinch.
 */
import { Quaternion, type Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Button } from '@babylonjs/gui/2D/controls/button.js';
import type { Control } from '@babylonjs/gui/2D/controls/control.js';
import { Grid } from '@babylonjs/gui/2D/controls/grid.js';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock.js';
import type { ActionRegistry, MenuAction } from '../core/actions.js';
import type { AvatarStore } from '../avatars/store.js';
import { button, createPanel3D, PANEL_COLORS, setButton, text, type Panel3D } from '../ui3d/panel.js';
import type { LocomotionSettings } from './locomotion.js';
import { buildAvatarPage, buildPeoplePage, buildSettingsPage, type MenuPage, type PageContent } from './menuPages.js';
import type { AppearanceAsk } from '../avatars/appearanceAsk.js';
import { controlPosition, placeInFront, type HeadPose } from './menuPlacement.js';
import type { FeatureApis } from '../core/feature.js';
import { buildReplayPage, type ReplayPageContent } from './menuReplay.js';
import { buildCamerasPage } from './menuCameras.js';

export type { MenuPage };

export interface XrMenu {
  /** Follows this node (left grip or wrist), or floats in front of the head when null. */
  attachTo(node: TransformNode | null): void;
  /** Places the floating parts for this frame; call from the XR frame. */
  update(head: HeadPose): void;
  setVisible(on: boolean): void;
  /** Which instance of the space this is (SPEC J6): '' for the space itself, which shows none. */
  setInstance(name: string): void;
  /** The wrist panel's heading as drawn: the space's title, then the instance's name when there is one. */
  heading(): string[];
  openPage(page: MenuPage | null): void;
  readonly page: MenuPage | null;
  /** World position of each button's centre, by action id (pointing at them in tests). */
  buttonPositions(): Record<string, Vector3>;
  /** Text on each button, by action id. */
  labels(): Record<string, string>;
  /** The open page's text blocks that show something: font size in texture px, by control name (PN10). */
  pageTextSizes(): Record<string, number>;
  /**
   * How the open page's controls fit it, texture px (PN11): each button's height by action id, the
   * bottom of its last row against the page's height, the wrapped text blocks' text by name, and those
   * whose lines need more than their box.
   */
  pageFit(): { buttons: Record<string, number>; bottom: number; height: number; wrapped: Record<string, string>; cut: string[] } | null;
  dispose(): void;
}

export interface MenuDeps {
  scene: Scene;
  actions: ActionRegistry;
  store: AvatarStore;
  locomotion: LocomotionSettings;
  appearance: AppearanceAsk;
  title: string;
  /** What other features offer (the replay page drives `apis.timeline`, the cameras page `apis.video`); read when used. */
  apis: Partial<FeatureApis>;
  exitXr(): void;
}

const WRIST_W = 0.36;
const ROW_M = 0.065;
const TITLE_M = 0.06;
/** The instance's line under the title (an overflow instance only). */
const INSTANCE_M = 0.04;
const PAGE_W = 0.6;
const PAGE_H = 0.55;
const PAGE_TITLES: Record<MenuPage, string> = {
  people: 'People',
  avatar: 'Your avatar',
  settings: 'Settings',
  replay: 'Replay',
  cameras: 'Project a camera',
};

export function createXrMenu(d: MenuDeps): XrMenu {
  let wrist: Panel3D | null = null;
  let wristH = 0;
  let anchor: TransformNode | null = null;
  let visible = true;
  let instance = '';
  let instanceText: TextBlock | null = null;
  const buttons = new Map<string, Button>();
  let page: Panel3D | null = null;
  let pageName: MenuPage | null = null;
  let pagePlaced = false;
  const pageButtons = new Map<string, Button>();
  let pageContent: PageContent | ReplayPageContent | null = null;

  const core: MenuAction[] = [
    {
      id: 'people',
      label: () => `People (${d.store.avatars.size})`,
      active: () => pageName === 'people',
      run: () => menu.openPage(pageName === 'people' ? null : 'people'),
    },
    {
      id: 'avatar',
      label: () => 'Avatar',
      active: () => pageName === 'avatar',
      run: () => menu.openPage(pageName === 'avatar' ? null : 'avatar'),
    },
    {
      id: 'settings',
      label: () => 'Settings',
      active: () => pageName === 'settings',
      run: () => menu.openPage(pageName === 'settings' ? null : 'settings'),
    },
    {
      id: 'replay',
      label: () => 'Replay…',
      active: () => pageName === 'replay',
      run: () => menu.openPage(pageName === 'replay' || !d.apis.timeline ? null : 'replay'),
    },
    {
      // Not `cameras`: that is the video feature's own "Cameras on/off" for the feeds (SPEC VC3).
      id: 'camera-page',
      label: () => 'Project camera…',
      active: () => pageName === 'cameras',
      run: () => menu.openPage(pageName === 'cameras' || !d.apis.video ? null : 'cameras'),
    },
    { id: 'exit', label: () => 'Exit VR', run: () => d.exitXr() },
  ];
  const all = () => [...d.actions.list(), ...core];

  const refresh = () => {
    for (const a of all()) {
      const b = buttons.get(a.id);
      if (b) setButton(b, a.label(), a.active?.() ?? false);
    }
  };

  /** (Re)builds the wrist panel, sized to the actions there are now. */
  const buildWrist = () => {
    wrist?.dispose();
    buttons.clear();
    const actions = all();
    const rows = Math.ceil(actions.length / 2);
    wristH = TITLE_M + (instance ? INSTANCE_M : 0) + rows * ROW_M + 0.015;
    wrist = createPanel3D(d.scene, 'xr-menu', { width: WRIST_W, height: wristH, title: d.title, titleSize: 30 });
    instanceText = null;
    if (instance) {
      // Own line, not appended to the title: the title already fills the narrow wrist panel.
      instanceText = text('xr-menu-instance', instance, 24, PANEL_COLORS.muted);
      instanceText.textWrapping = false;
      wrist.stack.addControl(instanceText);
    }
    const grid = new Grid('xr-menu-grid');
    grid.addColumnDefinition(0.5);
    grid.addColumnDefinition(0.5);
    const rowPx = Math.round(ROW_M * wrist.pixelsPerMetre);
    for (let r = 0; r < rows; r++) grid.addRowDefinition(rowPx, true);
    grid.height = `${rows * rowPx}px`;
    wrist.stack.addControl(grid);
    actions.forEach((a, i) => {
      const b = button(`xr-menu-${a.id}`, a.label(), () => a.run(), rowPx - 6);
      b.fontSize = 24;
      b.paddingLeft = '4px';
      b.paddingRight = '4px';
      grid.addControl(b, Math.floor(i / 2), i % 2);
      buttons.set(a.id, b);
    });
    menu.attachTo(anchor);
    wrist.mesh.setEnabled(visible);
    refresh();
  };

  const offActions = d.actions.onChange(() => {
    if (all().length !== buttons.size) buildWrist();
    else refresh();
  });
  const offPeople = [d.store.onAdded(refresh), d.store.onRemoved(refresh), d.store.onChanged(refresh)];

  const menu: XrMenu = {
    get page() {
      return pageName;
    },
    attachTo(node) {
      anchor = node;
      if (!wrist) return;
      wrist.mesh.parent = node;
      if (node) {
        // Above the back of the left wrist, tilted towards the eyes.
        wrist.mesh.position.set(0, 0.1, -0.03);
        wrist.mesh.rotationQuaternion = Quaternion.RotationYawPitchRoll(0, 0.7, 0);
      }
    },
    update(head) {
      if (wrist && !anchor) placeInFront(wrist.mesh, head, 0.45, 0.3);
      if (page && !pagePlaced) {
        placeInFront(page.mesh, head, 0.75, 0.1);
        pagePlaced = true;
      }
    },
    setInstance(name) {
      if (name === instance) return;
      instance = name;
      // The panel's height follows its rows: rebuilt, as when an action comes or goes.
      buildWrist();
    },
    heading() {
      const out: string[] = [];
      for (const c of wrist?.stack.children ?? [])
        if (c instanceof TextBlock && (c.name === 'xr-menu-title' || c === instanceText)) out.push(c.text);
      return out;
    },
    setVisible(on) {
      visible = on;
      wrist?.mesh.setEnabled(on);
      if (!on) menu.openPage(null);
    },
    openPage(name) {
      pageContent?.dispose();
      pageContent = null;
      page?.dispose();
      page = null;
      pageButtons.clear();
      pageName = name;
      pagePlaced = false;
      if (name) {
        page = createPanel3D(d.scene, `xr-page-${name}`, {
          width: PAGE_W,
          height: PAGE_H,
          title: PAGE_TITLES[name],
        });
        const { timeline, video } = d.apis;
        pageContent =
          name === 'people'
            ? buildPeoplePage(page, d.store)
            : name === 'avatar'
              ? buildAvatarPage(page, d.appearance)
              : name === 'replay' && timeline
                ? buildReplayPage(page, timeline, { width: PAGE_W, height: PAGE_H })
                : name === 'cameras' && video
                  ? buildCamerasPage(page, video)
                  : buildSettingsPage(page, d.locomotion);
        for (const [id, b] of pageContent.buttons) pageButtons.set(id, b);
        const close = button('xr-page-close', 'Close', () => menu.openPage(null));
        page.stack.addControl(close);
        pageButtons.set('close', close);
      }
      refresh();
    },
    buttonPositions() {
      const out: Record<string, Vector3> = {};
      if (wrist) for (const [id, b] of buttons) out[id] = controlPosition(wrist, b, WRIST_W, wristH);
      if (page) for (const [id, b] of pageButtons) out[`page-${id}`] = controlPosition(page, b, PAGE_W, PAGE_H);
      if (pageContent && 'points' in pageContent) for (const [id, v] of Object.entries(pageContent.points())) out[`page-${id}`] = v;
      return out;
    },
    labels() {
      const out: Record<string, string> = {};
      for (const [id, b] of buttons) out[id] = b.textBlock?.text ?? '';
      for (const [id, b] of pageButtons) out[`page-${id}`] = b.textBlock?.text ?? '';
      return out;
    },
    pageTextSizes() {
      const out: Record<string, number> = {};
      for (const c of page?.texture.getDescendants(false) ?? [])
        if (c instanceof TextBlock && c.isVisible && c.text.trim() !== '') out[c.name ?? ''] = drawnFontPx(c);
      return out;
    },
    pageFit() {
      if (!page) return null;
      const buttons: Record<string, number> = {};
      for (const [id, b] of pageButtons) buttons[`page-${id}`] = b.heightInPixels;
      const rows = page.stack.children.filter((c) => c.isVisible);
      const bottom = Math.max(...rows.map((c) => c.centerY + c.heightInPixels / 2));
      const blocks = rows.filter((c): c is TextBlock => c instanceof TextBlock && !!c.textWrapping && c.text !== '');
      const wrapped = Object.fromEntries(blocks.map((t) => [t.name ?? '', t.text]));
      const cut = blocks.filter((t) => t.computeExpectedHeight() > t.heightInPixels + 0.5).map((t) => t.name ?? '');
      return { buttons, bottom, height: page.texture.getSize().height, wrapped, cut };
    },
    dispose() {
      offActions();
      offPeople.forEach((off) => off());
      pageContent?.dispose();
      page?.dispose();
      wrist?.dispose();
    },
  };
  buildWrist();
  return menu;
}

/**
 * The size a text block is drawn at, texture px. A button's label has no font of its own: it draws
 * with the nearest ancestor's that has one (the button's), as the canvas context was left — so its own
 * `fontSizeInPixels` (Babylon's 18 px default) is not what shows. The GUI's resolved CSS font string,
 * set once laid out, is.
 */
function drawnFontPx(c: Control): number {
  for (let at: Control | null = c; at; at = at.parent) {
    const font = (at as unknown as { _font?: string })._font;
    const px = font ? /(\d+(?:\.\d+)?)px/.exec(font) : null;
    if (px) return Number(px[1]);
  }
  return c.fontSizeInPixels;
}
