import type { Campaign } from '@referkit/core';
import { notFound } from '../api-error';
import type { Database, Queryable } from './database';
import { newId } from './ids';

/** A campaign row. */
export interface CampaignRow {
  id: string;
  account_id: string;
  name: string;
  link_base_url: string;
  created_at: Date;
}

const SELECT_WITH_COUNT = `
  SELECT c.*, (SELECT count(*)::int FROM referkit.referrers r WHERE r.campaign_id = c.id) AS referrer_count
  FROM referkit.campaigns c`;

function toCampaign(row: CampaignRow & { referrer_count: number }): Campaign {
  return {
    id: row.id,
    name: row.name,
    linkBaseUrl: row.link_base_url,
    referrerCount: row.referrer_count,
    createdAt: row.created_at.toISOString(),
  };
}

/** Campaign storage, every call scoped to one tenant's account. */
export function campaignStore(db: Database) {
  return {
    async create(
      accountId: string,
      input: { name: string; linkBaseUrl?: string | undefined },
      defaultLinkBase: string,
    ): Promise<Campaign> {
      const id = newId('cmp');
      const linkBase = (
        input.linkBaseUrl ?? `${defaultLinkBase.replace(/\/+$/, '')}/${id}`
      ).replace(/\/+$/, '');
      const row = await db.one<CampaignRow>(
        `INSERT INTO referkit.campaigns (id, account_id, name, link_base_url)
         VALUES ($1, $2, $3, $4) RETURNING *`,
        [id, accountId, input.name, linkBase],
      );
      return toCampaign({ ...row, referrer_count: 0 });
    },

    async list(accountId: string): Promise<Campaign[]> {
      const rows = await db.rows<CampaignRow & { referrer_count: number }>(
        `${SELECT_WITH_COUNT} WHERE c.account_id = $1 ORDER BY c.created_at, c.id`,
        [accountId],
      );
      return rows.map(toCampaign);
    },

    async get(accountId: string, id: string): Promise<Campaign> {
      const row = await db.maybeOne<CampaignRow & { referrer_count: number }>(
        `${SELECT_WITH_COUNT} WHERE c.account_id = $1 AND c.id = $2`,
        [accountId, id],
      );
      if (!row) throw notFound('Campaign');
      return toCampaign(row);
    },

    /** The campaign row, or 404 when the tenant has no such campaign. */
    async row(accountId: string, id: string, on?: Queryable): Promise<CampaignRow> {
      const row = await db.maybeOne<CampaignRow>(
        'SELECT * FROM referkit.campaigns WHERE account_id = $1 AND id = $2',
        [accountId, id],
        on,
      );
      if (!row) throw notFound('Campaign');
      return row;
    },
  };
}
