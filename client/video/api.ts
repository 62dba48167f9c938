/**
 * What the video feature offers other features — the VR menu's Cameras page (client/xr/menuCameras.ts),
 * which has no HTML: the space's cameras this client shows, and the same projection switch as the
 * desktop large view's button (SPEC VC5, VC6). Read it from `ctx.apis.video` when used.
 */

export interface CameraChoice {
  id: string;
  /** The camera twin's title, as on its caption. */
  title: string;
  /** This person projects it onto the scene now. */
  projected: boolean;
}

export interface VideoApi {
  /** The cameras with a screen in this space, by id. */
  cameras(): CameraChoice[];
  /** Projects camera `id` onto the scene (or stops; one at a time); returns whether it projects now. */
  project(id: string, on: boolean): boolean;
  /** Called after a camera came or went or a projection started or stopped. */
  onChange(l: () => void): () => void;
}

declare module '../core/feature.js' {
  interface FeatureApis {
    video: VideoApi;
  }
}
