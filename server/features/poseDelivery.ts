/**
 * Pose delivery (SPEC PF1–PF6): once per patch tick, each connected client gets one binary pose frame
 * with the avatars that moved since it last heard of them and are due at their distance tier —
 * near ones every tick, mid ones at ~10 Hz, far ones at ~2 Hz (shared/protocol/interest.ts), one
 * tier further out for those behind the client's head and beyond a few metres (PF6), with
 * at most NEAR_CAP near and MID_CAP mid per client however crowded the hall (PF5), so what a client
 * downloads stays bounded. An avatar that did not move is not sent; a client with nothing due gets
 * no frame at all.
 *
 * Why not the Schema patch: every client received every avatar at the full patch rate (~94 B per
 * avatar update on the wire), and Colyseus' StateView would filter per client at the cost of an
 * encode per view and change each tick (~9× this feature's CPU with 56 avatars per view, at ~2.8× the
 * bytes: bench/stateView.ts, ARCHITECTURE.md "Why poses left the Schema patch"). Here each
 * moved avatar's 33-byte record is written once per tick and copied into the frames that want it.
 */
import type { Pose } from '../../shared/protocol/pose.js';
import { assignTiers, due, nextBehind, TierScratch, viewCos, type Tier } from '../../shared/protocol/interest.js';
import {
  POSE_FRAME_FORMAT,
  POSE_FRAME_MESSAGE,
  POSE_RECORD_BYTES,
  poseFrameBounds,
  writePoseRecord,
} from '../../shared/protocol/poseFrame.js';
import type { RoomFeature } from '../core/feature.js';
import type { Participant } from '../core/participant.js';

/** What one client has been sent, by avatar slot. */
class Heard {
  version = new Float64Array(64);
  at = new Float64Array(64).fill(-Infinity);
  tier = new Uint8Array(64).fill(255);
  /** The tier distance alone gave (PF6 keeps the distance's hysteresis on it), and whether the avatar is behind (1). */
  base = new Uint8Array(64).fill(255);
  behind = new Uint8Array(64);

  grow(slot: number): void {
    if (slot < this.version.length) return;
    const size = Math.max(slot + 1, this.version.length * 2);
    const version = new Float64Array(size);
    version.set(this.version);
    const at = new Float64Array(size).fill(-Infinity);
    at.set(this.at);
    const tier = new Uint8Array(size).fill(255);
    tier.set(this.tier);
    const base = new Uint8Array(size).fill(255);
    base.set(this.base);
    const behind = new Uint8Array(size);
    behind.set(this.behind);
    this.version = version;
    this.at = at;
    this.tier = tier;
    this.base = base;
    this.behind = behind;
  }

  forget(slot: number): void {
    if (slot >= this.version.length) return;
    this.version[slot] = 0;
    this.at[slot] = -Infinity;
    this.tier[slot] = 255;
    this.base[slot] = 255;
    this.behind[slot] = 0;
  }
}

/** Tiers are re-ranked every this many patch ticks per client (250 ms at the 50 ms patch rate). */
const RANK_EVERY = 5;

/** Counts for tests and benches: frames and records sent since the room opened. */
export interface DeliveryStats {
  frames: number;
  records: number;
}

