/**
 * The operator role (SPEC OP1): who may operate machines. A space is open by default — everyone is an
 * operator. A layout with `locked: true` makes only those who joined with its `operatorPasscode`
 * operators; everyone else watches. A missing passcode does not refuse the join, it only withholds
 * the role (a passcode matching no role of the space is refused by the meeting feature's admission); `AvatarState.operator`
 * shows everyone who has it. A signed join token with the `operator` role grants it too (JT4).
 */
import type { SpaceLayout } from '../../shared/space/layout.js';
import type { RoomFeature } from '../core/feature.js';
import { secretMatches } from '../secrets.js';

/** Whether someone joining with `passcode` may operate machines in a space with this layout. */
export function isOperator(layout: Pick<SpaceLayout, 'locked' | 'operatorPasscode'>, passcode: string | undefined): boolean {
  if (!layout.locked) return true;
  if (!layout.operatorPasscode) return false;
  return secretMatches(layout.operatorPasscode, passcode);
}

export function operatorRoleFeature(): RoomFeature {
  return {
    name: 'operator-role',
    opened(ctx) {
      ctx.state.space.locked = ctx.space.layout.locked;
    },
    joined(ctx, p) {
      p.operator = isOperator(ctx.space.layout, p.joined.passcode) || (p.joined.roles?.includes('operator') ?? false);
      p.avatar.operator = p.operator;
      if (ctx.space.layout.locked) ctx.log.info({ session: p.sessionId, operator: p.operator }, 'operator role decided');
    },
  };
}
