import {
  applyDraftTo,
  decideReferrerChange,
  type ReferrerDraft,
  type ReferrerDraftResult,
  type ReferrerState,
  type ReferrerWrite,
  type StripeRecord,
  type SyncConfig,
  type SyncOutcome,
  toReferrerDraft,
} from '@referkit/core';
import type pg from 'pg';
import { type CampaignRef, insertReferrers, type ReferrerRow } from '../store/referrer-store';

/** What a batch decided for one record, with the referrer it now has. */
export interface ReferrerChange {
  record: StripeRecord;
  outcome: SyncOutcome['outcome'];
  reasonCode: string | null;
  message: string | null;
  email: string | null;
  name: string | null;
  referrer: ReferrerRow | null;
  draft: ReferrerDraft | null;
  /** What to store on the referrer (core's rule); `null`: nothing. */
  write: ReferrerWrite | null;
  /** `duplicate_email`: the customer that already has the email. */
  duplicateOf?: string | null;
  /** `duplicate_email`: the email key, to name the referrer that holds it once it exists. */
  heldKey?: string | null;
}

/** A stored referrer as core's rules see it, carrying its row. */
interface Held extends ReferrerState {
  row: ReferrerRow;
}

function held(row: ReferrerRow): Held {
  return {
    email: row.email,
    emailKey: row.email_key,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    externalId: row.external_id,
    row,
  };
}

/** A record with core's `toReferrerDraft` of it. */
interface Drafted {
  record: StripeRecord;
  result: ReferrerDraftResult;
}

/** The referrers a batch touches, by email key and by their customer's Stripe id. */
interface TouchedReferrers {
  byEmail: Map<string, Held>;
  /** Each customer's own referrer: it stays theirs whatever their email becomes. */
  byCustomer: Map<string, Held>;
}

/**
 * Core's `decideReferrerChange` for each record, over the referrers the batch
 * touches (locked `FOR UPDATE`); then the SQL: one insert of the new
 * referrers and one update of the changed or newly linked ones. Runs inside
 * the batch's transaction.
 */
export async function applyReferrerChanges(
  client: pg.PoolClient,
  campaign: CampaignRef,
  config: SyncConfig,
  records: readonly StripeRecord[],
): Promise<ReferrerChange[]> {
  const drafted = records.map((record) => ({
    record,
    result: toReferrerDraft(record, config),
  }));
  const touched = indexReferrers(await lockTouchedReferrers(client, campaign, drafted));
  const decisions = decideChanges(drafted, touched);
  await createReferrers(client, campaign, decisions);
  await updateReferrers(client, decisions);
  return decisions;
}

/** The referrers with a drafted email or a record's customer, locked for the batch. */
async function lockTouchedReferrers(
  client: pg.PoolClient,
  campaign: CampaignRef,
  drafted: readonly Drafted[],
): Promise<ReferrerRow[]> {
  const keys = [
    ...new Set(drafted.flatMap(({ result }) => (result.ok ? [result.draft.emailKey] : []))),
  ];
  const result = await client.query<ReferrerRow>(
    `SELECT * FROM referkit.referrers
     WHERE campaign_id = $1 AND (email_key = ANY($2) OR external_id = ANY($3))
     ORDER BY email_key FOR UPDATE`,
    [campaign.id, keys, drafted.map(({ record }) => record.id)],
  );
  return result.rows;
}

function indexReferrers(rows: readonly ReferrerRow[]): TouchedReferrers {
  const byEmail = new Map(rows.map((row) => [row.email_key, held(row)]));
  const byCustomer = new Map<string, Held>();
  for (const row of rows) {
    if (row.external_id && !byCustomer.has(row.external_id)) {
      byCustomer.set(row.external_id, byEmail.get(row.email_key) ?? held(row));
    }
  }
  return { byEmail, byCustomer };
}

/**
 * Core's `decideReferrerChange` for each record in turn; an email an earlier
 * customer of the batch claimed counts as held, though its referrer does not
 * exist yet.
 */
