/**
 * What every HTTP request passes before Express or Colyseus' matchmaking sees it (SPEC HD4, HD5):
 * the `Host` must name this server (DNS rebinding), GET/HEAD requests are limited per client address
 * (one busy address cannot slow everyone down), and matchmaking bodies are capped — Colyseus reads
 * them whole into memory with no limit of its own.
 */
import type http from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../log.js';
import { isHostAllowed } from './origin.js';

/** Largest matchmaking request body, bytes: join options are a few hundred bytes. */
export const MATCHMAKE_MAX_BYTES = 4 * 1024;

export interface RequestGuardOptions {
  /** Host names besides IP literals and localhost (isHostAllowed). */
  allowedHosts: readonly string[];
  /** GET/HEAD requests per second one address may make. */
  getRate: number;
  /** Seconds the GET budget counts over (1 unless configured). */
  getWindowSeconds?: number;
  log: Logger;
}

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

function reply(res: http.ServerResponse, status: number, error: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ error, message }));
}

/** Puts the guard in front of every `request` listener `server` has now (call after Colyseus listens). */
export function guardRequests(server: http.Server, o: RequestGuardOptions): void {
  const inner = server.listeners('request').slice() as Listener[];
  server.removeAllListeners('request');
  const pass: Listener = (req, res) => {
    for (const l of inner) l.call(server, req, res);
  };
  const gets = new RateLimiterMemory({ points: o.getRate, duration: o.getWindowSeconds ?? 1 });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    if (!isHostAllowed(req.headers.host, o.allowedHosts)) {
      o.log.warn({ host: req.headers.host, address }, 'HTTP request for a host name this server does not serve refused');
      return reply(res, 403, 'host_not_allowed', 'This server does not serve that host name (set ALLOWED_HOSTS to add one).');
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      gets.consume(address).then(
        () => pass(req, res),
        (r: unknown) => {
          const wait = r instanceof RateLimiterRes ? r.msBeforeNext : 1000;
          // One line when an address first goes over, not one per refused request.
          if (r instanceof RateLimiterRes && r.consumedPoints === o.getRate + 1) o.log.warn({ address }, 'HTTP GET rate exceeded');
          reply(res, 429, 'rate_limited', `More than ${o.getRate} requests per second from this address`, {
            'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))),
          });
        },
      );
      return;
    }
    if (req.method === 'POST' && req.url?.includes('/matchmake/')) return capBody(req, res, pass, o.log);
    pass(req, res);
  });
}

function capBody(req: http.IncomingMessage, res: http.ServerResponse, pass: Listener, log: Logger): void {
  const tooLarge = () => {
    log.info({ address: req.socket.remoteAddress }, 'matchmaking request body too large; refused');
    reply(res, 413, 'too_large', `The join request is larger than ${MATCHMAKE_MAX_BYTES} bytes`, { Connection: 'close' });
    req.destroy();
  };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MATCHMAKE_MAX_BYTES) return tooLarge();
  let seen = 0;
  const count = (chunk: Buffer) => {
    seen += chunk.byteLength;
    if (seen > MATCHMAKE_MAX_BYTES) {
      req.off('data', count);
      tooLarge();
    }
  };
  req.on('data', count);
  pass(req, res);
}
