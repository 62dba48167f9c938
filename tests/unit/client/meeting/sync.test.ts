/**
 * The meeting's sync module (client/meeting/sync.ts): the meeting and board state become `info`
 * through Colyseus' change callbacks, told once per patch that changed them and not otherwise.
 */
import { describe, expect, it } from 'vitest';
import { MeetingNet, type MeetingInfo } from '../../../../client/meeting/sync.js';
import { feedState } from '../../../support/stateFeed.js';

describe('meeting sync', () => {
  it('CL4 info holds the meeting and board state from the first state on', () => {
    const feed = feedState((s) => {
      s.meeting.passcode = true;
      s.board.x = 2;
      s.board.width = 3;
    });
    const net = new MeetingNet(feed.connection);
    expect(net.info).toEqual({ locked: false, passcode: true, board: { x: 2, y: 0, z: 0, yaw: 0, width: 3 }, sharer: '' });
  });

  it('CL4 a patch that changes the lock or the board tells listeners once; one that does not, never', () => {
    const feed = feedState();
    const net = new MeetingNet(feed.connection);
    const told: MeetingInfo[] = [];
    net.onInfo((i) => told.push(i));
    feed.server.meeting.locked = true;
    feed.server.board.sharer = 's1';
    feed.server.board.yaw = 1.5;
    feed.patch();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ locked: true, sharer: 's1', board: { yaw: 1.5 } });
    feed.server.space.title = 'Elsewhere'; // not the meeting's
    feed.patch();
    expect(told).toHaveLength(1);
    net.dispose();
    feed.server.meeting.locked = false;
    feed.patch();
    expect(told).toHaveLength(1);
  });
});
