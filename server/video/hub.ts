/**
 * The process's video hub (SPEC VS1–VS3, VW1–VW4): one feed per camera twin, whatever the number of
 * spaces or viewers, and one send-only connection per viewer and camera. Feeds write the camera
 * twins' properties (online, since, why offline, resolution, fps) through the twin runtime, so a
 * camera shows online or offline like any machine shows its values.
 */
import { RTCDtlsTransport } from 'werift';
import { PUBLISH_SOURCE, TEST_SOURCE, type CameraExtension } from '../../shared/twin/camera.js';
import { MAX_WATCHED_CAMERAS } from '../../shared/protocol/video.js';
import type { ErrorCode } from '../../shared/protocol/errors.js';
import type { Logger } from '../log.js';
import type { TwinRuntime } from '../twins/runtime.js';
import type { VideoConfig } from './config.js';
import { CameraFeed, type FeedOptions, type FeedStatus } from './feed.js';
import { PublishedFeed } from './publisher.js';
import type { FeedRelay, RelayedStatus } from './relay.js';
import { ViewerLink } from './viewer.js';

export type HubResult<T = undefined> = { ok: true; value: T } | { ok: false; code: ErrorCode; detail?: string };

/** Feed tuning tests may shorten (silence, falling behind and backoff). */
export type FeedTuning = Pick<FeedOptions, 'silenceMs' | 'behindMs' | 'minBackoffMs' | 'maxBackoffMs'>;

/** With several processes (SPEC VS4): who owns each camera twin, and the relay between the processes. */
export interface VideoCluster {
  ownership: {
    owns(twin: string): boolean;
    /** Ownership asked of Redis now (twinLeases.ts), for what one process only may do. */
    confirm(twin: string): Promise<boolean>;
    onChange(l: (twin: string, owned: boolean) => void): () => void;
  };
  relay: FeedRelay;
}

/** A viewer: one participant's session in one room (`${roomId}/${sessionId}`). */
type ViewerKey = string;

/** A camera's feed: ffmpeg's (feed.ts) or a publishing page's (publisher.ts, SPEC CP2). */
export type Feed = CameraFeed | PublishedFeed;

export class VideoHub {
  private readonly feeds = new Map<string, Feed>();
  private readonly links = new Map<ViewerKey, Map<string, ViewerLink>>();
  private readonly cameras = new Map<string, { name: string; cam: CameraExtension }>();
  private stopOwnership: (() => void) | null = null;

  constructor(
    private readonly runtime: TwinRuntime,
    private readonly config: VideoConfig,
    private readonly log: Logger,
    private readonly tuning: FeedTuning = {},
    private readonly cluster?: VideoCluster,
  ) {
    for (const twin of runtime.all()) if (twin.def.camera) this.cameras.set(twin.id, { name: twin.def.title, cam: twin.def.camera });
  }

  /** Starts every camera's feed (or marks them all offline when video is off). */
  async start(): Promise<void> {
    // werift makes its DTLS certificate on first use; two connections starting while it is being made
    // can fail their handshake (seen here: the first viewer's DTLS failed). Made once, up front.
    if (this.config.video && this.cameras.size > 0) await RTCDtlsTransport.SetupCertificate();
    if (!this.config.video) {
      // Nothing is written: the cameras show stale (no data), like a machine whose source is not running.
      if (this.cameras.size > 0) this.log.info({ cameras: [...this.cameras.keys()] }, 'video is off (VIDEO=off): camera feeds do not run');
      return;
    }
    // Listened to first: a camera whose lease changes while the feeds are made is not missed.
    if (this.cluster) {
      const { ownership } = this.cluster;
      this.stopOwnership = ownership.onChange((twin, owned) => {
        if (!this.feeds.has(twin)) return;
        if (owned) void this.run(twin);
        else this.feeds.get(twin)!.stop();
        this.listenFor(twin);
      });
    }
    for (const [id, { name, cam }] of this.cameras) {
      const common = {
        log: this.log,
        status: (s: FeedStatus) => this.report(id, cam, s),
        ...(this.cluster ? { onPacket: (packet: Buffer) => this.cluster!.relay.publishPacket(id, packet) } : {}),
        ...(this.tuning.silenceMs !== undefined ? { silenceMs: this.tuning.silenceMs } : {}),
      };
      const feed =
        cam.source === PUBLISH_SOURCE
          ? new PublishedFeed(id, common)
          : new CameraFeed(id, name, cam, { ...common, ffmpegPath: this.config.ffmpegPath, ...this.tuning });
      this.feeds.set(id, feed);
      if (this.runsHere(id)) await this.run(id);
    }
    if (this.cameras.size > 0) this.log.info({ cameras: [...this.cameras.keys()], video: this.config.video }, 'video hub started');
  }

