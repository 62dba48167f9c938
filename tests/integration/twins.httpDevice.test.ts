/**
 * Actions whose TD form is an HTTP URL (SPEC CMD7): the server POSTs the command to the device and
 * takes its answer. The "device" is a real HTTP server on loopback in this test.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwinMessageType } from '../../shared/protocol/twinMessages.js';
import { join } from '../support/clients.js';
import { startTwinServer, twinOf, type TwinServer } from '../support/twinServer.js';
import { waitFor } from '../support/wait.js';

let t: TwinServer;
let device: http.Server;
const received: { path: string; body: { id: string; action: string; input: unknown } }[] = [];

beforeAll(async () => {
  device = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(body) as (typeof received)[number]['body'] });
      if (req.url === '/press/stamp') res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      else if (req.url === '/press/jam')
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"reason":"die not loaded"}');
      else if (req.url === '/press/broken') res.writeHead(503).end('maintenance');
      // /press/slow never answers: the command times out.
    });
  });
  await new Promise<void>((r) => device.listen(0, '127.0.0.1', r));
  const port = (device.address() as AddressInfo).port;
  const action = (name: string, path: string) => ({ [name]: { forms: [{ href: `http://127.0.0.1:${port}${path}`, op: 'invokeaction' }] } });
  const press = {
    '@context': 'https://www.w3.org/2022/wot/td/v1.1',
    title: 'Press',
    securityDefinitions: { nosec_sc: { scheme: 'nosec' } },
    security: 'nosec_sc',
    properties: { strokes: { type: 'integer', minimum: 0, forms: [{ href: `http://127.0.0.1:${port}/press/strokes` }] } },
    actions: {
      ...action('stamp', '/press/stamp'),
      ...action('jam', '/press/jam'),
      ...action('broken', '/press/broken'),
      ...action('slow', '/press/slow'),
    },
  };
  t = await startTwinServer({ shop: { twins: [{ twin: 'press', position: [0, 0, -3] }] } }, {}, undefined, {
    'press.td.json': JSON.stringify(press),
  });
});
afterAll(async () => {
  await t?.close();
  device?.closeAllConnections();
  await new Promise((r) => device?.close(r));
});

/** Waits for the named outcome; the limit is past the server's command timeout (the default 5 s). */
const outcome = (c: Awaited<ReturnType<typeof join>>, action: string) =>
  waitFor(
    `${action} finished`,
    () => [...(twinOf(c, 'press')?.commands.values() ?? [])].find((x) => x.action === action && x.status !== 'pending'),
    15_000,
  );

describe('HTTP action callbacks', () => {
  it('CMD7: 2xx acknowledges; {ok:false} and other statuses refuse with the reason', async () => {
    const a = await join(t.server.endpoint, { space: 'shop', name: 'Ada' });
    a.room.send(TwinMessageType.Command, { twin: 'press', action: 'stamp' });
    expect((await outcome(a, 'stamp')).status).toBe('acknowledged');
    const stamp = received.find((r) => r.path === '/press/stamp')!;
    expect(stamp.body).toMatchObject({ action: 'stamp', input: null });
    expect(stamp.body.id).toMatch(/^[0-9a-f-]{36}$/);
    a.room.send(TwinMessageType.Command, { twin: 'press', action: 'jam' });
    expect(await outcome(a, 'jam')).toMatchObject({ status: 'refused', reason: 'die not loaded' });
    a.room.send(TwinMessageType.Command, { twin: 'press', action: 'broken' });
    expect(await outcome(a, 'broken')).toMatchObject({ status: 'refused', reason: expect.stringMatching(/HTTP 503: maintenance/) });
    // Its HTTP read form is listed as not polled.
    expect(twinOf(a, 'press')?.notes.join()).toMatch(/reads are not polled/);
    await a.room.leave();
  });

  it('CMD7 CMD4: a device that never answers the POST times the command out', async () => {
    const a = await join(t.server.endpoint, { space: 'shop', name: 'Ada' });
    a.room.send(TwinMessageType.Command, { twin: 'press', action: 'slow' });
    expect(await outcome(a, 'slow')).toMatchObject({ status: 'timed_out' });
    expect(received.some((r) => r.path === '/press/slow')).toBe(true);
    await a.room.leave();
  }, 30_000);
});
