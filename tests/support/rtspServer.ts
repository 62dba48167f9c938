/**
 * An RTSP camera for tests and benches (SPEC RT1–RT3): a minimal RTSP 1.0 server on loopback (port 0)
 * that serves one H.264 stream, made by ffmpeg (`libx264`, in-band SPS/PPS) and sent to this process
 * as RTP over UDP on loopback, relayed to every playing client interleaved in its RTSP connection
 * (RTP over TCP, RFC 2326 §10.12 — what the server asks with `-rtsp_transport tcp`). OPTIONS, DESCRIBE,
 * SETUP (TCP only), PLAY, TEARDOWN and GET_PARAMETER (keep-alive); optional Basic or Digest auth, as
 * real cameras ask. `down()` drops every client and refuses connections; `up()` serves again on the
 * same port — a camera that is unplugged and plugged back.
 *
 * The picture is ffmpeg's `testsrc2`, or (`stamped`) frames this process draws with the time they were
 * made coded in blocks (./rtspStamp.ts), so a viewer that decodes them can measure glass-to-glass.
 * Not a camera to face the network: it trusts its client (tests run on loopback only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { STAMP_HEIGHT, STAMP_WIDTH, stampFrame } from './rtspStamp.js';

export interface RtspServerOptions {
  /** The stream's path, default `/cam`. */
  path?: string;
  /** Credentials a client must present; none: anyone may play. */
  auth?: { user: string; password: string; scheme: 'basic' | 'digest' };
  /** `testsrc`: ffmpeg's test pattern (default); `stamped`: frames carrying the time they were made. */
  picture?: 'testsrc' | 'stamped';
  fps?: number;
}

export interface RtspServer {
  port: number;
  /** `rtsp://[user:password@]127.0.0.1:port/path` with the given credentials. */
  url(credentials?: { user: string; password: string }): string;
  /** Clients playing now. */
  readonly playing: number;
  /** Requests refused with 401 since the start (a wrong or missing password). */
  readonly unauthorized: number;
  /** RTP packets the encoder sent (the camera is producing). */
  readonly encoded: number;
  /** The camera's own clock: ms of video its encoder has sent since it started (from its RTP timestamps). */
  readonly clockMs: number;
  /** Drops every client and stops listening (the port stays this server's to `up()` again). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const REALM = 'Twinverse test camera';
const PUBLIC = 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER';
/** Payload type of the H.264 stream in ffmpeg's RTP and in the SDP. */
const PT = 96;
/** A slow client's socket holding more than this is skipped for a packet (a camera drops, never queues). */
const MAX_QUEUED = 1 << 20;
/**
 * ffmpeg on a leash, as the server runs its own (server/video/feed.ts): it ends when this process's end
 * of its stdin closes, even if this process is killed outright — no test pattern outlives the test.
 */
const LEASH = 'exec 3<&0; "$@" </dev/null & p=$!; (cat <&3 >/dev/null; kill $p 2>/dev/null) & wait $p';

interface Request {
  method: string;
  uri: string;
  headers: Map<string, string>;
}

interface Client {
  socket: net.Socket;
  session: string;
  /** Interleaved channel of RTP (-1 until SETUP). */
  channel: number;
  playing: boolean;
  /** Whether this client was sent a keyframe's parameter sets yet. */
  keyed: boolean;
}

/** Whether an H.264 RTP packet (12-byte header, as ffmpeg sends) holds an SPS, alone or first in a STAP-A. */
function startsPicture(packet: Buffer): boolean {
  const nal = (packet[12] ?? 0) & 0x1f;
  return nal === 7 || (nal === 24 && ((packet[15] ?? 0) & 0x1f) === 7);
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function parseRequest(head: string): Request | null {
  const [first, ...lines] = head.split('\r\n');
  const m = /^([A-Z_]+) (\S+) RTSP\/1\.0$/.exec(first ?? '');
  if (!m) return null;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { method: m[1]!, uri: m[2]!, headers };
}

/** `key="value", key=value` pairs of a Digest Authorization header. */
function digestParams(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of header.matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)) out.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? '');
  return out;
}

