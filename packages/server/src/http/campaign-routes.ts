import {
  API_ERROR_MESSAGES,
  CSV_PREVIEW_BYTES,
  createReferrerDraft,
  formatByteLimit,
  previewCsvFile,
} from '@referkit/core';
import { ApiError, notFound } from '../api-error';
import type { ServerContext } from '../server-context';
import type { ReferrersCreatedEvent } from '../server-options';
import { insertReferrers, type ReferrerRow, toReferrer } from '../store/referrer-store';
import { importCsv } from './csv-import';
import type { RouteImplementations } from './http-handler';
import { readBodyBytes } from './read-body-bytes';

/** Tells the host about referrers added by hand, API or upload (never by a sync). */
async function announce(
  ctx: ServerContext,
  event: Omit<ReferrersCreatedEvent, 'referrers'>,
  rows: readonly ReferrerRow[],
): Promise<void> {
  const hook = ctx.options.onReferrersCreated;
  if (!hook || rows.length === 0) return;
  try {
    await hook({ ...event, referrers: rows.map(toReferrer) });
  } catch (error) {
    ctx.logger.error('onReferrersCreated failed', { campaignId: event.campaignId, error });
  }
}

/**
 * Longest campaign `linkBaseUrl`: a referrer's link (the base, `/` and a code)
 * goes into Stripe metadata, whose values hold at most 500 characters
 * (docs.stripe.com/metadata), and into hosts' emails.
 */
export const MAX_LINK_BASE_URL_LENGTH = 400;

/** A campaign's link base: an `http(s)` URL of at most {@link MAX_LINK_BASE_URL_LENGTH} characters. */
function checkLinkBaseUrl(linkBaseUrl: string): void {
  const refuse = (message: string) =>
    new ApiError('invalid_request', `The body is not valid — linkBaseUrl: ${message}`, {
      fields: { linkBaseUrl: message },
    });
  if (linkBaseUrl.length > MAX_LINK_BASE_URL_LENGTH) {
    throw refuse(`use at most ${MAX_LINK_BASE_URL_LENGTH} characters.`);
  }
  const protocol = URL.canParse(linkBaseUrl) ? new URL(linkBaseUrl).protocol : null;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw refuse('use an http:// or https:// address, such as https://ref.example.com/spring.');
  }
}

/** The campaign, referrer and API-key routes. */
export function campaignRoutes(
  ctx: ServerContext,
): Pick<
  RouteImplementations,
  | 'listCampaigns'
  | 'createCampaign'
  | 'getCampaign'
  | 'listReferrers'
  | 'createReferrer'
  | 'deleteReferrer'
  | 'importReferrers'
  | 'previewCsv'
  | 'getApiKey'
  | 'createApiKey'
> {
  const endpoint = (url: URL) => `${url.origin}${ctx.basePath}/campaigns/{campaignId}/referrers`;
  return {
    async listCampaigns({ tenant }) {
      return { campaigns: await ctx.campaigns.list(tenant.accountId) };
    },

    async createCampaign({ tenant, body }) {
      if (body.linkBaseUrl !== undefined) checkLinkBaseUrl(body.linkBaseUrl);
      return {
        campaign: await ctx.campaigns.create(tenant.accountId, body, ctx.options.linkBaseUrl),
      };
    },

    async getCampaign({ tenant, params }) {
      return { campaign: await ctx.campaigns.get(tenant.accountId, params.campaignId ?? '') };
    },

    async listReferrers({ tenant, params, query }) {
      const campaign = await ctx.campaigns.row(tenant.accountId, params.campaignId ?? '');
      return ctx.referrers.list(campaign.id, query);
    },

    async createReferrer({ tenant, params, body, via }) {
      const campaign = await ctx.campaigns.row(tenant.accountId, params.campaignId ?? '');
      const result = createReferrerDraft(body);
      if (!result.ok) {
        const field = result.skip.field ?? 'email';
        throw new ApiError('invalid_request', result.skip.message, {
          fields: { [field]: result.skip.message },
        });
      }
      const source = via === 'api_key' ? 'api' : 'manual';
      const inserted = await insertReferrers(ctx.db.pool, campaign, [
        { draft: result.draft, source },
      ]);
      const row = inserted.get(result.draft.emailKey);
      if (!row) {
        const message = `${result.draft.email} is already a referrer in this campaign.`;
        throw new ApiError('duplicate_email', message, { fields: { email: message } });
      }
      await announce(ctx, { accountId: tenant.accountId, campaignId: campaign.id, source }, [row]);
      return { referrer: toReferrer(row) };
    },

    async deleteReferrer({ tenant, params }) {
      const campaign = await ctx.campaigns.row(tenant.accountId, params.campaignId ?? '');
      if (!(await ctx.referrers.delete(campaign.id, params.referrerId ?? ''))) {
        throw notFound('Referrer');
      }
      return undefined;
    },

    async importReferrers({ tenant, params, query, request }) {
      const campaign = await ctx.campaigns.row(tenant.accountId, params.campaignId ?? '');
      const created: ReferrerRow[] = [];
      const result = await importCsv(ctx.db, campaign, request.body, {
        columns: query.columns,
        ignoreFirstRow: query.ignoreFirstRow,
        maxBytes: ctx.limits.maxCsvBytes,
        maxRows: ctx.limits.maxCsvRows,
        maxRecordBytes: ctx.limits.maxCsvRecordBytes,
        ...(ctx.options.onReferrersCreated ? { created } : {}),
      });
      await announce(
        ctx,
        { accountId: tenant.accountId, campaignId: campaign.id, source: 'upload' },
        created,
      );
      return result;
    },

    async previewCsv({ tenant, params, query, request }) {
      await ctx.campaigns.row(tenant.accountId, params.campaignId ?? '');
      const bytes = await readBodyBytes(
        request.body,
        CSV_PREVIEW_BYTES,
        () =>
          new ApiError(
            'payload_too_large',
            API_ERROR_MESSAGES.csvPreviewTooLarge(formatByteLimit(CSV_PREVIEW_BYTES)),
          ),
      );
      return previewCsvFile(bytes, { fileSize: query.fileSize, maxBytes: ctx.limits.maxCsvBytes });
    },

    async getApiKey({ tenant, url }) {
      return { apiKey: await ctx.apiKeys.get(tenant.accountId), endpoint: endpoint(url) };
    },

    async createApiKey({ tenant, url }) {
      return { ...(await ctx.apiKeys.rotate(tenant.accountId)), endpoint: endpoint(url) };
    },
  };
}
