/** The video feature's test API (`window.twinverse.features.video`, test builds only). */
import type { PixelMean } from './probe.js';

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
  /** This person projects the camera's picture onto the scene (SPEC VC5). */
  projected: boolean;
  /** Pictures drawn into the projection so far. */
  projectionFrames: number;
  /** Where the projection's lens is, Babylon frame; null when not projected (SPEC CP6: it follows the twin). */
  projectionLens: [number, number, number] | null;
  /** Which way the projection looks, Babylon frame, unit length; null when not projected. */
  projectionAim: [number, number, number] | null;
  /** Where the camera's lens is as its screen was last placed, Babylon frame. */
  screenLens: [number, number, number];
  /** Meshes in the projection's depth map, that can hide part of the picture (SPEC VC7). */
  projectionCasters: number;
}

export interface VideoTestApi {
  list(): CameraTestInfo[];
  /** Switches all camera feeds off (or on) for this person, as the HUD button does. */
  setEnabled(on: boolean): void;
  /** Opens camera `id` large, as a click on its screen does; returns whether it is open. */
  open(id: string): boolean;
  /** The picture's mean colour and spread in the feed's video element, on the screen's texture and where the screen is drawn (null: none, or off screen). */
  probe(id: string): Promise<{ video: PixelMean | null; texture: PixelMean | null; rendered: PixelMean | null }>;
  /** Projects camera `id` onto the scene (or stops), as the large view's button does; returns whether it projects. */
  project(id: string, on: boolean): boolean;
  /** The rendered frame at a floor point in the camera's picture (projection.ts `floorInPicture`; null: off screen). */
  probeProjection(id: string): Promise<PixelMean | null>;
  /** The screen's centre in Babylon's frame (to look at it in a test). */
  screenCentre(id: string): [number, number, number] | null;
}

declare module '../core/feature.js' {
  interface TwinverseFeatureApis {
    video: VideoTestApi;
  }
}
