/**
 * Meetings on the client: spatial voice over a nearest-K WebRTC mesh, text chat (HUD panel and a
 * world panel for VR), people's roles and states, the shared board with screen share. Composes the
 * modules of client/meeting/ and offers `ctx.apis.meeting` (api.ts) to the VR menu.
 */
import { boardAxes, defaultBoardPlacement, viewingSpot } from '../../shared/space/board.js';
import type { ClientContext, ClientFeature } from '../app/feature.js';
import { MeetingNet } from '../net/meeting.js';
import { flipYaw } from '../render/frames.js';
import type { MeetingApi } from './api.js';
import { BoardModel } from './board/boardModel.js';
import { createBoardInput } from './board/boardInput.js';
import { BoardView } from './board/boardView.js';
import { ScreenShare, videoFor } from './board/screenShare.js';
import { ChatModel } from './chat/chatModel.js';
import { createChatPanel } from './chat/chatPanel.js';
import type { WorldChatPanel } from './chat/worldChatPanel.js';
import { createMeetingControls } from './controls.js';
import { decoratePeople } from './people.js';
import { createMeetingTestApi } from './testApi.js';
import { Microphone, MIC_WORDS } from './voice/microphone.js';
import { SpatialAudio } from './voice/spatialAudio.js';
import { VoiceMesh } from './voice/voiceMesh.js';
import { createVoiceSystem } from './voiceSystem.js';

