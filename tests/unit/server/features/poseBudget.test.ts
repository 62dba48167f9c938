/**
 * What one client downloads in a crowd (SPEC PF5): 200 avatars in the factory hall, placed and walking
 * as a crowd would (seeded, shared/random), every one moving on every patch tick — the worst case, a
 * VR client sends 30 poses a second — run through the real frame builder (poseDelivery) on an
 * injected clock. Bytes are counted as they leave on the wire: the Colyseus message around each frame
 * (its own encoder) plus the WebSocket frame header. No timing is measured: the clock is the test's.
 */
import { describe, expect, it } from 'vitest';
import { getMessageBytes, Protocol, type Client } from '@colyseus/core';
import { createPose, type Pose } from '../../../../shared/protocol/pose.js';
import { MID_CAP, NEAR_CAP } from '../../../../shared/protocol/interest.js';
import { POSE_RECORD_BYTES } from '../../../../shared/protocol/poseFrame.js';
import { mulberry32, type Rng } from '../../../../shared/random.js';
import { hallBounds } from '../../../../shared/space/layout.js';
import { restPose } from '../../../../shared/space/spawn.js';
import { AvatarState } from '../../../../shared/state/avatar.js';
import { poseDeliveryFeature } from '../../../../server/features/poseDelivery.js';
import { Participant } from '../../../../server/core/participant.js';
import type { RoomContext } from '../../../../server/core/context.js';
import factory from '../../../../assets/spaces/factory.json' with { type: 'json' };

const TICK = 0.05;
const TICKS_PER_SECOND = 20;
/** The first second settles (everyone's first look); the next six are counted. */
const SETTLE = 1 * TICKS_PER_SECOND;
const WINDOW = 6 * TICKS_PER_SECOND;
const N = 200;
const BUDGET = 40 * 1024;
/** What the pose frames may take of the budget: the rest is for the state patches. */
const FRAMES_BUDGET = 34 * 1024;
const bounds = hallBounds(factory.hall);

/** Bytes of one binary message on the wire: Colyseus' message bytes plus a server WebSocket frame header. */
function wireBytes(type: string, bytes: Uint8Array): number {
  const message = getMessageBytes.raw(Protocol.ROOM_DATA_BYTES, type, undefined, bytes).length;
  return message + (message < 126 ? 2 : message < 65536 ? 4 : 10);
}

interface Person {
  p: Participant;
  pose: Pose;
  x: number;
  z: number;
  /** Where this person stands still (the swaying crowd) or walks to (the walking one). */
  tx: number;
  tz: number;
  speed: number;
  /** The client's bytes on the wire in the counted window. */
  bytes: number;
  /** By avatar slot: the tick it was last heard of, and the shortest and longest gap (ticks) between two records ending in the window. */
  last: Int32Array;
  minGap: Int32Array;
  maxGap: Int32Array;
}

/** A spot in the hall: around a machine (most people gather there) or anywhere. */
function spot(rand: Rng): { x: number; z: number } {
  const machines = factory.twins.map((t) => t.position);
  let x: number;
  let z: number;
  if (rand() < 0.7) {
    const m = machines[Math.floor(rand() * machines.length)]!;
    const r = 0.8 + 3 * rand();
    const a = 2 * Math.PI * rand();
    x = m[0]! + r * Math.cos(a);
    z = m[2]! + r * Math.sin(a);
  } else {
    x = bounds.minX + (bounds.maxX - bounds.minX) * rand();
    z = bounds.minZ + (bounds.maxZ - bounds.minZ) * rand();
  }
  return { x: Math.min(bounds.maxX, Math.max(bounds.minX, x)), z: Math.min(bounds.maxZ, Math.max(bounds.minZ, z)) };
}

function crowd(place: (rand: Rng, i: number) => { x: number; z: number }, seed: number): Person[] {
  const rand = mulberry32(seed);
  return Array.from({ length: N }, (_, i) => {
    const at = place(rand, i);
    const to = spot(rand);
    let slot = i + 1;
    const person: Person = {
      p: undefined as unknown as Participant,
      pose: restPose(createPose(), at.x, at.z, 0),
      x: at.x,
      z: at.z,
      tx: to.x,
      tz: to.z,
      speed: 0.5 + 0.8 * rand(),
      bytes: 0,
      last: new Int32Array(N + 1).fill(-1),
      minGap: new Int32Array(N + 1).fill(1 << 30),
      maxGap: new Int32Array(N + 1),
    };
    const client = {
      sessionId: `s${i}`,
      sendBytes(type: string, bytes: Uint8Array) {
        person.bytes += wireBytes(type, bytes);
        for (let o = 1; o < bytes.length; o += POSE_RECORD_BYTES) {
          const from = bytes[o]! | (bytes[o + 1]! << 8);
          const prev = person.last[from]!;
          if (prev >= 0 && tick > SETTLE) {
            person.minGap[from] = Math.min(person.minGap[from]!, tick - prev);
            person.maxGap[from] = Math.max(person.maxGap[from]!, tick - prev);
          }
          person.last[from] = tick;
        }
      },
    };
    const avatar = new AvatarState();
    avatar.slot = slot++;
    person.p = new Participant(client as unknown as Client, avatar, { space: 'factory', name: `P${i}` } as never);
    person.p.slot = avatar.slot;
    person.p.lastPose = { pose: person.pose, at: 0, lastTeleportAt: -Infinity };
    person.p.poseVersion = 1;
    return person;
  });
}