  stop(): void {
    this.stopOwnership?.();
    for (const viewer of this.links.keys()) this.leaveAll(viewer);
    for (const feed of this.feeds.values()) feed.stop();
    this.feeds.clear();
  }

  /** Alone, a process runs every camera; with others, the cameras it owns (SPEC VS4). */
  private runsHere(id: string): boolean {
    return !this.cluster || this.cluster.ownership.owns(id);
  }

  private async run(id: string): Promise<void> {
    // A published camera says itself that it waits for a publisher.
    if (!(this.feeds.get(id) instanceof PublishedFeed))
      this.report(id, this.cameras.get(id)!.cam, { online: false, reason: 'starting', fps: 0 });
    await this.feeds.get(id)!.start();
  }

  /** A camera another process runs: its packets are received here while someone here watches it. */
  private listenFor(camera: string): void {
    if (!this.cluster) return;
    let watched = false;
    for (const m of this.links.values()) watched ||= m.has(camera);
    this.cluster.relay.listen(camera, watched && !this.runsHere(camera));
  }

  /** A packet relayed from the process that runs the camera. */
  relayedPacket(camera: string, packet: Buffer): void {
    if (!this.runsHere(camera)) this.feeds.get(camera)?.relayed(packet);
  }

  /** A status relayed from the process that runs the camera: the twin shows it here too. */
  relayedStatus(s: RelayedStatus): void {
    const cam = this.cameras.get(s.camera);
    if (!cam || this.runsHere(s.camera)) return;
    this.write(s.camera, cam.cam, s, s.since);
  }

  /**
   * Whether this process serves `camera` now: alone, while its feed runs; with others, only once Redis
   * confirms its lease, so two processes never both take a publisher for one camera (SPEC CP8).
   */
  async servesNow(camera: string): Promise<boolean> {
    if (!this.feeds.get(camera)?.running) return false;
    if (this.cluster && !(await this.cluster.ownership.confirm(camera))) return false;
    // The lease may have been lost while Redis answered (the feed then stopped).
    return this.feeds.get(camera)?.running === true;
  }

  /** The ffmpeg feed of a camera (benches and tests read its counters). */
  feed(id: string): CameraFeed | undefined {
    const feed = this.feeds.get(id);
    return feed instanceof CameraFeed ? feed : undefined;
  }

  /** The feed of a `publish` camera, when video is on (SPEC CP2). */
  published(id: string): PublishedFeed | undefined {
    const feed = this.feeds.get(id);
    return feed instanceof PublishedFeed ? feed : undefined;
  }

  isCamera(id: string): boolean {
    return this.cameras.has(id);
  }

  /** Number of open viewer connections (all cameras). */
  get viewerLinks(): number {
    let n = 0;
    for (const m of this.links.values()) n += m.size;
    return n;
  }

