import {
  buildReferralLink,
  type Referrer,
  type ReferrerDraft,
  type ReferrerSource,
} from '@referkit/core';
import type { Database, Queryable } from './database';
import { newId, newReferralCode } from './ids';

/** A referrer row. */
export interface ReferrerRow {
  /** A bigint: pg returns it as a string. */
  seq: string;
  id: string;
  campaign_id: string;
  account_id: string;
  first_name: string;
  last_name: string | null;
  email: string;
  email_key: string;
  company: string | null;
  referral_code: string;
  referral_link: string;
  referrals_count: number;
  converted_referrals_count: number;
  source: ReferrerSource;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The API shape of a referrer row. */
export function toReferrer(row: ReferrerRow): Referrer {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    company: row.company,
    referralCode: row.referral_code,
    referralLink: row.referral_link,
    referralsCount: row.referrals_count,
    convertedReferralsCount: row.converted_referrals_count,
    source: row.source,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A referrer to create: a draft from core plus where it came from. */
export interface NewReferrer {
  draft: ReferrerDraft;
  source: ReferrerSource;
  externalId?: string | null;
}

/** The campaign a referrer is created in. */
export interface CampaignRef {
  id: string;
  account_id: string;
  link_base_url: string;
}

/**
 * Inserts referrers, each with a fresh referral code and its link (both never
 * change afterwards). Emails already in the campaign are left alone. Returns
 * the inserted rows by email key; a key absent from the result was a
 * duplicate. The caller must pass drafts with distinct email keys.
 */
export async function insertReferrers(
  on: Queryable,
  campaign: CampaignRef,
  referrers: readonly NewReferrer[],
): Promise<Map<string, ReferrerRow>> {
  const inserted = new Map<string, ReferrerRow>();
  let pending = [...referrers];
  // A code collision (≈2⁻⁵⁹ per pair) only makes that row try again with a new code.
  for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
    const codes = pending.map(() => newReferralCode());
    const result = await on.query<ReferrerRow>(
      `INSERT INTO referkit.referrers
         (id, campaign_id, account_id, first_name, last_name, email, email_key, company,
          referral_code, referral_link, source, external_id)
       SELECT id, $1, $2, first_name, last_name, email, email_key, company, code, link, source, external_id
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::text[])
         AS t(id, first_name, last_name, email, email_key, company, code, link, source, external_id)
       ON CONFLICT DO NOTHING
       RETURNING *`,
      [
        campaign.id,
        campaign.account_id,
        pending.map(() => newId('ref')),
        pending.map((r) => r.draft.firstName),
        pending.map((r) => r.draft.lastName),
        pending.map((r) => r.draft.email),
        pending.map((r) => r.draft.emailKey),
        pending.map((r) => r.draft.company),
        codes,
        codes.map((code) => buildReferralLink(campaign.link_base_url, code)),
        pending.map((r) => r.source),
        pending.map((r) => r.externalId ?? null),
      ],
    );
    for (const row of result.rows) inserted.set(row.email_key, row);
    const missing = pending.filter((r) => !inserted.has(r.draft.emailKey));
    pending = [];
    if (missing.length === 0) break;
    const existing = new Set(
      (
        await on.query<{ email_key: string }>(
          'SELECT email_key FROM referkit.referrers WHERE campaign_id = $1 AND email_key = ANY($2)',
          [campaign.id, missing.map((r) => r.draft.emailKey)],
        )
      ).rows.map((row) => row.email_key),
    );
    pending = missing.filter((r) => !existing.has(r.draft.emailKey));
  }
  if (pending.length > 0) throw new Error('Could not allocate unique referral codes');
  return inserted;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Referrer storage, scoped to a campaign the caller already checked belongs to the tenant. */
export function referrerStore(db: Database) {
  return {
    async list(
      campaignId: string,
      query: { q?: string | undefined; cursor?: string | undefined; limit: number },
    ): Promise<{ referrers: Referrer[]; nextCursor: string | null; total: number }> {
      const search = query.q ? likePattern(query.q) : null;
      const cursor = query.cursor ? Number.parseInt(query.cursor, 36) : null;
      const where = `campaign_id = $1 AND ($2::text IS NULL
          OR email ILIKE $2 OR first_name ILIKE $2 OR last_name ILIKE $2
          OR (first_name || ' ' || coalesce(last_name, '')) ILIKE $2)`;
      const rows = await db.rows<ReferrerRow>(
        `SELECT * FROM referkit.referrers WHERE ${where} AND ($3::bigint IS NULL OR seq < $3)
         ORDER BY seq DESC LIMIT $4`,
        [campaignId, search, Number.isFinite(cursor) ? cursor : null, query.limit + 1],
      );
      const { total } = await db.one<{ total: number }>(
        `SELECT count(*)::int AS total FROM referkit.referrers WHERE ${where}`,
        [campaignId, search],
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        referrers: page.map(toReferrer),
        nextCursor: rows.length > query.limit && last ? BigInt(last.seq).toString(36) : null,
        total,
      };
    },

    async delete(campaignId: string, referrerId: string): Promise<boolean> {
      const result = await db.pool.query(
        'DELETE FROM referkit.referrers WHERE campaign_id = $1 AND id = $2',
        [campaignId, referrerId],
      );
      return (result.rowCount ?? 0) > 0;
    },
  };
}
