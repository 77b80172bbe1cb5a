import { type SyncConfig, validateSyncConfig } from '@referkit/core';
import { ApiError } from './api-error';
import type { CampaignRow } from './campaign-store';
import type { RouteImplementations } from './http-handler';
import { recentCustomers, requireConnection } from './integration-routes';
import { nextRunAt } from './next-run-at';
import type { ServerContext } from './server-context';
import { stableJson } from './stable-json';
import { startRun } from './start-run';
import { mappingChanged } from './sync-mapping';
import { type SyncRow, toSyncRun } from './sync-store';

/**
 * The next scheduled run after a change: kept when the schedule stands,
 * recomputed from the (new) schedule, or none for a one-time or paused sync.
 */
function nextRunAfterChange(row: SyncRow, config: SyncConfig, paused: boolean): Date | null {
  if (config.syncType !== 'ongoing' || paused) return null;
  const sameSchedule =
    row.config.syncType === 'ongoing' &&
    stableJson(row.config.schedule) === stableJson(config.schedule);
  return sameSchedule && row.next_run_at && row.status !== 'paused'
    ? row.next_run_at
    : nextRunAt(config.schedule);
}

/**
 * Checks a configuration with core's `validateSyncConfig` against the
 * campaign's link base and the metadata keys already on the account's
 * customers; 400 `invalid_sync_config` with the issues when it fails.
 */
async function checkConfig(
  ctx: ServerContext,
  accountId: string,
  campaign: CampaignRow,
  config: unknown,
): Promise<SyncConfig> {
  const connection = await requireConnection(ctx, accountId);
  const samples = await recentCustomers(ctx, connection, 100).catch((error) => {
    if (error instanceof ApiError && error.code === 'stripe_unavailable') return [];
    throw error;
  });
  const existingMetadataKeys = [...new Set(samples.flatMap((r) => Object.keys(r.metadata ?? {})))];
  const validation = validateSyncConfig(config, {
    linkBaseUrl: campaign.link_base_url,
    existingMetadataKeys,
  });
  if (!validation.ok) {
    throw new ApiError(
      'invalid_sync_config',
      `The sync configuration is not valid: ${validation.issues.map((issue) => issue.message).join(' ')}`,
      { issues: validation.issues },
    );
  }
  return validation.config;
}

/** The sync routes: create, list, get, change, run, cancel, history and outcomes. */
export function syncRoutes(
  ctx: ServerContext,
): Pick<
  RouteImplementations,
  | 'listSyncs'
  | 'createSync'
  | 'getSync'
  | 'updateSync'
  | 'deleteSync'
  | 'runSync'
  | 'cancelSync'
  | 'listSyncRuns'
  | 'listSyncOutcomes'
> {
  const { db, syncs } = ctx;
  return {
    async listSyncs({ tenant, query }) {
      return { syncs: await syncs.list(tenant.accountId, query.campaignId) };
    },

    async createSync({ tenant, body }) {
      const campaign = await ctx.campaigns.row(tenant.accountId, body.campaignId);
      const config = await checkConfig(ctx, tenant.accountId, campaign, body.config);
      const id = await db.transaction(async (client) => {
        const sync = await syncs.create(
          client,
          tenant.accountId,
          campaign.id,
          config,
          config.syncType === 'ongoing' ? nextRunAt(config.schedule) : null,
        );
        await startRun(client, ctx, sync.id, 'initial');
        return sync.id;
      });
      return { sync: await syncs.get(tenant.accountId, id) };
    },

    async getSync({ tenant, params }) {
      return { sync: await syncs.get(tenant.accountId, params.syncId ?? '') };
    },

    async updateSync({ tenant, params, body }) {
      const row = await syncs.row(tenant.accountId, params.syncId ?? '');
      let config: SyncConfig | undefined;
      if (body.config !== undefined) {
        const campaign = await ctx.campaigns.row(tenant.accountId, row.campaign_id);
        config = await checkConfig(ctx, tenant.accountId, campaign, body.config);
      }
      const next = config ?? row.config;
      if (body.paused !== undefined && next.syncType !== 'ongoing') {
        throw new ApiError('conflict', 'Only an ongoing sync can be paused or resumed.', {
          fields: { paused: 'Only an ongoing sync can be paused.' },
        });
      }
      const paused = body.paused ?? row.status === 'paused';
      // Resuming, or turning a finished one-time sync into an ongoing one, makes it active again.
      const reactivated =
        (body.paused === false && row.status === 'paused') ||
        (next.syncType === 'ongoing' && row.status === 'completed');
      await syncs.update(tenant.accountId, row.id, {
        ...(config ? { config } : {}),
        ...(body.paused === true ? { status: 'paused', statusReason: 'Paused.' } : {}),
        ...(reactivated && !paused ? { status: 'active', statusReason: null } : {}),
        nextRunAt: nextRunAfterChange(row, next, paused),
        // Another mapping: the next run reads every customer, not just the changes.
        resetCursor: config !== undefined && mappingChanged(row.config, config),
      });
      return { sync: await syncs.get(tenant.accountId, row.id) };
    },

    async deleteSync({ tenant, params }) {
      await syncs.row(tenant.accountId, params.syncId ?? '');
      await syncs.delete(tenant.accountId, params.syncId ?? '');
      return undefined;
    },

    async runSync({ tenant, params }) {
      const row = await syncs.row(tenant.accountId, params.syncId ?? '');
      await requireConnection(ctx, tenant.accountId);
      const result = await db.transaction((client) => startRun(client, ctx, row.id, 'manual'));
      if (!('started' in result)) {
        throw new ApiError(
          'sync_running',
          'This sync is already running. Wait for it to finish or cancel it first.',
        );
      }
      return { run: toSyncRun(result.started) };
    },

    async cancelSync({ tenant, params }) {
      const row = await syncs.row(tenant.accountId, params.syncId ?? '');
      await syncs.requestCancel(tenant.accountId, row.id);
      return { sync: await syncs.get(tenant.accountId, row.id) };
    },

    async listSyncRuns({ tenant, params }) {
      return { runs: await syncs.listRuns(tenant.accountId, params.syncId ?? '') };
    },

    async listSyncOutcomes({ tenant, params, query }) {
      return syncs.listOutcomes(tenant.accountId, params.syncId ?? '', params.runId ?? '', query);
    },
  };
}
