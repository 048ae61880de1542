import { parseIsoDateTime, type CaseEvent, type HouseholdEvent } from '@monitoring/domain';
import type { PersonalDataRedactor } from '../personal-data/personal-data.redactor';
import {
  summarizeCaseEvent,
  summarizeHouseholdEvent,
  unreadableEventSummary,
  type SummaryContext,
} from './event-summaries';
import type { ReadEvent } from './household-streams';

/** One event as a timeline or a case history shows it. */
export interface HistoryEntry {
  eventId: string;
  /** `household` or `case`. */
  stream: 'household' | 'case';
  /** The case the event belongs to (case events only). */
  caseId: string | null;
  type: string;
  /** Business time, as the source wrote it. */
  occurredAt: string;
  /** When the system recorded it (append time). */
  recordedAt: string;
  /** Department or system it came from. */
  source: string;
  /** The user who acted (officers' case actions); null for facts from departments and the system. */
  actor: string | null;
  summary: string;
  summaryZh: string;
  /** The event's data as this reader may see it (ID numbers and, per role, names and diagnoses masked). */
  details: unknown;
}

/** Person id → name over the household's whole history, for summaries and for masking free text. */
export const memberNames = (events: readonly ReadEvent<HouseholdEvent>[]): Map<string, string> => {
  const names = new Map<string, string>();
  for (const { event } of events) {
    if (event?.type === 'HouseholdRegistered') {
      for (const member of event.data.members) names.set(member.personId, member.name);
    } else if (event?.type === 'MemberAdded') {
      names.set(event.data.member.personId, event.data.member.name);
    }
  }
  return names;
};

export const summaryContext = (
  redactor: PersonalDataRedactor,
  names: ReadonlyMap<string, string>,
): SummaryContext => ({
  person: (personId) => {
    const name = names.get(personId);
    return name === undefined ? personId : redactor.name(name);
  },
  name: (name) => redactor.name(name),
  text: (text) => redactor.text(text),
});

/**
 * Builds the entries of one household's history for one reader: summaries and details through the
 * reader's redactor, recorded times on the household's provincial clock.
 */
export class HistoryEntries {
  private readonly context: SummaryContext;

  constructor(
    private readonly redactor: PersonalDataRedactor,
    names: ReadonlyMap<string, string>,
    private readonly formatTime: (instant: Date) => string,
  ) {
    this.context = summaryContext(redactor, names);
  }

  household(read: ReadEvent<HouseholdEvent>): HistoryEntry {
    return read.event === null
      ? this.entry(read, 'household', null, unreadableEventSummary(read.recorded.type), null)
      : this.entry(
          read,
          'household',
          null,
          summarizeHouseholdEvent(read.event, this.context),
          this.redactor.eventData(read.event.data),
        );
  }

  case(read: ReadEvent<CaseEvent>, caseId: string): HistoryEntry {
    return read.event === null
      ? this.entry(read, 'case', caseId, unreadableEventSummary(read.recorded.type), null)
      : this.entry(
          read,
          'case',
          caseId,
          summarizeCaseEvent(read.event, this.context),
          this.redactor.eventData(read.event.data),
        );
  }

  private entry(
    read: ReadEvent<HouseholdEvent | CaseEvent>,
    stream: HistoryEntry['stream'],
    caseId: string | null,
    summary: { summary: string; summaryZh: string },
    details: unknown,
  ): HistoryEntry {
    const { recorded } = read;
    return {
      eventId: recorded.eventId,
      stream,
      caseId,
      type: recorded.type,
      occurredAt: recorded.metadata.occurredAt,
      recordedAt: this.formatTime(recorded.recordedAt),
      source: recorded.metadata.source,
      actor: recorded.metadata.actor ?? null,
      ...summary,
      details,
    };
  }
}

const businessMillis = (entry: HistoryEntry): number => {
  const parsed = parseIsoDateTime(entry.occurredAt);
  return parsed.ok ? parsed.value.epochMillis : Number.POSITIVE_INFINITY;
};

/** Business-time order; same-time events in the order they were recorded, then by event id. */
export const byBusinessTime = (a: HistoryEntry, b: HistoryEntry): number =>
  businessMillis(a) - businessMillis(b) ||
  Date.parse(a.recordedAt) - Date.parse(b.recordedAt) ||
  (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
