/**
 * The shared board: strokes (model, view, pen input), the host's clear, and a screen shared onto it
 * (my own, or a peer's arriving over the voice links). A part of the meeting (meeting/feature.ts
 * composes it).
 */

import { boardSpot, defaultBoardPlacement } from '../../../shared/space/board.js';
import { hallBounds } from '../../../shared/space/layout.js';
import type { ClientContext } from '../../context/context.js';
import type { ClientFeature } from '../../core/feature.js';
import { Listeners } from '../../core/listeners.js';
import type { PhasedSystem } from '../../core/phases.js';
import { flipYaw, protocolToBabylon } from '../../render/frames.js';
import type { MeetingRoom } from '../meetingRoom.js';
import type { VoiceFeature } from '../voice/feature.js';
import { createBoardInput, type BoardInput } from './boardInput.js';
import { BoardModel } from './boardModel.js';
import { BoardView } from './boardView.js';
import { videoFor, type ScreenShare } from './screenShare.js';

export interface BoardFeature extends ClientFeature {
  readonly model: BoardModel;
  readonly view: BoardView;
  readonly input: BoardInput;
  /** Starts or stops sharing my screen; 'ok' or why not, in words. */
  setSharing(on: boolean): Promise<string>;
  /**
   * Teleports me in front of the board: `distance` metres out, `along` metres to its right (as seen
   * facing it), turned `turn` radians to the left of facing it.
   */
  goToBoard(distance?: number, along?: number, turn?: number): void;
  /** Tells whether I share and whether someone else does, whenever that may have changed. */
  onSharing(l: (s: { mine: boolean; other: boolean }) => void): () => void;
}

export function createBoardFeature(ctx: ClientContext, room: MeetingRoom, share: ScreenShare, voice: VoiceFeature): BoardFeature {
  const { connection, store, scene } = ctx;
  const { selfId, info } = room;
  const model = new BoardModel(selfId);
  const view = new BoardView(scene, info()?.board ?? defaultBoardPlacement(connection.state?.space ?? { width: 32, depth: 24 }), model);
  view.redraw();
  const input = createBoardInput({
    scene,
    canvas: ctx.canvas,
    view,
    model,
    sendStroke: (m) => connection.send('board.stroke', m),
    sendErase: (ids) => connection.send('board.erase', { ids }),
    sendClear: () => connection.send('board.clear', {}),
    isHost: () => room.me()?.host ?? false,
    canDraw: () => !view.videoInfo().visible,
  });
  const sharing = new Listeners<{ mine: boolean; other: boolean }>();

  let localVideo: HTMLVideoElement | null = null;
  const showShare = () => {
    const sharer = info()?.sharer ?? '';
    if (sharer !== '' && sharer === selfId() && share.stream) {
      if (localVideo?.srcObject !== share.stream) localVideo = videoFor(share.stream);
      view.showVideo(localVideo);
    } else view.showVideo(sharer !== '' ? (voice.videos.get(sharer)?.video ?? null) : null);
    sharing.emit({ mine: share.active, other: sharer !== '' && sharer !== selfId() });
  };

  let lastSharer = '';
  const offNet = [
    room.net.on('board.stroke', (p) => view.change(model.apply(p))),
    room.net.on('board.snapshot', (s) => view.change(model.snapshot(s))),
    room.net.on('board.erase', (e) => view.change(model.erase(e.ids))),
    room.net.on('board.clear', (c) => {
      view.change(model.clear());
      if (c.by !== selfId()) ctx.notices.show(`${store.avatars.get(c.by)?.name ?? 'The host'} cleared the board.`);
    }),
    room.net.onInfo((i) => {
      view.place(i.board);
      if (i.sharer === lastSharer) return;
      // Someone else took the board, or the host stopped my share.
      if (share.active && i.sharer !== selfId() && lastSharer === selfId()) share.stop();
      lastSharer = i.sharer;
      voice.mesh.screenChanged();
      showShare();
    }),
  ];
  const offVideos = voice.videosChanged.add(showShare);
  const offShare = share.onChange(() => {
    if (!share.active && info()?.sharer === selfId()) connection.send('board.share', { on: false });
    showShare();
  });
  const offError = connection.onServerError((e) => {
    if (e.ref === 'board.share') share.stop();
    if (e.ref === 'board.stroke' && e.code === 'board.full') for (const key of [...model.local.keys()]) view.change(model.dropLocal(key));
  });
  let wasHost = room.me()?.host ?? false;
  view.setClearVisible(wasHost);
  const offChanged = store.onChanged((a) => {
    if (a.id !== selfId() || a.host === wasHost) return;
    wasHost = a.host;
    view.setClearVisible(a.host);
  });

  const upload: PhasedSystem = {
    name: 'meetingBoard',
    phase: 'render',
    update: (f) => view.update(f.now),
    dispose: () => view.dispose(),
  };

  return {
    name: 'meetingBoard',
    systems: [input, upload],
    model,
    view,
    input,
    async setSharing(on) {
      if (!on) {
        share.stop();
        return 'ok';
      }
      if (share.active) return 'ok';
      try {
        await share.start();
        connection.send('board.share', { on: true });
        return 'ok';
      } catch (err) {
        ctx.notices.show((err as Error).message, 'error');
        return (err as Error).message;
      }
    },
    goToBoard(distance = 3.4, along = 0, turn = 0) {
      const b = info()?.board;
      if (!b) return;
      const hall = connection.state?.space;
      if (!hall) return;
      // Everyone pressing "Go to board" wants the same spot: the later ones spread out (SPEC B9).
      const standing = [...store.others()].flatMap((a) => {
        const p = a.poses.latest();
        return p ? [{ x: p.head.px, z: p.head.pz }] : [];
      });
      const spot = boardSpot(b, hallBounds(hall), standing, distance, along, turn);
      protocolToBabylon(spot.x, 0, spot.z, ctx.player.position);
      ctx.player.yaw = flipYaw(spot.yaw);
      ctx.player.pitch = 0.05;
      ctx.local.markTeleport();
    },
    onSharing: (l) => sharing.add(l),
    dispose() {
      offNet.forEach((off) => off());
      offVideos();
      offShare();
      offError();
      offChanged();
      share.stop();
    },
  };
}
