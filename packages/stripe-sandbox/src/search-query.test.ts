import { describe, expect, it } from 'vitest';
import { CustomerRecord } from './customer-store';
import { parseSearchQuery } from './search-query';
import { StripeApiError } from './stripe-error';

const jane = new CustomerRecord({
  id: 'cus_jane',
  created: 1_700_000_000,
  name: 'Jane Doe',
  email: 'Jane@Example.com',
  phone: '+1 415 555 0100',
  metadata: { plan: 'pro' },
  invoicePrefix: 'ABCDEF12',
});
const anon = new CustomerRecord({
  id: 'cus_anon',
  created: 1_600_000_000,
  invoicePrefix: 'ABCDEF13',
});

function matches(query: string): string[] {
  const match = parseSearchQuery(query);
  return [jane, anon].filter(match).map((r) => r.id);
}

describe('parseSearchQuery', () => {
  it('matches exact values case-insensitively and substrings with ~', () => {
    expect(matches('email:"jane@example.com"')).toEqual(['cus_jane']);
    expect(matches("name:'jane doe'")).toEqual(['cus_jane']);
    expect(matches('name:"Jane"')).toEqual([]);
    expect(matches('name~"ane d"')).toEqual(['cus_jane']);
    expect(matches('phone~"555"')).toEqual(['cus_jane']);
  });

  it('matches metadata, null, negation and created comparisons', () => {
    expect(matches('metadata["plan"]:"pro"')).toEqual(['cus_jane']);
    expect(matches("metadata['plan']:null")).toEqual(['cus_anon']);
    expect(matches('-metadata["plan"]:null')).toEqual(['cus_jane']);
    expect(matches('email:null')).toEqual(['cus_anon']);
    expect(matches('created>1650000000')).toEqual(['cus_jane']);
    expect(matches('created<=1600000000')).toEqual(['cus_anon']);
    expect(matches('created:1600000000')).toEqual(['cus_anon']);
  });

  it('joins clauses with AND or OR', () => {
    expect(matches('name~"jane" AND created>0')).toEqual(['cus_jane']);
    expect(matches('name~"jane" OR email:null')).toEqual(['cus_jane', 'cus_anon']);
  });

  it.each([
    ['', /empty/],
    ['colour:"red"', /not a customer search field/],
    ['name:jane', /quoted/],
    ['name~"ja"', /at least 3 characters/],
    ['name:"a" AND name:"b" OR name:"c"', /cannot be combined/],
    ['created>"yesterday"', /Unix timestamp/],
    ['name:"unterminated', /not closed/],
    [Array.from({ length: 11 }, () => 'created>0').join(' AND '), /at most 10 clauses/],
  ])('rejects %j', (query, message) => {
    let caught: unknown;
    try {
      parseSearchQuery(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StripeApiError);
    expect((caught as StripeApiError).status).toBe(400);
    expect((caught as StripeApiError).body.param).toBe('query');
    expect((caught as StripeApiError).message).toMatch(message);
  });
});
