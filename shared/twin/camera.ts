/**
 * The `tv:camera` extension of a Thing Description (SPEC VT1–VT3): what makes a twin a camera — where
 * its video comes from, where it sits and looks, and how wide it sees. A camera is a twin like any
 * machine (its TD has properties such as `online`, `resolution`, `fps` and usually a `tv:twin` model
 * for the housing); the layout places it like any twin, and this member says the rest.
 *
 * Frames and units: positions in metres in the twin's own frame (protocol frame conventions:
 * right-handed, +Y up, −Z forward, origin where the layout places the twin); angles in degrees.
 */
import { z } from '../protocol/validation.js';

/** The TD member that holds the extension (prefix `tv`, declared in `@context` as for `tv:twin`). */
export const CAMERA_MEMBER = 'tv:camera';
/** Version of the extension's format; a change old files cannot satisfy bumps it, with a migration. */
export const CAMERA_EXTENSION_VERSION = 1;

const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
const Vec3 = z.tuple([finite, finite, finite]);

/** The built-in generated feed (a test pattern with a clock and the camera's name): `npm start` needs no hardware. */
export const TEST_SOURCE = 'test';

/**
 * A camera fed by a page (`/camera?twin=…`, a phone or laptop) that publishes its own camera to the
 * server over WebRTC (SPEC VP1): offline "waiting for a publisher" until one does.
 */
export const PUBLISH_SOURCE = 'publish';

/**
 * Where the video comes from: `test` (the built-in test pattern), `publish` (a page publishes it) or an
 * `rtsp://` / `rtsps://` URL the server pulls (credentials may be written in the URL; the server never
 * shows them to clients).
 */
export const CameraSource = z.union([
  z.literal(TEST_SOURCE),
  z.literal(PUBLISH_SOURCE),
  z
    .string()
    .check(
      z.maxLength(512, 'a source URL has at most 512 characters'),
      z.regex(/^rtsps?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/, 'a camera source is "test", "publish" or an rtsp:// URL'),
    ),
]);
export type CameraSource = z.infer<typeof CameraSource>;

export const CameraExtension = z.strictObject({
  version: z.literal(CAMERA_EXTENSION_VERSION),
  source: CameraSource,
  /** The lens's position, metres, in the twin's frame. */
  position: Vec3,
  /** Heading, degrees about +Y (0 looks along −Z, positive turns left: right-handed). */
  yawDeg: z.number().check(z.gte(-180), z.lte(180)),
  /** Tilt, degrees (negative looks down). */
  pitchDeg: z.number().check(z.gte(-90), z.lte(90)),
  /** Vertical field of view, degrees. */
  fovDeg: z.number().check(z.gte(5), z.lte(150)),
  /** Picture width / height. */
  aspect: z.number().check(z.gte(0.25), z.lte(4)),
  /** The twin it watches, when it watches one (shown in the panel; projection aims there). */
  looksAt: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'looksAt names a twin id'))),
  /** Frame size the server asks of the source, pixels (the test pattern's size; RTSP is scaled to it). */
  width: z._default(z.number().check(z.int(), z.gte(64), z.lte(1920)), 640),
  height: z._default(z.number().check(z.int(), z.gte(64), z.lte(1080)), 360),
  /** Frames per second the server asks of the source. */
  fps: z._default(z.number().check(z.int(), z.gte(1), z.lte(30)), 15),
});
export type CameraExtension = z.infer<typeof CameraExtension>;

/**
 * What a served TD says of an RTSP camera's source (SPEC VT3): its kind, never the URL — a camera's
 * URL usually carries its user and password, and only the server that pulls it needs them.
 */
export const SERVED_RTSP_SOURCE = 'rtsp';

/** The `tv:camera` member as clients read it from `GET /api/twins/:id/td`: the source is a kind only. */
export const ServedCameraExtension = z.extend(CameraExtension, { source: z.enum([TEST_SOURCE, PUBLISH_SOURCE, SERVED_RTSP_SOURCE]) });
export type ServedCameraExtension = z.infer<typeof ServedCameraExtension>;

/** Properties a camera TD must declare: the server writes them from its feed (SPEC VT2). */
export const CAMERA_PROPERTIES = {
  online: 'boolean',
  resolution: 'string',
  fps: 'number',
  /** Why it is offline ('' when online). */
  offlineReason: 'string',
  /** When `online` last changed: an ISO 8601 date-time ("offline since …"). */
  since: 'string',
} as const;
