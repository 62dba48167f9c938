/**
 * The Quest levers (ARCHITECTURE.md "XR budget"): multiview rendering through the Layers feature
 * where the browser has it (halves the per-eye CPU cost), fixed foveation, and the 72 Hz refresh the
 * budget is written for. Each is optional: a browser without it runs the session without it.
 * Outlines (the machines' alarm outline) are off in XR: Babylon's outline shader has no multiview
 * path, so with multiview it would draw them wrong; the alarm's beacon and plate still show.
 */
import '@babylonjs/core/XR/features/WebXRLayers.js';
import '@babylonjs/core/Rendering/outlineRenderer.js';
import { WebXRState } from '@babylonjs/core/XR/webXRTypes.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { WebXRFeatureName } from '@babylonjs/core/XR/webXRFeaturesManager.js';
import type { WebXRExperienceHelper } from '@babylonjs/core/XR/webXRExperienceHelper.js';

export const TARGET_FRAME_RATE = 72;

export function enablePerformanceLevers(helper: WebXRExperienceHelper, scene: Scene, options: { layers: boolean }): void {
  helper.onStateChangedObservable.add((state) => {
    scene.getOutlineRenderer().enabled = state !== WebXRState.IN_XR;
  });
  if (options.layers && typeof (globalThis as { XRWebGLBinding?: unknown }).XRWebGLBinding === 'function') {
    try {
      helper.featuresManager.enableFeature(WebXRFeatureName.LAYERS, 'latest', { preferMultiviewOnInit: true }, true, false);
    } catch (err) {
      console.warn('[twinverse] XR layers unavailable:', err);
    }
  }
  helper.sessionManager.onXRSessionInit.add(() => {
    const sm = helper.sessionManager;
    try {
      sm.fixedFoveation = 1;
    } catch {
      /* not supported by this browser */
    }
    const rates = sm.supportedFrameRates;
    if (rates && Array.from(rates).includes(TARGET_FRAME_RATE)) sm.updateTargetFrameRate(TARGET_FRAME_RATE).catch(() => undefined);
  });
}
