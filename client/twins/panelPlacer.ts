/**
 * Opens a machine panel where it can be read (SPEC PN6). On the desktop: square to the camera,
 * filling the largest part of the window the HTML overlay leaves free (panelPlacement.ts), laid out
 * narrow when that shows it bigger (a phone). In a headset (another camera is active): beside the way
 * to the machine, turned to the viewer.
 */
import type { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { ClientContext } from '../context/context.js';
import { actionShapes } from './actionInput.js';
import type { TwinDefinition } from './definitions.js';
import type { TwinPanel } from './panel.js';
import { layoutPanel, PANEL_PX_PER_M } from './panelLayout.js';
import { fitPanel, freeBox, type ScreenBox } from './panelPlacement.js';
import { titleFitFor } from './panelTitle.js';

export interface PanelPlacer {
  /** Whether a panel for `def` should be laid out narrow (it then shows bigger). */
  narrow(def: TwinDefinition): boolean;
  place(panel: TwinPanel, machine: Vector3): void;
}

export function createPanelPlacer(ctx: Pick<ClientContext, 'scene' | 'engine' | 'camera' | 'hud'>): PanelPlacer {
  /** The window and what the overlay covers, relative to the canvas; null in XR. */
  const freeView = (): { view: { width: number; height: number }; occupied: ScreenBox[] } | null => {
    const rect = ctx.engine.getRenderingCanvasClientRect();
    if (ctx.scene.activeCamera !== ctx.camera || !rect) return null;
    const occupied = ctx.hud
      .occupied()
      .map((b) => ({ left: b.left - rect.left, top: b.top - rect.top, right: b.right - rect.left, bottom: b.bottom - rect.top }));
    return { view: { width: rect.width, height: rect.height }, occupied };
  };
  const fit = (size: { width: number; height: number }, free: NonNullable<ReturnType<typeof freeView>>) =>
    fitPanel(size, freeBox(free.view, free.occupied, size.width / size.height), free.view, ctx.camera.fov);
  const layoutOf = (def: TwinDefinition, narrow: boolean) =>
    layoutPanel({
      properties: Object.keys(def.properties),
      actions: actionShapes(def),
      problem: !!def.problem,
      narrow,
      titleLines: titleFitFor(def.title, narrow).lines,
    });
  return {
    narrow(def) {
      const free = freeView();
      if (!free) return false;
      // How big the smallest text shows, CSS px: the bigger, the easier to read (the narrow layout's
      // small print is larger, PN8).
      const shown = (narrow: boolean) => {
        const l = layoutOf(def, narrow);
        const f = fit({ width: l.width / PANEL_PX_PER_M, height: l.height / PANEL_PX_PER_M }, free);
        return ((f.box.right - f.box.left) / l.width) * Math.min(l.text.small, l.text.note);
      };
      return shown(true) > shown(false);
    },
    place(panel, machine) {
      const free = freeView();
      if (!free) {
        panel.place(machine, ctx.scene.activeCamera?.globalPosition ?? machine);
        return;
      }
      const size = { width: panel.layout.width / PANEL_PX_PER_M, height: panel.layout.height / PANEL_PX_PER_M };
      panel.placeInView(fit(size, free), { position: ctx.camera.globalPosition, rotation: ctx.camera.absoluteRotation });
    },
  };
}