export async function startRtspServer(o: RtspServerOptions = {}): Promise<RtspServer> {
  const streamPath = o.path ?? '/cam';
  const fps = o.fps ?? 15;
  const nonce = randomBytes(16).toString('hex');
  const clients = new Set<Client>();
  let unauthorized = 0;
  let encoded = 0;
  let firstTimestamp = -1;
  let clockMs = 0;

  // The encoder's RTP (and its RTCP, sent to the same port and dropped) arrives here.
  const rtp = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => rtp.bind(0, '127.0.0.1', resolve));
  const rtpPort = rtp.address().port;
  rtp.on('message', (packet) => {
    const type = packet[1] ?? 0;
    if (type >= 200 && type <= 204) return; // RTCP sender report
    encoded++;
    const timestamp = packet.readUInt32BE(4);
    if (firstTimestamp < 0) firstTimestamp = timestamp;
    clockMs = ((timestamp - firstTimestamp) >>> 0) / 90;
    const sps = startsPicture(packet);
    for (const c of clients) {
      if (!c.playing || c.channel < 0 || c.socket.writableLength > MAX_QUEUED) continue;
      // A client starts at a keyframe's SPS, as a camera does: no undecodable frames before it.
      if (!c.keyed && !sps) continue;
      c.keyed = true;
      const frame = Buffer.allocUnsafe(4);
      frame[0] = 0x24;
      frame[1] = c.channel;
      frame.writeUInt16BE(packet.length, 2);
      c.socket.write(frame);
      c.socket.write(packet);
    }
  });

  const encoder = startEncoder(o.picture ?? 'testsrc', fps, rtpPort);

  function authorized(req: Request): boolean {
    const a = o.auth;
    if (!a) return true;
    const header = req.headers.get('authorization') ?? '';
    if (a.scheme === 'basic') return header === `Basic ${Buffer.from(`${a.user}:${a.password}`).toString('base64')}`;
    if (!header.startsWith('Digest ')) return false;
    const p = digestParams(header.slice(7));
    if (p.get('username') !== a.user || p.get('nonce') !== nonce) return false;
    const expected = md5(`${md5(`${a.user}:${REALM}:${a.password}`)}:${nonce}:${md5(`${req.method}:${p.get('uri') ?? ''}`)}`);
    return p.get('response') === expected;
  }

  function answer(c: Client, req: Request, status: string, headers: Record<string, string> = {}, body = ''): void {
    const lines = [`RTSP/1.0 ${status}`, `CSeq: ${req.headers.get('cseq') ?? '0'}`, 'Server: Twinverse test camera'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    c.socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  }

  function handle(c: Client, req: Request): void {
    if (req.method === 'OPTIONS') return answer(c, req, '200 OK', { Public: PUBLIC });
    if (!authorized(req)) {
      unauthorized++;
      const challenge = o.auth?.scheme === 'basic' ? `Basic realm="${REALM}"` : `Digest realm="${REALM}", nonce="${nonce}"`;
      return answer(c, req, '401 Unauthorized', { 'WWW-Authenticate': challenge });
    }
    const path = req.uri.replace(/^rtsps?:\/\/[^/]*/i, '');
    if (req.method !== 'GET_PARAMETER' && req.method !== 'TEARDOWN' && !path.startsWith(streamPath)) {
      return answer(c, req, '404 Not Found');
    }
    const session = { Session: `${c.session};timeout=60` };
    switch (req.method) {
      case 'DESCRIBE': {
        const sdp = [
          'v=0',
          'o=- 0 0 IN IP4 127.0.0.1',
          `s=${REALM}`,
          'c=IN IP4 0.0.0.0',
          't=0 0',
          `m=video 0 RTP/AVP ${PT}`,
          `a=rtpmap:${PT} H264/90000`,
          `a=fmtp:${PT} packetization-mode=1`,
          'a=control:trackID=0',
          '',
        ].join('\r\n');
        return answer(c, req, '200 OK', { 'Content-Base': `${req.uri.replace(/\/$/, '')}/`, 'Content-Type': 'application/sdp' }, sdp);
      }
      case 'SETUP': {
        const transport = req.headers.get('transport') ?? '';
        const m = /interleaved=(\d+)(?:-(\d+))?/.exec(transport);
        if (!transport.includes('TCP') || !m) return answer(c, req, '461 Unsupported Transport');
        c.channel = Number(m[1]);
        return answer(c, req, '200 OK', { ...session, Transport: `RTP/AVP/TCP;unicast;interleaved=${m[1]}-${m[2] ?? Number(m[1]) + 1}` });
      }
      case 'PLAY':
        if (c.channel < 0) return answer(c, req, '455 Method Not Valid in This State');
        c.playing = true;
        return answer(c, req, '200 OK', { ...session, Range: 'npt=0.000-' });
      case 'TEARDOWN':
        c.playing = false;
        answer(c, req, '200 OK', session);
        c.socket.end();
        return;
      case 'GET_PARAMETER':
        return answer(c, req, '200 OK', session);
      default:
        return answer(c, req, '501 Not Implemented');
    }
  }

  const server = net.createServer((socket) => {
    const c: Client = { socket, session: randomBytes(8).toString('hex'), channel: -1, playing: false, keyed: false };
    clients.add(c);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf[0] === 0x24) {
          // The client's own interleaved RTCP (receiver reports): read past it.
          if (buf.length < 4 || buf.length < 4 + buf.readUInt16BE(2)) return;
          buf = buf.subarray(4 + buf.readUInt16BE(2));
          continue;
        }
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const req = parseRequest(buf.subarray(0, end).toString('latin1'));
        const length = Number(req?.headers.get('content-length') ?? 0);
        if (buf.length < end + 4 + length) return;
        buf = buf.subarray(end + 4 + length);
        if (!req) {
          socket.end('RTSP/1.0 400 Bad Request\r\n\r\n');
          return;
        }
        handle(c, req);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => clients.delete(c));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  const down = async () => {
    for (const c of clients) c.socket.destroy();
    clients.clear();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    port,
    url: (cred) =>
      `rtsp://${cred ? `${encodeURIComponent(cred.user)}:${encodeURIComponent(cred.password)}@` : ''}127.0.0.1:${port}${streamPath}`,
    get playing() {
      return [...clients].filter((c) => c.playing).length;
    },
    get unauthorized() {
      return unauthorized;
    },
    get encoded() {
      return encoded;
    },
    get clockMs() {
      return clockMs;
    },
    down,
    up: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: async () => {
      await down();
      encoder.stop();
      rtp.close();
    },
  };
}

