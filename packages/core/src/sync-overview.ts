import { NAME_VERSIONS, type NameVersionDefinition } from './name-version-definitions';
import {
  getInboundTarget,
  type InboundTarget,
  RETURN_SOURCES,
  type ReturnSource,
} from './referrer-fields';
import { findStripeField } from './stripe-object-types';
import type { ReturnDestination, Schedule, SyncConfig, SyncType } from './sync-config';

/** One inbound line of the Sync Overview: `Name → First Name`. */
export interface OverviewInboundLine {
  source: string;
  sourceLabel: string;
  target: InboundTarget;
  targetLabel: string;
}

/** One return line of the Sync Overview: `Referral Link → Metadata: referral_link`. */
export interface OverviewReturnLine {
  source: ReturnSource;
  sourceLabel: string;
  destination: ReturnDestination;
  /** `Description`, `Metadata: referral_link` or `Do Not Send`. */
  destinationLabel: string;
}

/** What the Confirm step shows. */
export interface SyncOverview {
  nameVersion: NameVersionDefinition;
  inbound: OverviewInboundLine[];
  returns: OverviewReturnLine[];
  syncType: SyncType;
  schedule: Schedule | null;
  /** `true` when the configuration has no issues: the green "Ready to Sync". */
  ready: boolean;
}

/** Label of a return destination as the overview shows it. */
export function describeReturnDestination(
  config: Pick<SyncConfig, 'objectType'>,
  destination: ReturnDestination,
): string {
  if (destination.kind === 'none') return 'Do Not Send';
  if (destination.kind === 'metadata') return `Metadata: ${destination.key}`;
  return findStripeField(config.objectType, destination.field)?.label ?? destination.field;
}

/** Builds the Sync Overview of a configuration. */
export function buildSyncOverview(config: SyncConfig, ready: boolean): SyncOverview {
  return {
    nameVersion:
      NAME_VERSIONS.find((v) => v.id === config.nameVersion) ??
      (NAME_VERSIONS[0] as NameVersionDefinition),
    inbound: config.inbound.map((entry) => ({
      source: entry.source,
      sourceLabel: findStripeField(config.objectType, entry.source)?.label ?? entry.source,
      target: entry.target,
      targetLabel: getInboundTarget(entry.target).label,
    })),
    returns: RETURN_SOURCES.map((source) => ({
      source: source.id,
      sourceLabel: source.label,
      destination: config.returns[source.id],
      destinationLabel: describeReturnDestination(config, config.returns[source.id]),
    })),
    syncType: config.syncType,
    schedule: config.syncType === 'ongoing' ? config.schedule : null,
    ready,
  };
}
