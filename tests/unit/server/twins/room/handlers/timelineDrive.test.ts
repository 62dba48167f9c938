/** Who may drive the shared replay under each `timelineDrivers` setting of a layout (SPEC RP3). */
import { describe, expect, it } from 'vitest';
import { drivesTimeline } from '../../../../../../server/twins/room/handlers/timelineDrive.js';
import type { RoomContext } from '../../../../../../server/core/context.js';
import type { Participant } from '../../../../../../server/core/participant.js';

const ctxWith = (drivers: 'host' | 'operators' | 'everyone') =>
  ({ space: { layout: { timelineDrivers: drivers } } }) as unknown as RoomContext;
const person = (host: boolean, operator: boolean) => ({ avatar: { host }, operator }) as unknown as Participant;
const viewer = person(false, false);
const operator = person(false, true);
const host = person(true, false);

describe('timeline drivers', () => {
  it('RP3: by default the host and operators drive; a viewer does not', () => {
    expect([viewer, operator, host].map((p) => drivesTimeline(ctxWith('operators'), p))).toEqual([false, true, true]);
  });

  it('RP3: `host` leaves it to the host; `everyone` lets anyone drive', () => {
    expect([viewer, operator, host].map((p) => drivesTimeline(ctxWith('host'), p))).toEqual([false, false, true]);
    expect([viewer, operator, host].map((p) => drivesTimeline(ctxWith('everyone'), p))).toEqual([true, true, true]);
  });
});
