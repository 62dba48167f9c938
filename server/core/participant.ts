/**
 * What the server remembers about one participant beyond the shared state: the last accepted pose
 * (for the jump rule), rate buckets, and error throttling. Lives as long as the seat, reconnections
 * included.
 */
import type { Client } from '@colyseus/core';
import type { AcceptedPose } from '../../shared/protocol/poseRules.js';
import type { ErrorCode } from '../../shared/protocol/errors.js';
import type { Admission } from '../security/joinToken.js';
import type { AvatarState } from '../../shared/state/avatar.js';
import { TokenBucket } from '../security/rateLimit.js';

export interface RateRule {
  perSecond: number;
  burst: number;
}

export class Participant {
  client: Client;
  /** The last accepted pose (the server's truth of where this avatar is; SpaceRoom sets the spawn pose on join). */
  lastPose: AcceptedPose | null = null;
  /** Number of the last accepted pose (handlers/pose.ts): pose frames send this avatar when it grew. */
  poseVersion = 0;
  /** Poses received (past the rate limit) since the last accepted one: the sender's timeline (SPEC P11). */
  posesSinceAccepted = 0;
  /** `AvatarState.slot`: names the avatar in pose frames. */
  slot = 0;
  /** Set when the server ends this seat on purpose (e.g. removed by the host): no reconnection. */
  removed = false;
  /** The close code the server ended the seat with (with `removed`). */
  closedWith = 0;
  /** May operate machines in this space (set by the operator-role feature on join; SPEC OP1). */
  operator = false;
  /** While the seat is held for a reconnection: gives it up at once (SpaceRoom sets it). */
  endHold: (() => void) | null = null;
  private readonly buckets = new Map<string, TokenBucket>();
  /** When each error code was last reported to this participant (seconds) and how many were held back since. */
  private readonly reported = new Map<string, { at: number; held: number }>();

  constructor(
    client: Client,
    readonly avatar: AvatarState,
    readonly joined: Admission,
  ) {
    this.client = client;
  }

  get sessionId(): string {
    return this.client.sessionId;
  }

  /** One message of `type` at `now`; false when over its rate. */
  allow(type: string, rule: RateRule, now: number): boolean {
    let bucket = this.buckets.get(type);
    if (!bucket) {
      bucket = new TokenBucket(rule.perSecond, rule.burst, now);
      this.buckets.set(type, bucket);
    }
    return bucket.take(now);
  }

  /**
   * Whether an error of `code` about message type `ref` should be reported now: at most once a second
   * per code and type, so a client stuck in a bad loop gets told without being flooded. Returns how
   * many were held back, or -1.
   */
  shouldReport(code: ErrorCode, ref: string, now: number): number {
    const key = `${code}:${ref}`;
    const r = this.reported.get(key);
    if (r && now - r.at < 1) {
      r.held++;
      return -1;
    }
    const held = r?.held ?? 0;
    this.reported.set(key, { at: now, held: 0 });
    return held;
  }
}
