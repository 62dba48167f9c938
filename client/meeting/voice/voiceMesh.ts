/**
 * The voice mesh: which people I hold a WebRTC link with, and keeping those links alive (SPEC V3).
 * Each client wants the nearest `nearest` speakers (hysteresis in selection.ts) plus whoever shares a
 * screen (and everyone while I share); a link lives while either side wants it, and `want` messages
 * tell the other side. Of each pair, the smaller session id is the **caller**: only it creates links,
 * numbering each one, so the two sides never build competing connections and a late message about an
 * old link is simply dropped. At most `maxLinks` links in all; `bye busy` says "at my limit". Farther
 * people are not heard: their audio costs no bandwidth.
 */
import type { RelayedSignal, SignalBody, SignalMessage, WelcomeMessage } from '../../../shared/protocol/meeting.js';
import { VOICE_MAX_LINKS, VOICE_NEAREST } from '../../../shared/protocol/meeting.js';
import { PeerLink, type LinkEvents, type LinkSignal } from './peerLink.js';
import { DEFAULT_RULES, selectNearest, type Candidate } from './selection.js';

/** How often the wanted set is recomputed, ms. */
const SELECT_EVERY_MS = 500;
/** After `bye busy`, ask that person again after this long, ms. */
const BUSY_RETRY_MS = 15_000;
/** After a failed or closed link, the caller dials again after this long, ms (plus up to 1 s). */
const RETRY_MS = 1_500;
/** A link not connected after this long is given up and redialled (a message lost), ms. */
const CONNECT_TIMEOUT_MS = 20_000;

export interface VoiceMeshDeps {
  selfId(): string | null;
  send(message: SignalMessage): void;
  /** Everyone else present: id, reachable for calls, metres from me on the floor (null: unknown). */
  peers(): Iterable<{ id: string; connected: boolean; distance: number | null }>;
  /** People I must be linked with whatever the distance (the screen sharer; everyone while I share). */
  pinned(): ReadonlySet<string>;
  /** My microphone track and its stream (null: listening only). */
  audio(): { track: MediaStreamTrack; stream: MediaStream } | null;
  /** My screen share track and stream, while I share. */
  screen(): { track: MediaStreamTrack; stream: MediaStream } | null;
  /** A person's voice arrived (stream) or went (null). */
  onAudio(id: string, stream: MediaStream | null): void;
  /** A person's screen arrived (track) or went (null). */
  onVideo(id: string, track: MediaStreamTrack | null, stream: MediaStream | null): void;
  /** Makes a link (tests pass a fake; default: a real PeerLink). */
  createLink?(peer: string, polite: boolean, config: RTCConfiguration, local: LocalMedia, events: LinkEvents, initiator: boolean): MeshLink;
}

type LocalMedia = ConstructorParameters<typeof PeerLink>[3];

/** What the mesh needs of a link (PeerLink, or a test double). */
export type MeshLink = Pick<PeerLink, 'state' | 'createdAt' | 'receive' | 'setAudio' | 'setVideo' | 'close' | 'stats' | 'polite'>;

interface Entry {
  link: MeshLink | null;
  /** Number of the current link (0: none yet). */
  gen: number;
  localWant: boolean;
  remoteWant: boolean;
  /** The caller dials no sooner than this (ms, performance clock). */
  retryAt: number;
}

export interface LinkInfo {
  peer: string;
  state: RTCPeerConnectionState | 'none';
  localWant: boolean;
  remoteWant: boolean;
  caller: boolean;
  link: number;
}

export class VoiceMesh {
  private config: RTCConfiguration | null = null;
  nearest = VOICE_NEAREST;
  maxLinks = VOICE_MAX_LINKS;
  private readonly entries = new Map<string, Entry>();
  private lastSelect = -Infinity;
  private wanted = new Set<string>();
  private nextGen = 1;
  /** Signals that came before the welcome (we cannot answer without ICE servers yet). */
  private early: RelayedSignal[] = [];

  constructor(private readonly d: VoiceMeshDeps) {}

