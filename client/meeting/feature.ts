/**
 * Meetings on the client: spatial voice (voice/feature.ts), text chat (chat/feature.ts) and the shared
 * board with screen share (board/feature.ts), as the server splits them; this file composes them and
 * adds what belongs to the meeting as a whole — saying hello, the HUD controls, roles in the people
 * list, and `ctx.apis.meeting` (api.ts) with its menu actions for the VR menu.
 */

import type { ClientContext } from '../context/context.js';
import type { ClientFeature } from '../core/feature.js';
import type { MeetingApi } from './api.js';
import { createBoardFeature } from './board/feature.js';
import { ScreenShare } from './board/screenShare.js';
import { createChatFeature } from './chat/feature.js';
import { createMeetingControls } from './controls.js';
import { createMeetingRoom } from './meetingRoom.js';
import { decoratePeople } from './people.js';
import { createMeetingTestApi } from './testApi.js';
import { MIC_WORDS } from './voice/microphone.js';
import { createVoiceFeature } from './voice/feature.js';

/** How often the HUD's microphone meter refreshes, ms. */
const LEVEL_EVERY_MS = 100;

export async function createMeetingFeature(ctx: ClientContext): Promise<ClientFeature> {
  const { connection, store } = ctx;
  const room = createMeetingRoom(ctx);
  const { me, selfId, info } = room;
  // Every time the connection is (back) up, say hello: the server answers with ICE servers, the chat
  // history and the board (messages sent before the meeting listened would be lost). Registered before
  // the parts' own status listeners, so the hello goes first.
  const offStatus = connection.onStatus((s) => s.state === 'connected' && connection.send('meeting.hello', {}));
  const share = new ScreenShare();
  const voice = createVoiceFeature(ctx, room, share);
  const chat = createChatFeature(ctx, room);
  const board = createBoardFeature(ctx, room, share, voice);
  const { mic } = voice;
  const parts = [voice, chat, board];

  // --- HUD ------------------------------------------------------------------------------------------
  const startMic = async () => {
    await voice.startMic();
    controls.setMicProblem(voice.micProblem());
  };
  const toggleMute = () => (mic.live ? voice.setMuted(!mic.muted) : void startMic());
  const controls = createMeetingControls({
    mic: toggleMute,
    hand: () => connection.send('meeting.hand', { raised: !(me()?.hand ?? false) }),
    chat: () => {
      chat.panel.setOpen(!chat.panel.open);
      controls.setChatOpen(chat.panel.open);
      if (chat.panel.open) chat.panel.focus();
    },
    share: () => void board.setSharing(!share.active),
    board: () => board.goToBoard(),
    shareSupported: ScreenShare.supported,
  });
  const offHud = [
    chat.panel.onUnread((n) => controls.setUnread(n)),
    board.onSharing((s) => controls.setSharing(s.mine, s.other)),
    mic.onChange(() => refreshControls()),
  ];
  function refreshControls() {
    const title = mic.live
      ? mic.muted
        ? 'Unmute (M)'
        : 'Mute (M)'
      : mic.state === 'asking'
        ? 'Asking for the microphone…'
        : (MIC_WORDS[mic.state as keyof typeof MIC_WORDS] ?? 'Microphone');
    controls.setMic(mic.live ? (mic.muted ? 'muted' : 'live') : 'off', title);
    controls.setHand(me()?.hand ?? false);
  }
  ctx.hud.addAction(controls.element);
  ctx.hud.addToBar(controls.barMic);
  /** The passcode last sent to become host. */
  let claimed = '';
  const peopleUi = decoratePeople(ctx.people, {
    selfId,
    iAmHost: () => me()?.host ?? false,
    locked: () => info()?.locked ?? false,
    hasPasscode: () => info()?.passcode ?? false,
    mute: (id) => connection.send('meeting.mute', { target: id }),
    lowerHand: (id) => connection.send('meeting.hand', { raised: false, target: id }),
    remove: (id) => connection.send('meeting.kick', { target: id }),
    lock: (on) => connection.send('meeting.lock', { locked: on }),
    claimHost: (passcode) => {
      claimed = passcode;
      connection.send('meeting.claim_host', { passcode });
    },
  });
  refreshControls();
  const levelTimer = setInterval(() => controls.setLevel(mic.muted ? 0 : voice.system.myLevel), LEVEL_EVERY_MS);

  // --- State from the server ------------------------------------------------------------------------
  const offNet = [
    room.net.onInfo(() => {
      peopleUi.refresh();
      room.changed.emit();
    }),
    room.net.on('meeting.notice', (n) => {
      // The passcode worked: a rejoin after a restart carries it, so this person is host again.
      if (n.kind === 'host_granted' && claimed) connection.keepPasscode(claimed);
      ctx.notices.show(n.text);
      room.changed.emit();
    }),
  ];
  let wasHost = me()?.host ?? false;
  const offChanged = store.onChanged((a) => {
    if (a.id !== selfId()) return;
    if (a.host !== wasHost) {
      wasHost = a.host;
      peopleUi.refresh();
    }
    refreshControls();
    room.changed.emit();
  });

  // --- API for other features (the VR menu) --------------------------------------------------------
  const api: MeetingApi = {
    get muted() {
      return mic.muted || !mic.live;
    },
    toggleMute,
    setMuted: (on) => voice.setMuted(on),
    get handRaised() {
      return me()?.hand ?? false;
    },
    raiseHand: (on) => connection.send('meeting.hand', { raised: on }),
    get micState() {
      return mic.state;
    },
    get micProblem() {
      return voice.micProblem();
    },
    retryMic: startMic,
    get host() {
      return me()?.host ?? false;
    },
    sendChat: chat.send,
    chat: {
      show: async (parent) => (await chat.world()).show(parent),
      hide: () => chat.worldIfMade?.hide(),
      toggle: async (parent) => (chat.worldIfMade?.visible ? chat.worldIfMade.hide() : (await chat.world()).show(parent)),
      get visible() {
        return chat.worldIfMade?.visible ?? false;
      },
    },
    goToBoard: () => board.goToBoard(),
    onChange: (l) => room.changed.add(l),
  };
  ctx.apis.meeting = api;
  // The same controls as menu entries (the VR wrist menu lists ctx.actions).
  const offActions = [
    ctx.actions.register({
      id: 'mute',
      label: () => (api.muted ? 'Unmute' : 'Mute'),
      active: () => api.muted,
      run: () => api.toggleMute(),
    }),
    ctx.actions.register({
      id: 'hand',
      label: () => (api.handRaised ? 'Lower hand' : 'Raise hand'),
      active: () => api.handRaised,
      run: () => api.raiseHand(!api.handRaised),
    }),
    ctx.actions.register({
      id: 'chat',
      label: () => 'Chat',
      active: () => api.chat.visible,
      run: () => void api.chat.toggle().then(() => ctx.actions.changed()),
    }),
    ctx.actions.register({ id: 'board', label: () => 'Go to board', run: () => api.goToBoard() }),
  ];
  const offMenu = api.onChange(() => ctx.actions.changed());

  // Join with the microphone on (people can mute at once); listening works whatever happens here.
  void startMic();

  return {
    name: 'meeting',
    systems: parts.flatMap((p) => p.systems ?? []),
    // Only test builds carry the test API (MODE is a build-time constant: production drops this).
    testApi:
      import.meta.env.MODE !== 'test'
        ? undefined
        : createMeetingTestApi({
            api,
            mic,
            audio: voice.audio,
            mesh: voice.mesh,
            voice: voice.system,
            chat: chat.model,
            model: board.model,
            board: board.view,
            boardInput: board.input,
            share,
            scene: ctx.scene,
            canvas: ctx.canvas,
            worldChat: () => chat.world(),
            tag: (id) => ctx.avatars.views.get(id)?.tag.status ?? null,
            sharer: () => info()?.sharer ?? '',
            setSharing: (on) => board.setSharing(on),
            goToBoard: (distance, along, turn) => board.goToBoard(distance, along, turn),
          }),
    dispose() {
      clearInterval(levelTimer);
      offActions.forEach((off) => off());
      offMenu();
      offHud.forEach((off) => off());
      offNet.forEach((off) => off());
      offChanged();
      offStatus();
      for (const p of [...parts].reverse()) p.dispose?.();
      controls.dispose();
      room.dispose();
    },
  };
}
