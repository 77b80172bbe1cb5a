import { describe, expect, it } from 'vitest';
import { SYNC_PAUSED_REASON, syncStatusAfterUpdate } from './sync-status-after-update';

describe('syncStatusAfterUpdate', () => {
  it('pauses with the reason "Paused."', () => {
    expect(syncStatusAfterUpdate('active', 'ongoing', true)).toEqual({
      status: 'paused',
      statusReason: SYNC_PAUSED_REASON,
    });
    expect(syncStatusAfterUpdate('failing', 'ongoing', true)?.status).toBe('paused');
  });

  it('resumes a paused sync, and keeps it paused when the update does not say', () => {
    expect(syncStatusAfterUpdate('paused', 'ongoing', false)).toEqual({
      status: 'active',
      statusReason: null,
    });
    expect(syncStatusAfterUpdate('paused', 'ongoing', undefined)).toBeNull();
  });

  it('makes a finished one-time sync turned ongoing active again', () => {
    expect(syncStatusAfterUpdate('completed', 'ongoing', undefined)).toEqual({
      status: 'active',
      statusReason: null,
    });
    expect(syncStatusAfterUpdate('completed', 'one_time', undefined)).toBeNull();
  });

  it('leaves a failing sync failing (with its reason) when it is not paused', () => {
    expect(syncStatusAfterUpdate('failing', 'ongoing', false)).toBeNull();
    expect(syncStatusAfterUpdate('active', 'ongoing', undefined)).toBeNull();
  });
});
