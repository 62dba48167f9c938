/**
 * One camera's feed (SPEC VS1–VS3, VS5): the server is the camera's single receiver. ffmpeg reads the
 * source and sends VP8 over RTP to a UDP socket on loopback; every packet goes into one werift track
 * that each viewer's peer connection sends on. When ffmpeg is missing, exits, goes quiet or falls
 * behind live, the feed says offline and why, and starts ffmpeg again with a growing backoff — it
 * recovers by itself, and rejoins the camera live rather than playing what piled up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { MediaStreamTrack } from 'werift';
import { TEST_SOURCE, type CameraExtension } from '../../shared/twin/camera.js';
import type { Logger } from '../log.js';
import { ffmpegArgs } from './ffmpegArgs.js';
import { LiveLag } from './liveLag.js';
import { withoutCredentials } from './publicTd.js';

/** What a feed reports about itself (written into the camera twin's properties). */
export interface FeedStatus {
  online: boolean;
  /** Why not, in words ('' when online). */
  reason: string;
  /** Frames per second received over the last second (0 offline). */
  fps: number;
}

export interface FeedOptions {
  ffmpegPath: string;
  log: Logger;
  /** Called on every change of `online` and once a second while running. */
  status(s: FeedStatus): void;
  /** Every packet from ffmpeg, after this process's own viewers got it (the relay to other processes). */
  onPacket?(packet: Buffer): void;
  /** No packet for this long → offline and ffmpeg is restarted, ms. */
  silenceMs?: number;
  /** Pictures this much later than the run's best pace → behind live: ffmpeg is restarted, ms (SPEC VS5). */
  behindMs?: number;
  /** Restart delays, ms: doubled from `minBackoffMs` to `maxBackoffMs`, back to the start once frames flow. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * ffmpeg on a leash: a shell runs it and ends it when its stdin (a pipe from this process) closes — so
 * no ffmpeg outlives the server, even one killed outright (ffmpeg itself ignores stdin's end; the
 * watcher reads a copy of stdin because a background job's own stdin is /dev/null). The
 * command and its arguments arrive as "$@": no text of a TD is ever parsed by the shell. Exit 127:
 * no such binary.
 */
const LEASH =
  'command -v "$1" >/dev/null 2>&1 || exit 127; exec 3<&0; "$@" </dev/null & p=$!; (cat <&3 >/dev/null; kill $p 2>/dev/null) & wait $p';

/**
 * No packet for this long → offline and restarted, ms. Generous: on a loaded machine (two cores,
 * several test suites) ffmpeg and this event loop both stall for seconds without the camera being gone.
 */
const SILENCE_MS = 8000;

/**
 * Behind live by more than this → the reader is restarted, ms (SPEC VS5). Above what a loaded machine
 * adds in the normal course (the e2e captions read up to 1.5 s glass to glass), far below the tens of
 * seconds a starved ffmpeg piled up before (bench/RESULTS.md, glass-to-glass).
 */
const BEHIND_MS = 3000;

/** The RTP marker bit ends a frame (VP8 over RTP, RFC 7741). */
const markerOf = (packet: Buffer) => packet.length > 1 && (packet[1]! & 0x80) !== 0;
/** RTP header fields (RFC 3550 §5.1): every packet ffmpeg sends has the 12 fixed bytes. */
const timestampOf = (packet: Buffer) => packet.readUInt32BE(4);
const ssrcOf = (packet: Buffer) => packet.readUInt32BE(8);

export class CameraFeed {
  /** The track every viewer's connection sends; written from the RTP socket. */
  readonly track = new MediaStreamTrack({ kind: 'video' });
  /** Bytes and packets received from ffmpeg (benches read them). */
  readonly received = { bytes: 0, packets: 0 };
  private socket: dgram.Socket | null = null;
  private child: ChildProcess | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private tick: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private lastPacketAt = 0;
  private frames = 0;
  private online = false;
  private stopped = true;
  private lastError = '';
  private readonly lag = new LiveLag();
  /** RTP source id of the running ffmpeg (each run draws a new one; null until its first packet). */
  private runSsrc: number | null = null;
  /** The run before: its packets still in the socket are late by definition and never sent on. */
  private endedSsrc: number | null = null;
  /** The running ffmpeg fell behind live and is being ended: nothing more of it is sent on. */
  private behind = false;

  constructor(
    readonly id: string,
    private readonly name: string,
    private readonly cam: CameraExtension,
    private readonly o: FeedOptions,
  ) {
    this.backoffMs = o.minBackoffMs ?? 1000;
  }

  get isOnline(): boolean {
    return this.online;
  }

  /** The running ffmpeg's leash process id (one per feed, whatever the number of viewers). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Whether this process runs the camera's ffmpeg now (its owner, SPEC VS4). */
  get running(): boolean {
    return !this.stopped;
  }

  /** A packet of this camera from the process that runs it, for this process's viewers (SPEC VS4). */
  relayed(packet: Buffer): void {
    if (!this.stopped) return;
    this.received.bytes += packet.length;
    this.received.packets++;
    this.track.writeRtp(packet);
  }

  /** Ends the running ffmpeg, as a camera that goes away ends its stream (tests and benches). */
  endRun(): void {
    this.child?.stdin?.end();
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    const socket = dgram.createSocket('udp4');
    socket.on('message', (packet) => this.packet(packet));
    socket.on('error', (err) => this.o.log.warn({ camera: this.id, err: err.message }, 'camera RTP socket error'));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    this.socket = socket;
    this.tick = setInterval(() => this.everySecond(), 1000);
    this.launch();
  }

