/**
 * The client's one connection to a space: join, keep the AvatarStore mirrored, send what the systems
 * produce, and come back by itself after any loss (colyseus.js 0.16 does not reconnect on its own:
 * rejoin.ts reconnects within the server's window, or joins again as the same person).
 */
import { Client, type Room } from 'colyseus.js';
import type { ErrorMessage } from '../../shared/protocol/errors.js';
import type { JoinOptions, ProfileMessage } from '../../shared/protocol/messages.js';
import type { ClientMessage, JsonClientMessageName, ServerMessage, ServerMessageName } from '../../shared/protocol/table.js';
import { CloseCode, ROOM_NAME, describeCloseCode } from '../../shared/protocol/version.js';
import type { SpaceState } from '../../shared/state/space.js';
import type { AvatarStore } from '../avatars/store.js';
import { SERVER_MESSAGE_NAMES, ServerInbox } from './inbox.js';
import { attachMirror } from './mirror.js';
import { attachPoseFrames, type PoseFrames } from './poseFrames.js';
import { POSE_FRAME_MESSAGE } from '../../shared/protocol/poseFrame.js';
import { createStateSync, type StateSync } from './stateSync.js';
import { rejoin } from './rejoin.js';
import { joinWithRetry } from './joinRetry.js';
import type { ConnectionStatus } from './status.js';

/** The consented-leave close code (Colyseus). */
const CONSENTED = 4000;

export class JoinRefused extends Error {
  constructor(
    readonly code: number | undefined,
    reason: string,
  ) {
    super(reason);
  }
}

/** Turns whatever joinOrCreate threw into words a person can act on. */
export function explainJoinError(err: unknown, endpoint: string): JoinRefused {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'number' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (code !== undefined && describeCloseCode(code)) return new JoinRefused(code, message || describeCloseCode(code)!);
  if (err instanceof TypeError || /fetch|network|ECONNREFUSED/i.test(message)) {
    return new JoinRefused(undefined, `Cannot reach the server at ${endpoint}. Check that it is running and that your network allows it.`);
  }
  return new JoinRefused(code, message);
}

export class SpaceConnection {
  private readonly client: Client;
  private room: Room<SpaceState> | null = null;
  private detachMirror: (() => void) | null = null;
  /** The current room's pose frames reader, once its first state arrived. */
  private poseFrames: PoseFrames | null = null;
  private status: ConnectionStatus = { state: 'connecting' };
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private readonly errorListeners = new Set<(e: ErrorMessage) => void>();
  private readonly inbox = new ServerInbox();
  private leaving = false;
  private readonly attachers = new Set<(room: Room<SpaceState>) => (() => void) | void>();
  private readonly stateAttachers = new Set<(sync: StateSync) => (() => void) | void>();
  /** The current room's state and its change callbacks, once its first state arrived. */
  private sync: StateSync | null = null;
  private detachers: (() => void)[] = [];
  /** The first join's options: a rejoin comes back as the same person. */
  private options: JoinOptions | undefined;

  constructor(
    readonly endpoint: string,
    private readonly store: AvatarStore,
  ) {
    this.client = new Client(endpoint);
    this.inbox.on('error', (m) => {
      console.warn(`[twinverse] server refused ${m.ref}: ${m.code} — ${m.message}`);
      for (const l of this.errorListeners) l(m);
    });
  }

  get current(): ConnectionStatus {
    return this.status;
  }

  get sessionId(): string | null {
    return this.room?.sessionId ?? null;
  }

  /**
   * The synced state (read-only use: the space's info), once the room's first state has arrived. A
   * room just joined already has a state object built from the handshake whose collections are still
   * undefined until that first state is decoded: read before then (a rejoin after a restart), every
   * `state.twins.values()` would throw.
   */
  get state(): SpaceState | null {
    return this.sync && this.room ? this.room.state : null;
  }

