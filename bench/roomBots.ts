/**
 * One worker thread of bench/room.ts: a share of the bots, each a real client (`SpaceConnection` and
 * `AvatarStore`, as the page uses them) walking the hall with its head and both hands moving, sending
 * its pose at the bench's rate. Some bots are observers: they time every pose they receive against
 * the moment its sender sent that very pose (the senders write it to a shared ring, below) and count
 * the bytes on their socket.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Room } from 'colyseus.js';
import { joinOptions } from '../shared/protocol/messages.js';
import { createPose, encodePose, POSE_BYTES, PoseFlag, type Pose } from '../shared/protocol/pose.js';
import { AvatarStore } from '../client/avatars/store.js';
import { SpaceConnection } from '../client/net/connection.js';

import { Walker } from './walker.js';
import { MID, NEAR, RING, type BotsJob, type BotsToMain, type MainToBots, type ObserverReport } from './roomJob.js';

const job = workerData as BotsJob;
const sendLog = new Float64Array(job.sends);
const cursors = new Int32Array(job.cursors);
const now = () => performance.timeOrigin + performance.now();

interface Bot {
  index: number;
  connection: SpaceConnection;
  room: Room | null;
  walker: Walker;
  nextAt: number;
  first: boolean;
  observer: Observer | null;
}

interface Socketish {
  bytesRead: number;
  bytesWritten: number;
}

class Observer {
  report: ObserverReport = {
    bytesDown: 0,
    bytesUp: 0,
    latNear: [],
    latAll: [],
    updates: [0, 0, 0],
    exposure: [0, 0, 0],
    unmatched: 0,
  };
  measuring = false;
  socket: Socketish | null = null;
  private read0 = 0;
  private written0 = 0;
  /** Last head position heard of each avatar (x, z), by bot index. */
  readonly seen = new Map<number, { x: number; z: number }>();
  constructor(readonly bot: Bot) {}

  begin(): void {
    this.measuring = true;
    this.read0 = this.socket?.bytesRead ?? 0;
    this.written0 = this.socket?.bytesWritten ?? 0;
  }
  end(): void {
    this.measuring = false;
    this.report.bytesDown = (this.socket?.bytesRead ?? 0) - this.read0;
    this.report.bytesUp = (this.socket?.bytesWritten ?? 0) - this.written0;
  }
  tier(x: number, z: number): 0 | 1 | 2 {
    const d = Math.hypot(x - this.bot.walker.x, z - this.bot.walker.z);
    return d <= NEAR ? 0 : d <= MID ? 1 : 2;
  }
  sample(seconds: number): void {
    if (!this.measuring) return;
    for (const p of this.seen.values()) this.report.exposure[this.tier(p.x, p.z)] += seconds;
  }
  received(index: number, pose: Pose): void {
    const t = now();
    this.seen.set(index, { x: pose.head.px, z: pose.head.pz });
    if (!this.measuring) return;
    const tier = this.tier(pose.head.px, pose.head.pz);
    this.report.updates[tier]++;
    // Find when this very pose was sent: the newest send of that bot at this spot.
    const base = index * RING * 3;
    const c = Atomics.load(cursors, index);
    for (let k = 0; k < RING; k++) {
      const slot = (((c - 1 - k) % RING) + RING) % RING;
      const at = sendLog[base + slot * 3]!;
      if (at === 0 || at > t) continue;
      if (
        Math.abs(sendLog[base + slot * 3 + 1]! - pose.head.px) < 0.004 &&
        Math.abs(sendLog[base + slot * 3 + 2]! - pose.head.pz) < 0.004
      ) {
        const ms = t - at;
        this.report.latAll.push(ms);
        if (tier === 0) this.report.latNear.push(ms);
        return;
      }
    }
    this.report.unmatched++;
  }
}

/** An AvatarStore that tells its observer of every pose snapshot the client's mirror pushes. */
class ObservedStore extends AvatarStore {
  observer: Observer | null = null;
  override pushPose(id: string, t: number, pose: Pose, teleport: boolean): void {
    // Only observers keep the others' poses: a silent bot still receives and reads every frame (the
    // server's work and the bytes are the same) but does not interpolate 200 avatars it never draws —
    // with all the bots on one core that work kept them from their 15 Hz.
    if (!this.observer && id !== this.selfId) return;
    super.pushPose(id, t, pose, teleport);
    if (!this.observer || id === this.selfId) return;
    const name = this.avatars.get(id)?.name ?? '';
    const index = Number(name.slice(4));
    if (name.startsWith('Bot ') && Number.isInteger(index)) this.observer.received(index, pose);
  }
}

