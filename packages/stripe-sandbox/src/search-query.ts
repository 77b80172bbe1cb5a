import type { CustomerRecord } from './customer-store';
import { invalidRequest, type StripeApiError } from './stripe-error';

/** Stripe's cap on clauses in one search query. */
export const MAX_SEARCH_CLAUSES = 10;

type Operator = ':' | '~' | '>' | '<' | '>=' | '<=';

interface Clause {
  negated: boolean;
  field: 'email' | 'name' | 'phone' | 'created' | 'metadata';
  metadataKey?: string;
  operator: Operator;
  value: string | number | null;
}

function queryError(detail: string): StripeApiError {
  return invalidRequest(
    `Invalid search query: ${detail}. Use clauses such as email:"jane@example.com", name~"jan", metadata["plan"]:"pro" or created>1700000000, joined by AND or OR (not both).`,
    { param: 'query' },
  );
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  done(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  take(re: RegExp): string | null {
    this.skipSpace();
    const m = re.exec(this.text.slice(this.pos));
    if (m?.index !== 0) return null;
    this.pos += m[0].length;
    return m[0];
  }

  quoted(): string | null {
    this.skipSpace();
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'") return null;
    let out = '';
    let i = this.pos + 1;
    while (i < this.text.length) {
      const ch = this.text[i] as string;
      if (ch === '\\' && i + 1 < this.text.length) {
        out += this.text[i + 1];
        i += 2;
        continue;
      }
      if (ch === quote) {
        this.pos = i + 1;
        return out;
      }
      out += ch;
      i++;
    }
    throw queryError('a quoted value is not closed');
  }
}

function parseClause(s: Scanner): Clause {
  const negated = s.take(/-/) !== null;
  const fieldName = s.take(/[a-z_]+/);
  if (!fieldName) throw queryError(`expected a field at position ${s.pos}`);
  let field: Clause['field'];
  let metadataKey: string | undefined;
  if (fieldName === 'metadata') {
    if (!s.take(/\[/)) throw queryError('metadata needs a key: metadata["key"]');
    const key = s.quoted();
    if (key === null) throw queryError('metadata keys must be quoted: metadata["key"]');
    if (!s.take(/\]/)) throw queryError('metadata["key"] is missing its closing ]');
    field = 'metadata';
    metadataKey = key;
  } else if (
    fieldName === 'email' ||
    fieldName === 'name' ||
    fieldName === 'phone' ||
    fieldName === 'created'
  ) {
    field = fieldName;
  } else {
    throw queryError(
      `'${fieldName}' is not a customer search field (email, name, phone, created, metadata)`,
    );
  }
  const operator = s.take(/>=|<=|[:~<>]/) as Operator | null;
  if (!operator) throw queryError(`expected :, ~, >, <, >= or <= after ${fieldName}`);
  let value: Clause['value'];
  const quoted = s.quoted();
  if (quoted !== null) {
    value = quoted;
  } else if (s.take(/null\b/)) {
    value = null;
  } else {
    const number = s.take(/-?\d+/);
    if (number === null)
      throw queryError(`values must be quoted ("…") or numbers, after ${fieldName}${operator}`);
    value = Number(number);
  }
  if (field === 'created') {
    if (typeof value !== 'number') throw queryError('created takes a Unix timestamp');
    if (operator === '~') throw queryError('created does not support ~');
  } else {
    if (operator !== ':' && operator !== '~') {
      throw queryError(`${fieldName} supports : and ~ only`);
    }
    if (typeof value === 'number') value = String(value);
    if (operator === '~' && (value === null || value.length < 3)) {
      throw queryError('a substring match (~) needs at least 3 characters');
    }
  }
  return { negated, field, ...(metadataKey === undefined ? {} : { metadataKey }), operator, value };
}

function fieldValue(record: CustomerRecord, clause: Clause): string | number | null {
  switch (clause.field) {
    case 'created':
      return record.created;
    case 'metadata':
      return record.metadata[clause.metadataKey as string] ?? null;
    default:
      return record[clause.field];
  }
}

function test(record: CustomerRecord, clause: Clause): boolean {
  const actual = fieldValue(record, clause);
  const expected = clause.value;
  let result: boolean;
  if (expected === null) {
    result = actual === null;
  } else if (typeof actual === 'number' && typeof expected === 'number') {
    switch (clause.operator) {
      case '>':
        result = actual > expected;
        break;
      case '<':
        result = actual < expected;
        break;
      case '>=':
        result = actual >= expected;
        break;
      case '<=':
        result = actual <= expected;
        break;
      default:
        result = actual === expected;
    }
  } else if (typeof actual === 'string' && typeof expected === 'string') {
    const a = actual.toLowerCase();
    const e = expected.toLowerCase();
    result = clause.operator === '~' ? a.includes(e) : a === e;
  } else {
    result = false;
  }
  return clause.negated ? !result : result;
}

/**
 * Parses the subset of Stripe's search query language the sandbox supports
 * for customers and returns a predicate. Fields: `email`, `name`, `phone`
 * (`:` exact, case-insensitive; `~` substring of 3+ characters; `:null`),
 * `metadata["key"]` (same operators), `created` (`:`, `>`, `<`, `>=`, `<=`).
 * Clauses join with `AND` or `OR` (not both, at most 10); `-` negates.
 */
export function parseSearchQuery(query: string): (record: CustomerRecord) => boolean {
  const s = new Scanner(query);
  if (s.done()) throw queryError('the query is empty');
  const clauses: Clause[] = [parseClause(s)];
  let joiner: 'AND' | 'OR' | null = null;
  while (!s.done()) {
    const word = s.take(/(AND|OR)\b/);
    if (!word) throw queryError(`unexpected text at position ${s.pos}`);
    if (joiner && joiner !== word) throw queryError('AND and OR cannot be combined in one query');
    joiner = word as 'AND' | 'OR';
    clauses.push(parseClause(s));
    if (clauses.length > MAX_SEARCH_CLAUSES) {
      throw queryError(`at most ${MAX_SEARCH_CLAUSES} clauses are allowed`);
    }
  }
  if (joiner === 'OR') return (r) => clauses.some((c) => test(r, c));
  return (r) => clauses.every((c) => test(r, c));
}
