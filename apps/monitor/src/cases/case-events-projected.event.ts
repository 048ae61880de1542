import type { IEvent } from '@nestjs/cqrs';
import type { RecordedEvent } from '@monitoring/event-store';

/**
 * Published on the @nestjs/cqrs EventBus by the case projection after each committed batch, with the
 * case events that batch projected (in log order). Subscribers act on what the read model now shows;
 * they must be idempotent, since a batch can be projected again after a restart.
 */
export class CaseEventsProjected implements IEvent {
  constructor(readonly events: readonly RecordedEvent[]) {}
}
