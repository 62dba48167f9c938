/**
 * What the meeting feature offers other features — above all the VR menu (client/xr/), which has no
 * HTML: mute, raise hand, the world chat panel, the board. Read it from `ctx.apis.meeting` when a
 * button is pressed (features are created in order; the meeting may come after the caller).
 */
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { MicState } from './voice/microphone.js';

export interface MeetingApi {
  /** My microphone is muted (by me or the host). */
  readonly muted: boolean;
  toggleMute(): void;
  setMuted(on: boolean): void;
  readonly handRaised: boolean;
  raiseHand(on: boolean): void;
  /** `live`, or why there is no microphone (`denied`, `missing`, `busy`, `insecure`, `error`), or `asking`. */
  readonly micState: MicState;
  /** Words for a missing microphone and how to fix it; null when it works. */
  readonly micProblem: string | null;
  /** Asks for the microphone again (after the person allowed it in the browser). */
  retryMic(): Promise<void>;
  /** I am a host of this space. */
  readonly host: boolean;
  sendChat(text: string): void;
  /** The chat as a world-space panel, readable in a headset (Babylon GUI, loaded on first use). */
  readonly chat: {
    show(parent?: TransformNode | null): Promise<void>;
    hide(): void;
    toggle(parent?: TransformNode | null): Promise<void>;
    readonly visible: boolean;
  };
  /** Moves me in front of the board, facing it (a teleport). */
  goToBoard(): void;
  /** Called after any of the above changes (to refresh menu toggles). */
  onChange(l: () => void): () => void;
}

declare module '../core/feature.js' {
  interface FeatureApis {
    meeting: MeetingApi;
  }
}
