import { describe, expect, it } from 'vitest';
import { isValidEmail, normalizeEmail } from './email';

describe('normalizeEmail', () => {
  it('trims and lower-cases, so differently typed emails are one identity', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM\t')).toBe('jane.doe@example.com');
    expect(normalizeEmail('jane.doe@example.com')).toBe(normalizeEmail(' JANE.DOE@EXAMPLE.COM '));
  });

  it('keeps everything else, including plus tags and dots', () => {
    expect(normalizeEmail('j.doe+ref@example.com')).toBe('j.doe+ref@example.com');
    expect(normalizeEmail('j.doe+ref@example.com')).not.toBe(normalizeEmail('jdoe@example.com'));
  });
});

describe('isValidEmail', () => {
  it.each([
    'jane@example.com',
    '  Jane.Doe@Example.COM ',
    "john.o'neil@example.co.uk",
    'a+b_c-d@sub.example.io',
  ])('accepts %j', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    '',
    'jane',
    'jane@',
    '@example.com',
    'jane@example',
    'jane doe@example.com',
    'jane@@example.com',
    'jane@example..com',
    '.jane@example.com',
  ])('rejects %j', (email) => {
    expect(isValidEmail(email)).toBe(false);
  });
});