  onStatus(l: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(l);
    l(this.status);
    return () => this.statusListeners.delete(l);
  }

  /** Refusals of what this client sent (`error` messages). */
  onServerError(l: (e: ErrorMessage) => void): () => void {
    this.errorListeners.add(l);
    return () => this.errorListeners.delete(l);
  }

  /** Joins the space; resolves once the first state arrived. Throws JoinRefused with a reason. */
  async join(options: JoinOptions): Promise<SpaceState> {
    this.setStatus({ state: 'connecting' });
    this.options = options;
    let room: Room<SpaceState>;
    try {
      // "Try again in a moment" (a building still being read, SPEC BM2) is retried, not shown.
      room = await joinWithRetry(() => this.client.joinOrCreate<SpaceState>(ROOM_NAME, options));
    } catch (err) {
      const refused = explainJoinError(err, this.endpoint);
      this.setStatus({ state: 'failed', reason: refused.message });
      throw refused;
    }
    await this.adopt(room);
    return room.state;
  }

  /**
   * Runs `attach` with every room this connection adopts — the first join and each reconnection. Only
   * benches use it (bench/roomBots.ts counts the bytes on the room's socket); features listen through
   * the typed `on()` and `onState()`. `attach` returns its detach function.
   */
  onRoom(attach: (room: Room<SpaceState>) => (() => void) | void): () => void {
    this.attachers.add(attach);
    if (this.room) {
      const d = attach(this.room);
      if (d) this.detachers.push(d);
    }
    return () => this.attachers.delete(attach);
  }

  /**
   * Runs `attach` with the state of every room this connection adopts, once that state has arrived
   * (the first join and each reconnection): a feature's sync module registers Colyseus' change
   * callbacks there (`sync.$`) and flushes after each patch; `attach` returns its detach function.
   */
  onState(attach: (sync: StateSync) => (() => void) | void): () => void {
    this.stateAttachers.add(attach);
    if (this.sync) this.attach(() => attach(this.sync!));
    return () => this.stateAttachers.delete(attach);
  }

  /**
   * Calls `handler` with every `name` message from the server, on this room and every later one (a
   * reconnection), checked against the protocol table first; returns the function that stops it.
   */
  on<N extends ServerMessageName>(name: N, handler: (payload: ServerMessage<N>) => void): () => void {
    return this.inbox.on(name, handler);
  }

  /** Sends a JSON message from the protocol table (dropped while not connected). */
  send<N extends JsonClientMessageName>(type: N, payload: ClientMessage<N>): void {
    if (this.canSend()) this.room?.send(type, payload);
  }

  sendPose(bytes: Uint8Array): void {
    if (this.canSend()) this.room?.sendBytes('pose', bytes);
  }

  /**
   * The socket closes before Colyseus reports the drop: in between, the status still says connected,
   * and a send would only make the browser log "WebSocket is already in CLOSING or CLOSED state".
   */
  private canSend(): boolean {
    return this.status.state === 'connected' && this.room?.connection.isOpen === true;
  }

  sendProfile(profile: ProfileMessage): void {
    this.send('profile', profile);
  }

  /** A passcode the server accepted mid-session (host claimed): rejoins carry it, so the role comes back (SPEC RS3). */
  keepPasscode(passcode: string): void {
    if (this.options) this.options = { ...this.options, passcode };
  }

  /**
   * The colour and style the server gave us (SPEC AV2, AV3): rejoins ask for them, so a person whose
   * colour was picked for them comes back in the same one.
   */
  keepAppearance(joinedAs: Pick<JoinOptions, 'color' | 'style'>): void {
    if (this.options) this.options = { ...this.options, color: joinedAs.color, style: joinedAs.style };
  }

  /** Leaves on purpose: others see us go at once. */
  async leave(): Promise<void> {
    this.leaving = true;
    const room = this.room;
    if (room) await room.leave(true).catch(() => undefined);
    this.setStatus({ state: 'left' });
  }

