/**
 * Pose delivery through Colyseus 0.16's StateView against the pose frames (issue 13 asked for this
 * measurement before StateView would carry poses; not a test). N avatars in the factory hall, every
 * one moving on every patch tick (the worst case), N clients each seeing the others:
 *
 * - **patch, no view**: poses in the Schema state (21 float32 fields per avatar, as before issue 13),
 *   one patch encoded and sent to everyone — what the room did before the pose frames.
 * - **StateView, K visible**: the same state with the poses `view`-tagged, each client's view holding
 *   its K nearest (56 = the near and mid caps of SPEC PF5; N − 1 = everyone): one shared encode plus
 *   one `encodeView` per client per tick, as Colyseus' SchemaSerializer does. A view only says
 *   visible or not: it has no 10 Hz or 2 Hz tiers, so the avatars outside it would not move at all.
 * - **pose frames**: the real frame builder (server/features/poseDelivery.ts) on the same crowd.
 *
 * Prints the server's CPU per patch tick (for the Schema rows: writing the 21 fields and encoding;
 * choosing who is in each view is left out, which favours StateView) (process.cpuUsage: this process's own time, so other work on
 * the machine inflates it less than wall time would) and bytes per client per second (message bytes,
 * without WebSocket framing). In-process and network-free.
 *
 *   npx tsx bench/stateView.ts [--n 200] [--ticks 100]
 */
import { parseArgs } from 'node:util';
import os from 'node:os';
import { Encoder, schema, StateView, type SchemaType } from '@colyseus/schema';
import type { Client } from '@colyseus/core';
import { createPose } from '../shared/protocol/pose.js';
import { MID_CAP, NEAR_CAP } from '../shared/protocol/interest.js';
import { mulberry32 } from '../shared/random.js';
import { hallBounds } from '../shared/space/layout.js';
import { restPose } from '../shared/space/spawn.js';
import { AvatarState } from '../shared/state/avatar.js';
import { Participant } from '../server/core/participant.js';
import type { RoomContext } from '../server/core/context.js';
import { poseDeliveryFeature } from '../server/features/poseDelivery.js';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '200' }, ticks: { type: 'string', default: '100' } } });
const N = Number(args.n);
const TICKS = Number(args.ticks);
const HZ = 20;

const f32 = { type: 'float32' } as const;
const PoseItem = schema(
  {
    hx: f32,
    hy: f32,
    hz: f32,
    hqx: f32,
    hqy: f32,
    hqz: f32,
    hqw: f32,
    lx: f32,
    ly: f32,
    lz: f32,
    lqx: f32,
    lqy: f32,
    lqz: f32,
    lqw: f32,
    rx: f32,
    ry: f32,
    rz: f32,
    rqx: f32,
    rqy: f32,
    rqz: f32,
    rqw: f32,
  },
  'PoseItem',
);
type PoseItem = SchemaType<typeof PoseItem>;
const Plain = schema({ poses: { map: PoseItem } }, 'PlainPoses');
const Viewed = schema({ poses: { map: PoseItem, view: true } }, 'ViewedPoses');
// Room for the whole first state of 200 avatars: an overflow mid-encode restarts it in a new buffer.
Encoder.BUFFER_SIZE = 4 * 1024 * 1024;

const bounds = hallBounds({ width: 32, depth: 24, height: 9 });
const rand = mulberry32(7);
const people = Array.from({ length: N }, () => ({
  x: bounds.minX + (bounds.maxX - bounds.minX) * rand(),
  z: bounds.minZ + (bounds.maxZ - bounds.minZ) * rand(),
  a: rand() * 6.28,
}));
const pose = createPose();
function move(tick: number): void {
  for (const p of people) {
    p.x = Math.min(bounds.maxX, Math.max(bounds.minX, p.x + 0.05 * Math.cos(p.a + tick * 0.01)));
    p.z = Math.min(bounds.maxZ, Math.max(bounds.minZ, p.z + 0.05 * Math.sin(p.a + tick * 0.01)));
  }
}
function write(item: PoseItem, p: (typeof people)[number], tick: number): void {
  restPose(pose, p.x, p.z, 0.3 * Math.sin(tick * 0.1 + p.a));
  item.hx = pose.head.px;
  item.hy = pose.head.py;
  item.hz = pose.head.pz;
  item.hqx = pose.head.qx;
  item.hqy = pose.head.qy;
  item.hqz = pose.head.qz;
  item.hqw = pose.head.qw;
  item.lx = pose.left.px;
  item.ly = pose.left.py;
  item.lz = pose.left.pz;
  item.lqx = pose.left.qx;
  item.lqy = pose.left.qy;
  item.lqz = pose.left.qz;
  item.lqw = pose.left.qw;
  item.rx = pose.right.px;
  item.ry = pose.right.py;
  item.rz = pose.right.pz;
  item.rqx = pose.right.qx;
  item.rqy = pose.right.qy;
  item.rqz = pose.right.qz;
  item.rqw = pose.right.qw;
}

