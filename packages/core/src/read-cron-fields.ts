import { MAX_CRON_EXPRESSION_LENGTH } from './sync-config';

/** The values a five-field cron expression allows, each list sorted ascending without repeats. */
export interface CronFields {
  /** Minutes, 0–59. */
  readonly minutes: readonly number[];
  /** Hours, 0–23. */
  readonly hours: readonly number[];
  /** Days of the month, 1–31. */
  readonly days: readonly number[];
  /** Months, 0–11 (January is 0, as `Date.getUTCMonth`). */
  readonly months: readonly number[];
  /** Weekdays, 0–6 (Sunday is 0, as `Date.getUTCDay`; a `7` in the expression is Sunday). */
  readonly weekdays: readonly number[];
}

/** The values one field may hold, and its names (the first name is 1: `JAN`, `MON`). */
interface FieldRange {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTH: FieldRange = {
  min: 1,
  max: 12,
  names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
};
/** Sunday is 7 as a name, and 0 too: `SUN-SAT` is every day, `SAT-SUN` Saturday and Sunday. */
const WEEKDAY: FieldRange = {
  min: 0,
  max: 7,
  names: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
};
/** The five fields in order: minute, hour, day of month, month, weekday. */
const FIELD_RANGES: readonly FieldRange[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  MONTH,
  WEEKDAY,
];

/** A value: one or two digits (`5`, `05`), or a three-letter name (`JAN`, `mon`). */
const VALUE = '(\\d{1,2}|[a-z]{3})';
/**
 * One list item: `*` or a range `a-b`, either with an optional step of one
 * or two digits (`1-5/2`), or a single value, which takes no step (`5/15` is
 * refused). Captures: range start, range end, step, single value.
 */
const ITEM = new RegExp(`^(?:\\*|${VALUE}-${VALUE})(?:/(\\d{1,2}))?$|^${VALUE}$`, 'i');

/** A value's number, when the text is a number or a name of the field and in its range. */
function readValue(text: string, range: FieldRange): number | null {
  const name = range.names?.indexOf(text.toLowerCase()) ?? -1;
  const value = name >= 0 ? name + 1 : Number(text);
  return Number.isInteger(value) && value >= range.min && value <= range.max ? value : null;
}

/** The values one field allows (in the field's own numbering), or `null` when it is not valid. */
function readField(text: string, range: FieldRange): Set<number> | null {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = ITEM.exec(item);
    if (!match) return null;
    const [, from, to, stepText, single] = match;
    let start: number | null = range.min;
    let end: number | null = range.max;
    if (single !== undefined) {
      start = readValue(single, range);
      end = start;
    } else if (from !== undefined && to !== undefined) {
      start = readValue(from, range);
      end = readValue(to, range);
      // A weekday range from Sunday as 7 (`SUN-SAT`, `7-5`) starts at 0; `SUN-SUN` stays Sunday.
      if (range === WEEKDAY && start === 7 && end !== 7) start = 0;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (start === null || end === null || start > end || step < 1) return null;
    for (let value = start; value <= end; value += step) values.add(value);
  }
  return values;
}

/** A set's values mapped, without repeats, ascending. */
function sorted(values: Set<number>, map: (value: number) => number = (value) => value): number[] {
  return [...new Set([...values].map(map))].sort((a, b) => a - b);
}

/**
 * The values a five-field cron expression allows (minute, hour, day of
 * month, month, weekday), or `null` when core does not accept it. Accepted:
 * numbers (`5`, `05`), month names `JAN`–`DEC` and weekday names `SUN`–`SAT`
 * (any case, each only in its own field), `*`, ranges `a-b`, a step on
 * `*` or on a range (`a-b/step`), and lists of those joined by commas;
 * weekday 7 is Sunday, as 0 is. Refused: a value out of its field's range
 * (minute 0–59, hour 0–23, day 1–31, month 1–12, weekday 0–7), a reversed
 * range (`5-1`; a weekday range from 7 is read from 0, so `7-5` is 0–5),
 * a step of 0 or on a single value (`5/15`), anything else (`L`, `?`,
 * `@hourly`, `5x`), other than five fields, or more than
 * {@link MAX_CRON_EXPRESSION_LENGTH} characters. A step larger than its
 * range keeps the range's start (`0-10/20` is minute 0).
 *
 * Why core reads cron itself rather than through a library: the kit needs
 * only these five lists — finding the next run in UTC is core's own
 * (`nextScheduleRun`) — and the one library that reads cron into such lists,
 * cron-schedule, brings its whole scheduler class (next and previous dates,
 * intervals) into every host's browser bundle, about 3 kB gzipped, for this
 * one reading. It reads exactly what core read through cron-schedule 6
 * (checked case by case in `read-cron-fields.test.ts`), and
 * `next-schedule-run.test.ts` checks the reading and the stepping together
 * against croner, an independent cron library, on generated expressions and
 * instants — that property test is the guarantee.
 */
export function readCronFields(expression: string): CronFields | null {
  const trimmed = expression.trim();
  if (trimmed.length > MAX_CRON_EXPRESSION_LENGTH) return null;
  const fields = trimmed.split(/\s+/);
  if (fields.length !== FIELD_RANGES.length) return null;
  const [minutes, hours, days, months, weekdays] = FIELD_RANGES.map((range, index) =>
    readField(fields[index] ?? '', range),
  );
  if (!minutes || !hours || !days || !months || !weekdays) return null;
  return {
    minutes: sorted(minutes),
    hours: sorted(hours),
    days: sorted(days),
    months: sorted(months, (month) => month - 1),
    weekdays: sorted(weekdays, (weekday) => weekday % 7),
  };
}
