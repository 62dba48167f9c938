/**
 * The root state of a space room: what every participant sees. Fields only.
 */
import { schema, type SchemaType } from '@colyseus/schema';
import { AvatarState } from './avatar.js';
import { TwinState } from './twin.js';
import { BoardState, MeetingState } from './meeting.js';
import { TimelineState } from './timeline.js';

/** The space's identity and its hall, from its layout file (static for the room's life). */
export const SpaceInfoState = schema(
  {
    /** Space name as in `?space=`. */
    name: { type: 'string', default: '' },
    /** Title shown to people: the layout's title, with the space's name when it differs from the layout's (`name (layoutTitle)`). */
    title: { type: 'string', default: '' },
    /** Name of the layout file the space uses (assets/spaces/<layout>.json). */
    layout: { type: 'string', default: '' },
    /** Hall extent along x (metres). */
    width: { type: 'float32', default: 0 },
    /** Hall extent along z (metres). */
    depth: { type: 'float32', default: 0 },
    /** Hall height (metres). */
    height: { type: 'float32', default: 0 },
    /** Where new arrivals stand (protocol frame, metres) and which way they face (radians about +Y, 0 = −Z). */
    spawnX: { type: 'float32', default: 0 },
    spawnZ: { type: 'float32', default: 0 },
    spawnYaw: { type: 'float32', default: 0 },
    /** True when only participants who joined with the operator passcode may operate machines (SPEC OP1). */
    locked: { type: 'boolean', default: false },
    /** The layout's own title, as its file gives it (the hall's sign shows it). Last, so older clients ignore it. */
    layoutTitle: { type: 'string', default: '' },
    /** The layout whose building is the space (SPEC BM4): load /assets/buildings/<building>.glb and .json; '' for the procedural hall. */
    building: { type: 'string', default: '' },
    /** Which instance of the space this room is (SPEC J6): 1 is the space itself, 2… its overflow rooms. */
    instance: { type: 'uint8', default: 1 },
    /** The instance's name people see, e.g. `line-1 (2)`; '' for instance 1 (shared/space/instances.ts). */
    instanceName: { type: 'string', default: '' },
  },
  'SpaceInfoState',
);
export type SpaceInfoState = SchemaType<typeof SpaceInfoState>;

export const SpaceState = schema(
  {
    space: SpaceInfoState,
    /** Participants by Colyseus session id. */
    avatars: { map: AvatarState },
    /** Machines placed in this space by its layout, by twin id (shared/state/twin.ts). */
    twins: { map: TwinState },
    /** Lock and host passcode (SPEC R5). */
    meeting: MeetingState,
    /** The shared board's placement and screen share (SPEC B1, B7). */
    board: BoardState,
    /** Live or replay, shared by everyone in the space (SPEC RP1). Last, so older clients ignore it. */
    timeline: TimelineState,
  },
  'SpaceState',
);
export type SpaceState = SchemaType<typeof SpaceState>;
