/**
 * What the first-frame bench (bench/firstFrame.ts) records inside the page, on the page's clock
 * (`performance.now()`, ms). It is injected before any of the page's scripts and reads only the
 * browser's own events (a form submit, WebGL draw calls, the loading overlay leaving the DOM), so the
 * same probe measures a build of any commit, with or without this project's test hooks.
 *
 * It is a string, not a function: tsx's transform adds helpers to functions that do not exist in the
 * page once Playwright serialises them.
 */

/** The marks the probe leaves on `window.__firstFrame`; null until seen. */
export interface FirstFrameMarks {
  /** The join form was submitted (the Join button's click, or Enter). */
  join: number | null;
  /** The first WebGL draw call after the join: the engine starts only after the join, so it is the space's. */
  firstDraw: number | null;
  /** The next animation frame after that draw: the first frame with something drawn has been presented. */
  firstFrame: number | null;
  /** The loading overlay (`#loading`) left the page: the space shows and a click reaches the scene. */
  shown: number | null;
}

export const FIRST_FRAME_PROBE = `(() => {
  const marks = { join: null, firstDraw: null, firstFrame: null, shown: null };
  window.__firstFrame = marks;
  // The page fetches a few hundred chunks, models and definitions: more than the default 250 entries.
  performance.setResourceTimingBufferSize(100000);
  window.addEventListener('submit', () => { if (marks.join === null) marks.join = performance.now(); }, true);
  // Wrap the draw calls until the first one after the join, then put the originals back: no cost later.
  const undo = [];
  const drawn = () => {
    if (marks.join === null || marks.firstDraw !== null) return;
    marks.firstDraw = performance.now();
    for (const u of undo) u();
    requestAnimationFrame(() => { marks.firstFrame = performance.now(); });
  };
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    for (const name of ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced', 'drawRangeElements']) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function (...args) { drawn(); return original.apply(this, args); };
      undo.push(() => { proto[name] = original; });
    }
  }
  let seen = false;
  const watch = new MutationObserver(() => {
    const loading = document.getElementById('loading');
    if (loading) seen = true;
    else if (seen && marks.shown === null) { marks.shown = performance.now(); watch.disconnect(); }
  });
  const start = () => watch.observe(document.body, { childList: true, subtree: true });
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();`;
