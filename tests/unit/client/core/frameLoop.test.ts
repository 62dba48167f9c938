/**
 * The frame loop and the connection's status listeners outlive one failing participant (SPEC CL5):
 * Babylon queues the next frame only after the render function returned, so a throw there used to
 * end the page's loop — no more drawing, no more poses (a rejoin's teleport home never left).
 */
import { describe, expect, it, vi } from 'vitest';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { FrameLoop } from '../../../../client/core/frameLoop.js';
import type { System } from '../../../../client/core/system.js';
import { SpaceConnection } from '../../../../client/net/connection.js';
import { AvatarStore } from '../../../../client/avatars/store.js';

const system = (name: string, update: () => void): System => ({ name, update, dispose: () => undefined });

describe('a failing part does not stop the rest', () => {
  it('CL5: a system that throws is reported once; the systems after it run every frame', () => {
    const engine = new NullEngine();
    const scene = new Scene(engine);
    let after = 0;
    const reports: string[] = [];
    const loop = new FrameLoop(
      engine,
      scene,
      [
        system('broken', () => {
          throw new Error('state.twins is undefined');
        }),
        system('poseSender', () => after++),
      ],
      (name, err) => reports.push(`${name}: ${(err as Error).message}`),
    );
    for (let i = 0; i < 3; i++) loop.tick();
    expect(after).toBe(3);
    expect(reports).toEqual(['broken: state.twins is undefined']);
    scene.dispose();
    engine.dispose();
  });

  it('CL5: a status listener that throws does not keep the later listeners from hearing the status', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const connection = new SpaceConnection('ws://127.0.0.1:9', new AvatarStore());
    const heard: string[] = [];
    connection.onStatus((s) => {
      if (s.state === 'left') throw new Error('read a state that was not there');
    });
    connection.onStatus((s) => heard.push(s.state));
    await connection.leave();
    expect(heard).toEqual(['connecting', 'left']);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