let tick = 0;

/** Runs the builder for SETTLE + WINDOW ticks; `move` moves everyone each tick (all of them, every tick). */
function run(people: Person[], move: (person: Person, rand: Rng) => void, seed: number): void {
  const rand = mulberry32(seed);
  const feature = poseDeliveryFeature(TICK);
  const ctx = {
    now: () => tick / TICKS_PER_SECOND,
    bounds,
    participants: () => people.map((x) => x.p),
  } as unknown as RoomContext;
  for (tick = 0; tick < SETTLE + WINDOW; tick++) {
    for (const person of people) {
      move(person, rand);
      restPose(person.pose, person.x, person.z, 0);
      person.p.poseVersion++;
    }
    if (tick === SETTLE) for (const person of people) person.bytes = 0;
    feature.beforePatch!(ctx);
  }
}

/** Longest gap, in ticks, between two records of one avatar for one client in the counted window (its end included). */
function longestGap(person: Person, slot: number): number {
  return Math.max(person.maxGap[slot]!, SETTLE + WINDOW - 1 - person.last[slot]!);
}

describe('pose frames in a crowd', () => {
  it('PF5: 200 people walking the factory cost each client ≤ 40 KB/s, and everyone reaches everyone at ≥ 2 Hz', () => {
    const people = crowd((rand) => spot(rand), 13);
    run(
      people,
      (person, rand) => {
        const dx = person.tx - person.x;
        const dz = person.tz - person.z;
        const d = Math.hypot(dx, dz);
        if (d < 0.3) {
          const to = spot(rand);
          person.tx = to.x;
          person.tz = to.z;
          return;
        }
        person.x += (dx / d) * person.speed * TICK;
        person.z += (dz / d) * person.speed * TICK;
      },
      17,
    );
    const worst = Math.max(...people.map((person) => person.bytes / (WINDOW / TICKS_PER_SECOND)));
    expect(worst).toBeLessThanOrEqual(FRAMES_BUDGET);
    // Every avatar reached every client at least every 10 ticks (0.5 s): the pairs that did not.
    const late = people.flatMap((person) =>
      people
        .filter((other) => other !== person && longestGap(person, other.p.slot) > 10)
        .map((other) => `${person.p.slot}→${other.p.slot}`),
    );
    expect(late).toEqual([]);
    expect(FRAMES_BUDGET).toBeLessThan(BUDGET);
  });

  it('PF5: 200 people within 10 m of one another: the nearest 16 at the full rate, the next 40 at 10 Hz, the rest at 2 Hz, steady while they sway', () => {
    // Everyone within a 4.5 m disc (9 m across at most), swaying up to 0.1 m each way about their
    // spot: a head moves at most 0.28 m between two moments, so the difference of two people's
    // distances to a third changes by at most 4 × 0.28 = 1.13 m — less than the caps' margin.
    const people = crowd((rand) => {
      const r = 4.5 * Math.sqrt(rand());
      const a = 2 * Math.PI * rand();
      return { x: r * Math.cos(a), z: r * Math.sin(a) };
    }, 29);
    for (const person of people) {
      person.tx = person.x;
      person.tz = person.z;
    }
    run(
      people,
      (person) => {
        const phase = person.p.slot;
        person.x = person.tx + 0.1 * Math.sin(tick * 0.2 + phase);
        person.z = person.tz + 0.1 * Math.cos(tick * 0.13 + phase);
      },
      31,
    );
    const flicker: string[] = [];
    for (const person of people) {
      const byRate = new Map<number, number[]>();
      for (const other of people) {
        if (other === person) continue;
        const slot = other.p.slot;
        // Every gap in the window is the same: one tier all along (no flicker).
        if (person.minGap[slot] !== person.maxGap[slot]) flicker.push(`${person.p.slot}→${slot}`);
        const gap = person.maxGap[slot]!;
        let at = byRate.get(gap);
        if (!at) byRate.set(gap, (at = []));
        at.push(Math.hypot(other.tx - person.tx, other.tz - person.tz));
      }
      expect(byRate.get(1)!.length).toBe(NEAR_CAP);
      expect(byRate.get(2)!.length).toBe(MID_CAP);
      expect(byRate.get(10)!.length).toBe(N - 1 - NEAR_CAP - MID_CAP);
      // Nearest first: everyone at the full rate stands nearer than anyone at 10 Hz (give or take the sway).
      expect(Math.max(...byRate.get(1)!)).toBeLessThanOrEqual(Math.min(...byRate.get(2)!) + 0.6);
      expect(Math.max(...byRate.get(2)!)).toBeLessThanOrEqual(Math.min(...byRate.get(10)!) + 0.6);
      expect(person.bytes / (WINDOW / TICKS_PER_SECOND)).toBeLessThanOrEqual(FRAMES_BUDGET);
    }
    expect(flicker).toEqual([]);
  });
});
