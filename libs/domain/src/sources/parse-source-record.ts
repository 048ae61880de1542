import type { HouseholdEvent } from '../events/household.events';
import { type InstantInput, toEpochMillis } from '../time/instant';
import { type RecordIssue, reasonOf } from './record-issues';
import { streamIdOf, toHouseholdEvent } from './source-record.mapper';
import type { SourceRecord } from './source-record.schemas';
import { validateSourceRecord } from './source-record.validator';
import { DEFAULT_SOURCE_BY_TOPIC, isValidSourceName, SOURCE_RECORD_TYPES } from './source-topics';

export interface ParseSourceRecordOptions {
  /** The current time, from the caller's clock: business times may not lie beyond it (+ tolerance). */
  now: InstantInput;
  /**
   * The sending system's name, recorded as `metadata.source` and part of the event id. Defaults to the
   * department of the topic (`DEFAULT_SOURCE_BY_TOPIC`); every path that ingests the same records
   * (Kafka, HTTP, files) must agree on it, or duplicates will not be recognised.
   */
  source?: string;
  /** How far in the future a business time may be; 5 minutes by default. */
  futureToleranceMillis?: number;
}

export interface AcceptedSourceRecord {
  ok: true;
  event: HouseholdEvent;
  /** `household-<householdId>`. */
  streamId: string;
  record: SourceRecord;
}

export interface RejectedSourceRecord {
  ok: false;
  /** Every problem in one line: `members[1].idNumber: check character should be 'X'; ...`. */
  reason: string;
  /** Path of the first problem, when it is about one field. */
  field?: string;
  issues: RecordIssue[];
  /** The record's `type` and `sourceId`, when readable: for the rejected-messages table. */
  recordType?: string;
  sourceId?: string;
}

export type SourceRecordParse = AcceptedSourceRecord | RejectedSourceRecord;

/**
 * The one entry point of ingest (Kafka, HTTP, files) for every record: validates `raw` as a record of
 * `topic` and maps it to its household event, or says why not. It never throws on `raw` or `topic`,
 * whatever they hold (null, arrays, huge numbers, `__proto__` keys); it throws only for invalid
 * options (`now`, `source`), which are the caller's bugs and should fail loudly.
 */
export const parseSourceRecord = (
  topic: string,
  raw: unknown,
  options: ParseSourceRecordOptions,
): SourceRecordParse => {
  const now = toEpochMillis(options.now);
  if (options.source !== undefined && !isValidSourceName(options.source)) {
    throw new RangeError(`invalid source system name ${JSON.stringify(options.source)}`);
  }
  try {
    const validation = validateSourceRecord(topic, raw, {
      now,
      futureToleranceMillis: options.futureToleranceMillis,
    });
    if (!validation.ok) {
      const { issues, recordType, sourceId } = validation;
      return {
        ok: false,
        reason: reasonOf(issues),
        ...(issues[0].field !== '' && { field: issues[0].field }),
        issues,
        ...(recordType !== undefined && { recordType }),
        ...(sourceId !== undefined && { sourceId }),
      };
    }
    const source =
      options.source ?? DEFAULT_SOURCE_BY_TOPIC[SOURCE_RECORD_TYPES[validation.record.type].topic];
    const event = toHouseholdEvent(validation.record, source);
    return { ok: true, event, streamId: streamIdOf(event), record: validation.record };
  } catch (error) {
    // Unreachable for data a JSON parser can produce; kept so an exotic value (a throwing getter, a
    // revoked proxy) or a bug here rejects one record instead of stopping a consumer.
    const message = error instanceof Error ? error.message : String(error);
    const issues = [{ field: '', message: `the record could not be read: ${message}` }];
    return { ok: false, reason: reasonOf(issues), issues };
  }
};
