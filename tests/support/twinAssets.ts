/**
 * Builds an assets folder for one test run: the project's factory twin definitions with their MQTT
 * topics moved under a prefix of this run (so parallel runs never hear each other), optional tweaks,
 * and the space layouts the test needs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FACTORY_MODELS = path.resolve('assets/models');
export const FACTORY_TWINS = path.resolve('assets/twins');

/** A layout as a test writes it: defaults for everything but the twins. */
export interface TestLayout {
  twins: { twin: string; position: [number, number, number]; yawDeg?: number; scale?: number }[];
  /** The space's title (default: its name). */
  title?: string;
  locked?: boolean;
  operatorPasscode?: string;
  /** Where the space is on Earth (SPEC GS1). */
  geo?: { latitude: number; longitude: number; altitude?: number; heading?: number };
  /** A full space seats newcomers in further instances of itself (SPEC J6). */
  overflow?: { instances: number };
}

export interface TwinAssets {
  dir: string;
  /** Topic prefix of this run, e.g. `tv_123_abc`. */
  prefix: string;
  /** Full MQTT topic of a twin's property or action, as the server subscribes/publishes it. */
  topic(twin: string, kind: 'properties' | 'actions', name?: string): string;
  remove(): void;
}

export function makeTwinAssets(
  prefix: string,
  layouts: Record<string, TestLayout>,
  tweak: (id: string, td: Record<string, unknown>) => void = () => undefined,
  extraFiles: Record<string, string> = {},
): TwinAssets {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-assets-'));
  fs.mkdirSync(path.join(dir, 'twins'));
  fs.mkdirSync(path.join(dir, 'spaces'));
  for (const file of fs.readdirSync(FACTORY_TWINS)) {
    const td = JSON.parse(fs.readFileSync(path.join(FACTORY_TWINS, file), 'utf8')) as Record<string, unknown>;
    td.base = `mqtt://127.0.0.1:1883/${prefix}/`;
    tweak(file.replace('.td.json', ''), td);
    fs.writeFileSync(path.join(dir, 'twins', file), JSON.stringify(td, null, 2));
  }
  for (const [name, text] of Object.entries(extraFiles)) fs.writeFileSync(path.join(dir, 'twins', name), text);
  // The machines' glTF models the TDs name (GM1): a page loads them, and a 404 is a console error.
  fs.cpSync(FACTORY_MODELS, path.join(dir, 'models'), { recursive: true, filter: (f) => !/\.ts$/.test(f) });
  for (const [name, layout] of Object.entries(layouts)) {
    const full = { version: 1, title: name, hall: { width: 32, depth: 24, height: 9 }, spawn: { x: 0, z: 8, yaw: 0 }, ...layout };
    fs.writeFileSync(path.join(dir, 'spaces', `${name}.json`), JSON.stringify(full));
  }
  return {
    dir,
    prefix,
    topic: (twin, kind, name) => `${prefix}/twinverse/factory/${twin}/${kind}${name ? `/${name}` : ''}`,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