  /** The server's welcome: ICE servers (nothing is dialled before it arrives) and limits. */
  welcome(w: WelcomeMessage): void {
    this.config = { iceServers: w.iceServers, iceTransportPolicy: w.iceTransportPolicy, bundlePolicy: 'max-bundle' };
    this.nearest = w.nearest;
    this.maxLinks = w.maxLinks;
    this.lastSelect = -Infinity;
    for (const s of this.early.splice(0)) this.receive(s);
  }

  get ready(): boolean {
    return this.config !== null;
  }

  /** Recomputes the wanted set (twice a second), tells people, dials, retries and releases links. */
  update(now: number): void {
    if (!this.config) return;
    if (now - this.lastSelect >= SELECT_EVERY_MS) {
      this.lastSelect = now;
      this.select();
    }
    for (const [id, e] of this.entries) {
      // A link that never came up (an offer or answer lost, e.g. in a reconnection) starts over.
      if (e.link && e.link.state !== 'connected' && now - e.link.createdAt > CONNECT_TIMEOUT_MS) {
        this.fail(id, e, 'did not connect');
        continue;
      }
      if (!e.link && (e.localWant || e.remoteWant) && this.caller(id) && now >= e.retryAt && this.linkCount() < this.maxLinks) {
        e.gen = this.nextGen++;
        e.link = this.open(id, e.gen, true);
      }
    }
  }

  /** A signal from another person, relayed by the server. */
  receive(s: RelayedSignal): void {
    if (!this.config) {
      this.early.push(s);
      return;
    }
    const { from: id, ...body } = s;
    const sig = body as SignalBody;
    let e = this.entries.get(id);
    switch (sig.kind) {
      case 'offer': {
        if (e?.link && e.gen === sig.link) return void e.link.receive(sig);
        // A new link from the caller (only the caller numbers links); anything older is stale.
        if (this.caller(id) || (e && sig.link < e.gen)) return;
        if (!e) this.entries.set(id, (e = { link: null, gen: 0, localWant: false, remoteWant: false, retryAt: 0 }));
        this.closeLink(id, e);
        e.gen = sig.link;
        if (this.linkCount() >= this.maxLinks) {
          this.signal(id, { kind: 'bye', link: sig.link, busy: true });
          return;
        }
        e.link = this.open(id, sig.link, false);
        void e.link.receive(sig);
        return;
      }
      case 'answer':
      case 'candidate':
        if (e?.link && e.gen === sig.link) void e.link.receive(sig);
        return;
      case 'want':
        if (!e) {
          if (!sig.on) return;
          this.entries.set(id, (e = { link: null, gen: 0, localWant: false, remoteWant: false, retryAt: 0 }));
        }
        e.remoteWant = sig.on;
        if (sig.on && !e.link && this.caller(id) && this.linkCount() >= this.maxLinks) this.signal(id, { kind: 'bye', busy: true });
        if (!sig.on && !e.localWant) this.drop(id, true);
        return;
      case 'bye':
        if (!e || (sig.link !== undefined && sig.link !== e.gen)) return;
        this.closeLink(id, e);
        e.retryAt = performance.now() + (sig.busy ? BUSY_RETRY_MS : RETRY_MS + Math.random() * 1000);
        if (!e.localWant && !e.remoteWant) this.entries.delete(id);
        return;
    }
  }

  /** My microphone changed (started, stopped): every link sends the new track. */
  audioChanged(): void {
    const a = this.d.audio();
    for (const e of this.entries.values()) e.link?.setAudio(a?.track ?? null, a?.stream ?? null);
  }

  /** My screen share started or stopped. */
  screenChanged(): void {
    const s = this.d.screen();
    for (const e of this.entries.values()) e.link?.setVideo(s?.track ?? null, s?.stream ?? null);
    this.lastSelect = -Infinity;
  }

  links(): LinkInfo[] {
    return [...this.entries].map(([peer, e]) => ({
      peer,
      state: e.link?.state ?? 'none',
      localWant: e.localWant,
      remoteWant: e.remoteWant,
      caller: this.caller(peer),
      link: e.gen,
    }));
  }