/** The camera's encoder: ffmpeg → H.264 → RTP to `port` on loopback. */
function startEncoder(picture: 'testsrc' | 'stamped', fps: number, port: number): { stop(): void } {
  const input =
    picture === 'testsrc'
      ? ['-re', '-f', 'lavfi', '-i', `testsrc2=size=${STAMP_WIDTH}x${STAMP_HEIGHT}:rate=${fps}`]
      : // Stamped with the wall clock as they come, as a camera stamps its sensor's pictures: a frame this
        // process draws late (its timer, on a loaded machine) is late on the camera's clock too, not
        // counted as if it had come on time — the server judges live by that clock (SPEC VS5).
        [
          '-use_wallclock_as_timestamps',
          '1',
          '-f',
          'rawvideo',
          '-pix_fmt',
          'gray',
          '-video_size',
          `${STAMP_WIDTH}x${STAMP_HEIGHT}`,
          '-framerate',
          String(fps),
          '-i',
          'pipe:0',
        ];
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    ...input,
    '-an',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(fps),
    // SPS/PPS before every keyframe: the SDP carries none, a client joining late still decodes.
    '-x264-params',
    'repeat-headers=1',
    '-f',
    'rtp',
    '-payload_type',
    String(PT),
    `rtp://127.0.0.1:${port}?pkt_size=1200&rtcpport=${port}`,
  ];
  // A stamped picture's frames come on stdin: this process's end closing ends ffmpeg, no leash needed.
  const child: ChildProcess =
    picture === 'testsrc'
      ? spawn('sh', ['-c', LEASH, 'sh', 'ffmpeg', ...args], { stdio: ['pipe', 'ignore', 'inherit'] })
      : spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'inherit'] });
  child.stdin?.on('error', () => undefined);
  let timer: NodeJS.Timeout | null = null;
  if (picture === 'stamped') {
    // Frames are drawn when they are due, with the time they were drawn: the camera's "glass".
    timer = setInterval(() => {
      if (child.stdin && child.stdin.writableLength < STAMP_WIDTH * STAMP_HEIGHT * 4) child.stdin.write(stampFrame(performance.now()));
    }, 1000 / fps);
  }
  return {
    stop: () => {
      if (timer) clearInterval(timer);
      child.stdin?.end();
    },
  };
}
