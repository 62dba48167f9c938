/**
 * A client feature: one capability (XR, meetings, twins …) that contributes systems at named phases of
 * the frame, HUD elements and a test API. `client/features.ts` lists them; `main.ts` composes them with
 * the core systems, so a new capability is a new folder plus one line there. What a feature may use is
 * `ClientContext` (`context/context.ts`), one floor up: it names the pieces main.ts builds.
 */
import type { PhasedSystem } from './phases.js';

/**
 * What features offer each other, by feature name, declared by module augmentation:
 * `declare module '../core/feature.js' { interface FeatureApis { meeting: MeetingApi } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FeatureApis {}

/**
 * Each feature's test API (`window.twinverse.features`, test builds only), by feature name, declared by
 * module augmentation from the feature's testApi.ts: `interface TwinverseFeatureApis { xr: XrTestApi }`.
 * It lives here, not in debug/, so that features never reach up to the test API's floor.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TwinverseFeatureApis {}

export interface ClientFeature {
  readonly name: string;
  readonly systems?: readonly PhasedSystem[];
  /** Exposed as `window.twinverse.features[name]` in test builds. */
  readonly testApi?: object;
  dispose?(): void;
}
