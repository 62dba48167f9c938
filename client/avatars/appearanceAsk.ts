/**
 * Asking the server for another style or colour (SPEC AV6), for the HUD card and the VR menu alike.
 * What counts is what the server decided (AV2 may replace a colour): a ping after the request is the
 * barrier — once its pong is here the server has handled it — and a changed colour arrives in the
 * state patch after it, within a patch interval or two; a colour kept as it was never arrives, so
 * after a short grace the colour held then is the answer.
 */
import { styleOf, type AvatarStyleId } from '../../shared/avatar/styles.js';
import type { ClientMessage, JsonClientMessageName, ServerMessage, ServerMessageName } from '../../shared/protocol/table.js';
import { Listeners } from '../core/listeners.js';
import type { AvatarInfo, AvatarStore } from './store.js';

/** After the pong, how long a changed colour may still take to come in a state patch (ms). */
const PATCH_GRACE_MS = 400;

export interface AppearanceLink {
  send<N extends JsonClientMessageName>(type: N, payload: ClientMessage<N>): void;
  on<N extends ServerMessageName>(name: N, handler: (payload: ServerMessage<N>) => void): () => void;
  /** Rejoins come back in what the server gave (AV3). */
  keepAppearance(a: { color: string; style: AvatarStyleId }): void;
}

/** The server's answer to a colour asked for. */
export interface ColorDecision {
  asked: string;
  given: string;
}

export interface AppearanceAsk {
  /** My avatar as the server holds it, or null before the first state. */
  mine(): AvatarInfo | null;
  askStyle(style: AvatarStyleId): void;
  askColor(color: string): void;
  /** True from a colour asked until the server's answer. */
  readonly pending: boolean;
  /** My avatar changed (any field), as the state says. */
  onMine(l: (a: AvatarInfo) => void): () => void;
  onColorDecided(l: (d: ColorDecision) => void): () => void;
  /** Style and colour the person chose and the server gave: kept for the next visit. */
  onGranted(l: (a: { color: string; style: AvatarStyleId }) => void): () => void;
  dispose(): void;
}

export function createAppearanceAsk(store: AvatarStore, link: AppearanceLink): AppearanceAsk {
  const mineChanged = new Listeners<AvatarInfo>();
  const decided = new Listeners<ColorDecision>();
  const granted = new Listeners<{ color: string; style: AvatarStyleId }>();
  let asked: { color: string; id: number; was: string } | null = null;
  let styleAsked: AvatarStyleId | null = null;
  let pings = 0;
  let grace: ReturnType<typeof setTimeout> | null = null;
  const mine = () => (store.selfId ? (store.avatars.get(store.selfId) ?? null) : null);

  const grant = (a: AvatarInfo) => {
    const given = { color: a.color, style: styleOf(a.style) };
    link.keepAppearance(given);
    granted.emit(given);
  };
  const settle = () => {
    const me = mine();
    if (grace) clearTimeout(grace);
    grace = null;
    if (!asked || !me) return;
    const d = { asked: asked.color, given: me.color };
    asked = null;
    grant(me);
    decided.emit(d);
  };

  const offs = [
    store.onChanged((a) => {
      if (a.id !== store.selfId) return;
      if (asked && a.color !== asked.was) settle();
      // Any style is granted as asked (AV1).
      if (styleAsked && styleAsked === a.style) {
        styleAsked = null;
        grant(a);
      }
      mineChanged.emit(a);
    }),
    store.onAdded((a) => {
      if (a.id === store.selfId) mineChanged.emit(a);
    }),
    link.on('pong', ({ id }) => {
      if (asked?.id === id) grace = setTimeout(settle, PATCH_GRACE_MS);
    }),
  ];

  return {
    mine,
    get pending() {
      return asked !== null;
    },
    askStyle(style) {
      styleAsked = style;
      link.send('profile', { style });
    },
    askColor(color) {
      const me = mine();
      if (!me) return;
      const id = ++pings;
      asked = { color, id, was: me.color };
      link.send('profile', { color });
      link.send('ping', { id });
    },
    onMine: (l) => mineChanged.add(l),
    onColorDecided: (l) => decided.add(l),
    onGranted: (l) => granted.add(l),
    dispose() {
      offs.forEach((off) => off());
      if (grace) clearTimeout(grace);
    },
  };
}
