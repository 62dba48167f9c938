/**
 * A broker that speaks only MQTT 3.1.1 (SPEC HD9): the server asks for MQTT 5 first (message expiry),
 * is refused, and connects again in 3.1.1 by itself. No 3.1.1-only broker is installed on this
 * machine (Mosquitto speaks both), so the test stands one up: a TCP server that answers CONNECT,
 * SUBSCRIBE and PINGREQ the way such a broker does, byte for byte, and records the protocol levels
 * it was asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { startTestServer, type TestServer } from '../support/server.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { waitFor } from '../support/wait.js';

/** A 3.1.1-only broker: refuses protocol level 5 with CONNACK return code 1, accepts level 4. */
function mqtt311Broker(levels: number[]): net.Server {
  return net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        // Fixed header: type byte, then the remaining length as a variable-length integer.
        let len = 0;
        let mul = 1;
        let i = 1;
        for (; i < buf.length && i < 5; i++) {
          len += (buf[i]! & 0x7f) * mul;
          mul *= 128;
          if ((buf[i]! & 0x80) === 0) break;
        }
        if (i >= buf.length || buf.length < i + 1 + len) return;
        const type = buf[0]! >> 4;
        const body = buf.subarray(i + 1, i + 1 + len);
        buf = buf.subarray(i + 1 + len);
        if (type === 1) {
          const level = body[6]!; // after the protocol name "MQTT" (2-byte length + 4 bytes)
          levels.push(level);
          if (level !== 4) return void socket.end(Buffer.from([0x20, 0x02, 0x00, 0x01]));
          socket.write(Buffer.from([0x20, 0x02, 0x00, 0x00]));
        } else if (type === 8) {
          let topics = 0;
          for (let p = 2; p < body.length; topics++) p += 2 + body.readUInt16BE(p) + 1;
          socket.write(Buffer.from([0x90, 2 + topics, body[0]!, body[1]!, ...new Array<number>(topics).fill(0)]));
        } else if (type === 12) socket.write(Buffer.from([0xd0, 0x00]));
      }
    });
  });
}

describe('MQTT 3.1.1-only broker', () => {
  const levels: number[] = [];
  const broker = mqtt311Broker(levels);
  let assets: TwinAssets;
  let server: TestServer;

  beforeAll(async () => {
    await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
    const { port } = broker.address() as net.AddressInfo;
    assets = makeTwinAssets('v311', { floor: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }] } });
    server = await startTestServer({}, { ASSETS_DIR: assets.dir, MQTT_URL: `mqtt://127.0.0.1:${port}`, SIMULATOR: 'off' });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    assets?.remove();
  });

  it('HD9 MQ5: refused in MQTT 5, the server connects again in 3.1.1 and subscribes, by itself', async () => {
    await waitFor('connected and subscribed', () => server.twins.mqttConnected === true, 10_000);
    expect(levels.slice(0, 2)).toEqual([5, 4]);
  });
});
