/**
 * One shared space. Thin on purpose: lifecycle (auth, join, leave with reconnection, dispose), the
 * avatar every participant has, and the composition of the features (features.ts) whose routes and
 * hooks do the rest. Features and handlers see the room only through its `RoomContext`.
 */
import { Room, ServerError, type AuthContext, type Client, type ClientPrivate } from '@colyseus/core';
import { CLOSE_REASONS, CloseCode } from '../../shared/protocol/version.js';
import { ERROR_TEXT, type ErrorCode, type ErrorMessage } from '../../shared/protocol/errors.js';
import { JoinOptions } from '../../shared/protocol/messages.js';
import type { Admission } from '../security/joinToken.js';
import { check } from '../../shared/protocol/validation.js';
import { createPose, PoseFlag, type Pose } from '../../shared/protocol/pose.js';
import { hallBounds } from '../../shared/space/layout.js';
import { instanceName } from '../../shared/space/instances.js';
import { restPose, spawnSpot } from '../../shared/space/spawn.js';
import { AvatarState } from '../../shared/state/avatar.js';
import { SpaceState } from '../../shared/state/space.js';
import { colorFor, styleFor } from '../avatars/appearance.js';
import { acceptPose } from '../handlers/pose.js';
import type { Logger } from '../log.js';
import { protocolRefusal, type JoinGuard } from '../security/joinGuard.js';
import { claimSpace, type SpaceClaim } from '../security/spaceClaim.js';
import { frameGate, type FrameGate } from '../security/frameGate.js';
import { RefusalBudget } from '../security/refusalBudget.js';
import type { RoomContext } from '../core/context.js';
import type { SpaceInfo } from '../core/spaceInfo.js';
import type { SpaceRoomDeps, SpaceRoomOptions } from './deps.js';
import { installEdge } from './edge.js';
import type { BinaryRoutes, JsonRoutes, LeaveReason, RoomFeature } from '../core/feature.js';
import { createFeatures } from './features.js';
import { Participant } from '../core/participant.js';
import { spaceTitle } from '../spaces/layouts.js';

export class SpaceRoom extends Room<SpaceState> {
  private deps!: SpaceRoomDeps;
  private log!: Logger;
  private ctx!: RoomContext;
  private features: RoomFeature[] = [];
  private readonly participants = new Map<string, Participant>();
  private readonly started = performance.now();
  private claim: SpaceClaim | null = null;
  private gate: FrameGate = () => ({ ok: true });
  private readonly budgets = new WeakMap<Participant, RefusalBudget>();

  /**
   * Runs before matchmaking, so a bad request never creates or enters a room (SPEC J1–J2, HD2, HD3).
   * The composition root swaps in the full guard (passcode limits, join tokens) with {@link spaceRoomType};
   * this default checks the protocol version and the join options only.
   */
  static override async onAuth(_token: string, options: unknown, _context: AuthContext): Promise<JoinOptions> {
    const version = protocolRefusal(options);
    if (version) throw new ServerError(version.code, `${CLOSE_REASONS[version.code]} ${version.detail}`.trim());
    const result = check(JoinOptions, options);
    if (!result.ok) throw new ServerError(CloseCode.BAD_JOIN_OPTIONS, `${CLOSE_REASONS[CloseCode.BAD_JOIN_OPTIONS]} ${result.problems}`);
    return result.value;
  }

