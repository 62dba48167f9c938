/**
 * A camera fed by a page instead of ffmpeg (SPEC CP2–CP4): a phone or laptop opens `/camera`, and its
 * WebRTC offer arrives here through `POST /api/video/:camera/publish`. The server answers with a
 * receive-only werift peer (ICE-lite, VP8 only, as the viewers' links), and every RTP packet the page
 * sends goes into the feed's one track — the track each viewer's connection already sends — so
 * viewers need nothing new. One publisher at a time: a new one replaces the old (a phone whose page
 * reloaded takes over at once instead of waiting for its dead connection to time out).
 */
import { MediaStreamTrack, RtpPacket } from 'werift';
import { candidatesGathered, videoPeer } from './peer.js';
import type { Logger } from '../log.js';
import type { FeedStatus } from './feed.js';

/** What the twin says before any page publishes. */
export const WAITING_REASON = 'waiting for a publisher';

export interface PublishedFeedOptions {
  log: Logger;
  /** Called on every change of `online` and once a second while live. */
  status(s: FeedStatus): void;
  /** Every packet, after this process's viewers got it (the relay to other processes, SPEC VS4). */
  onPacket?(packet: Buffer): void;
  /** No packet for this long from a connected publisher → offline and the publisher is dropped, ms. */
  silenceMs?: number;
}

/** A publisher that sends nothing for this long is offline until it sends again (a phone that locked its screen), ms. */
const SILENCE_MS = 8000;
/** A publisher whose connection is not up after this long is dropped, ms. */
const CONNECT_LIMIT_MS = 30_000;
/**
 * A browser sends a keyframe when asked (PLI), not on a schedule: a viewer who joins later would wait
 * for one forever, and werift does not pass the viewers' own PLIs back to the source. Asked this often.
 */
const KEYFRAME_EVERY_MS = 2000;
/** RTP timestamp step placed between two publishers' streams (one frame at 30 fps, 90 kHz clock). */
const SOURCE_GAP_TICKS = 3000;

/** The WebRTC offer a page sends must carry video, ICE credentials and a DTLS fingerprint. */
export function isPublishOffer(sdp: string): boolean {
  return /^v=0\r?\n/.test(sdp) && /^m=video /m.test(sdp) && /^a=ice-ufrag:/m.test(sdp) && /^a=fingerprint:/m.test(sdp);
}

/** One page's receive-only connection. */
class PublisherLink {
  private readonly pc = videoPeer();
  ssrc: number | undefined;
  connected = false;

  constructor(onRtp: (rtp: RtpPacket, link: PublisherLink) => void, onGone: (reason: string, link: PublisherLink) => void) {
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => onRtp(rtp, this));
    });
    this.pc.connectionStateChange.subscribe((s) => {
      if (s === 'connected') this.connected = true;
      if (s === 'failed' || s === 'closed') onGone(`publisher gone (connection ${s})`, this);
    });
  }

  /** The answer to the page's offer, candidates included (waits for gathering, at most GATHER_LIMIT_MS). */
  async answer(offer: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    await candidatesGathered(this.pc);
    return this.pc.localDescription?.sdp ?? answer.sdp;
  }

  keyframe(): void {
    const receiver = this.pc.getTransceivers()[0]?.receiver;
    if (receiver && this.ssrc !== undefined) void receiver.sendRtcpPLI(this.ssrc).catch(() => undefined);
  }

  close(): void {
    void this.pc.close().catch(() => undefined);
  }
}

/** The feed of a `publish` camera: the same face to the hub as an ffmpeg feed (track, status, relay). */
export class PublishedFeed {
  /** The track every viewer's connection sends; written from the publisher's packets. */
  readonly track = new MediaStreamTrack({ kind: 'video' });
  readonly received = { bytes: 0, packets: 0 };
  private link: PublisherLink | null = null;
  private linkedAt = 0;
  private tick: NodeJS.Timeout | null = null;
  private keyframes: NodeJS.Timeout | null = null;
  private stopped = true;
  private online = false;
  private frames = 0;
  private lastPacketAt = 0;
  /** Rewriting of sequence numbers and timestamps, so one publisher after another is one stream to viewers. */
  private source: { ssrc: number; seq: number; ts: number } | null = null;
  private last: { seq: number; ts: number } | null = null;

  constructor(
    readonly id: string,
    private readonly o: PublishedFeedOptions,
  ) {}

  get isOnline(): boolean {
    return this.online;
  }

  /** Whether this process serves the camera (its owner, SPEC VS4). */
  get running(): boolean {
    return !this.stopped;
  }

  /** Whether a page publishes now (connected or connecting). */
  get publishing(): boolean {
    return this.link !== null;
  }

