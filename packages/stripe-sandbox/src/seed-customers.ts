import { CustomerRecord } from './customer-store';
import type { Metadata } from './metadata';
import { SEED_DATA } from './seed-data';
import { SeededRandom } from './seeded-random';
import { createStripeId } from './stripe-id';

/** Options of {@link seedCustomers}. */
export interface SeedCustomersOptions {
  /** How many customers. */
  count: number;
  /** Seed of the data: the same seed gives the same customers. */
  seed: number | string;
  /** Sandbox time (Unix seconds): customers are created before it. */
  now: number;
  /** How far back `created` spreads, in seconds. Default: three years. */
  spreadSeconds?: number;
  /** Ids already taken (seeded ids are regenerated on collision). */
  taken?: (id: string) => boolean;
}

/** Seeded customers, oldest first, and when the deleted ones were deleted. */
export interface SeedResult {
  records: CustomerRecord[];
  deletions: Array<{ record: CustomerRecord; at: number }>;
}

const THREE_YEARS = 3 * 365 * 24 * 60 * 60;
const NBSP = '\u00a0';

/** Letters of a name that can go into an email local part (`José` → `jose`). */
export function asciiHandle(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range is meant
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function westernName(random: SeededRandom): { name: string; first: string; last: string } {
  const first = random.pick(SEED_DATA.firstNames);
  const last = random.pick(SEED_DATA.lastNames);
  const middle = random.chance(0.12) ? ` ${random.pick(SEED_DATA.middleNames)}` : '';
  const secondMiddle = middle && random.chance(0.2) ? ` ${random.pick(SEED_DATA.middleNames)}` : '';
  return { name: `${first}${middle}${secondMiddle} ${last}`, first, last };
}

function oddWhitespace(random: SeededRandom, name: string): string {
  switch (random.int(0, 5)) {
    case 0:
      return `  ${name}`;
    case 1:
      return `${name} \t`;
    case 2:
      return name.replace(' ', '\t');
    case 3:
      return name.replace(' ', NBSP);
    case 4:
      return name.replace(' ', '   ');
    default:
      return `\u2003${name.replace(' ', ' \u200b')}`;
  }
}

/**
 * A name as found in a real account, or `null` (no name), with an ASCII
 * handle for building an email.
 */
export function randomName(random: SeededRandom): { name: string | null; handle: string } {
  const roll = random.float();
  const handleOf = (name: string) => asciiHandle(name.split(/\s+/).join('.'));
  const from = (list: readonly string[]) => {
    const name = random.pick(list);
    return { name, handle: handleOf(name) };
  };
  if (roll < 0.08) return { name: null, handle: '' };
  if (roll < 0.1) return { name: random.pick(['', ' ', '\t', NBSP]) || null, handle: '' };
  if (roll < 0.18) return from(SEED_DATA.accented);
  if (roll < 0.2) return from(SEED_DATA.combining);
  if (roll < 0.25) return from(SEED_DATA.cjk);
  if (roll < 0.29) return from(SEED_DATA.rightToLeft);
  if (roll < 0.32) return from(SEED_DATA.otherScripts);
  if (roll < 0.35) return from(SEED_DATA.emoji);
  if (roll < 0.41) return from(SEED_DATA.oneWord);
  if (roll < 0.45) return from(SEED_DATA.decorated);
  if (roll < 0.48) return from(SEED_DATA.companies);
  const western = westernName(random);
  const handle = `${asciiHandle(western.first)}.${asciiHandle(western.last)}`;
  if (roll < 0.53) return { name: oddWhitespace(random, western.name), handle };
  if (roll < 0.55) return { name: western.name.toUpperCase(), handle };
  if (roll < 0.57) return { name: western.name.toLowerCase(), handle };
  return { name: western.name, handle };
}

/** A plausible email for `handle` (random when empty). */
export function randomEmail(random: SeededRandom, handle: string): string {
  const local = handle || `user${random.int(100, 99_999)}`;
  const suffix = random.chance(0.35) ? String(random.int(1, 999)) : '';
  const plus = random.chance(0.03) ? '+stripe' : '';
  return `${local}${suffix}${plus}@${random.pick(SEED_DATA.domains)}`;
}

function oddCase(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const cap = (s: string) =>
    s.replace(/(^|[.])([a-z])/g, (_, dot: string, c: string) => dot + c.toUpperCase());
  return `${cap(local)}@${domain.toUpperCase()}`;
}

/**
 * Generates customers that look like a real account's, deterministically
 * from `seed`: names across scripts, missing and blank names, odd white
 * space, missing, duplicated and oddly cased or spaced emails, some
 * descriptions, phones and metadata (`plan`, `crm_id`, `signup_source`),
 * `created` spread over the past, and about 3% deleted.
 */
export function seedCustomers(options: SeedCustomersOptions): SeedResult {
  const random = new SeededRandom(`${options.seed}:customers`);
  const spread = options.spreadSeconds ?? THREE_YEARS;
  const { count, now } = options;

  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = now - random.float() * spread;
  times.sort();

  const taken = new Set<string>();
  const records: CustomerRecord[] = new Array(count);
  const deletions: SeedResult['deletions'] = [];
  const emails: string[] = [];

  for (let i = 0; i < count; i++) {
    let id = createStripeId('customer', random);
    while (taken.has(id) || options.taken?.(id)) id = createStripeId('customer', random);
    taken.add(id);

    const { name, handle } = randomName(random);
    let email: string | null = null;
    const emailRoll = random.float();
    if (emailRoll >= 0.1) {
      if (emailRoll < 0.15 && emails.length > 0) {
        email = random.pick(emails);
      } else if (emailRoll < 0.18 && emails.length > 0) {
        email = oddCase(random.pick(emails));
      } else {
        email = randomEmail(random, handle);
        if (emailRoll < 0.22) email = oddCase(email);
        else if (emailRoll < 0.24) email = random.chance(0.5) ? ` ${email}` : `${email} `;
        emails.push(email.trim().toLowerCase());
      }
    }

    let metadata: Metadata | undefined;
    if (random.chance(0.3)) {
      const m: Record<string, string> = { plan: random.pick(SEED_DATA.plans) };
      if (random.chance(0.5)) m.crm_id = `crm_${random.string(10, '0123456789abcdef')}`;
      if (random.chance(0.3)) m.signup_source = random.pick(SEED_DATA.signupSources);
      metadata = m;
    }

    const record = new CustomerRecord({
      id,
      created: Math.floor(times[i] as number),
      name,
      email,
      description: random.chance(0.12) ? random.pick(SEED_DATA.descriptions) : null,
      phone: random.chance(0.2)
        ? `+1 415 555 ${String(random.int(0, 9999)).padStart(4, '0')}`
        : null,
      metadata,
      invoicePrefix: random.string(8, '0123456789ABCDEF'),
    });
    if (random.chance(0.03)) {
      record.deleted = true;
      deletions.push({
        record,
        at: record.created + Math.floor(random.float() * (now - record.created)),
      });
    }
    records[i] = record;
  }
  return { records, deletions };
}
