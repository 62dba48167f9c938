/**
 * The ffmpeg command line of one camera feed (SPEC VS1, VS4): read the source — the built-in test
 * pattern, or an RTSP camera over TCP — and send VP8 in RTP to the server's own UDP port on loopback.
 * Arguments go to `spawn` as an array: no shell ever sees a TD's text.
 */
import { TEST_SOURCE, type CameraExtension } from '../../shared/twin/camera.js';

/** RTP payload type ffmpeg stamps; werift rewrites it per viewer to what each negotiated. */
export const RTP_PAYLOAD_TYPE = 96;

/**
 * How a live camera is read (SPEC VS5): without the input buffering ffmpeg does for files — no stream
 * probe holding the first packets (`-probesize 32 -analyzeduration 0`: the SDP names the codec, the
 * first keyframe gives the size), packets handed on as they arrive (`-fflags nobuffer`), and the
 * decoder giving each picture out at once (`-flags low_delay`). Timestamps stay the camera's own (no
 * `-re`, no wall-clock stamping): the pace of the RTP that comes out is the camera's, so a reader
 * that falls behind shows it (server/video/liveLag.ts) and is restarted instead of playing a backlog.
 */
const LIVE_INPUT = ['-fflags', 'nobuffer', '-flags', 'low_delay', '-probesize', '32', '-analyzeduration', '0'];

/** Characters of a camera's name the test pattern may draw (drawtext's own syntax uses : ' \ % ,). */
function drawable(name: string): string {
  return name.replace(/[^A-Za-z0-9 ()._-]/g, ' ').slice(0, 40);
}

export function ffmpegArgs(name: string, cam: CameraExtension, rtpPort: number): string[] {
  const size = `${cam.width}x${cam.height}`;
  const input =
    cam.source === TEST_SOURCE
      ? ['-re', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${cam.fps}`]
      : [...LIVE_INPUT, '-rtsp_transport', 'tcp', '-timeout', '5000000', '-i', cam.source];
  // The test pattern carries the camera's name and the wall clock, so a person sees it is live.
  const filter =
    cam.source === TEST_SOURCE
      ? `drawtext=text='${drawable(name)}  %{localtime\\:%T}':fontcolor=white:fontsize=${Math.round(cam.height / 12)}:box=1:boxcolor=black@0.6:x=12:y=12`
      : `scale=${cam.width}:${cam.height},fps=${cam.fps}`;
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...input,
    '-vf',
    filter,
    '-an',
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '700k',
    // A keyframe every second: a viewer who joins sees a picture within a second (no PLI reaches ffmpeg).
    '-g',
    String(cam.fps),
    '-auto-alt-ref',
    '0',
    '-f',
    'rtp',
    '-payload_type',
    String(RTP_PAYLOAD_TYPE),
    `rtp://127.0.0.1:${rtpPort}?pkt_size=1200`,
  ];
}
