import { Cron } from 'croner';
import { MAX_CRON_EXPRESSION_LENGTH, type Schedule, scheduleToCron } from './sync-config';

function cronOf(expression: string): Cron | null {
  const trimmed = expression.trim();
  // Five fields only: croner would read six or seven as seconds and years.
  if (trimmed.length > MAX_CRON_EXPRESSION_LENGTH || trimmed.split(/\s+/).length !== 5) {
    return null;
  }
  try {
    return new Cron(trimmed, { timezone: 'UTC', paused: true });
  } catch {
    return null;
  }
}

/**
 * When a schedule fires next after `after` (UTC), read by croner — the one
 * cron library of the kit, used by core's validation, the server's scheduler
 * and the mock API; `null` when it never does (`0 0 31 2 *`) or the
 * expression is not a five-field cron expression.
 *
 * @param after - the instant to look after. Default: now.
 */
export function nextScheduleRun(schedule: Schedule, after: Date = new Date()): Date | null {
  return cronOf(scheduleToCron(schedule))?.nextRun(after) ?? null;
}

/**
 * Whether a sync can run on an expression: five cron fields (minute, hour,
 * day of month, month, day of week; numbers, names such as `MON`, `*`,
 * ranges, lists and steps), at most {@link MAX_CRON_EXPRESSION_LENGTH}
 * characters, and a time that comes round (not 31 February).
 */
export function isRunnableCronExpression(expression: string): boolean {
  return nextScheduleRun({ kind: 'cron', expression }) !== null;
}
