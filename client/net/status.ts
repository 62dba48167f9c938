/** Connection status as people see it: what is happening and, on failure, why in words. */
export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'reconnecting'; attempt: number; secondsLeft: number }
  | { state: 'failed'; reason: string }
  | { state: 'left' };