  stop(): void {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.tick) clearInterval(this.tick);
    this.restartTimer = this.tick = null;
    this.child?.stdin?.end();
    this.child = null;
    this.socket?.close();
    this.socket = null;
    // Not reported: a process that stops (or gives the camera to another owner) leaves the word to the next.
    this.online = false;
  }

  private launch(): void {
    if (this.stopped || !this.socket) return;
    const port = this.socket.address().port;
    this.lastError = '';
    this.lastPacketAt = performance.now();
    this.endedSsrc = this.runSsrc ?? this.endedSsrc;
    this.runSsrc = null;
    this.behind = false;
    this.lag.reset();
    const child = spawn('sh', ['-c', LEASH, 'sh', this.o.ffmpegPath, ...ffmpegArgs(this.name, this.cam, port)], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      // "Terminated" is the leash's shell reporting the kill it was asked for, not ffmpeg's reason.
      const line = text
        .trim()
        .split('\n')
        .filter((l) => l.trim() !== 'Terminated')
        .pop();
      // The reason is shown to everyone: an RTSP URL in it loses its user and password (SPEC VT3).
      // A reader ended for falling behind keeps that as its reason, whatever it says as it goes.
      if (line && !(this.behind && this.child === child)) this.lastError = withoutCredentials(line, this.cam.source).slice(0, 200);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      // Spawn failed (no such binary): 'exit' may not follow, so this is the end of this attempt.
      const reason =
        err.code === 'ENOENT' ? `ffmpeg not found (${this.o.ffmpegPath}); install it or set FFMPEG_PATH` : `ffmpeg: ${err.message}`;
      this.ended(child, reason);
    });
    child.on('exit', (code, signal) => {
      child.stdin?.destroy();
      const missing = code === 127 ? `ffmpeg not found (${this.o.ffmpegPath}); install it or set FFMPEG_PATH` : '';
      this.ended(child, missing || this.lastError || `ffmpeg exited (${signal ?? `code ${code}`})`);
    });
  }

  /** One ffmpeg run is over: offline, then try again after the backoff. */
  private ended(child: ChildProcess, reason: string): void {
    if (this.child !== child) return;
    this.child = null;
    this.setOffline(reason);
    if (this.stopped) return;
    this.o.log.warn({ camera: this.id, reason, retryInMs: this.backoffMs }, 'camera feed offline');
    this.restartTimer = setTimeout(() => this.launch(), this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, this.o.maxBackoffMs ?? 30_000);
  }

  private packet(packet: Buffer): void {
    if (this.stopped || packet.length < 12) return;
    const ssrc = ssrcOf(packet);
    if (this.runSsrc === null && ssrc !== this.endedSsrc) this.runSsrc = ssrc;
    // Another run's packet (an ended ffmpeg's, still in the socket), or the rest of one that fell behind.
    if (ssrc !== this.runSsrc || this.behind) return;
    // Only a live source has a backlog to skip: the test pattern is made as it is read, and one that
    // falls behind is a starved machine a new ffmpeg would not help.
    if (this.cam.source !== TEST_SOURCE) {
      const late = this.lag.packet(timestampOf(packet), performance.now());
      if (late > (this.o.behindMs ?? BEHIND_MS)) return this.fellBehind(late);
    }
    this.received.bytes += packet.length;
    this.received.packets++;
    this.lastPacketAt = performance.now();
    if (markerOf(packet)) this.frames++;
    this.track.writeRtp(packet);
    this.o.onPacket?.(packet);
    if (!this.online) {
      this.online = true;
      this.backoffMs = this.o.minBackoffMs ?? 1000;
      this.o.log.info({ camera: this.id }, 'camera feed live');
      this.o.status({ online: true, reason: '', fps: 0 });
    }
  }

  /**
   * The reader is behind live (SPEC VS5): it stalled and is working through the camera's backlog, or
   * it cannot keep pace. Its pictures are old news: none more is sent, and a new ffmpeg joins the camera
   * where it is now (its exit reports the camera offline with this reason, then the backoff restarts it).
   */
  private fellBehind(lateMs: number): void {
    this.behind = true;
    const reason = `fell ${Math.round(lateMs / 1000)} s behind live; rejoining the camera`;
    this.o.log.warn({ camera: this.id, behindMs: Math.round(lateMs) }, 'camera feed behind live: restarting its reader');
    this.lastError = reason;
    this.setOffline(reason);
    this.child?.stdin?.end();
  }

  private everySecond(): void {
    const fps = this.frames;
    this.frames = 0;
    const silence = this.o.silenceMs ?? SILENCE_MS;
    // A source that connects slowly (RTSP) gets longer for its first packet than a live one gets between two.
    const limit = this.online ? silence : silence * 3;
    // A reader that fell behind is already on its way out, with its own reason.
    if (this.child && !this.behind && performance.now() - this.lastPacketAt > limit) {
      // Alive but silent (a camera that stopped sending): restart it; its exit reports it offline.
      this.lastError = `no video for ${Math.round(limit / 1000)} s`;
      this.setOffline(this.lastError);
      this.child.stdin?.end();
      return;
    }
    if (this.online) this.o.status({ online: true, reason: '', fps });
  }

  private setOffline(reason: string): void {
    const was = this.online;
    this.online = false;
    if (was || reason) this.o.status({ online: false, reason, fps: 0 });
  }
}