  /** A packet of this camera from the process that serves it, for this process's viewers (SPEC VS4). */
  relayed(packet: Buffer): void {
    if (!this.stopped) return;
    this.received.bytes += packet.length;
    this.received.packets++;
    this.track.writeRtp(packet);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.tick = setInterval(() => this.everySecond(), 1000);
    this.keyframes = setInterval(() => this.link?.keyframe(), KEYFRAME_EVERY_MS);
    this.o.status({ online: false, reason: WAITING_REASON, fps: 0 });
  }

  stop(): void {
    this.stopped = true;
    if (this.tick) clearInterval(this.tick);
    if (this.keyframes) clearInterval(this.keyframes);
    this.tick = this.keyframes = null;
    this.link?.close();
    this.link = null;
    this.online = false;
  }

  /** A page's offer: answered by a new link that replaces any earlier publisher (SPEC CP3). */
  async publish(offer: string): Promise<string> {
    if (this.stopped) throw new Error('this process does not serve the camera');
    const link = new PublisherLink(
      (rtp, from) => this.packet(rtp, from),
      (reason, from) => this.drop(from, reason),
    );
    const previous = this.link;
    this.link = link;
    this.linkedAt = performance.now();
    if (previous) {
      this.o.log.info({ camera: this.id }, 'camera publisher replaced by a new one');
      previous.close();
    }
    try {
      return await link.answer(offer);
    } catch (err) {
      this.drop(link, 'publisher offer refused');
      throw err;
    }
  }

  /** The publisher says it stopped (SPEC CP4). False when no page was publishing. */
  unpublish(): boolean {
    if (!this.link) return false;
    this.drop(this.link, 'publisher stopped');
    return true;
  }

  /** `link` is over: offline with why, unless a newer publisher already took its place. */
  private drop(link: PublisherLink, reason: string): void {
    const current = this.link === link;
    // Let go first: closing reports the connection's end at once, which must find it already dropped.
    if (current) this.link = null;
    link.close();
    if (!current) return;
    this.o.log.info({ camera: this.id, reason }, 'camera publisher gone');
    this.setOffline(reason);
  }

  private packet(rtp: RtpPacket, from: PublisherLink): void {
    // Padding-only packets (the browser probing its bandwidth) carry no picture.
    if (this.stopped || from !== this.link || rtp.payload.length === 0) return;
    from.ssrc ??= rtp.header.ssrc;
    const packet = this.continued(rtp);
    this.received.bytes += packet.length;
    this.received.packets++;
    this.lastPacketAt = performance.now();
    if (rtp.header.marker) this.frames++;
    this.track.writeRtp(packet);
    this.o.onPacket?.(packet);
    if (!this.online) {
      this.online = true;
      this.o.log.info({ camera: this.id }, 'camera publisher live');
      this.o.status({ online: true, reason: '', fps: 0 });
      from.keyframe();
    }
  }

  /**
   * The packet as the track's one stream: a new publisher's numbers start right after the last one's,
   * so the viewers' decoders see a continuing stream (their connections are not renegotiated). The
   * browser's header extensions are its connection's, not the viewers': they are left out.
   */
  private continued(rtp: RtpPacket): Buffer {
    const h = rtp.header;
    if (this.source?.ssrc !== h.ssrc) {
      this.source = this.last
        ? { ssrc: h.ssrc, seq: (this.last.seq + 1 - h.sequenceNumber) & 0xffff, ts: (this.last.ts + SOURCE_GAP_TICKS - h.timestamp) >>> 0 }
        : { ssrc: h.ssrc, seq: 0, ts: 0 };
    }
    h.sequenceNumber = (h.sequenceNumber + this.source.seq) & 0xffff;
    h.timestamp = (h.timestamp + this.source.ts) >>> 0;
    h.extension = false;
    h.extensions = [];
    h.padding = false;
    h.paddingSize = 0;
    this.last = { seq: h.sequenceNumber, ts: h.timestamp };
    return new RtpPacket(h, rtp.payload).serialize();
  }

  private everySecond(): void {
    const fps = this.frames;
    this.frames = 0;
    const link = this.link;
    if (!link) return;
    const silence = this.o.silenceMs ?? SILENCE_MS;
    const now = performance.now();
    if (this.online && now - this.lastPacketAt > silence) {
      // Offline, but the publisher stays: a phone that locked its screen, or a browser or server that
      // stalled for seconds, sends again on the same connection, and the next packet makes it live.
      // Only a connection that fails or closes ends it (its state says so).
      this.o.log.info({ camera: this.id }, 'camera publisher silent');
      this.setOffline(`no video from the publisher for ${Math.round(silence / 1000)} s`);
      return;
    }
    if (!link.connected && now - this.linkedAt > CONNECT_LIMIT_MS) {
      this.drop(link, 'the publisher never connected');
      return;
    }
    if (this.online) this.o.status({ online: true, reason: '', fps });
  }

  private setOffline(reason: string): void {
    this.online = false;
    this.o.status({ online: false, reason, fps: 0 });
  }
}