function decideChanges(drafted: readonly Drafted[], touched: TouchedReferrers): ReferrerChange[] {
  const claimedBy = new Map<string, string>();
  return drafted.map(({ record, result }) => {
    const byEmail = result.ok ? (touched.byEmail.get(result.draft.emailKey) ?? null) : null;
    const change = decideReferrerChange({
      externalId: record.id,
      result,
      own: touched.byCustomer.get(record.id) ?? null,
      byEmail,
      emailHolder: result.ok
        ? (claimedBy.get(result.draft.emailKey) ?? byEmail?.externalId ?? null)
        : null,
    });
    if (change.claims !== null) claimedBy.set(change.claims, record.id);
    return {
      record,
      email: record.email ?? null,
      name: record.name ?? null,
      outcome: change.outcome,
      reasonCode: change.reasonCode,
      message: change.message,
      referrer: change.referrer?.row ?? null,
      draft: change.draft,
      write: change.write,
      duplicateOf: change.duplicateOf,
      heldKey: change.duplicateOf !== null && result.ok ? result.draft.emailKey : null,
    };
  });
}

/**
 * Inserts the referrers decided `created` in one statement and gives each
 * decision its row; a duplicate of a customer created in this batch names
 * that customer's new referrer.
 */
async function createReferrers(
  client: pg.PoolClient,
  campaign: CampaignRef,
  decisions: ReferrerChange[],
): Promise<void> {
  const toCreate = decisions.filter((decision) => decision.outcome === 'created');
  if (toCreate.length === 0) return;
  const created = await insertReferrers(
    client,
    campaign,
    toCreate.map((d) => ({
      draft: d.draft as ReferrerDraft,
      source: 'sync',
      externalId: d.record.id,
    })),
  );
  const raced: ReferrerChange[] = [];
  for (const decision of toCreate) {
    const row = created.get((decision.draft as ReferrerDraft).emailKey);
    if (row) {
      decision.referrer = row;
      decision.write = null;
    } else raced.push(decision);
  }
  for (const decision of decisions) {
    if (decision.heldKey && !decision.referrer) {
      decision.referrer = created.get(decision.heldKey) ?? null;
    }
  }
  if (raced.length > 0) await keepRacedReferrers(client, campaign, raced);
}

/**
 * Someone added the same email (by hand, say) since the batch locked its
 * referrers: keep theirs, with the record's draft applied to it (core's
 * `applyDraftTo`).
 */
async function keepRacedReferrers(
  client: pg.PoolClient,
  campaign: CampaignRef,
  raced: readonly ReferrerChange[],
): Promise<void> {
  const rows = await client.query<ReferrerRow>(
    'SELECT * FROM referkit.referrers WHERE campaign_id = $1 AND email_key = ANY($2) FOR UPDATE',
    [campaign.id, raced.map((d) => (d.draft as ReferrerDraft).emailKey)],
  );
  const byKey = new Map(rows.rows.map((row) => [row.email_key, row]));
  for (const decision of raced) {
    const row = byKey.get((decision.draft as ReferrerDraft).emailKey);
    if (!row) throw new Error('A referrer vanished while it was being synced');
    Object.assign(
      decision,
      applyDraftTo(held(row), decision.draft as ReferrerDraft, decision.record.id),
    );
    decision.referrer = row;
  }
}

/** Stores what core decided to write on existing referrers, in one statement. */
async function updateReferrers(
  client: pg.PoolClient,
  decisions: readonly ReferrerChange[],
): Promise<void> {
  const changed = decisions.filter((d) => d.write && d.referrer);
  if (changed.length === 0) return;
  const result = await client.query<ReferrerRow>(
    `UPDATE referkit.referrers r SET
       first_name = t.first_name,
       last_name = t.last_name,
       company = t.company,
       external_id = coalesce(r.external_id, t.external_id),
       updated_at = CASE WHEN t.touch THEN now() ELSE r.updated_at END
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
       AS t(id, first_name, last_name, company, external_id, touch)
     WHERE r.id = t.id
     RETURNING r.*`,
    [
      changed.map((d) => d.referrer?.id),
      changed.map((d) => d.write?.firstName),
      changed.map((d) => d.write?.lastName ?? null),
      changed.map((d) => d.write?.company ?? null),
      changed.map((d) => d.write?.externalId),
      changed.map((d) => d.write?.touch ?? false),
    ],
  );
  const byId = new Map(result.rows.map((row) => [row.id, row]));
  for (const decision of changed) {
    decision.referrer = byId.get(decision.referrer?.id ?? '') ?? decision.referrer;
  }
}
