/**
 * One worker thread of bench/naf.ts: the bots of bench/room.ts (same walkers, same seed, same rate)
 * as Networked-Aframe 0.14.3 clients of its stock socket.io relay. A NAF avatar with hands is three
 * `networked` entities (head, left hand, right hand, each `position` + `rotation`); NAF's system tick
 * (`updateRate` 15 by default) broadcasts one `um` message holding the sync data of every entity it
 * owns, after one `u` per entity with `isFirstSync` when it appears (src/components/networked.js).
 *
 * Observers are real `socket.io-client` clients and parse every message, as a page would. The silent
 * bots speak the same Engine.IO v4 / Socket.IO v5 frames over a bare WebSocket and do not parse what
 * they receive: the server's work and the bytes are the same, but 200 JSON-parsing clients would
 * keep the one bot core from its 15 Hz (the Twinverse bots skip interpolation for the same reason).
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { createPose, type Joint, type Pose } from '../shared/protocol/pose.js';
import { MID, NEAR, RING, type BotsJob, type BotsToMain, type MainToBots, type ObserverReport } from './roomJob.js';
import { Walker } from './walker.js';

export interface NafBotsJob extends BotsJob {
  /** The scratch folder holding networked-aframe's socket.io, socket.io-client and ws. */
  scratch: string;
}

/** The parts of socket.io-client and ws the bots use (they load from the scratch folder, untyped). */
interface IoSocket {
  on(event: string, listener: (data: unknown) => void): void;
  emit(event: string, data: unknown): void;
  disconnect(): void;
  id?: string;
  io: { engine: { transport: { ws?: { _socket?: Socketish } } } };
}
interface RawSocket {
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  send(data: string): void;
  close(): void;
}
interface Socketish {
  bytesRead: number;
  bytesWritten: number;
}

const job = workerData as NafBotsJob;
const scratchRequire = createRequire(`${job.scratch}/package.json`);
const io = scratchRequire('socket.io-client') as { io: (url: string, opts: object) => IoSocket };
const WebSocket = scratchRequire('ws') as new (url: string, opts: { skipUTF8Validation: boolean }) => RawSocket;
const sendLog = new Float64Array(job.sends);
const cursors = new Int32Array(job.cursors);
const now = () => performance.timeOrigin + performance.now();
const ROOM = job.space;

/** A-Frame's `rotation` as NAF sends it: Euler degrees, YXZ order (three.js' setFromRotationMatrix). */
function degrees(q: Joint): { x: number; y: number; z: number } {
  const { qx: x, qy: y, qz: z, qw: w } = q;
  const m13 = 2 * (x * z + w * y);
  const m23 = 2 * (y * z - w * x);
  const m33 = 1 - 2 * (x * x + y * y);
  const m21 = 2 * (x * y + w * z);
  const m22 = 1 - 2 * (x * x + z * z);
  const m11 = 1 - 2 * (y * y + z * z);
  const m31 = 2 * (x * z - w * y);
  const rx = Math.asin(-Math.max(-1, Math.min(1, m23)));
  const ry = Math.abs(m23) < 0.9999999 ? Math.atan2(m13, m33) : Math.atan2(-m31, m11);
  const rz = Math.abs(m23) < 0.9999999 ? Math.atan2(m21, m22) : 0;
  const k = 180 / Math.PI;
  return { x: rx * k, y: ry * k, z: rz * k };
}

interface SyncData {
  networkId: string;
  owner: string;
  creator: string;
  lastOwnerTime: number;
  template: string;
  persistent: boolean;
  parent: null;
  components: Record<number, { x: number; y: number; z: number }>;
  isFirstSync: boolean;
}

const PARTS = [
  { tag: 'h', template: '#avatar-template', joint: (p: Pose) => p.head },
  { tag: 'l', template: '#left-hand-template', joint: (p: Pose) => p.left },
  { tag: 'r', template: '#right-hand-template', joint: (p: Pose) => p.right },
] as const;

/** NAF's network ids are 7 random characters; these carry the bot's index so observers can time them. */
function networkId(tag: string, index: number): string {
  return `${tag}${String(index).padStart(6, '0')}`;
}

class Observer {
  report: ObserverReport = { bytesDown: 0, bytesUp: 0, latNear: [], latAll: [], updates: [0, 0, 0], exposure: [0, 0, 0], unmatched: 0 };
  measuring = false;
  socket: Socketish | null = null;
  private read0 = 0;
  private written0 = 0;
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
  /** One `u`/`um` packet's data: time the head entries against their send. */
  received(data: unknown): void {
    const t = now();
    const entries = (data as { d?: SyncData[] }).d ?? [data as SyncData];
    for (const e of entries) {
      if (typeof e?.networkId !== 'string' || e.networkId[0] !== 'h') continue;
      const index = Number(e.networkId.slice(1));
      const pos = e.components[0];
      if (!pos) continue;
      this.seen.set(index, { x: pos.x, z: pos.z });
      if (!this.measuring) continue;
      const tier = this.tier(pos.x, pos.z);
      this.report.updates[tier]++;
      const base = index * RING * 3;
      const c = Atomics.load(cursors, index);
      let matched = false;
      for (let k = 0; k < RING && !matched; k++) {
        const slot = (((c - 1 - k) % RING) + RING) % RING;
        const at = sendLog[base + slot * 3]!;
        if (at === 0 || at > t) continue;
        if (sendLog[base + slot * 3 + 1] === pos.x && sendLog[base + slot * 3 + 2] === pos.z) {
          this.report.latAll.push(t - at);
          if (tier === 0) this.report.latNear.push(t - at);
          matched = true;
        }
      }
      if (!matched) this.report.unmatched++;
    }
  }
}