  override async onCreate(options: SpaceRoomOptions): Promise<void> {
    this.deps = options.deps;
    // The admission chose the instance (SPEC J6); a room opened any other way is the space itself.
    const instance = typeof options.instance === 'number' && Number.isInteger(options.instance) ? options.instance : 1;
    const memoryKey = instanceName(options.space, instance) || options.space;
    this.log = options.deps.log.child({ room: this.roomId, space: options.space, ...(instance > 1 ? { instance } : {}) });
    const { layoutName, layout } = options.deps.layouts.resolve(options.space);
    if (instance > (layout.overflow?.instances ?? 1)) {
      this.log.warn({ instance }, 'an instance the layout does not allow; refused to open');
      throw new ServerError(CloseCode.SPACE_FULL, CLOSE_REASONS[CloseCode.SPACE_FULL]);
    }
    // One space instance = one room, whichever matchmaking call opened it and in whichever process (SPEC HD1).
    this.claim = await claimSpace(this.presence, memoryKey);
    if (!this.claim) {
      this.log.info('space already open in another room; refused to open a second one');
      throw new ServerError(CloseCode.SPACE_BUSY, CLOSE_REASONS[CloseCode.SPACE_BUSY]);
    }
    // A space that overflows lets Colyseus lock a full room (held seats count): the admission then
    // seats the next join in the next instance, and a join racing for the last seat is retried (J6).
    if (layout.overflow) this.maxClients = options.deps.maxPerSpace;
    // The space's saved chat, board and lock, before anyone is greeted (bounded wait, SPEC RS1–RS3).
    await options.deps.memory.load(memoryKey);
    const space: SpaceInfo = {
      name: options.space,
      instance,
      memoryKey,
      layoutName,
      layout,
      geo: options.deps.layouts.geoOf(options.space),
    };
    this.state = spaceState(space);
    this.patchRate = options.deps.patchRateMs;
    this.ctx = this.context(space);
    this.features = createFeatures(options.deps, space);
    const json: JsonRoutes = {};
    const binary: BinaryRoutes = {};
    for (const f of this.features) {
      Object.assign(json, f.json);
      Object.assign(binary, f.binary);
    }
    installEdge(this, this.ctx, (client) => this.participants.get(client.sessionId), json, binary);
    this.gate = frameGate(Object.keys(json), Object.keys(binary));
    for (const f of this.features) f.opened?.(this.ctx);
    this.log.info({ layout: layoutName, features: this.features.map((f) => f.name) }, 'space opened');
  }

  /** What handlers and features may use of this room (context.ts). */
  private context(space: SpaceInfo): RoomContext {
    return {
      state: this.state,
      bounds: hallBounds(space.layout.hall),
      log: this.log,
      roomId: this.roomId,
      space,
      now: () => (performance.now() - this.started) / 1000,
      refuse: (p, code, ref, detail) => this.refuse(p, code, ref, detail),
      participant: (id) => this.participants.get(id),
      participants: () => this.participants.values(),
      send: (p, type, message) => p.client.send(type, message),
      broadcast: (type, message, except) => this.broadcast(type, message, except ? { except: except.client } : undefined),
      audit: (e) => void this.deps.journal.record({ ...e, space: space.name }),
      greet: (p) => {
        for (const f of this.features) f.greet?.(this.ctx, p);
      },
      disconnect: (p, code) => {
        p.removed = true;
        p.closedWith = code;
        // A seat held for a reconnection is given up: nobody comes back into it (SPEC JT9).
        if (p.endHold) return p.endHold();
        p.client.leave(code, describe(code));
        // The socket stays open until the client answers the close, and whatever it sent before that
        // answer (a flood: thousands of frames) would still be decoded and dispatched, only to be
        // dropped as `removed`, at everyone else's cost. Nothing it sends is read any more (SPEC HD10),
        // as Colyseus itself does for a session that leaves.
        p.client.ref.removeAllListeners('message');
      },
      after: (ms, fn) => {
        const d = this.clock.setTimeout(fn, ms);
        return () => d.clear();
      },
      every: (ms, fn) => {
        const d = this.clock.setInterval(fn, ms);
        return () => d.clear();
      },
    };
  }

