/**
 * Camera feeds shared by several server processes (SPEC VS4): only the process that owns a camera
 * twin (its Redis lease, S4) runs the camera's ffmpeg — a camera is asked for one stream, not one per
 * process. The owner publishes each RTP packet and each status on Redis pub/sub; another process
 * subscribes to a camera's packets only while someone there watches it, and writes them into its
 * own track, so its viewers are served as if the feed ran there. Statuses go to every process (the
 * camera twin's properties show in every room).
 *
 * Binary channels (ioredis `messageBuffer`): a packet is sent as it came from ffmpeg, no framing.
 */
import type { Redis } from 'ioredis';
import { check, z } from '../../shared/protocol/validation.js';
import type { Logger } from '../log.js';

/** What the owner says of its feed (FeedStatus plus when `online` last changed). */
const RelayedStatus = z.object({
  camera: z.string(),
  online: z.boolean(),
  reason: z.string(),
  fps: z.number(),
  since: z.string(),
});
export type RelayedStatus = z.infer<typeof RelayedStatus>;

export interface FeedRelayOptions {
  /** Key prefix of the deployment (REDIS_PREFIX). */
  prefix: string;
  log: Logger;
  /** A packet of a camera this process does not run, for its viewers. */
  packet(camera: string, packet: Buffer): void;
  /** The owner's status of a camera this process does not run. */
  status(s: RelayedStatus): void;
}

export class FeedRelay {
  private readonly statusChannel: string;
  private readonly listening = new Set<string>();

  /** `pub` publishes; `sub` is given over to subscriptions (a subscribed ioredis connection does nothing else). */
  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly o: FeedRelayOptions,
  ) {
    this.statusChannel = `${o.prefix}video:status`;
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
  }

  async start(): Promise<void> {
    await this.sub.subscribe(this.statusChannel);
  }

  /** The owner's packet, for the others' viewers (dropped by Redis when no process listens). */
  publishPacket(camera: string, packet: Buffer): void {
    this.pub.publish(this.packetChannel(camera), packet).catch(() => undefined);
  }

  publishStatus(s: RelayedStatus): void {
    this.pub
      .publish(this.statusChannel, JSON.stringify(s))
      .catch((err: unknown) => this.o.log.warn({ camera: s.camera, problem: (err as Error).message }, 'camera status not relayed'));
  }

  /** Receive a camera's packets here (someone on this process watches it), or stop. */
  listen(camera: string, on: boolean): void {
    if (on === this.listening.has(camera)) return;
    if (on) this.listening.add(camera);
    else this.listening.delete(camera);
    const channel = this.packetChannel(camera);
    (on ? this.sub.subscribe(channel) : this.sub.unsubscribe(channel)).catch((err: unknown) =>
      this.o.log.warn({ camera, problem: (err as Error).message }, 'camera relay subscription failed'),
    );
  }

  isListening(camera: string): boolean {
    return this.listening.has(camera);
  }

  async stop(): Promise<void> {
    this.listening.clear();
    await this.sub.unsubscribe().catch(() => undefined);
  }

  private packetChannel(camera: string): string {
    return `${this.o.prefix}video:rtp:${camera}`;
  }

  private receive(channel: string, message: Buffer): void {
    if (channel === this.statusChannel) {
      let raw: unknown;
      try {
        raw = JSON.parse(message.toString('utf8'));
      } catch {
        raw = null;
      }
      const r = check(RelayedStatus, raw);
      if (!r.ok) return this.o.log.warn({ channel, problems: r.problems }, 'malformed camera status from another process ignored');
      return this.o.status(r.value);
    }
    const prefix = `${this.o.prefix}video:rtp:`;
    if (channel.startsWith(prefix)) this.o.packet(channel.slice(prefix.length), message);
  }
}
