/**
 * Asking the server for another style or colour (SPEC AV6), for the HUD card and the VR menu alike.
 * What counts is what the server decided (AV2 may replace a colour): it answers a colour asked with
 * `profile.color { asked, color }` at once, and the ask settles when that answer is here and my state
 * holds the colour it names (the state patch may come after the message; a colour kept as it was is
 * held already). By event, never by a timer.
 */
import { styleOf, type AvatarStyleId } from '../../shared/avatar/styles.js';
import type { ClientMessage, JsonClientMessageName, ServerMessage, ServerMessageName } from '../../shared/protocol/table.js';
import { Listeners } from '../core/listeners.js';
import type { AvatarInfo, AvatarStore } from './store.js';

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
  // The latest colour asked, and the server's answer to it once here (null before).
  let asked: { color: string; given: string | null } | null = null;
  let styleAsked: AvatarStyleId | null = null;
  const mine = () => (store.selfId ? (store.avatars.get(store.selfId) ?? null) : null);

  const grant = (a: AvatarInfo) => {
    const given = { color: a.color, style: styleOf(a.style) };
    link.keepAppearance(given);
    granted.emit(given);
  };
  // Settles once the answer is here and my state shows it: the card then marks what it says.
  const settle = () => {
    const me = mine();
    if (!asked || asked.given === null || !me || me.color !== asked.given) return;
    const d = { asked: asked.color, given: asked.given };
    asked = null;
    grant(me);
    decided.emit(d);
  };

  const offs = [
    store.onChanged((a) => {
      if (a.id !== store.selfId) return;
      settle();
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
    link.on('profile.color', ({ asked: was, color }) => {
      // Answers to earlier asks (clicked over by a later one) are passed by: the latest decides.
      if (asked?.color !== was || asked.given !== null) return;
      asked.given = color;
      settle();
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
      asked = { color, given: null };
      link.send('profile', { color });
    },
    onMine: (l) => mineChanged.add(l),
    onColorDecided: (l) => decided.add(l),
    onGranted: (l) => granted.add(l),
    dispose() {
      offs.forEach((off) => off());
    },
  };
}
