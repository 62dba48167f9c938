/**
 * The publish endpoint's refusals and the waiting camera (SPEC CP1–CP4) against a real server, over
 * HTTP only: a browser publishing for real is the e2e test's part (tests/e2e/camera.test.ts) — two
 * werift peers in one process stall in their DTLS handshake, so no Node publisher is used here.
 * ffmpeg is pointed at nothing: the fixed cameras stay offline and cost no CPU.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { waitFor } from '../support/wait.js';

const PASSCODE = 'op-walkaround-1';
let server: LoggedServer;
let assets: TwinAssets;

beforeAll(async () => {
  assets = makeTwinAssets(`publish_${process.pid}`, {
    line: {
      twins: [
        { twin: 'cam-3', position: [0, 0, 2] },
        { twin: 'cam-1', position: [2, 0, 2] },
      ],
      locked: true,
      operatorPasscode: PASSCODE,
    },
  });
  server = await startLoggedServer({
    VIDEO: 'on',
    FFMPEG_PATH: '/nonexistent/ffmpeg',
    ASSETS_DIR: assets.dir,
    TWINS_DIR: path.join(assets.dir, 'twins'),
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  assets?.remove();
});

const prop = (twin: string, name: string) => server.twins.get(twin)?.properties.get(name)?.value;

async function call(method: 'POST' | 'DELETE', camera: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/video/${camera}/publish`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Log lines saying a publish was refused, from line `from` on. */
const refusals = (from: number) => server.lines.slice(from).filter((l) => l.includes('camera publish refused'));

describe('camera publishing over HTTP', () => {
  it('CP1: a publish camera is offline "waiting for a publisher", resolution "as published"; its served TD says publish', async () => {
    await waitFor('cam-3 waiting', () => prop('cam-3', 'offlineReason') === 'waiting for a publisher', 20_000);
    expect(prop('cam-3', 'online')).toBe(false);
    expect(prop('cam-3', 'resolution')).toBe('as published');
    const td = (await (await fetch(`${server.url}/api/twins/cam-3/td`)).json()) as { 'tv:camera': { source: string } };
    expect(td['tv:camera'].source).toBe('publish');
  });

  it('CP3: no credential is 401, a wrong passcode 403, each one log line; the right one gets as far as the offer', async () => {
    const from = server.lines.length;
    const none = await call('POST', 'cam-3', { sdp: 'x' });
    expect(none).toMatchObject({ status: 401, body: { error: 'credential_required' } });
    const wrong = await call('POST', 'cam-3', { sdp: 'x', passcode: 'not-the-passcode' });
    expect(wrong).toMatchObject({ status: 403, body: { error: 'not_operator' } });
    expect(refusals(from)).toHaveLength(2);
    const right = await call('POST', 'cam-3', { sdp: 'v=0\r\nnot an offer', passcode: PASSCODE });
    expect(right).toMatchObject({ status: 400, body: { error: 'invalid_offer' } });
    expect(refusals(from)).toHaveLength(3);
  });

  it('CP2: an unknown camera is 404, a camera with its own source 409, a malformed body 400; the server stays up', async () => {
    expect(await call('POST', 'cam-404', { sdp: 'x', passcode: PASSCODE })).toMatchObject({
      status: 404,
      body: { error: 'unknown_camera' },
    });
    expect(await call('POST', 'cnc-1', { sdp: 'x', passcode: PASSCODE })).toMatchObject({ status: 404, body: { error: 'unknown_camera' } });
    expect(await call('POST', 'cam-1', { sdp: 'x', passcode: PASSCODE })).toMatchObject({ status: 409, body: { error: 'not_published' } });
    const broken = await fetch(`${server.url}/api/video/cam-3/publish`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"sdp":',
    });
    expect(broken.status).toBe(400);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('CP6: a position is taken with the credential and written to the camera; one outside the globe is 400 and changes nothing', async () => {
    const res = await fetch(`${server.url}/api/video/cam-3/position`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ latitude: 53.1, longitude: 8.7, passcode: PASSCODE }),
    });
    expect(res.status).toBe(200);
    expect(prop('cam-3', 'latitude')).toBe(53.1);
    const far = await fetch(`${server.url}/api/video/cam-3/position`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ latitude: 95, longitude: 8.7, passcode: PASSCODE }),
    });
    expect(far.status).toBe(400);
    expect(((await far.json()) as { error: string }).error).toBe('invalid_position');
    expect(prop('cam-3', 'latitude')).toBe(53.1);
    const anonymous = await fetch(`${server.url}/api/video/cam-3/position`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ latitude: 1, longitude: 1 }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('CP7: a heading comes with the position and is written to the camera; a broken one is 400 and changes nothing, position included', async () => {
    const post = (body: Record<string, unknown>) =>
      fetch(`${server.url}/api/video/cam-3/position`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...body, passcode: PASSCODE }),
      });
    const res = await post({ latitude: 53.2, longitude: 8.8, heading: 90 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ latitude: 53.2, longitude: 8.8, heading: 90 });
    expect([prop('cam-3', 'latitude'), prop('cam-3', 'heading')]).toEqual([53.2, 90]);
    for (const heading of [400, 'east', null]) {
      const bad = await post({ latitude: 53.3, longitude: 8.9, heading });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toBe('invalid_position');
    }
    expect([prop('cam-3', 'latitude'), prop('cam-3', 'longitude'), prop('cam-3', 'heading')]).toEqual([53.2, 8.8, 90]);
    // Without one, the camera keeps the way it faced.
    expect((await post({ latitude: 53.25, longitude: 8.85 })).status).toBe(200);
    expect([prop('cam-3', 'latitude'), prop('cam-3', 'heading')]).toEqual([53.25, 90]);
  });

  it('CP4: stop with nobody publishing says so and changes nothing; it needs the credential too', async () => {
    expect(await call('DELETE', 'cam-3', { passcode: PASSCODE })).toEqual({ status: 200, body: { stopped: false } });
    expect(await call('DELETE', 'cam-3', {})).toMatchObject({ status: 401 });
    expect(prop('cam-3', 'offlineReason')).toBe('waiting for a publisher');
  });
});
