/**
 * A system does one job every frame (read input, move the player, draw avatars …). Systems run in the
 * order of their phases (`core/phases.ts`); each frees what it made in `dispose()`.
 */
export interface Frame {
  /** Seconds since the previous frame, clamped to 0.25 so a stalled tab does not teleport anyone. */
  dt: number;
  /** performance.now() at the start of this frame, ms. */
  now: number;
}

export interface System {
  readonly name: string;
  update(frame: Frame): void;
  dispose(): void;
}
