/**
 * Where people are in a space (SPEC SP2): its instances (J6) as the matchmaker lists them, every
 * process's with the Redis driver — the same listing the admission seats joins by, so what an operator
 * or a join page reads is what the next join will meet.
 */
import { matchMaker } from '@colyseus/core';
import { ROOM_NAME } from '../../shared/protocol/version.js';
import { instanceName } from '../../shared/space/instances.js';

/** What the server reads of a listed room: its instance, seats taken (held ones too) and whether Colyseus locked it (full). */
export interface RoomOfSpace {
  instance?: unknown;
  clients?: number;
  locked: boolean;
}

/** One instance as `GET /api/spaces/:space/instances` reports it. */
export interface InstanceReport {
  /** 1 is the space itself. */
  instance: number;
  /** '' for the space itself, else `<space> (k)` (J6). */
  name: string;
  /** Seats taken, seats held for a reconnection included (they count against the cap, J6). */
  people: number;
  cap: number;
  /** A room is running for it (an instance nobody is in has none). */
  open: boolean;
  /** No free seat: the next join goes to the next instance, or is refused 4405. */
  full: boolean;
}

/** The rooms of a space as the matchmaker lists them (every process's, with the Redis driver). */
export const roomsOf = (space: string): Promise<readonly RoomOfSpace[]> => matchMaker.query({ name: ROOM_NAME, space });

/**
 * Every instance the layout allows (`instances`, 1 without overflow), in order, with its room if it
 * has one. A room the listing shows without an instance is the space itself (opened without the
 * admission); one beyond `instances` (a layout changed since) is left out, as no join reaches it.
 */
export function occupancy(space: string, rooms: readonly RoomOfSpace[], instances: number, cap: number): InstanceReport[] {
  const out: InstanceReport[] = [];
  for (let i = 1; i <= instances; i++) out.push({ instance: i, name: instanceName(space, i), people: 0, cap, open: false, full: false });
  for (const r of rooms) {
    const i = typeof r.instance === 'number' ? r.instance : 1;
    const report = out[i - 1];
    if (!report) continue;
    report.open = true;
    report.people += Math.max(0, r.clients ?? 0);
    report.full = report.full || r.locked || report.people >= cap;
  }
  return out;
}
