import { describe, expect, it } from 'vitest';
import { createDefaultSyncConfig, type SyncConfig } from './sync-config';
import { createSyncWizardStore, type SyncWizardStore } from './sync-wizard-store';

/** Counts notifications and checks the snapshot really changed on each. */
function watch(store: SyncWizardStore) {
  const seen = [store.getState()];
  const unsubscribe = store.subscribe(() => {
    const state = store.getState();
    expect(state).not.toBe(seen.at(-1));
    seen.push(state);
  });
  return { calls: () => seen.length - 1, unsubscribe };
}

function walkToConfirm(store: SyncWizardStore) {
  while (!store.getState().isLastStep) expect(store.next()).toBe(true);
}

describe('createSyncWizardStore', () => {
  describe('defaults', () => {
    it('opens on Select Object Type with the obvious pairs pre-mapped and nothing blocking', () => {
      const state = createSyncWizardStore().getState();
      expect(state.steps.map((step) => step.title)).toEqual([
        'Select Object Type',
        'Map Fields',
        'Map Return Fields',
        'Name Version',
        'Confirm',
      ]);
      expect(state).toMatchObject({
        step: 'object_type',
        stepIndex: 0,
        isFirstStep: true,
        isLastStep: false,
        canContinue: true,
        blockers: [],
        issues: [],
        reachableIndex: 4,
        dirty: false,
      });
      expect(state.config).toEqual(createDefaultSyncConfig());
      expect(state.config.inbound).toEqual([
        { source: 'name', target: 'firstName' },
        { source: 'email', target: 'email' },
      ]);
      expect(state.config.returns.referralLink).toEqual({ kind: 'metadata', key: 'referral_link' });
    });

    it('starts from a given configuration and step', () => {
      const initialConfig: SyncConfig = { ...createDefaultSyncConfig(), nameVersion: 'v3' };
      const store = createSyncWizardStore({ initialConfig, initialStep: 'name_version' });
      expect(store.getState()).toMatchObject({ step: 'name_version', dirty: false });
      expect(store.getState().config.nameVersion).toBe('v3');
    });

    it('opens on the first incomplete step when asked for a later one', () => {
      const initialConfig: SyncConfig = { ...createDefaultSyncConfig(), inbound: [] };
      const store = createSyncWizardStore({ initialConfig, initialStep: 'confirm' });
      expect(store.getState()).toMatchObject({ step: 'map_fields', reachableIndex: 1 });
    });
  });

  describe('Continue', () => {
    it('walks every step in order to Confirm, where it stops', () => {
      const store = createSyncWizardStore();
      const steps = [store.getState().step];
      while (store.next()) steps.push(store.getState().step);
      expect(steps).toEqual([
        'object_type',
        'map_fields',
        'map_return_fields',
        'name_version',
        'confirm',
      ]);
      expect(store.getState()).toMatchObject({ isLastStep: true, canContinue: true });
      expect(store.next()).toBe(false);
      expect(store.getState().step).toBe('confirm');
    });

    it('is blocked with the reasons while a required target is unmapped', () => {
      const store = createSyncWizardStore({ initialStep: 'map_fields' });
      store.setInboundTarget('email', null);
      const state = store.getState();
      expect(state.canContinue).toBe(false);
      expect(state.blockers.map((issue) => [issue.code, issue.message])).toEqual([
        ['required_target_unmapped', 'Map a Stripe field to Email: it is required.'],
      ]);
      expect(store.next()).toBe(false);
      expect(store.getState().step).toBe('map_fields');
      store.setInboundTarget('email', 'email');
      expect(store.getState().canContinue).toBe(true);
      expect(store.next()).toBe(true);
      expect(store.getState().step).toBe('map_return_fields');
    });

    it('only counts the current step’s issues as blockers, until Confirm where all count', () => {
      const store = createSyncWizardStore();
      store.setSyncType('ongoing');
      store.setSchedule({ kind: 'cron', expression: 'soon' });
      expect(store.getState()).toMatchObject({
        step: 'object_type',
        canContinue: true,
        blockers: [],
      });
      expect(store.getState().issues.map((issue) => issue.code)).toEqual(['schedule_invalid']);
      walkToConfirm(store);
      expect(store.getState().canContinue).toBe(false);
      expect(store.getState().blockers.map((issue) => issue.code)).toEqual(['schedule_invalid']);
      expect(store.getState().overview.ready).toBe(false);
    });

    it('blocks Map Return Fields until the Referral Link is sent somewhere valid', () => {
      const store = createSyncWizardStore({ initialStep: 'map_return_fields' });
      store.setReturnDestination('referralLink', { kind: 'none' });
      expect(store.getState().blockers.map((issue) => issue.code)).toEqual([
        'referral_link_not_returned',
      ]);
      store.setReturnDestination('referralLink', { kind: 'metadata', key: 'link[0]' });
      expect(store.getState().blockers[0]?.message).toBe(
        'The metadata key for Referral Link can\'t contain "[" or "]".',
      );
      store.setReturnDestination('referralLink', { kind: 'field', field: 'description' });
      expect(store.getState().canContinue).toBe(true);
    });
  });

  describe('Back and goTo', () => {
    it('goes back keeping every choice', () => {
      const store = createSyncWizardStore({ initialStep: 'name_version' });
      store.setNameVersion('v4');
      store.setReturnDestination('referralsCount', { kind: 'metadata', key: 'referrals' });
      expect(store.back()).toBe(true);
      expect(store.getState().step).toBe('map_return_fields');
      expect(store.back()).toBe(true);
      expect(store.next()).toBe(true);
      expect(store.next()).toBe(true);
      expect(store.getState().config.nameVersion).toBe('v4');
      expect(store.getState().config.returns.referralsCount).toEqual({
        kind: 'metadata',
        key: 'referrals',
      });
    });

    it('cannot go back from the first step', () => {
      const store = createSyncWizardStore();
      expect(store.back()).toBe(false);
      expect(store.getState().step).toBe('object_type');
    });

    it('jumps to any step up to the first incomplete one, and no further', () => {
      const store = createSyncWizardStore();
      expect(store.goTo('confirm')).toBe(true);
      expect(store.goTo('map_fields')).toBe(true);
      store.setInboundTarget('name', null);
      expect(store.getState().reachableIndex).toBe(1);
      expect(store.goTo('name_version')).toBe(false);
      expect(store.goTo('map_return_fields')).toBe(false);
      expect(store.goTo('object_type')).toBe(true);
      expect(store.goTo('map_fields')).toBe(true);
      expect(store.goTo('map_fields')).toBe(false);
      expect(store.goTo('nowhere' as 'confirm')).toBe(false);
      expect(store.getState().step).toBe('map_fields');
    });

    it('falls back to an earlier step that becomes incomplete, and stays there once fixed', () => {
      const store = createSyncWizardStore({ initialStep: 'confirm' });
      store.setInboundTarget('email', null);
      expect(store.getState()).toMatchObject({ step: 'map_fields', canContinue: false });
      store.setInboundTarget('email', 'email');
      expect(store.getState()).toMatchObject({ step: 'map_fields', canContinue: true });
    });

    it('falls back while new context makes a step incomplete, and returns when it no longer does', () => {
      const store = createSyncWizardStore({ initialStep: 'confirm' });
      const keys = Array.from({ length: 50 }, (_, i) => `key_${i}`);
      store.setContext({ existingMetadataKeys: keys });
      expect(store.getState()).toMatchObject({ step: 'map_return_fields', canContinue: false });
      expect(store.getState().blockers.map((issue) => issue.code)).toEqual([
        'too_many_metadata_keys',
      ]);
      store.setContext({ existingMetadataKeys: keys.slice(1) });
      expect(store.getState()).toMatchObject({ step: 'confirm', canContinue: true });
    });
  });

  describe('mapping actions', () => {
    it('maps, re-targets in place and unmaps inbound fields', () => {
      const store = createSyncWizardStore();
      store.setInboundTarget('metadata.company', 'company');
      store.setInboundTarget('name', 'lastName');
      expect(store.getState().config.inbound).toEqual([
        { source: 'name', target: 'lastName' },
        { source: 'email', target: 'email' },
        { source: 'metadata.company', target: 'company' },
      ]);
      store.setInboundTarget('metadata.company', null);
      expect(store.getState().config.inbound.map((entry) => entry.source)).toEqual([
        'name',
        'email',
      ]);
    });

    it('reports a target mapped from two fields', () => {
      const store = createSyncWizardStore({ initialStep: 'map_fields' });
      store.setInboundTarget('description', 'firstName');
      expect(store.getState().blockers.map((issue) => issue.code)).toEqual(['target_mapped_twice']);
    });

    it('never changes a snapshot it has handed out', () => {
      const store = createSyncWizardStore();
      const before = store.getState();
      const config = JSON.parse(JSON.stringify(before.config));
      store.setInboundTarget('name', null);
      store.setReturnDestination('referralCode', { kind: 'field', field: 'description' });
      store.setObjectType('customer');
      expect(before.config).toEqual(config);
    });
  });

  describe('setBlankName', () => {
    it('chooses what a blank name does, which makes the configuration dirty', () => {
      const store = createSyncWizardStore();
      expect(store.getState().config.blankName).toBe('skip');
      store.setBlankName('email_local_part');
      expect(store.getState()).toMatchObject({
        config: { blankName: 'email_local_part' },
        dirty: true,
      });
      store.setBlankName('skip');
      expect(store.getState().dirty).toBe(false);
    });
  });

  describe('subscribe', () => {
    it('notifies once per change and gives a new snapshot each time', () => {
      const store = createSyncWizardStore();
      const watcher = watch(store);
      store.setNameVersion('v2');
      store.next();
      store.back();
      expect(watcher.calls()).toBe(3);
    });

    it('keeps the same snapshot and stays silent when nothing changes', () => {
      const store = createSyncWizardStore();
      const watcher = watch(store);
      const before = store.getState();
      expect(store.getState()).toBe(before);
      store.setNameVersion('v1');
      store.setObjectType('customer');
      store.setReturnDestination('referralCode', { kind: 'none' });
      store.setInboundTarget('phone', null);
      store.back();
      store.goTo('object_type');
      store.setContext({});
      expect(store.getState()).toBe(before);
      expect(watcher.calls()).toBe(0);
    });

    it('stops notifying after unsubscribe, without affecting other listeners', () => {
      const store = createSyncWizardStore();
      const first = watch(store);
      const second = watch(store);
      store.setNameVersion('v2');
      first.unsubscribe();
      store.setNameVersion('v3');
      expect(first.calls()).toBe(1);
      expect(second.calls()).toBe(2);
      second.unsubscribe();
    });

    it('lets a listener unsubscribe itself while being notified', () => {
      const store = createSyncWizardStore();
      let calls = 0;
      const unsubscribe = store.subscribe(() => {
        calls += 1;
        unsubscribe();
      });
      const other = watch(store);
      store.setNameVersion('v2');
      store.setNameVersion('v3');
      expect(calls).toBe(1);
      expect(other.calls()).toBe(2);
    });
  });

  describe('dirty and reset', () => {
    it('is dirty only while the configuration means something else', () => {
      const store = createSyncWizardStore();
      store.setNameVersion('v5');
      expect(store.getState().dirty).toBe(true);
      store.setNameVersion('v1');
      expect(store.getState().dirty).toBe(false);
      store.setInboundTarget('name', null);
      expect(store.getState().dirty).toBe(true);
      store.setInboundTarget('name', 'firstName');
      expect(store.getState().config.inbound.map((entry) => entry.source)).toEqual([
        'email',
        'name',
      ]);
      expect(store.getState().dirty).toBe(false);
      store.setReturnDestination('referralLink', { key: 'referral_link', kind: 'metadata' });
      expect(store.getState().dirty).toBe(false);
      store.setReturnDestination('referralLink', { kind: 'metadata', key: 'link' });
      expect(store.getState().dirty).toBe(true);
    });

    it('resets to the initial configuration and step, and tells subscribers', () => {
      const store = createSyncWizardStore({ initialStep: 'map_fields' });
      const watcher = watch(store);
      store.setNameVersion('v4');
      store.goTo('confirm');
      store.reset();
      expect(store.getState()).toMatchObject({ step: 'map_fields', dirty: false });
      expect(store.getState().config).toEqual(createDefaultSyncConfig());
      expect(watcher.calls()).toBe(3);
    });
  });

  describe('overview', () => {
    it('shows what the Confirm step summarises, updated with every choice', () => {
      const store = createSyncWizardStore();
      store.setNameVersion('v4');
      store.setInboundTarget('metadata.company', 'company');
      store.setReturnDestination('referralsCount', { kind: 'metadata', key: 'referrals' });
      store.setSyncType('ongoing');
      store.setSchedule({ kind: 'preset', preset: 'daily' });
      const { overview } = store.getState();
      expect(overview.nameVersion).toMatchObject({
        label: 'V4',
        description: 'First name + 1 letter',
      });
      expect(overview.inbound.map((line) => `${line.sourceLabel} → ${line.targetLabel}`)).toEqual([
        'Name → First Name',
        'Email → Email',
        'Metadata: company → Company',
      ]);
      expect(
        overview.returns.map((line) => `${line.sourceLabel} → ${line.destinationLabel}`),
      ).toEqual([
        'Referral Link → Metadata: referral_link',
        'Referral Code → Do Not Send',
        'Referrals Count → Metadata: referrals',
        'Converted Referrals Count → Do Not Send',
      ]);
      expect(overview).toMatchObject({
        syncType: 'ongoing',
        schedule: { kind: 'preset', preset: 'daily' },
        ready: true,
      });
      store.setSyncType('one_time');
      expect(store.getState().overview).toMatchObject({ syncType: 'one_time', schedule: null });
      expect(store.getState().config.schedule).toEqual({ kind: 'preset', preset: 'daily' });
    });

    it('is not ready while any step has an issue', () => {
      const store = createSyncWizardStore();
      store.setReturnDestination('referralLink', { kind: 'none' });
      expect(store.getState().overview.ready).toBe(false);
    });
  });
});
