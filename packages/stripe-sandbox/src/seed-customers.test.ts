import { describe, expect, it } from 'vitest';
import { asciiHandle, seedCustomers } from './seed-customers';

const NOW = 1_750_000_000;

describe('seedCustomers', () => {
  const { records, deletions } = seedCustomers({ count: 5000, seed: 11, now: NOW });

  it('is deterministic for a seed and differs across seeds', () => {
    const once = seedCustomers({ count: 200, seed: 11, now: NOW }).records;
    const again = seedCustomers({ count: 200, seed: 11, now: NOW }).records;
    const other = seedCustomers({ count: 200, seed: 12, now: NOW }).records;
    expect(again.map((r) => r.json())).toEqual(once.map((r) => r.json()));
    expect(other.map((r) => r.id)).not.toEqual(again.map((r) => r.id));
  });

  it('spreads unique ids over the past, oldest first', () => {
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records.every((r) => /^cus_[A-Za-z0-9]{14}$/.test(r.id))).toBe(true);
    expect(records.every((r, i) => i === 0 || r.created >= (records[i - 1]?.created ?? 0))).toBe(
      true,
    );
    expect(records[0]?.created).toBeLessThan(NOW - 2 * 365 * 86400);
    expect(records.at(-1)?.created).toBeLessThanOrEqual(NOW);
  });

  it('holds the names that break naive code', () => {
    const names = records.map((r) => r.name);
    const has = (re: RegExp) => names.some((n) => n !== null && re.test(n));
    expect(names.filter((n) => n === null).length).toBeGreaterThan(100);
    expect(has(/^\s*$/)).toBe(true); // blank
    expect(has(/\p{Script=Han}/u)).toBe(true);
    expect(has(/\p{Script=Hangul}/u)).toBe(true);
    expect(has(/\p{Script=Arabic}/u)).toBe(true);
    expect(has(/\p{Script=Hebrew}/u)).toBe(true);
    expect(has(/\p{Script=Cyrillic}/u)).toBe(true);
    expect(has(/\p{Extended_Pictographic}/u)).toBe(true);
    expect(has(/\p{M}/u)).toBe(true); // combining marks
    expect(has(/[À-ž]/u)).toBe(true); // precomposed accents
    expect(has(/\t/)).toBe(true);
    expect(has(/\u00a0/)).toBe(true);
    expect(has(/ {2,}/)).toBe(true);
    expect(has(/^\S+$/)).toBe(true); // one word
    expect(has(/^[A-Z .]+$/)).toBe(true); // all caps
  });

  it('holds missing, duplicated, oddly cased and spaced emails', () => {
    const emails = records.map((r) => r.email);
    expect(emails.filter((e) => e === null).length).toBeGreaterThan(300);
    const present = emails.filter((e): e is string => e !== null);
    expect(new Set(present).size).toBeLessThan(present.length);
    const folded = present.map((e) => e.trim().toLowerCase());
    expect(new Set(folded).size).toBeLessThan(new Set(present).size);
    expect(present.some((e) => e !== e.trim())).toBe(true);
    expect(present.some((e) => /[A-Z]/.test(e))).toBe(true);
  });

  it('has existing metadata, descriptions, phones and some deleted customers', () => {
    expect(records.filter((r) => r.metadata.plan).length).toBeGreaterThan(1000);
    expect(records.some((r) => r.metadata.crm_id?.startsWith('crm_'))).toBe(true);
    expect(records.some((r) => r.description)).toBe(true);
    expect(records.some((r) => r.phone)).toBe(true);
    expect(deletions.length).toBeGreaterThan(50);
    expect(
      deletions.every((d) => d.record.deleted && d.at >= d.record.created && d.at <= NOW),
    ).toBe(true);
  });

  it('makes email handles from any script', () => {
    expect(asciiHandle('José.Núñez')).toBe('josenunez');
    expect(asciiHandle('Jose\u0301')).toBe('jose');
    expect(asciiHandle('山田')).toBe('');
  });

  it('generates 100,000 customers', () => {
    const big = seedCustomers({ count: 100_000, seed: 1, now: NOW });
    expect(big.records).toHaveLength(100_000);
    expect(new Set(big.records.map((r) => r.id)).size).toBe(100_000);
  }, 30_000);
});
