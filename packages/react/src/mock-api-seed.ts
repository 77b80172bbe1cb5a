import { COMING_SOON_INTEGRATIONS, type Integration, type StripeRecord } from '@referkit/core';

/** The only Stripe key the mock's `connectStripe` accepts unless told otherwise. */
export const MOCK_STRIPE_KEY = 'sk_test_51MockReferkitKey000000';

/** Unix seconds of the newest sample record; each older one is a day earlier. */
const NEWEST = 1_767_225_600; // 2026-01-01T00:00:00Z
const DAY = 86_400;

/**
 * Stripe customers with the names real accounts have: extra and odd white
 * space, one-word names, accents and combining marks, non-Latin scripts,
 * right-to-left text, an emoji, a zero-width space, titles — plus the records
 * a sync must skip (no name, no email, an invalid email, a deleted customer).
 * `cus_MockFelix` is the record whose write-back the mock fails by default.
 */
export const MOCK_STRIPE_RECORDS: readonly StripeRecord[] = (
  [
    {
      id: 'cus_MockAda',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      metadata: { plan: 'pro' },
    },
    {
      id: 'cus_MockJose',
      name: 'José María García-López',
      email: 'jose@example.es',
      metadata: { plan: 'team' },
    },
    {
      id: 'cus_MockGrace',
      name: '  Grace   Brewster\tMurray Hopper ',
      email: 'grace@example.com',
    },
    { id: 'cus_MockXiaoming', name: '王小明', email: 'xiaoming@example.cn' },
    { id: 'cus_MockZoe', name: 'Zoë Ångström-Ødegård', email: 'zoe@example.no' },
    { id: 'cus_MockSean', name: 'Seán Ó Briain', email: 'sean@example.ie' },
    { id: 'cus_MockPriya', name: '👩🏽‍💻 Priya Patel', email: 'priya@example.in' },
    { id: 'cus_MockKing', name: 'Dr. Martin Luther King Jr.', email: 'mlk@example.com' },
    { id: 'cus_MockCher', name: 'Cher', email: 'cher@example.com' },
    { id: 'cus_MockAn', name: 'Nguyễn Văn An', email: 'an@example.vn' },
    { id: 'cus_MockMohammed', name: 'محمد علي', email: 'mohammed@example.eg' },
    { id: 'cus_MockAnna', name: 'Anna\u200BKarenina', email: 'anna@example.ru' },
    {
      id: 'cus_MockFelix',
      name: 'Felix Failing',
      email: 'felix@example.com',
      metadata: { referral_link: 'https://old.example.com/felix' },
    },
    { id: 'cus_MockNoName', name: '   ', email: 'noname@example.com' },
    { id: 'cus_MockBob', name: 'Bob Smith', email: 'bob(at)example.com' },
    { id: 'cus_MockCarol', name: 'Carol Danvers', email: null },
    { id: 'cus_MockDeleted', deleted: true },
  ] as StripeRecord[]
).map((record, index) => ({ object: 'customer', created: NEWEST - index * DAY, ...record }));

/** The integrations besides Stripe, shown as "Coming soon" (core's list, as the server shows it). */
export const MOCK_OTHER_INTEGRATIONS: readonly Integration[] = COMING_SOON_INTEGRATIONS.map(
  (integration) => ({
    ...integration,
    available: false,
    status: 'not_connected',
    connection: null,
    error: null,
    oauthAvailable: false,
  }),
);

/** A campaign to seed the mock with. */
export interface MockCampaignSeed {
  id: string;
  name: string;
  /** Default: `https://refer.example.com/<id>`. */
  linkBaseUrl?: string | undefined;
  /** Default: when the mock was created. */
  createdAt?: string | undefined;
}

/** The default campaign. */
export const MOCK_CAMPAIGN: MockCampaignSeed = {
  id: 'camp_spring',
  name: 'Spring Referral Program',
  linkBaseUrl: 'https://refer.example.com/spring',
};

/** A referrer to seed the mock with. */
export interface MockReferrerSeed {
  /** Default: the first campaign. */
  campaignId?: string | undefined;
  firstName: string;
  email: string;
  lastName?: string | null | undefined;
  company?: string | null | undefined;
  /** Default: `'manual'`. */
  source?: 'upload' | 'sync' | 'manual' | 'api' | undefined;
  /** The Stripe customer id of a synced referrer. Default: `null`. */
  externalId?: string | null | undefined;
  /** Default: `0`. */
  referralsCount?: number | undefined;
  /** Default: `0`. */
  convertedReferralsCount?: number | undefined;
}

/** The default referrers: two already in the campaign (Jane's email is the duplicate to try). */
export const MOCK_REFERRERS: readonly MockReferrerSeed[] = [
  {
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane@example.com',
    company: 'Acme Inc',
    referralsCount: 3,
    convertedReferralsCount: 1,
  },
  { firstName: 'Sam', lastName: 'Lee', email: 'sam@example.com', source: 'upload' },
];