  link(id: string): MeshLink | null {
    return this.entries.get(id)?.link ?? null;
  }

  /** Every open link (stats, diagnostics). */
  openLinks(): MeshLink[] {
    return [...this.entries.values()].flatMap((e) => (e.link ? [e.link] : []));
  }

  dispose(): void {
    for (const id of [...this.entries.keys()]) this.drop(id, true);
  }

  private select(): void {
    const present = new Map<string, boolean>();
    const candidates: Candidate[] = [];
    for (const p of this.d.peers()) {
      present.set(p.id, p.connected);
      if (p.connected && p.distance !== null) candidates.push({ id: p.id, distance: p.distance });
    }
    // People who left: their links go without a word (the server would refuse the signal).
    for (const id of [...this.entries.keys()]) if (!present.has(id)) this.drop(id, false);

    const wanted = selectNearest(candidates, this.wanted, { ...DEFAULT_RULES, k: this.nearest });
    for (const id of this.d.pinned()) if (present.get(id)) wanted.add(id);
    this.wanted = wanted;

    for (const [id, e] of this.entries) {
      if (wanted.has(id) || !e.localWant) continue;
      e.localWant = false;
      if (e.remoteWant) this.signal(id, { kind: 'want', on: false });
      else this.drop(id, true);
    }
    for (const id of wanted) {
      let e = this.entries.get(id);
      if (!e) this.entries.set(id, (e = { link: null, gen: 0, localWant: false, remoteWant: false, retryAt: 0 }));
      if (e.localWant) continue;
      e.localWant = true;
      // The caller dials on its own; the other side asks it to.
      this.signal(id, { kind: 'want', on: true });
    }
  }

  private caller(id: string): boolean {
    return (this.d.selfId() ?? '') < id;
  }

  private linkCount(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.link) n++;
    return n;
  }

  private open(id: string, gen: number, initiator: boolean): MeshLink {
    const a = this.d.audio();
    const s = this.d.screen();
    const make = this.d.createLink ?? ((...args: ConstructorParameters<typeof PeerLink>) => new PeerLink(...args));
    const link: MeshLink = make(
      id,
      !initiator,
      this.config!,
      { audio: a?.track ?? null, audioStream: a?.stream ?? null, video: s?.track ?? null, videoStream: s?.stream ?? null },
      {
        signal: (body: LinkSignal) => this.signal(id, { ...body, link: gen } as SignalBody),
        track: (track, stream) => {
          if (this.entries.get(id)?.link !== link) return;
          if (track.kind === 'audio') this.d.onAudio(id, stream);
          else {
            this.d.onVideo(id, track, stream);
            track.addEventListener('ended', () => this.d.onVideo(id, null, null));
            stream.addEventListener('removetrack', () => this.d.onVideo(id, null, null));
          }
        },
        state: (state) => {
          const e = this.entries.get(id);
          if (state === 'failed' && e?.link === link) this.fail(id, e, 'failed');
        },
      },
      initiator,
    );
    return link;
  }

  /** Gives a link up: tells the peer, closes it; the caller dials again a little later if still wanted. */
  private fail(id: string, e: Entry, why: string): void {
    console.warn(`[twinverse] voice link to ${id} ${why}; retrying`);
    this.signal(id, { kind: 'bye', link: e.gen });
    this.closeLink(id, e);
    e.retryAt = performance.now() + RETRY_MS + Math.random() * 1000;
  }

  private closeLink(id: string, e: Entry): void {
    if (!e.link) return;
    e.link.close();
    e.link = null;
    this.d.onAudio(id, null);
    this.d.onVideo(id, null, null);
  }

  private drop(id: string, sayBye: boolean): void {
    const e = this.entries.get(id);
    if (!e) return;
    if (sayBye && e.link) this.signal(id, { kind: 'bye', link: e.gen });
    this.closeLink(id, e);
    this.entries.delete(id);
  }

  private signal(to: string, body: SignalBody): void {
    this.d.send({ to, ...body } as SignalMessage);
  }
}