  /** Test hook: drop the socket as a network failure would, without telling the server. */
  simulateDrop(): void {
    (this.room?.connection as unknown as { close(code?: number): void } | undefined)?.close(4999);
  }

  private async adopt(room: Room<SpaceState>, resumed?: 'reconnected' | 'rejoined'): Promise<void> {
    this.detachMirror?.();
    this.detachMirror = null;
    this.poseFrames?.dispose();
    this.poseFrames = null;
    for (const d of this.detachers.splice(0)) d();
    this.room = room;
    this.sync = null;
    this.store.selfId = room.sessionId;
    // Joined means placed: the first state, then our own pose in the first pose frame (arrival.ts).
    const firstState = new Promise<void>((resolve) =>
      room.onStateChange.once(() => {
        this.followState(room);
        void this.poseFrames?.placed.then(resolve);
      }),
    );
    for (const attach of this.attachers) this.attach(() => attach(room));
    // Every name of the table has a handler on the room, so each message reaches the inbox's check.
    for (const name of SERVER_MESSAGE_NAMES) room.onMessage(name, (m: unknown) => this.inbox.deliver(name, m));
    // Pose frames are bytes with their own codec (its reader is their validator, SPEC PF1).
    room.onMessage(POSE_FRAME_MESSAGE, (bytes: unknown) => {
      if (room === this.room && bytes instanceof Uint8Array) this.poseFrames?.receive(bytes);
    });
    room.onLeave((code) => void this.onLeave(room, code));
    await firstState;
    this.setStatus(resumed ? { state: 'connected', resumed } : { state: 'connected' });
  }

  /** The room's first state arrived: the avatar mirror and the features' sync modules follow it now. */
  private followState(room: Room<SpaceState>): void {
    if (room !== this.room) return;
    const sync = createStateSync(room);
    this.sync = sync;
    this.detachMirror = attachMirror(sync, this.store);
    this.poseFrames = attachPoseFrames(sync, this.store);
    for (const attach of this.stateAttachers) this.attach(() => attach(sync));
  }

  /** Runs one feature's attach; its detach runs when the room is replaced. */
  private attach(run: () => (() => void) | void): void {
    // One feature's sync module failing must not cost the others (or the reconnection) their room.
    try {
      const d = run();
      if (d) this.detachers.push(d);
    } catch (err) {
      console.error('[twinverse] a feature could not attach to the room', err);
    }
  }

  private async onLeave(room: Room<SpaceState>, code: number): Promise<void> {
    if (room !== this.room) return;
    if (this.leaving || code === CONSENTED) return this.setStatus({ state: 'left' });
    const words = describeCloseCode(code);
    if (code === CloseCode.KICKED || (words && code >= 4400 && code < 4500)) {
      return this.setStatus({ state: 'failed', reason: words ?? `Closed by the server (code ${code}).` });
    }
    // Any other loss is temporary: back with the same seat or as the same person (rejoin.ts).
    const options = this.options;
    await rejoin(
      {
        reconnect: (token) => this.client.reconnect<SpaceState>(token),
        join: () => this.client.joinOrCreate<SpaceState>(ROOM_NAME, options),
        adopt: (r, how) => this.adopt(r, how),
        stopped: () => this.leaving,
        status: (s) => this.setStatus(s),
        warn: (m) => console.warn(`[twinverse] ${m}`),
      },
      room.reconnectionToken,
      code,
    );
  }

  /**
   * Tells every listener; one that throws is logged and the others still hear (SPEC CL5): a throw here
   * would skip the rest (the rejoin's teleport back to where the person stood) and fail the adoption,
   * so the rejoin would join a second time and leave the first seat standing.
   */
  private setStatus(s: ConnectionStatus): void {
    this.status = s;
    for (const l of this.statusListeners) {
      try {
        l(s);
      } catch (err) {
        console.error(`[twinverse] a connection status listener failed (${s.state}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
