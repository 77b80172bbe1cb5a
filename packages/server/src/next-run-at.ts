import { type Schedule, scheduleToCron } from '@referkit/core';
import cronParser from 'cron-parser';

/**
 * When an ongoing sync's schedule fires next after `after`: core's
 * `scheduleToCron` (a preset's cron, or the custom expression) read by
 * cron-parser in UTC — the same parser pg-boss's own schedules use.
 *
 * @param after - the instant to look after. Default: now.
 */
export function nextRunAt(schedule: Schedule, after: Date = new Date()): Date {
  return cronParser
    .parseExpression(scheduleToCron(schedule), { tz: 'UTC', currentDate: after })
    .next()
    .toDate();
}
