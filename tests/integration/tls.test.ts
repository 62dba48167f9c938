/**
 * HTTPS/WSS (TLS_CERT_FILE + TLS_KEY_FILE): what a headset on the LAN needs, since browsers offer
 * WebXR only on secure origins. The certificate is made for the test with openssl.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../support/server.js';
import { join } from '../support/clients.js';
import { loadConfig } from '../../server/config.js';

let server: TestServer;
let dir: string;
let cert: Buffer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'pipe' },
    );
  } catch (err) {
    throw new Error(`openssl is needed to make a test certificate (apt-get install openssl): ${(err as Error).message}`);
  }
  cert = fs.readFileSync(certFile);
  server = await startTestServer({}, { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('TLS (SPEC H9)', () => {
  it('H9: serves /health over HTTPS with the configured certificate', async () => {
    expect(server.url.startsWith('https://')).toBe(true);
    await server.store.opened(); // until the background store is open, /health says `degraded` (ST5)
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`https://127.0.0.1:${server.port}/health`, { ca: cert }, (res) => {
          let data = '';
          res.on('data', (c: Buffer) => (data += c));
          res.on('end', () => resolve(data));
        })
        .on('error', reject);
    });
    expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
  }, 300_000); // a fresh in-memory PGlite runs initdb first: the limit only catches a hang

  it('H9: a client joins a space over WSS', async () => {
    // colyseus.js has no CA option: accept the self-signed test certificate in this worker only.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const c = await join(`wss://127.0.0.1:${server.port}`, { space: 'tls' });
      expect(c.room.state.avatars.size).toBe(1);
      await c.room.leave();
    } finally {
      delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    }
  });

  it('refuses a certificate without its key', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: 'cert.pem' })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
  });
});
