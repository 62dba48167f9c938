/**
 * Twinverse's extension of a Thing Description: everything the WoT standard does not say about a
 * twin in a shared 3D space. It lives in one member, `tv:twin`, whose prefix the TD declares in its
 * `@context` (`{ "tv": TWIN_CONTEXT }`). The server validates it when loading; the client reads it
 * from `GET /api/twins/:id/td` to build the model and drive its bindings.
 *
 * Frames and units: positions in metres in the twin's own frame (protocol frame conventions:
 * right-handed, +Y up, −Z forward, origin on the floor at the machine's centre); rotations in degrees.
 */
import { z } from '../protocol/validation.js';

/** The IRI our prefix stands for in a TD's `@context`. */
export const TWIN_CONTEXT = 'https://twinverse.dev/ns/twin/v1#';
/** The TD member that holds the extension. */
export const TWIN_MEMBER = 'tv:twin';
/** Version of the extension's format; a change that old files cannot satisfy bumps it, with a migration. */
export const TWIN_EXTENSION_VERSION = 1;

const Id = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{0,47}$/, 'an id has 1–48 letters, digits, - or _, starting with a letter'));
const Color = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written #rrggbb'));
const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
const Vec3 = z.tuple([finite, finite, finite]);

/** One primitive of a procedural model. */
export const Primitive = z.strictObject({
  /** Part id: bindings and movable parts name it. */
  id: Id,
  shape: z.enum(['box', 'cylinder', 'sphere', 'cone', 'torus']),
  /** Extent along x, y, z in metres (a cylinder's diameter is x and z, its height y; a torus's thickness is y). */
  size: z.tuple([z.number().check(z.gt(0), z.lte(50)), z.number().check(z.gt(0), z.lte(50)), z.number().check(z.gt(0), z.lte(50))]),
  /** Centre, metres, relative to the parent part (or the twin's origin). */
  position: Vec3,
  /** Rotation in degrees about x, then y, then z (extrinsic XYZ); default none. */
  rotation: z.optional(Vec3),
  color: Color,
  /** Id of the part this one is attached to (it moves and turns with it). */
  parent: z.optional(Id),
});
export type Primitive = z.infer<typeof Primitive>;

/** The 3D model: the project's own glTF file under assets/models/, or a recipe of primitives. */
export const TwinModel = z.union([
  z.strictObject({
    /**
     * Path under assets/ (served at /assets/…), e.g. `models/pump.glb`. Node names are part ids; the
     * file's frame is the twin's (glTF and the protocol are both right-handed, +Y up, metres). Bounded
     * by shared/twin/modelLimits.ts.
     */
    gltf: z.string().check(z.regex(/^models\/[a-z0-9_/-]+\.(glb|gltf)$/, 'a model is models/<name>.glb or .gltf')),
    /**
     * The same machine as a recipe: shown while the file loads and instead of it when it cannot be
     * used (SPEC GM3), and the parts' rest poses the server uses for movable parts. Its part ids are
     * the file's node names.
     */
    primitives: z.optional(z.array(Primitive).check(z.minLength(1), z.maxLength(64))),
  }),
  z.strictObject({
    primitives: z.array(Primitive).check(z.minLength(1), z.maxLength(64)),
  }),
]);
export type TwinModel = z.infer<typeof TwinModel>;

/** Colour of a part from a numeric or boolean value (true = 1): linear between stops. */
export const ColorBinding = z.strictObject({
  kind: z.literal('color'),
  property: z.string(),
  part: Id,
  /** Stops in increasing `at` order. */
  ramp: z.array(z.strictObject({ at: finite, color: Color })).check(z.minLength(2), z.maxLength(8)),
});
/** A part spins about one of its axes at `value × factor` radians per second. */
export const RotateBinding = z.strictObject({
  kind: z.literal('rotate'),
  property: z.string(),
  part: Id,
  axis: z.enum(['x', 'y', 'z']),
  factor: finite,
});
/** A part is filled (scaled from 0 to its full size along `axis`) by `(value − min) / (max − min)`. */
export const GaugeBinding = z.strictObject({
  kind: z.literal('gauge'),
  property: z.string(),
  part: Id,
  axis: z.enum(['x', 'y', 'z']),
  min: finite,
  max: finite,
});
/** A text label on a part: the value with `digits` decimals and its unit. */
export const LabelBinding = z.strictObject({
  kind: z.literal('label'),
  property: z.string(),
  part: Id,
  digits: z.optional(z.number().check(z.int(), z.gte(0), z.lte(6))),
});
export const Binding = z.discriminatedUnion('kind', [ColorBinding, RotateBinding, GaugeBinding, LabelBinding]);
export type Binding = z.infer<typeof Binding>;