  override onJoin(client: Client, _options: unknown, auth: Admission): void {
    // `joinById` reaches a room by id: the options must still name this room's space (SPEC HD1).
    if (auth.space !== this.state.space.name)
      throw new ServerError(
        CloseCode.BAD_JOIN_OPTIONS,
        `${CLOSE_REASONS[CloseCode.BAD_JOIN_OPTIONS]} space: this room holds another space`,
      );
    // A full space says so by name (SPEC J6); seats held for a reconnection count, they are taken.
    if (this.participants.size >= this.deps.maxPerSpace) {
      this.log.info({ seated: this.participants.size, max: this.deps.maxPerSpace }, 'space full; join refused');
      throw new ServerError(CloseCode.SPACE_FULL, `${CLOSE_REASONS[CloseCode.SPACE_FULL]} (${this.deps.maxPerSpace} people)`);
    }
    // Per-room admission (Colyseus ignores an instance onAuth when a static one exists): a feature
    // may refuse with a ServerError, e.g. a locked space; the client's join then fails with its code.
    for (const f of this.features) f.admit?.(this.ctx, auth);
    const s = this.state.space;
    // Inside the hall and clear of everyone already there, however many arrive (SPEC HD8).
    const standing = [...this.participants.values()].flatMap((o) =>
      o.lastPose ? [{ x: o.lastPose.pose.head.px, z: o.lastPose.pose.head.pz }] : [],
    );
    const spot = spawnSpot(s.spawnX, s.spawnZ, this.ctx.bounds, standing);
    const pose = restPose(createPose(), spot.x, spot.z, s.spawnYaw);
    const avatar = new AvatarState();
    avatar.name = auth.name;
    // A colour unlike everyone present's, the one asked for unless near-identical (SPEC AV2).
    const color = colorFor(this.state.avatars.entries(), client.sessionId, auth.color);
    avatar.color = color.color;
    avatar.style = styleFor(this.state.avatars.entries(), client.sessionId, auth.style);
    avatar.mode = auth.mode ?? 'desktop';
    const p = new Participant(client, avatar, auth);
    p.slot = avatar.slot = this.freeSlot();
    // The spawn is the first accepted pose (P9); flagged as a jump so nobody draws a glide to it.
    pose.flags = PoseFlag.TELEPORT;
    acceptPose(p, pose, this.ctx.now());
    p.lastPose!.lastTeleportAt = -Infinity;
    this.participants.set(client.sessionId, p);
    this.state.avatars.set(client.sessionId, avatar);
    this.log.info({ session: client.sessionId, name: auth.name, mode: avatar.mode, color: color.choice }, 'joined');
    for (const f of this.features) f.joined?.(this.ctx, p);
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const p = this.participants.get(client.sessionId);
    if (!p) return;
    if (consented || p.removed || this.deps.reconnectSeconds <= 0) return this.remove(p, p.removed ? removedWhy(p) : 'left');
    p.avatar.connected = false;
    this.log.info({ session: client.sessionId }, 'connection lost; holding seat');
    for (const f of this.features) f.dropped?.(this.ctx, p);
    try {
      const hold = this.allowReconnection(client, this.deps.reconnectSeconds);
      p.endHold = () => hold.reject(new Error('seat given up'));
      p.client = await hold;
      p.endHold = null;
      p.avatar.connected = true;
      this.log.info({ session: client.sessionId }, 'reconnected');
      for (const f of this.features) f.rejoined?.(this.ctx, p);
    } catch {
      p.endHold = null;
      this.remove(p, p.removed ? removedWhy(p) : 'expired');
    }
  }

  override onBeforePatch(): void {
    for (const f of this.features) f.beforePatch?.(this.ctx);
  }

  override async onDispose(): Promise<void> {
    for (const f of this.features) f.dispose?.();
    await this.claim?.release().catch((err: unknown) => this.log.warn({ err: String(err) }, 'could not release the space claim'));
    this.log.info('space closed');
  }

  /** The server is stopping: every session closes with a code that says so, and clients rejoin (SPEC RS5). */
  override onBeforeShutdown(): void {
    void this.disconnect(CloseCode.SERVER_RESTARTING);
  }

  override onUncaughtException(error: Error, methodName: string): void {
    // A ServerError is a refusal on purpose (a locked space, a wrong passcode): one line, no stack.
    // Colyseus wraps what a handler threw (the client and options ride along): look at the cause.
    const cause = error.cause ?? error;
    if (cause instanceof ServerError) this.log.info({ code: cause.code, method: methodName, reason: cause.message }, 'refused');
    else this.log.error({ err: cause, method: methodName }, 'uncaught exception in room handler');
  }

