/**
 * TEST BUILDS ONLY: an emulated Meta Quest 3 (Meta's `iwer`) so end-to-end tests can enter VR in
 * headless Chromium and drive the headset, controllers and hands. Imported dynamically behind
 * `import.meta.env.MODE === 'test'` and the `?xr=emulate` link flag; production bundles never
 * contain it. Poses here are in the WebXR frame (right-handed, −Z forward), like the protocol.
 */
import { XRDevice, metaQuest3, lookRotation, type XRDeviceConfig } from 'iwer';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}
export interface Quat {
  x: number;
  y: number;
  z: number;
  w: number;
}
export type Hand = 'left' | 'right';

export interface XrEmulator {
  setHead(position: Vec3, orientation?: Quat): void;
  setController(hand: Hand, position: Vec3, orientation?: Quat): void;
  /** Points a controller from where it is towards `target` (WebXR frame). */
  pointController(hand: Hand, target: Vec3): void;
  button(hand: Hand, id: string, value: number): void;
  axes(hand: Hand, id: string, x: number, y: number): void;
  /** Switches between tracked controllers and tracked hands. */
  inputMode(mode: 'controller' | 'hand'): void;
  setHand(hand: Hand, position: Vec3, orientation?: Quat): void;
  /** Turns a tracked hand so its pointing ray aims at `target`. */
  pointHand(hand: Hand, target: Vec3): void;
  pinch(hand: Hand, value: number): void;
}

let installed: XrEmulator | null = null;

/** Installs the emulated headset (before any XR experience is created). `vrOnly` drops AR support. */
export function installEmulator(options: { vrOnly?: boolean } = {}): XrEmulator {
  if (installed) return installed;
  const config: XRDeviceConfig = options.vrOnly ? { ...metaQuest3, supportedSessionModes: ['inline', 'immersive-vr'] } : metaQuest3;
  const device = new XRDevice(config);
  // Chromium exposes a native navigator.xr on localhost; without forceInstall iwer would stand aside.
  device.installRuntime({ forceInstall: true });
  const controller = (hand: Hand) => {
    const c = device.controllers[hand];
    if (!c) throw new Error(`no ${hand} controller`);
    return c;
  };
  const handInput = (hand: Hand) => {
    const h = device.hands[hand];
    if (!h) throw new Error(`no ${hand} hand`);
    return h;
  };
  installed = {
    setHead(p, q) {
      device.position.set(p.x, p.y, p.z);
      if (q) device.quaternion.set(q.x, q.y, q.z, q.w);
    },
    setController(hand, p, q) {
      const c = controller(hand);
      c.position.set(p.x, p.y, p.z);
      if (q) c.quaternion.set(q.x, q.y, q.z, q.w);
    },
    pointController(hand, target) {
      const c = controller(hand);
      const d = { x: target.x - c.position.x, y: target.y - c.position.y, z: target.z - c.position.z };
      const n = Math.hypot(d.x, d.y, d.z) || 1;
      const q = lookRotation({ x: d.x / n, y: d.y / n, z: d.z / n });
      c.quaternion.set(q.x, q.y, q.z, q.w);
    },
    button(hand, id, value) {
      controller(hand).updateButtonValue(id, value);
    },
    axes(hand, id, x, y) {
      controller(hand).updateAxes(id, x, y);
    },
    inputMode(mode) {
      device.primaryInputMode = mode;
    },
    setHand(hand, p, q) {
      const h = handInput(hand);
      h.position.set(p.x, p.y, p.z);
      if (q) h.quaternion.set(q.x, q.y, q.z, q.w);
    },
    pointHand(hand, target) {
      const h = handInput(hand);
      const d = { x: target.x - h.position.x, y: target.y - h.position.y, z: target.z - h.position.z };
      const n = Math.hypot(d.x, d.y, d.z) || 1;
      const q = lookRotation({ x: d.x / n, y: d.y / n, z: d.z / n });
      h.quaternion.set(q.x, q.y, q.z, q.w);
    },
    pinch(hand, value) {
      handInput(hand).updatePinchValue(value);
    },
  };
  return installed;
}
