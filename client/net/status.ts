/** Why the connection went: a network drop or a killed server (`lost`), or a server that said it is restarting (4503). */
export type LossReason = 'lost' | 'restarting';

/** Connection status as people see it: what is happening and, on failure, why in words. */
export type ConnectionStatus =
  | { state: 'connecting' }
  /** `resumed`: back after a loss — the same seat (`reconnected`) or a fresh join as the same person (`rejoined`). */
  | { state: 'connected'; resumed?: 'reconnected' | 'rejoined' }
  | { state: 'reconnecting'; attempt: number; secondsLeft: number; reason?: LossReason }
  | { state: 'failed'; reason: string }
  | { state: 'left' };