  /**
   * Every frame passes the gate (server/security/frameGate.ts) before Colyseus decodes it, so a bad
   * one is refused by name, not fatal (SPEC M4, HD7). Colyseus 0.16 has no supported hook for this
   * (ARCHITECTURE.md "Server" says why the override stays; tests/unit/server/rooms/messageHook.test.ts
   * fails if the entry point changes).
   */
  protected override _onMessage(client: Client & ClientPrivate, buffer: Buffer): void {
    const verdict = this.gate(buffer);
    if (verdict.ok) return super._onMessage(client, buffer);
    const p = this.participants.get(client.sessionId);
    if (p) this.refuse(p, verdict.code, verdict.ref, verdict.detail);
  }

  /** The pose the server holds for a participant (its last accepted one), for tests and tools in this process. */
  poseOf(sessionId: string): Readonly<Pose> | undefined {
    return this.participants.get(sessionId)?.lastPose?.pose;
  }

  /** The smallest pose-frame slot nobody in the room holds (SPEC PF1). */
  private freeSlot(): number {
    const taken = new Set<number>();
    for (const o of this.participants.values()) taken.add(o.slot);
    let slot = 0;
    while (taken.has(slot)) slot++;
    return slot;
  }

  private remove(p: Participant, reason: LeaveReason): void {
    this.participants.delete(p.sessionId);
    this.state.avatars.delete(p.sessionId);
    this.log.info({ session: p.sessionId, reason }, 'participant gone');
    for (const f of this.features) f.left?.(this.ctx, p, reason);
  }

  private refuse(p: Participant, code: ErrorCode, ref: string, detail?: string): void {
    if (p.removed) return;
    const now = this.ctx.now();
    let budget = this.budgets.get(p);
    if (!budget) this.budgets.set(p, (budget = new RefusalBudget(now)));
    const spent = budget.spend(now);
    if (spent.over) {
      this.log.warn({ session: p.sessionId, code, ref, quiet: spent.quiet }, 'refusal budget spent; session closed');
      return this.ctx.disconnect(p, CloseCode.TOO_MANY_REFUSALS);
    }
    if (spent.log) this.log.warn({ session: p.sessionId, code, ref, detail, quiet: spent.quiet }, 'refused client message');
    // The sender hears of each code at most once a second; names a client made up share one slot.
    const held = p.shouldReport(code, code === 'message.unknown_type' ? '*' : ref, now);
    if (held < 0) return;
    const message: ErrorMessage = { code, message: detail ? `${ERROR_TEXT[code]} (${detail})` : ERROR_TEXT[code], ref };
    p.client.send('error', message);
  }
}

/** The space room type with `guard` as its static onAuth (one per server: tests run several in a process). */
export function spaceRoomType(guard: JoinGuard): typeof SpaceRoom {
  return class GuardedSpaceRoom extends SpaceRoom {
    static override onAuth(token: string, options: unknown, context: AuthContext): Promise<Admission> {
      return guard(token, options, context);
    }
  };
}

/** The state a space opens with: its identity and hall from the layout, nobody in it yet. */
function spaceState({ name, instance, layoutName, layout }: SpaceInfo): SpaceState {
  const state = new SpaceState();
  const s = state.space;
  s.name = name;
  s.title = spaceTitle(name, layoutName, layout);
  s.layoutTitle = layout.title;
  // The layout keeps `building` only when its file loaded (server/buildings/buildings.ts).
  s.building = layout.building ? layoutName : '';
  s.layout = layoutName;
  s.width = layout.hall.width;
  s.depth = layout.hall.depth;
  s.height = layout.hall.height;
  s.spawnX = layout.spawn.x;
  s.spawnZ = layout.spawn.z;
  s.spawnYaw = layout.spawn.yaw;
  s.instance = instance;
  s.instanceName = instanceName(name, instance);
  return state;
}

/** Why the server ended a seat, from the code it closed it with. */
function removedWhy(p: Participant): LeaveReason {
  if (p.closedWith === CloseCode.KICKED) return 'removed';
  return p.closedWith === CloseCode.TOKEN_REVOKED ? 'revoked' : 'closed';
}

function describe(code: number): string | undefined {
  return (CLOSE_REASONS as Record<number, string | undefined>)[code];
}