interface Bot {
  index: number;
  id: string;
  walker: Walker;
  nextAt: number;
  first: boolean;
  observer: Observer | null;
  broadcast(type: string, data: unknown): void;
  close(): void;
}

const bots: Bot[] = [];
const refusals: Record<string, number> = {};
let sent = 0;

function joinObserver(bot: Bot): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io.io(job.endpoint, { transports: ['websocket'], reconnection: false });
    socket.on('connect', () => {
      bot.id = socket.id ?? '';
      bot.observer!.socket = socket.io.engine.transport.ws?._socket ?? null;
      socket.emit('joinRoom', { room: ROOM });
    });
    socket.on('connectSuccess', () => resolve());
    socket.on('connect_error', (err) => reject(err as Error));
    socket.on('broadcast', (packet) => bot.observer!.received((packet as { data: unknown }).data));
    bot.broadcast = (type, data) => socket.emit('broadcast', { from: bot.id, type, data });
    bot.close = () => socket.disconnect();
  });
}

/** Engine.IO v4 over a bare WebSocket: open `0{…}` → `40` connect; pings `2` answered `3`; events `42[…]`. */
function joinSilent(bot: Bot): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${job.endpoint.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { skipUTF8Validation: true });
    let joined = false;
    ws.on('message', (raw) => {
      if (joined) {
        if (raw.length === 1 && raw[0] === 0x32) ws.send('3');
        return;
      }
      const text = raw.toString();
      if (text === '2') ws.send('3');
      else if (text.startsWith('0{')) ws.send('40');
      else if (text.startsWith('40')) {
        bot.id = (JSON.parse(text.slice(2)) as { sid: string }).sid;
        ws.send(`42${JSON.stringify(['joinRoom', { room: ROOM }])}`);
      } else if (text.startsWith('42["connectSuccess"')) {
        joined = true;
        resolve();
      }
    });
    ws.on('error', reject);
    bot.broadcast = (type, data) => ws.send(`42${JSON.stringify(['broadcast', { from: bot.id, type, data }])}`);
    bot.close = () => ws.close();
  });
}

async function joinBot(index: number): Promise<Bot> {
  const bot: Bot = {
    index,
    id: '',
    walker: new Walker(job.seed * 7919 + index, job.hall.width / 2 - 1, job.hall.depth / 2 - 1),
    nextAt: 0,
    first: true,
    observer: null,
    broadcast: () => undefined,
    close: () => undefined,
  };
  if (job.observers.includes(index)) bot.observer = new Observer(bot);
  for (let attempt = 1; ; attempt++) {
    try {
      await (bot.observer ? joinObserver(bot) : joinSilent(bot));
      return bot;
    } catch (err) {
      if (attempt >= 5) throw err;
      refusals['join.retry'] = (refusals['join.retry'] ?? 0) + 1;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

function syncData(bot: Bot, pose: Pose, first: boolean): SyncData[] {
  return PARTS.map((part) => {
    const j = part.joint(pose);
    return {
      networkId: networkId(part.tag, bot.index),
      owner: bot.id,
      creator: bot.id,
      lastOwnerTime: -1,
      template: part.template,
      persistent: false,
      parent: null,
      components: { 0: { x: j.px, y: j.py, z: j.pz }, 1: degrees(j) },
      isFirstSync: first,
    };
  });
}

async function main(): Promise<void> {
  for (let i = job.from; i < job.to; i += 5) {
    const batch = [];
    for (let k = i; k < Math.min(i + 5, job.to); k++) batch.push(joinBot(k));
    bots.push(...(await Promise.all(batch)));
  }
  parentPort!.postMessage({ kind: 'ready' } satisfies BotsToMain);
  await new Promise<void>((resolve) => parentPort!.once('message', () => resolve()));
  const pose = createPose();
  const interval = 1000 / job.hz;
  const t0 = now();
  for (const b of bots) b.nextAt = t0 + Math.random() * interval;
  let last = t0;
  let sampled = t0;
  const observers = bots.flatMap((b) => (b.observer ? [b.observer] : []));
  let stopping = false;
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
      const c = Atomics.load(cursors, b.index);
      const at = b.index * RING * 3 + (c % RING) * 3;
      sendLog[at] = t;
      sendLog[at + 1] = pose.head.px;
      sendLog[at + 2] = pose.head.pz;
      Atomics.store(cursors, b.index, c + 1);
      if (b.first) for (const d of syncData(b, pose, true)) b.broadcast('u', d);
      else b.broadcast('um', { d: syncData(b, pose, false) });
      b.first = false;
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
    parentPort!.postMessage({ kind: 'report', observers: observers.map((o) => o.report), sent, refusals } satisfies BotsToMain);
    for (const b of bots) b.close();
    process.exit(0);
  });
}

main().catch((err: unknown) => {
  parentPort!.postMessage({ kind: 'error', message: String((err as Error)?.stack ?? err) } satisfies BotsToMain);
});
