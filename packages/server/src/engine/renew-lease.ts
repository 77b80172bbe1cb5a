import type { Queryable } from '../store/database';

/**
 * Extends a run's lease by `leaseSeconds` from now if this worker (`token`)
 * still holds it; `false` when another worker took the run over. The one
 * lease-renewal statement: the slice's heartbeat and every batch's
 * transaction call it.
 */
export async function renewLease(
  db: Queryable,
  runId: string,
  token: string,
  leaseSeconds: number,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE referkit.sync_runs SET lease_until = now() + make_interval(secs => $3)
     WHERE id = $1 AND lease_token = $2`,
    [runId, token, leaseSeconds],
  );
  return result.rowCount !== 0;
}
