/**
 * Where a panel opens on the desktop (SPEC PN6): square to the camera, at the distance that makes it
 * fill the largest free part of the window — the part no HUD element (top bar, People/Alarms column,
 * corner buttons) covers — so it is whole, readable and never under the HTML overlay. Pure geometry
 * in CSS pixels and metres; the panel feature turns the result into a pose.
 */

/** A box on screen, CSS pixels from the top-left corner. */
export interface ScreenBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The largest box of the panel's aspect (`aspect` = width / height) inside the window that overlaps
 * none of `occupied`, kept `margin` px clear of them and of the window's edges. Among equal boxes
 * the one nearest the window's centre wins.
 */
export function freeBox(view: { width: number; height: number }, occupied: readonly ScreenBox[], aspect: number, margin = 8): ScreenBox {
  const grown = occupied
    .filter((o) => o.right > o.left && o.bottom > o.top)
    .map((o) => ({ left: o.left - margin, top: o.top - margin, right: o.right + margin, bottom: o.bottom + margin }));
  const xs = [margin, view.width - margin, ...grown.flatMap((o) => [o.left, o.right])].filter(
    (x) => x >= margin && x <= view.width - margin,
  );
  const ys = [margin, view.height - margin, ...grown.flatMap((o) => [o.top, o.bottom])].filter(
    (y) => y >= margin && y <= view.height - margin,
  );
  xs.sort((a, b) => a - b);
  ys.sort((a, b) => a - b);
  let best: ScreenBox = { left: margin, top: margin, right: view.width - margin, bottom: view.height - margin };
  let bestScore = -1;
  let bestDist = Infinity;
  // Every box whose sides lie on the window's or an occupied box's edges: few enough to try all.
  for (let i = 0; i < xs.length; i++)
    for (let j = i + 1; j < xs.length; j++)
      for (let k = 0; k < ys.length; k++)
        for (let l = k + 1; l < ys.length; l++) {
          const b = { left: xs[i]!, right: xs[j]!, top: ys[k]!, bottom: ys[l]! };
          if (grown.some((o) => o.left < b.right && o.right > b.left && o.top < b.bottom && o.bottom > b.top)) continue;
          // Panel height that fits this box at the panel's aspect.
          const score = Math.min(b.bottom - b.top, (b.right - b.left) / aspect);
          const dist = Math.hypot((b.left + b.right - view.width) / 2, (b.top + b.bottom - view.height) / 2);
          if (score > bestScore + 0.5 || (Math.abs(score - bestScore) <= 0.5 && dist < bestDist)) {
            best = b;
            bestScore = score;
            bestDist = dist;
          }
        }
  return best;
}

export interface PanelFit {
  /** Metres in front of the camera, along its view axis. */
  distance: number;
  /** Metres right and up of the view axis, in the camera's frame. */
  right: number;
  up: number;
  /** The panel's box on screen, CSS pixels (what the tests compare with the HUD). */
  box: ScreenBox;
}

/**
 * The pose, in the camera's frame, that shows a `width` × `height` m panel filling `free` (centred in
 * it, the panel's aspect kept) for a camera with vertical field of view `fovY` (radians) drawing a
 * `view` of CSS pixels. Never nearer than `minDistance` m (the panel then shows smaller).
 */
export function fitPanel(
  size: { width: number; height: number },
  free: ScreenBox,
  view: { width: number; height: number },
  fovY: number,
  minDistance = 0.6,
): PanelFit {
  const fw = free.right - free.left;
  const fh = free.bottom - free.top;
  const wanted = Math.min(fw / size.width, fh / size.height); // px per metre at the panel
  const tan = Math.tan(fovY / 2);
  const distance = Math.max(minDistance, view.height / 2 / (wanted * tan));
  const ppm = view.height / 2 / (distance * tan);
  const cx = (free.left + free.right) / 2;
  const cy = (free.top + free.bottom) / 2;
  const halfW = (size.width * ppm) / 2;
  const halfH = (size.height * ppm) / 2;
  return {
    distance,
    right: (cx - view.width / 2) / ppm,
    up: (view.height / 2 - cy) / ppm,
    box: { left: cx - halfW, right: cx + halfW, top: cy - halfH, bottom: cy + halfH },
  };
}
