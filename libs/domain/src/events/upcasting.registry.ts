import type { CaseEvent } from './case.events';
import type { HouseholdEvent } from './household.events';
import { CURRENT_SCHEMA_VERSION, isCaseEventType, isHouseholdEventType } from './schema-versions';
import { createUpcasterRegistry, type VersionedEvent } from './upcasting';
import { claimSettledV1ToV2 } from './upcasting.claim-settled';

/** Every upcaster of the catalog. Add new ones here when a version in `schema-versions.ts` goes up. */
export const CATALOG_UPCASTERS = [claimSettledV1ToV2] as const;

/** The catalog's registry, checked complete when this module loads. */
export const catalogUpcasters = createUpcasterRegistry(CURRENT_SCHEMA_VERSION, CATALOG_UPCASTERS);

/** Brings any stored event to its type's current version; types outside the catalog pass unchanged. */
export const upcast = <E extends VersionedEvent>(event: E): E => catalogUpcasters.upcast(event);

/** An event type that is not in the catalog of the stream being read. */
export class UnknownEventType extends Error {
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly stream: 'household' | 'case',
  ) {
    super(`Event ${eventId} has type ${eventType}, which is not a ${stream} event`);
    this.name = 'UnknownEventType';
  }
}

/**
 * A stored event of a household stream, in its current shape. Throws UnknownEventType for a type
 * outside the household catalog and UnsupportedSchemaVersion for a version this release cannot read.
 */
export const upcastHouseholdEvent = (event: VersionedEvent): HouseholdEvent => {
  if (!isHouseholdEventType(event.type)) throw new UnknownEventType(event.eventId, event.type, 'household');
  return upcast(event) as HouseholdEvent;
};

/** A stored event of a case stream, in its current shape (see `upcastHouseholdEvent`). */
export const upcastCaseEvent = (event: VersionedEvent): CaseEvent => {
  if (!isCaseEventType(event.type)) throw new UnknownEventType(event.eventId, event.type, 'case');
  return upcast(event) as CaseEvent;
};
