/** The video feature's test API (`window.twinverse.features.video`, test builds only). */

export interface CameraTestInfo {
  id: string;
  title: string;
  /** The camera twin's `online` property. */
  online: boolean;
  /** This client asks the server for the feed now. */
  watching: boolean;
  /** The feed's RTCPeerConnection state ('none' when not watching). */
  state: string;
  /** Frames presented so far (requestVideoFrameCallback). */
  frames: number;
  /** The video element's currentTime, seconds. */
  currentTime: number;
  videoWidth: number;
  videoHeight: number;
  /** The screen shows the feed as a texture. */
  textured: boolean;
  caption: string;
  /** Words on the screen's face while it has no picture (SPEC VC4); '' while it shows one. */
  slate: string;
  large: boolean;
}

export interface VideoTestApi {
  list(): CameraTestInfo[];
  /** Switches all camera feeds off (or on) for this person, as the HUD button does. */
  setEnabled(on: boolean): void;
  /** Opens camera `id` large, as a click on its screen does; returns whether it is open. */
  open(id: string): boolean;
  /** The screen's centre in Babylon's frame (to look at it in a test). */
  screenCentre(id: string): [number, number, number] | null;
}

declare module '../core/feature.js' {
  interface TwinverseFeatureApis {
    video: VideoTestApi;
  }
}
