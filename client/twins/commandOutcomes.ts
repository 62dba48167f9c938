/**
 * Everyone hears how a command ended, not only who sent it (SPEC PN5): a notice in the TD's words,
 * "Coolant pump 1: speed set to 79 % by Ada ✓". Commands there when a twin arrives are history; one
 * seen first already answered (sent and answered between two syncs) is news too.
 */
import type { ClientContext } from '../context/context.js';
import { commandLine } from './commandWords.js';
import type { TwinDefinition } from './definitions.js';
import type { CommandInfo, TwinInfo, TwinStore } from './store.js';

export function announceCommandOutcomes(
  ctx: ClientContext,
  store: TwinStore,
  definitionOf: (twin: string) => TwinDefinition | undefined,
): void {
  const outcomes = new Map<string, CommandInfo['status']>();
  const known = (t: TwinInfo) => t.commands.forEach((c) => outcomes.set(c.id, c.status));
  store.onAdded(known);
  store.twins.forEach(known);
  store.onChanged((t) => {
    for (const c of t.commands) {
      const before = outcomes.get(c.id);
      outcomes.set(c.id, c.status);
      const def = definitionOf(t.id);
      if ((before === 'pending' || before === undefined) && c.status !== 'pending' && def) {
        const who = c.by === ctx.connection.sessionId ? 'you' : c.byName;
        ctx.notices.show(commandLine(def, c, who, t.title).text, c.status === 'acknowledged' ? 'info' : 'error');
      }
    }
  });
}
