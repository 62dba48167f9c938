/**
 * Alarm thresholds with hysteresis (SPEC AL1): raised when the value crosses the threshold, cleared
 * only once it is back past the threshold by more than the hysteresis band — a value hovering at the
 * limit raises once instead of flapping.
 */
import type { AlarmRule } from '../../shared/twin/extension.js';

/** Whether the alarm is active after seeing `value`, given whether it was active before. */
export function alarmActive(rule: AlarmRule, value: number, wasActive: boolean): boolean {
  if (!Number.isFinite(value)) return wasActive;
  if (rule.above !== undefined) return wasActive ? value > rule.above - rule.hysteresis : value > rule.above;
  const below = rule.below as number;
  return wasActive ? value < below + rule.hysteresis : value < below;
}
