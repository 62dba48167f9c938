/** The reactions' test API (`window.twinverse.features.reactions`, test builds only). */
import type { Reaction } from '../../../shared/protocol/reaction.js';

export interface ReactionsTestApi {
  /** Sends a reaction, as its button does. */
  send(emoji: Reaction): void;
  /** The reaction showing over person `id`'s head now, or null. */
  showing(id: string): string | null;
}

declare module '../../core/feature.js' {
  interface TwinverseFeatureApis {
    reactions: ReactionsTestApi;
  }
}

export function createReactionsTestApi(o: ReactionsTestApi): ReactionsTestApi {
  return { send: o.send, showing: o.showing };
}
