import { describe, expect, it } from 'vitest';
import { type CronFields, readCronFields } from './read-cron-fields';
import { MAX_CRON_EXPRESSION_LENGTH } from './sync-config';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);
const EVERY: CronFields = {
  minutes: range(0, 59),
  hours: range(0, 23),
  days: range(1, 31),
  months: range(0, 11),
  weekdays: range(0, 6),
};
const NAMES = ['minutes', 'hours', 'days', 'months', 'weekdays'] as const;

/** The values one field allows, written in that field with `*` in the four others. */
function read(name: (typeof NAMES)[number], field: string): readonly number[] | undefined {
  const expression = NAMES.map((each) => (each === name ? field : '*')).join(' ');
  return readCronFields(expression)?.[name];
}

// Every answer below is what core accepted and refused when it read cron
// through cron-schedule 6 (behind the same field shape), run case by case.
describe('readCronFields', () => {
  it('reads `*` in every field as every value, months from 0 and weekdays 0–6', () => {
    expect(readCronFields('* * * * *')).toEqual(EVERY);
  });

  it('reads numbers, with or without a leading zero', () => {
    const fields = { minutes: [5], hours: [4], days: [3], months: [1], weekdays: [1] };
    expect(readCronFields('5 4 3 2 1')).toEqual(fields);
    expect(readCronFields('05 04 03 02 01')).toEqual(fields);
    expect(readCronFields('0 23 31 12 6')).toEqual({
      minutes: [0],
      hours: [23],
      days: [31],
      months: [11],
      weekdays: [6],
    });
    expect(read('minutes', '00')).toEqual([0]);
    expect(read('minutes', '5-05')).toEqual([5]);
  });

  it.each([
    ['minutes', '*/15', [0, 15, 30, 45]],
    ['minutes', '*/05', [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]],
    ['hours', '*/7', [0, 7, 14, 21]],
    ['days', '*/10', [1, 11, 21, 31]],
    ['months', '*/4', [0, 4, 8]],
    ['hours', '9-17', range(9, 17)],
    ['minutes', '1-1', [1]],
    ['days', '1-31', range(1, 31)],
    ['minutes', '10-30/10', [10, 20, 30]],
    // A step larger than its range keeps the range's start.
    ['minutes', '0-10/20', [0]],
    ['minutes', '50-59/15', [50]],
    ['minutes', '*/90', [0]],
    ['minutes', '*/60', [0]],
    ['days', '1,15,30', [1, 15, 30]],
    ['minutes', '5,5', [5]],
    ['minutes', '30,1-3,*/20', [0, 1, 2, 3, 20, 30, 40]],
    ['hours', '*,5', range(0, 23)],
  ] as const)('reads %s `%s`', (name, field, values) => {
    expect(read(name, field)).toEqual(values);
  });

  it.each([
    ['JAN', [0]],
    ['jan', [0]],
    ['Dec', [11]],
    ['JAN-MAR', [0, 1, 2]],
    ['JAN-3', [0, 1, 2]],
    ['1-DEC/5', [0, 5, 10]],
    ['JAN,MAY', [0, 4]],
    ['feb-nov/3', [1, 4, 7, 10]],
  ] as const)('reads the month names `%s`', (field, months) => {
    expect(read('months', field)).toEqual(months);
  });

  it.each([
    ['MON-FRI', [1, 2, 3, 4, 5]],
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['Wed', [3]],
    ['SUN', [0]],
    ['SUN-SAT', range(0, 6)],
    ['SUN-SUN', [0]],
    ['SAT-SUN', [0, 6]],
    ['FRI-SUN', [0, 5, 6]],
    ['MON,WED,FRI', [1, 3, 5]],
  ] as const)('reads the weekday names `%s`', (field, weekdays) => {
    expect(read('weekdays', field)).toEqual(weekdays);
  });

  it.each([
    ['7', [0]],
    ['5-7', [0, 5, 6]],
    ['6-7', [0, 6]],
    ['0-7', range(0, 6)],
    ['7-7', [0]],
    // A weekday range from 7 is read from 0.
    ['7-5', range(0, 5)],
    ['7-0', [0]],
    ['7-1/2', [0]],
    ['7-6/2', [0, 2, 4, 6]],
    ['SUN,7,0', [0]],
    ['*/2', [0, 2, 4, 6]],
    ['*/7', [0]],
    ['*/8', [0]],
  ] as const)('reads weekday 7 as Sunday: `%s`', (field, weekdays) => {
    expect(read('weekdays', field)).toEqual(weekdays);
  });

  it('splits the fields on any run of whitespace, around a trimmed expression', () => {
    const expected = { ...EVERY, minutes: [0], hours: [0] };
    expect(readCronFields(' 0  0 * * * ')).toEqual(expected);
    expect(readCronFields('0\t0 * *\n*')).toEqual(expected);
  });

  it.each([
    ['minutes', '60'],
    ['minutes', '50-60'],
    ['minutes', '100'],
    ['hours', '24'],
    ['days', '0'],
    ['days', '32'],
    ['months', '0'],
    ['months', '13'],
    ['weekdays', '8'],
    ['weekdays', '0-8'],
  ] as const)('refuses %s `%s`, out of range', (name, field) => {
    expect(read(name, field)).toBeUndefined();
  });

  it.each([
    ['minutes', '5-1'],
    ['hours', '23-1'],
    ['months', 'MAR-JAN'],
    ['weekdays', 'FRI-MON'],
    ['weekdays', '6-0'],
  ] as const)('refuses %s `%s`, a reversed range', (name, field) => {
    expect(read(name, field)).toBeUndefined();
  });

  it.each(['*/0', '*/00', '0-10/0', '5/15', '*/100', '*/', '*/1/2'])(
    'refuses the step in `%s` (0, on a single value, three digits or missing)',
    (field) => {
      expect(read('minutes', field)).toBeUndefined();
    },
  );

  it.each([
    ['minutes', 'JAN'],
    ['hours', 'MON'],
    ['days', 'MON'],
    ['months', 'MON'],
    ['months', 'JAN-MON'],
    ['weekdays', 'JAN'],
    ['weekdays', 'FUNDAY'],
    ['weekdays', 'abc'],
    ['months', 'JANUARY'],
    ['months', 'ja'],
  ] as const)('refuses %s `%s`, a name not of that field', (name, field) => {
    expect(read(name, field)).toBeUndefined();
  });

  it.each([
    '5x',
    '1.5',
    '-1',
    '+5',
    '0x1',
    '1e1',
    '005',
    '1-',
    '*-5',
    '5-*',
    '**/2',
    '1-2-3',
    '1,,2',
    ',1',
    '1,',
    'L',
    '?',
    '',
  ])('refuses `%s`, not a cron field', (field) => {
    expect(read('minutes', field)).toBeUndefined();
  });

  it('refuses other than five fields', () => {
    expect(readCronFields('* * * *')).toBeNull();
    expect(readCronFields('0 * * * * *')).toBeNull();
    expect(readCronFields('')).toBeNull();
    expect(readCronFields('   ')).toBeNull();
    expect(readCronFields('@hourly')).toBeNull();
    expect(readCronFields('0 0 31 2 * 2026')).toBeNull();
  });

  it(`refuses more than ${MAX_CRON_EXPRESSION_LENGTH} characters, once trimmed`, () => {
    const list = `${'1,'.repeat(45)}1`;
    const longest = `00 0 * * ${list}`;
    const longer = `00 00 * * ${list}`;
    expect(longest).toHaveLength(MAX_CRON_EXPRESSION_LENGTH);
    expect(longer).toHaveLength(MAX_CRON_EXPRESSION_LENGTH + 1);
    expect(readCronFields(`  ${longest}  `)?.weekdays).toEqual([1]);
    expect(readCronFields(longer)).toBeNull();
    // The same fields, one character shorter, are read: only the length refused them.
    expect(readCronFields(longer.replace('00 00', '0 00'))?.weekdays).toEqual([1]);
  });

  it('reads a time that never comes all the same (finding none is nextScheduleRun’s)', () => {
    expect(readCronFields('0 0 31 2 *')).toEqual({
      ...EVERY,
      minutes: [0],
      hours: [0],
      days: [31],
      months: [1],
    });
  });
});