/**
 * An alarm on a numeric property. Raised when the value goes above `above` (or below `below`);
 * cleared only once it is back by more than `hysteresis` (so a value hovering at the threshold does
 * not flap). Exactly one of `above` / `below`.
 */
export const AlarmRule = z
  .strictObject({
    id: Id,
    property: z.string(),
    above: z.optional(finite),
    below: z.optional(finite),
    hysteresis: z._default(z.number().check(z.gte(0)), 0),
    severity: z.enum(['info', 'warning', 'critical']),
    message: z.string().check(z.minLength(1), z.maxLength(120)),
  })
  .check(z.refine((a) => (a.above === undefined) !== (a.below === undefined), 'an alarm has exactly one of above / below'));
export type AlarmRule = z.infer<typeof AlarmRule>;

/**
 * An action that sets a property's target: while the reported value differs from what the command
 * asked for by more than `tolerance`, the property shows it as `desired`. The action's input is the
 * number itself, or the object member `field`.
 */
export const Setpoint = z.strictObject({
  action: z.string(),
  property: z.string(),
  field: z.optional(z.string()),
  tolerance: z._default(z.number().check(z.gte(0)), 0),
});
export type Setpoint = z.infer<typeof Setpoint>;

/** A part people may pick up and move (one holder at a time), at most `reach` metres from where it rests. */
export const Movable = z.strictObject({
  part: Id,
  reach: z._default(z.number().check(z.gt(0), z.lte(10)), 1.5),
});
export type Movable = z.infer<typeof Movable>;

/** Names of the built-in simulator's machine models (server/twins/simulator/). */
export const SIMULATOR_MODELS = ['spindle', 'conveyor', 'pump', 'agv'] as const;

export const TwinExtension = z.strictObject({
  version: z.literal(TWIN_EXTENSION_VERSION),
  /** A property with no reading for this many seconds is stale (and so is a twin whose properties all are). */
  staleAfter: z._default(z.number().check(z.gte(0.1), z.lte(3600)), 5),
  model: TwinModel,
  bindings: z._default(z.array(Binding).check(z.maxLength(64)), []),
  alarms: z._default(z.array(AlarmRule).check(z.maxLength(64)), []),
  setpoints: z._default(z.array(Setpoint).check(z.maxLength(32)), []),
  movable: z._default(z.array(Movable).check(z.maxLength(16)), []),
  /** When the machine was commissioned: an ISO 8601 date (`2019-03-14`) or date-time; shown by `GET /api/twins` (SPEC NT5). */
  commissioned: z.optional(
    z.string().check(
      z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'an ISO 8601 date, e.g. 2019-03-14'),
      z.refine((s) => Number.isFinite(Date.parse(s)), 'not a real date'),
    ),
  ),
  /** The built-in simulator's model for this machine, used when no broker is configured. */
  simulator: z.optional(
    z.strictObject({
      model: z.enum(SIMULATOR_MODELS),
      params: z._default(z.record(z.string(), finite), {}),
    }),
  ),
});
export type TwinExtension = z.infer<typeof TwinExtension>;

/** What a twin without a `tv:twin` member (a TD from elsewhere) gets: a grey 1 m box, no bindings. */
export const DEFAULT_TWIN_EXTENSION: TwinExtension = {
  version: TWIN_EXTENSION_VERSION,
  staleAfter: 30,
  model: { primitives: [{ id: 'body', shape: 'box', size: [1, 1, 1], position: [0, 0.5, 0], color: '#8a8f98' }] },
  bindings: [],
  alarms: [],
  setpoints: [],
  movable: [],
};
