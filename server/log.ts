/**
 * Structured logging (pino): JSON lines in production, one logger per concern via `child`.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'twinverse' } });
}
