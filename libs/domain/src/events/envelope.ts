/**
 * The shape every domain event has. Structurally the same as the event store's `NewEvent`, so the
 * domain never imports the store.
 */
export interface EventMetadata {
  /** Business time: ISO 8601 with offset. */
  occurredAt: string;
  /** Append time, filled by the store when read back. */
  recordedAt?: string;
  /** Department or system the fact came from (`medical_insurance`, `civil_affairs`, `monitor`, ...). */
  source: string;
  /** Upstream record id, for events that come from outside. */
  sourceId?: string;
  correlationId?: string;
  causationId?: string;
  /** The acting user (`sub` of the token), for human commands. */
  actor?: string;
}

export interface EventEnvelope<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
}