  /** A new connection for `viewer` on `camera`; resolves with the server's offer (VW1). Replaces an earlier one. */
  async watch(viewer: ViewerKey, camera: string): Promise<HubResult<string>> {
    const feed = this.feeds.get(camera);
    if (!this.cameras.has(camera)) return { ok: false, code: 'video.unknown_camera', detail: camera };
    if (!feed) return { ok: false, code: 'video.off' };
    const mine = this.links.get(viewer) ?? new Map<string, ViewerLink>();
    if (!mine.has(camera) && mine.size >= MAX_WATCHED_CAMERAS) return { ok: false, code: 'video.limit' };
    mine.get(camera)?.close();
    const link = new ViewerLink(feed.track);
    mine.set(camera, link);
    this.links.set(viewer, mine);
    this.listenFor(camera);
    const sdp = await link.offer();
    // Left (or asked again) while the offer was being made: this link is no longer the one.
    if (this.links.get(viewer)?.get(camera) !== link) {
      link.close();
      return { ok: false, code: 'video.no_offer', detail: 'superseded' };
    }
    return { ok: true, value: sdp };
  }

  /** The viewer's answer to the pending offer (VW2). */
  async answer(viewer: ViewerKey, camera: string, sdp: string): Promise<HubResult> {
    const link = this.links.get(viewer)?.get(camera);
    if (!link || !link.waitingForAnswer) return { ok: false, code: 'video.no_offer', detail: camera };
    // werift reads what it can of any text; an answer without the parts a connection needs is refused here.
    if (!/^v=0\r?\n/.test(sdp) || !/^m=video /m.test(sdp) || !/^a=ice-ufrag:/m.test(sdp) || !/^a=fingerprint:/m.test(sdp)) {
      this.leave(viewer, camera);
      return { ok: false, code: 'video.bad_answer', detail: 'not an SDP answer with video, ICE and DTLS parts' };
    }
    try {
      await link.answer(sdp);
      return { ok: true, value: undefined };
    } catch (err) {
      this.leave(viewer, camera);
      return { ok: false, code: 'video.bad_answer', detail: (err as Error).message.slice(0, 120) };
    }
  }

  /** Stops sending `camera` to `viewer` (VW3); nothing if it was not sent. */
  leave(viewer: ViewerKey, camera: string): void {
    const mine = this.links.get(viewer);
    mine?.get(camera)?.close();
    mine?.delete(camera);
    if (mine && mine.size === 0) this.links.delete(viewer);
    this.listenFor(camera);
  }

  /** The viewer is gone: every connection of theirs closes. */
  leaveAll(viewer: ViewerKey): void {
    const cameras = [...(this.links.get(viewer)?.keys() ?? [])];
    for (const link of this.links.get(viewer)?.values() ?? []) link.close();
    this.links.delete(viewer);
    for (const camera of cameras) this.listenFor(camera);
  }

  /** A feed's status into its twin's properties (SPEC VT2, VS2). `since` changes only when `online` does. */
  private report(id: string, cam: CameraExtension, s: FeedStatus): void {
    const was = this.runtime.get(id)?.properties.get('online')?.value;
    const since = this.runtime.get(id)?.properties.get('since')?.value;
    const at = was !== s.online || since === undefined ? new Date().toISOString() : String(since);
    this.write(id, cam, s, at);
    // The other processes show what the owner's feed says (SPEC VS4).
    this.cluster?.relay.publishStatus({ camera: id, online: s.online, reason: s.reason, fps: s.fps, since: at });
  }

  private write(id: string, cam: CameraExtension, s: FeedStatus, since: string): void {
    this.runtime.ingest(id, 'online', s.online);
    this.runtime.ingest(id, 'offlineReason', s.reason);
    this.runtime.ingest(id, 'fps', s.fps);
    // A publishing page sends what its camera gives: the TD's size is only what is expected.
    const resolution =
      cam.source === PUBLISH_SOURCE ? 'as published' : `${cam.width}x${cam.height}${cam.source === TEST_SOURCE ? ' (test pattern)' : ''}`;
    this.runtime.ingest(id, 'resolution', resolution);
    this.runtime.ingest(id, 'since', since);
  }
}