const bots: Bot[] = [];
const refusals: Record<string, number> = {};
let sent = 0;
/** How long each bot's join took, retries included (bench/hosts.ts prints its p99). */
const joinMs: number[] = [];

async function joinBot(index: number): Promise<Bot> {
  const store = new ObservedStore();
  const endpoint = job.endpoints ? job.endpoints[index % job.endpoints.length]! : job.endpoint;
  const space = job.rooms ? `${job.space}-${index % job.rooms}` : job.space;
  const connection = new SpaceConnection(endpoint, store);
  const bot: Bot = {
    index,
    connection,
    room: null,
    walker: new Walker(job.seed * 7919 + index, job.hall.width / 2 - 1, job.hall.depth / 2 - 1),
    nextAt: 0,
    first: true,
    observer: null,
  };
  if (job.observers.includes(index)) {
    bot.observer = new Observer(bot);
    store.observer = bot.observer;
  }
  connection.onRoom((room) => {
    bot.room = room;
    const ws = (room.connection as unknown as { transport: { ws: { _socket?: Socketish } } }).transport.ws;
    if (bot.observer && ws._socket) bot.observer.socket = ws._socket;
  });
  connection.onServerError((e) => {
    refusals[e.code] = (refusals[e.code] ?? 0) + 1;
  });
  // On a starved machine a join can fail on the socket ("socket hang up"): try again, as a person
  // would, and count it (printed with the refusals as `join.retry`).
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await connection.join(joinOptions({ space, name: `Bot ${index}`, color: '#2e86de', mode: 'vr' }));
      joinMs.push(performance.now() - started);
      return bot;
    } catch (err) {
      if (attempt >= 5) throw err;
      refusals['join.retry'] = (refusals['join.retry'] ?? 0) + 1;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function main(): Promise<void> {
  // Join a few at a time: a crowd arriving, not one thundering herd.
  for (let i = job.from; i < job.to; i += 5) {
    const batch = [];
    for (let k = i; k < Math.min(i + 5, job.to); k++) batch.push(joinBot(k));
    bots.push(...(await Promise.all(batch)));
  }
  parentPort!.postMessage({ kind: 'ready' } satisfies BotsToMain);
  await new Promise<void>((resolve) => parentPort!.once('message', () => resolve()));
  const pose = createPose();
  const buf = new Uint8Array(POSE_BYTES);
  const interval = 1000 / job.hz;
  const t0 = now();
  for (const b of bots) b.nextAt = t0 + Math.random() * interval;
  let last = t0;
  let sampled = t0;
  const observers = bots.flatMap((b) => (b.observer ? [b.observer] : []));
  let stopping = false;
  // Measure after a settling second, so the teleports that place everyone are not in the figures.
  const settle = setTimeout(() => observers.forEach((o) => o.begin()), 1000);
  const timer = setInterval(() => {
    const t = now();
    const dt = (t - last) / 1000;
    last = t;
    for (const b of bots) {
      b.walker.step(dt, (t - t0) / 1000, pose);
      if (t < b.nextAt) continue;
      b.nextAt += interval;
      if (b.nextAt < t) b.nextAt = t + interval;
      pose.flags = (b.first ? PoseFlag.TELEPORT : 0) | PoseFlag.LEFT_TRACKED | PoseFlag.RIGHT_TRACKED;
      b.first = false;
      const c = Atomics.load(cursors, b.index);
      const at = b.index * RING * 3 + (c % RING) * 3;
      sendLog[at] = t;
      sendLog[at + 1] = pose.head.px;
      sendLog[at + 2] = pose.head.pz;
      Atomics.store(cursors, b.index, c + 1);
      b.connection.sendPose(encodePose(pose, buf));
      sent++;
    }
    if (t - sampled >= 1000) {
      for (const o of observers) o.sample((t - sampled) / 1000);
      sampled = t;
    }
  }, 4);
  parentPort!.on('message', (m: MainToBots) => {
    if (m.kind !== 'stop' || stopping) return;
    stopping = true;
    clearTimeout(settle);
    clearInterval(timer);
    for (const o of observers) o.end();
    parentPort!.postMessage({ kind: 'report', observers: observers.map((o) => o.report), sent, refusals, joinMs } satisfies BotsToMain);
    void Promise.all(bots.map((b) => b.connection.leave())).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  parentPort!.postMessage({ kind: 'error', message: String((err as Error)?.stack ?? err) } satisfies BotsToMain);
});
