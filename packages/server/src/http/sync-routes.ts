import {
  API_ERROR_MESSAGES,
  type SyncConfig,
  stableJson,
  syncMappingChanged,
  syncOutcomeCsvRow,
  syncOutcomesCsvHeader,
  syncStatusAfterUpdate,
  toCsvLines,
  validateSyncConfig,
} from '@referkit/core';
import { ApiError } from '../api-error';
import { REMOVAL_CANCELLED } from '../engine/finish-run';
import { nextRunAt } from '../engine/next-run-at';
import { startRun } from '../engine/start-run';
import type { ServerContext } from '../server-context';
import type { CampaignRow } from '../store/campaign-store';
import {
  cancelRuns,
  type OutcomeRow,
  type SyncRow,
  toOutcome,
  toSyncRun,
} from '../store/sync-store';
import { recentCustomers, requireConnection } from '../stripe/tenant-stripe';
import type { RouteImplementations } from './http-handler';

/** Outcomes read per page of a CSV download. */
const CSV_PAGE_SIZE = 500;

/** 409 unless the sync can still be changed or run (it is not being deleted). */
function requireNotDeleting(row: SyncRow): void {
  if (row.status === 'deleting') {
    throw new ApiError(
      'conflict',
      'This sync is being deleted: its links are being removed from Stripe. Delete it again to retry, or wait until it is gone.',
    );
  }
}

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
  | 'exportSyncOutcomes'
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
      requireNotDeleting(row);
      let config: SyncConfig | undefined;
      if (body.config !== undefined) {
        const campaign = await ctx.campaigns.row(tenant.accountId, row.campaign_id);
        config = await checkConfig(ctx, tenant.accountId, campaign, body.config);
      }
      const next = config ?? row.config;
      if (body.paused !== undefined && next.syncType !== 'ongoing') {
        throw new ApiError('conflict', API_ERROR_MESSAGES.pauseNotOngoing, {
          fields: { paused: API_ERROR_MESSAGES.pauseNotOngoingField },
        });
      }
      const paused = body.paused ?? row.status === 'paused';
      // Pausing, resuming, a finished one-time sync made ongoing: core's rule, as the mock's.
      const status = syncStatusAfterUpdate(row.status, next.syncType, body.paused);
      await syncs.update(tenant.accountId, row.id, {
        ...(config ? { config } : {}),
        ...(status ?? {}),
        nextRunAt: nextRunAfterChange(row, next, paused),
        // Another mapping: the next run reads every customer, not just the changes.
        resetCursor: config !== undefined && syncMappingChanged(row.config, config),
      });
      return { sync: await syncs.get(tenant.accountId, row.id) };
    },

    async deleteSync({ tenant, params, query }) {
      const row = await syncs.row(tenant.accountId, params.syncId ?? '');
      if (!query.removeLinks) {
        await syncs.delete(tenant.accountId, row.id);
        return undefined;
      }
      await requireConnection(ctx, tenant.accountId);
      // The sync turns `deleting`: nothing else runs; a run in progress is cancelled and, when
      // it ends, hands over to the removal of the links (finishRun); else the removal starts now.
      await db.transaction(async (client) => {
        await client.query(
          `UPDATE referkit.syncs SET status = 'deleting', status_reason = NULL, next_run_at = NULL,
             rerun_requested = false, updated_at = now()
           WHERE id = $1`,
          [row.id],
        );
        await cancelRuns(client, `sync_id = $1 AND mode <> 'remove_links'`, [row.id]);
        await startRun(client, ctx, row.id, 'delete');
      });
      ctx.wakeWorkers(0);
      return undefined;
    },

    async runSync({ tenant, params }) {
      const row = await syncs.row(tenant.accountId, params.syncId ?? '');
      requireNotDeleting(row);
      await requireConnection(ctx, tenant.accountId);
      const result = await db.transaction((client) => startRun(client, ctx, row.id, 'manual'));
      if (!('started' in result)) {
        throw new ApiError('sync_running', API_ERROR_MESSAGES.syncAlreadyRunning);
      }
      return { run: toSyncRun(result.started) };
    },

    async cancelSync({ tenant, params }) {
      const row = await syncs.row(tenant.accountId, params.syncId ?? '');
      await syncs.requestCancel(tenant.accountId, row.id);
      if (row.status === 'deleting') {
        // A removal no worker held was cancelled at once (a held one says so when it stops).
        await db.pool.query(
          `UPDATE referkit.syncs SET status_reason = $2, updated_at = now()
           WHERE id = $1 AND status = 'deleting' AND NOT EXISTS (
             SELECT 1 FROM referkit.sync_runs WHERE sync_id = $1 AND status IN ('queued', 'running'))`,
          [row.id, REMOVAL_CANCELLED],
        );
      }
      return { sync: await syncs.get(tenant.accountId, row.id) };
    },

    async listSyncRuns({ tenant, params }) {
      return { runs: await syncs.listRuns(tenant.accountId, params.syncId ?? '') };
    },

    async listSyncOutcomes({ tenant, params, query }) {
      return syncs.listOutcomes(tenant.accountId, params.syncId ?? '', params.runId ?? '', query);
    },

    async exportSyncOutcomes({ tenant, params, query }) {
      const runId = params.runId ?? '';
      await syncs.requireRun(tenant.accountId, params.syncId ?? '', runId);
      let after: string | null = null;
      let headerSent = false;
      const encoder = new TextEncoder();
      // Pulled page by page: memory stays flat however many outcomes the run has.
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (!headerSent) {
            headerSent = true;
            // A byte-order mark, so spreadsheet apps read names as UTF-8.
            controller.enqueue(encoder.encode(syncOutcomesCsvHeader()));
            return;
          }
          const rows: OutcomeRow[] = await syncs.outcomePage(runId, query, after, CSV_PAGE_SIZE);
          if (rows.length > 0) {
            after = String(rows.at(-1)?.id);
            controller.enqueue(
              encoder.encode(toCsvLines(rows.map((r) => syncOutcomeCsvRow(toOutcome(r))))),
            );
          }
          if (rows.length < CSV_PAGE_SIZE) controller.close();
        },
      });
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="referkit-run-${runId.replace(/[^\w-]/g, '')}-outcomes.csv"`,
          'cache-control': 'no-store',
        },
      });
    },
  };
}