interface Result {
  name: string;
  msPerTick: number;
  bytesPerClientPerSecond: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Poses in the state; `visible` null: no views (one patch for all), else each client's K nearest. */
function schemaRun(visible: number | null): Result {
  const state = visible === null ? new Plain() : new Viewed();
  const items = people.map(() => new PoseItem());
  items.forEach((item, i) => state.poses.set(String(i), item));
  const encoder = new Encoder(state);
  const views = visible === null ? [] : people.map(() => new StateView());
  encoder.encodeAll({ offset: 1 });
  for (const v of views) encoder.encodeAllView(v, 1, { offset: 1 });
  encoder.discardChanges();
  let bytes = 0;
  let cpu = 0;
  for (let tick = 0; tick < TICKS; tick++) {
    move(tick);
    // Views follow who is nearest, re-judged every 250 ms as PF2 does. Not counted in the CPU: that
    // favours StateView (the frames' figure includes their ranking).
    if (visible !== null && tick % 5 === 0) {
      people.forEach((me, v) => {
        const order = people
          .map((o, i) => ({ i, d: Math.hypot(o.x - me.x, o.z - me.z) }))
          .filter((e) => e.i !== v)
          .sort((a, b) => a.d - b.d);
        const view = views[v]!;
        for (let k = 0; k < order.length; k++) {
          const item = items[order[k]!.i]!;
          if (k < visible) view.add(item);
          else if (view.has(item)) view.remove(item);
        }
      });
    }
    const t0 = cpuMs();
    items.forEach((item, i) => write(item, people[i]!, tick));
    const it = { offset: 1 };
    const shared = encoder.encode(it);
    if (visible === null) bytes += shared.length * N;
    else {
      const sharedOffset = it.offset;
      for (const view of views) {
        // Each view's bytes are written after the shared ones (its result is a copy).
        it.offset = sharedOffset;
        bytes += encoder.encodeView(view, sharedOffset, it).length;
      }
    }
    encoder.discardChanges();
    cpu += cpuMs() - t0;
  }
  return {
    name: visible === null ? 'patch, no view (every avatar to everyone)' : `StateView, ${visible} visible per client`,
    msPerTick: cpu / TICKS,
    bytesPerClientPerSecond: (bytes / N / TICKS) * HZ,
  };
}

function framesRun(): Result {
  let bytes = 0;
  const participants = people.map((_, i) => {
    const avatar = new AvatarState();
    avatar.slot = i + 1;
    const client = { sessionId: `s${i}`, sendBytes: (_type: string, b: Uint8Array) => (bytes += b.length + 7) };
    const p = new Participant(client as unknown as Client, avatar, {} as never);
    p.slot = i + 1;
    p.lastPose = { pose: createPose(), at: 0, lastTeleportAt: -Infinity };
    return p;
  });
  let tick = 0;
  const ctx = { now: () => tick / HZ, bounds, participants: () => participants } as unknown as RoomContext;
  const feature = poseDeliveryFeature(1 / HZ);
  let cpu = 0;
  for (tick = 0; tick < TICKS + 20; tick++) {
    move(tick);
    participants.forEach((p, i) => {
      restPose(p.lastPose!.pose, people[i]!.x, people[i]!.z, 0.3 * Math.sin(tick * 0.1 + people[i]!.a));
      p.poseVersion++;
    });
    // The first second settles (everyone's first look), as in the room.
    if (tick === 20) {
      bytes = 0;
      cpu = 0;
    }
    const t0 = cpuMs();
    feature.beforePatch!(ctx);
    cpu += cpuMs() - t0;
  }
  return { name: 'pose frames (PF1–PF5)', msPerTick: cpu / TICKS, bytesPerClientPerSecond: (bytes / N / TICKS) * HZ };
}

console.log(
  `stateView: ${N} avatars all moving every tick, ${TICKS} ticks at ${HZ} Hz, ${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, ` +
    `${new Date().toISOString()}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
console.log('| delivery | server CPU per tick | share of one core at 20 Hz | down per client |');
console.log('|---|---|---|---|');
for (const r of [schemaRun(null), schemaRun(NEAR_CAP + MID_CAP), schemaRun(N - 1), framesRun()]) {
  console.log(
    `| ${r.name} | ${r.msPerTick.toFixed(2)} ms | ${((r.msPerTick * HZ) / 10).toFixed(0)} % | ${(r.bytesPerClientPerSecond / 1024).toFixed(1)} KB/s |`,
  );
}
