/**
 * The contract between a twin runtime and the other processes sharing its twins (server/cluster/,
 * SPEC S4, S5): what the runtime asks of them, and what it is told back.
 */
import type { Actor, InvokeResult } from './requests.js';
import type { ActiveAlarm } from './live.js';

/**
 * Several processes sharing the twins (REDIS_URL, server/cluster/, SPEC S4): which twins this process
 * runs, and how what it runs reaches the others. Absent when the process is alone: it runs them all.
 */
export interface TwinCluster {
  /** This process owns the twin: it runs its simulator, records its history, executes its commands. */
  owns(twin: string): boolean;
  /** A command for a twin another process owns: sent there; the owner's answer comes back. */
  forward(twin: string, action: string, input: unknown, actor: Actor): Promise<InvokeResult>;
  /** Readings the simulator produced for an owned twin, as ingested here (`ts` ms epoch). */
  readings(twin: string, values: Record<string, number | boolean>, ts: number): void;
  /** Someone here acknowledged an alarm. */
  acknowledged(twin: string, alarm: ActiveAlarm): void;
  /**
   * The owner raised (`on`) or cleared an alarm (and recorded the event): kept in the shared store —
   * how many times it was raised and whether it stands — so every process names a raising alike,
   * whatever its own clock said (SPEC S5).
   */
  alarmChanged(twin: string, alarm: string, on: boolean): void;
  /**
   * Settles who acknowledged the raising of the alarm that the owner shows, across every process
   * (SPEC S5): the first claim wins; a later one learns the winner. `null` when the owner does not
   * show the alarm raised (it has not heard the reading yet, or has cleared it already): nothing was
   * claimed. Rejects when the processes cannot be asked (Redis down).
   */
  claimAck(twin: string, alarm: ActiveAlarm, by: AckBy): Promise<{ won: true } | { won: false; by: AckBy } | null>;
}

/** Who acknowledged an alarm, and when (ms epoch). */
export interface AckBy {
  session: string;
  name: string;
  at: number;
}

/** A set-point as a command left it on its property (mirrored with the command, SPEC S4). */
export interface DesiredValue {
  property: string;
  /** JSON text, '' when none. */
  text: string;
  num: number | null;
  tolerance: number;
}
