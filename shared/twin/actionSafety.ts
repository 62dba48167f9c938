/**
 * Actions people must confirm before they are sent: a machine's Stop (or anything else that halts or
 * disrupts production) is marked in its Thing Description with `"tv:confirm": true` on the action
 * affordance, next to the WoT terms `safe` and `idempotent`. The TD keeps the mark as written; the
 * panel asks "Really stop?" at another place on the panel (SPEC PN3), so one click can never both
 * ask and confirm. The server does not need it: a confirmed command is an ordinary `twin.command`.
 */

/** The action member that marks a stop-class action. */
export const CONFIRM_MEMBER = 'tv:confirm';

/** Whether the panel must ask for confirmation before sending this action. */
export function needsConfirmation(action: Readonly<Record<string, unknown>>): boolean {
  return action[CONFIRM_MEMBER] === true;
}
