/**
 * Configuration of the video twin (README "Configuration"): whether camera feeds run, and where the
 * ffmpeg binary is. Defaults make `npm start` show live test cameras when Debian's ffmpeg is installed.
 */
import { z } from 'zod/mini';

export const videoEnv = {
  /** `on`: every camera twin's feed runs (ffmpeg per camera); `off`: cameras show offline "video is off". */
  VIDEO: z._default(z.enum(['on', 'off']), 'on'),
  /** The ffmpeg binary (a name on PATH or a path). */
  FFMPEG_PATH: z._default(z.string().check(z.minLength(1)), 'ffmpeg'),
};

export interface VideoConfig {
  video: boolean;
  ffmpegPath: string;
}

const _VideoEnvObject = z.object(videoEnv);
type VideoEnv = z.infer<typeof _VideoEnvObject>;

export function videoConfig(e: VideoEnv): VideoConfig {
  return { video: e.VIDEO === 'on', ffmpegPath: e.FFMPEG_PATH };
}