export async function createMeetingFeature(ctx: ClientContext): Promise<ClientFeature> {
  const { connection, store, scene } = ctx;
  const net = new MeetingNet(connection);
  const audio = new SpatialAudio();
  const mic = new Microphone(audio.ctx);
  const share = new ScreenShare();
  const chat = new ChatModel();
  const selfId = () => store.selfId;
  const me = () => store.avatars.get(store.selfId ?? '');
  const changeListeners = new Set<() => void>();
  const changed = () => changeListeners.forEach((l) => l());
  const info = () => net.info;

  // --- Voice ---------------------------------------------------------------------------------------
  const remoteVideos = new Map<string, { stream: MediaStream; video: HTMLVideoElement }>();
  const mesh = new VoiceMesh({
    selfId,
    send: (m) => connection.send('rtc.signal', m),
    *peers() {
      const my = ctx.local.pose.head;
      for (const a of store.others()) {
        const p = voice.headOf(a.id);
        // Only people whose client listens for calls (it said hello); a call to anyone else is lost.
        // A seat held for a reconnection keeps its link: peer-to-peer audio outlives a server blip.
        yield { id: a.id, connected: a.rtc, distance: p ? Math.hypot(p.x - my.px, p.z - my.pz) : null };
      }
    },
    pinned() {
      const sharer = info()?.sharer ?? '';
      if (sharer === '') return new Set();
      if (sharer !== selfId()) return new Set([sharer]);
      return new Set([...store.others()].map((a) => a.id));
    },
    audio: () => (mic.live && mic.stream && mic.track ? { track: mic.track, stream: mic.stream } : null),
    screen: () => (share.stream && share.track && info()?.sharer === selfId() ? { track: share.track, stream: share.stream } : null),
    onAudio: (id, stream) => (stream ? audio.setVoice(id, stream) : audio.removeVoice(id)),
    onVideo: (id, track, stream) => {
      if (track && stream) remoteVideos.set(id, { stream, video: videoFor(stream) });
      else {
        remoteVideos.get(id)?.video.pause();
        remoteVideos.delete(id);
      }
      showShare();
    },
  });
  let mutedHintAt = 0;
  const voice = createVoiceSystem({
    scene,
    store,
    avatars: ctx.avatars,
    audio,
    mic,
    onSelfSpeaking(on, muted) {
      if (on && muted && mic.live && performance.now() - mutedHintAt > 15_000) {
        mutedHintAt = performance.now();
        ctx.notices.show('You are muted — press M to speak.');
      }
    },
  });
  // Peer selection runs on a timer, not per frame: a hidden tab (no frames) still answers new people.
  const meshTimer = setInterval(() => mesh.update(performance.now()), 250);
  net.on('welcome', (w) => mesh.welcome(w));
  net.on('signal', (s) => mesh.receive(s));

  const sendVoice = () => connection.send('meeting.voice', { mic: mic.live, muted: mic.muted });
  const setMuted = (on: boolean) => {
    mic.setMuted(on);
    sendVoice();
  };
  mic.onChange(() => {
    mesh.audioChanged();
    refreshControls();
    changed();
  });
  const startMic = async () => {
    const state = await mic.start();
    sendVoice();
    controls.setMicProblem(state !== 'live' && state !== 'asking' && state !== 'idle' ? MIC_WORDS[state] : null);
  };

  // --- Chat ----------------------------------------------------------------------------------------
  const sendChat = (text: string) => connection.send('chat.send', { text });
  const chatPanel = createChatPanel(chat, sendChat, selfId);
  net.on('chatLine', (l) => chat.add([l]));
  net.on('chatHistory', (h) => chat.add(h.lines));
  let world: WorldChatPanel | null = null;
  const worldChat = async () => {
    if (!world) {
      const { createWorldChatPanel } = await import('./chat/worldChatPanel.js');
      world ??= createWorldChatPanel(scene, chat, sendChat);
    }
    return world;
  };

  // --- Board ---------------------------------------------------------------------------------------
  const model = new BoardModel(selfId);
  const board = new BoardView(scene, info()?.board ?? defaultBoardPlacement(connection.state?.space ?? { width: 32, depth: 24 }), model);
  board.redraw();
  const boardInput = createBoardInput({
    scene,
    canvas: ctx.canvas,
    view: board,
    model,
    sendStroke: (m) => connection.send('board.stroke', m),
    sendErase: (ids) => connection.send('board.erase', { ids }),
    sendClear: () => connection.send('board.clear', {}),
    isHost: () => me()?.host ?? false,
    canDraw: () => !board.videoInfo().visible,
  });
  net.on('stroke', (p) => board.change(model.apply(p)));
  net.on('snapshot', (s) => board.change(model.snapshot(s)));
  net.on('erase', (e) => board.change(model.erase(e.ids)));
  net.on('clear', (c) => {
    board.change(model.clear());
    if (c.by !== selfId()) ctx.notices.show(`${store.avatars.get(c.by)?.name ?? 'The host'} cleared the board.`);
  });
  let localVideo: HTMLVideoElement | null = null;
  function showShare() {
    const sharer = info()?.sharer ?? '';
    if (sharer !== '' && sharer === selfId() && share.stream) {
      if (localVideo?.srcObject !== share.stream) localVideo = videoFor(share.stream);
      board.showVideo(localVideo);
    } else board.showVideo(sharer !== '' ? (remoteVideos.get(sharer)?.video ?? null) : null);
    controls.setSharing(share.active, sharer !== '' && sharer !== selfId());
  }
  const setSharing = async (on: boolean): Promise<string> => {
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
  };
  share.onChange(() => {
    if (!share.active && info()?.sharer === selfId()) connection.send('board.share', { on: false });
    mesh.screenChanged();
    showShare();
  });
  /**
   * Teleports me in front of the board: `distance` metres out, `along` metres to its right (as seen
   * facing it), turned `turn` radians to the left of facing it.
   */
  const goToBoard = (distance = 3.4, along = 0, turn = 0) => {
    const b = info()?.board;
    if (!b) return;
    const spot = viewingSpot(b, distance);
    const { right } = boardAxes(b.yaw);
    ctx.player.position.set(spot.x + right.x * along, 0, -(spot.z + right.z * along));
    ctx.player.yaw = flipYaw(spot.yaw + turn);
    ctx.player.pitch = 0.05;
    ctx.local.markTeleport();
  };

  // --- State from the server ------------------------------------------------------------------------
  let lastSharer = '';
  net.on('info', (i) => {
    board.place(i.board);
    if (i.sharer !== lastSharer) {
      // Someone else took the board, or the host stopped my share.
      if (share.active && i.sharer !== selfId() && lastSharer === selfId()) share.stop();
      lastSharer = i.sharer;
      mesh.screenChanged();
      showShare();
    }
    peopleUi.refresh();
    changed();
  });
  net.on('notice', (n) => {
    if (n.kind === 'muted_by_host') mic.setMuted(true);
    ctx.notices.show(n.text);
    changed();
  });
  const offError = connection.onServerError((e) => {
    if (e.ref === 'chat.send') chatPanel.problem(e.message);
    if (e.ref === 'board.share') share.stop();
    if (e.ref === 'board.stroke' && e.code === 'board.full') for (const key of [...model.local.keys()]) board.change(model.dropLocal(key));
  });
  let wasHost = me()?.host ?? false;
  let wasMuted = me()?.muted ?? false;
  board.setClearVisible(wasHost);
  const offChanged = store.onChanged((a) => {
    if (a.id !== selfId()) return;
    // The host muted me: my track goes silent too (the server already tells everyone).
    if (a.muted && !wasMuted && !mic.muted) mic.setMuted(true);
    wasMuted = a.muted;
    if (a.host !== wasHost) {
      wasHost = a.host;
      board.setClearVisible(a.host);
      peopleUi.refresh();
    }
    refreshControls();
    changed();
  });
  // Every time the connection is (back) up, say hello: the server answers with ICE servers, the chat
  // history and the board (messages sent before this feature listened would be lost).
  const offStatus = connection.onStatus((s) => {
    if (s.state !== 'connected') return;
    connection.send('meeting.hello', {});
    if (mic.state !== 'idle' && mic.state !== 'asking') sendVoice();
  });

  // --- HUD ------------------------------------------------------------------------------------------
  const controls = createMeetingControls({
    mic: () => (mic.live ? setMuted(!mic.muted) : void startMic()),
    hand: () => connection.send('meeting.hand', { raised: !(me()?.hand ?? false) }),
    chat: () => {
      chatPanel.setOpen(!chatPanel.open);
      controls.setChatOpen(chatPanel.open);
      if (chatPanel.open) chatPanel.focus();
    },
    share: () => void setSharing(!share.active),
    board: () => goToBoard(),
    shareSupported: ScreenShare.supported,
  });
  chatPanel.onUnread((n) => controls.setUnread(n));
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
  ctx.hud.addPanel(chatPanel.panel);
  const peopleUi = decoratePeople(ctx.people, {
    selfId,
    iAmHost: () => me()?.host ?? false,
    locked: () => info()?.locked ?? false,
    hasPasscode: () => info()?.passcode ?? false,
    mute: (id) => connection.send('meeting.mute', { target: id }),
    lowerHand: (id) => connection.send('meeting.hand', { raised: false, target: id }),
    remove: (id) => connection.send('meeting.kick', { target: id }),
    lock: (on) => connection.send('meeting.lock', { locked: on }),
    claimHost: (passcode) => connection.send('meeting.claim_host', { passcode }),
  });
  refreshControls();
  const levelTimer = setInterval(() => controls.setLevel(mic.muted ? 0 : voice.myLevel), 100);
  const boardSystem = {
    name: 'meetingBoard',
    phase: 'render' as const,
    update: (f: { now: number }) => board.update(f.now),
    dispose: () => board.dispose(),
  };

  // --- API for other features (the VR menu) --------------------------------------------------------
  const api: MeetingApi = {
    get muted() {
      return mic.muted || !mic.live;
    },
    toggleMute: () => (mic.live ? setMuted(!mic.muted) : void startMic()),
    setMuted,
    get handRaised() {
      return me()?.hand ?? false;
    },
    raiseHand: (on) => connection.send('meeting.hand', { raised: on }),
    get micState() {
      return mic.state;
    },
    get micProblem() {
      return mic.state in MIC_WORDS ? MIC_WORDS[mic.state as keyof typeof MIC_WORDS] : null;
    },
    retryMic: startMic,
    get host() {
      return me()?.host ?? false;
    },
    sendChat,
    chat: {
      show: async (parent) => (await worldChat()).show(parent),
      hide: () => world?.hide(),
      toggle: async (parent) => (world?.visible ? world.hide() : (await worldChat()).show(parent)),
      get visible() {
        return world?.visible ?? false;
      },
    },
    goToBoard: () => goToBoard(),
    onChange(l) {
      changeListeners.add(l);
      return () => changeListeners.delete(l);
    },
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
  api.onChange(() => ctx.actions.changed());

  // Join with the microphone on (people can mute at once); listening works whatever happens here.
  void startMic();

  return {
    name: 'meeting',
    systems: [voice, boardInput, boardSystem],
    // Only test builds carry the test API (MODE is a build-time constant: production drops this).
    testApi:
      import.meta.env.MODE !== 'test'
        ? undefined
        : createMeetingTestApi({
            api,
            mic,
            audio,
            mesh,
            voice,
            chat,
            model,
            board,
            boardInput,
            share,
            scene,
            canvas: ctx.canvas,
            worldChat,
            tag: (id) => ctx.avatars.views.get(id)?.tag.status ?? null,
            sharer: () => info()?.sharer ?? '',
            setSharing,
            goToBoard,
          }),
    dispose() {
      clearInterval(levelTimer);
      clearInterval(meshTimer);
      offActions.forEach((off) => off());
      offChanged();
      offStatus();
      offError();
      share.stop();
      mesh.dispose();
      mic.stop();
      audio.dispose();
      chatPanel.dispose();
      controls.dispose();
      world?.dispose();
      net.dispose();
    },
  };
}