export function poseDeliveryFeature(tickSeconds: number, stats: DeliveryStats = { frames: 0, records: 0 }): RoomFeature {
  const heard = new WeakMap<Participant, Heard>();
  let out = new Uint8Array(1 + 64 * POSE_RECORD_BYTES);
  /** Each avatar's record of this tick, written once (by slot; `recordVersion` says which pose it holds). */
  let records = new Uint8Array(64 * POSE_RECORD_BYTES);
  let recordVersion = new Float64Array(64);

  const record = (p: Participant, pose: Pose, bounds: ReturnType<typeof poseFrameBounds>): void => {
    if (p.slot >= recordVersion.length) {
      const size = Math.max(p.slot + 1, recordVersion.length * 2);
      const r = new Uint8Array(size * POSE_RECORD_BYTES);
      r.set(records);
      records = r;
      const v = new Float64Array(size);
      v.set(recordVersion);
      recordVersion = v;
    }
    if (recordVersion[p.slot] === p.poseVersion) return;
    writePoseRecord(records, p.slot * POSE_RECORD_BYTES, p.slot, pose, bounds);
    recordVersion[p.slot] = p.poseVersion;
  };

  // Per client and tick: the others' distances and tiers, dense (index k ↔ `others[k]`).
  const others: Participant[] = [];
  let distance = new Float64Array(64);
  let prevTier = new Uint8Array(64);
  let tier = new Uint8Array(64);
  const view = { behind: new Uint8Array(64), base: new Uint8Array(64) };
  const scratch = new TierScratch();
  let tickCount = 0;

  /** Everyone's tier as `me` sees them now (PF2 by distance, PF6 by view, PF5 capped), kept in `h.tier`. */
  const rank = (me: Participant, h: Heard, everyone: Participant[], mine: Pose['head']): void => {
    others.length = 0;
    for (const other of everyone) {
      const pose = other.lastPose?.pose;
      if (!pose || other === me) continue;
      h.grow(other.slot);
      others.push(other);
    }
    if (others.length > distance.length) {
      const size = Math.max(others.length, distance.length * 2);
      distance = new Float64Array(size);
      prevTier = new Uint8Array(size);
      tier = new Uint8Array(size);
      view.behind = new Uint8Array(size);
      view.base = new Uint8Array(size);
    }
    for (let k = 0; k < others.length; k++) {
      const o = others[k]!;
      const head = o.lastPose!.pose.head;
      const dx = head.px - mine.px;
      const dz = head.pz - mine.pz;
      const d = Math.hypot(dx, dz);
      distance[k] = d;
      prevTier[k] = h.tier[o.slot]!;
      view.base[k] = h.base[o.slot]!;
      view.behind[k] = nextBehind(h.behind[o.slot] === 1, viewCos(mine, dx, dz, d), d) ? 1 : 0;
    }
    assignTiers(prevTier, distance, others.length, tier, scratch, view);
    for (let k = 0; k < others.length; k++) {
      const s = others[k]!.slot;
      h.tier[s] = tier[k]!;
      h.base[s] = view.base[k]!;
      h.behind[s] = view.behind[k]!;
    }
  };

  /** Whether `me` has not ranked someone yet (a newcomer, or everyone after a join or a reconnection). */
  const unranked = (me: Participant, h: Heard, everyone: Participant[]): boolean => {
    for (const other of everyone) {
      if (other === me || !other.lastPose) continue;
      if (other.slot >= h.tier.length || h.tier[other.slot] === 255) return true;
    }
    return false;
  };

  const frameFor = (me: Participant, everyone: Participant[], now: number, bounds: ReturnType<typeof poseFrameBounds>): number => {
    let h = heard.get(me);
    if (!h) heard.set(me, (h = new Heard()));
    const mine = me.lastPose?.pose.head;
    if (!mine) return 1;
    // Distances change slowly (1.3 m/s walks 0.3 m in 250 ms): rank every RANK_EVERY ticks, staggered
    // across clients so no tick ranks everyone; at once when someone is new to this client.
    if ((tickCount + me.slot) % RANK_EVERY === 0 || unranked(me, h, everyone)) rank(me, h, everyone, mine);
    let length = 1;
    for (const other of everyone) {
      const pose = other.lastPose?.pose;
      if (!pose) continue;
      h.grow(other.slot);
      const s = other.slot;
      if (h.version[s]! >= other.poseVersion) continue;
      if (other === me) {
        // Your own moves you know; you hear of yourself only when the server placed you (join, rejoin).
        if (h.version[s] !== 0) continue;
      } else if (!due(h.tier[s] as Tier, h.at[s]!, now, tickSeconds)) continue;
      record(other, pose, bounds);
      if (length + POSE_RECORD_BYTES > out.length) {
        const bigger = new Uint8Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      out.set(records.subarray(s * POSE_RECORD_BYTES, (s + 1) * POSE_RECORD_BYTES), length);
      length += POSE_RECORD_BYTES;
      h.version[s] = other.poseVersion;
      h.at[s] = now;
    }
    return length;
  };

  return {
    name: 'poseDelivery',
    beforePatch(ctx) {
      const now = ctx.now();
      tickCount++;
      const bounds = poseFrameBounds(ctx.bounds);
      const everyone = [...ctx.participants()];
      out[0] = POSE_FRAME_FORMAT;
      for (const me of everyone) {
        if (!me.avatar.connected || me.removed) continue;
        const length = frameFor(me, everyone, now, bounds);
        if (length === 1) continue;
        // A copy: the transport may hold the bytes past this call.
        me.client.sendBytes(POSE_FRAME_MESSAGE, out.slice(0, length));
        stats.frames++;
        stats.records += (length - 1) / POSE_RECORD_BYTES;
      }
    },
    // A reconnected client has a fresh state and store: it hears of everyone (and itself) again.
    rejoined(_ctx, p) {
      heard.delete(p);
    },
    // A slot given up may be taken by a newcomer: nobody has heard of the newcomer yet.
    left(ctx, p) {
      for (const o of ctx.participants()) heard.get(o)?.forget(p.slot);
    },
  };
}
