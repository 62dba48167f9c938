/**
 * Quick reactions, the client's side (SPEC RX1, RX3): buttons in the HUD and keys 1–5 send one; the
 * VR wrist menu lists them as actions; every `reaction` relayed by the server shows for 3 s over the
 * sender's head (not over my own: I do not see my head, the button's flash is my feedback).
 */
import { REACTIONS, type Reaction } from '../../../shared/protocol/reaction.js';
import type { ClientContext } from '../../context/context.js';
import { el } from '../../core/dom.js';
import type { ClientFeature } from '../../core/feature.js';
import { ReactionBubbles } from './bubbles.js';
import { createReactionsTestApi } from './testApi.js';

const LABELS: Record<Reaction, string> = { '👍': 'Thumbs up', '❓': 'Question', '👏': 'Applause', '❤️': 'Love it', '😮': 'Wow' };

export function createReactionsFeature(ctx: ClientContext): ClientFeature {
  const { connection, scene } = ctx;
  const bubbles = new ReactionBubbles(scene);
  let now = performance.now();
  const send = (emoji: Reaction) => connection.send('reaction', { emoji });

  const buttons = REACTIONS.map((r, i) =>
    el('button', { type: 'button', class: 'reaction', 'data-emoji': r, title: `${LABELS[r]} (${i + 1})`, 'aria-label': LABELS[r] }, r),
  );
  buttons.forEach((b, i) => b.addEventListener('click', () => send(REACTIONS[i]!)));
  ctx.hud.addAction(el('div', { class: 'reactions', id: 'reactions', role: 'group', 'aria-label': 'Reactions' }, ...buttons));

  // Keys 1–5, outside text fields (the chat box takes digits as text).
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA'))) return;
    const i = /^Digit([1-5])$/.exec(e.code)?.[1];
    if (i) send(REACTIONS[Number(i) - 1]!);
  };
  window.addEventListener('keydown', onKey);

  const offActions = REACTIONS.map((r) =>
    ctx.actions.register({ id: `react-${LABELS[r].toLowerCase().replace(/ /g, '-')}`, label: () => r, run: () => send(r) }),
  );

  const offNet = connection.on('reaction', (m) => {
    if (m.from === connection.sessionId) {
      const b = buttons[REACTIONS.indexOf(m.emoji)];
      b?.classList.remove('sent');
      void b?.offsetWidth; // restart the flash
      b?.classList.add('sent');
      return;
    }
    bubbles.show(m.from, m.emoji, now);
  });

  return {
    name: 'reactions',
    systems: [
      {
        name: 'reactionBubbles',
        phase: 'avatars',
        update: (f) => {
          now = f.now;
          bubbles.update(f.now, (id) => ctx.avatars.views.get(id)?.headPosition);
        },
        dispose: () => bubbles.dispose(),
      },
    ],
    testApi: createReactionsTestApi({ send, showing: (id) => bubbles.showing(id) }),
    dispose() {
      window.removeEventListener('keydown', onKey);
      offNet();
      for (const off of offActions) off();
    },
  };
}
