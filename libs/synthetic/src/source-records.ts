import {
  SOURCE_RECORD_TYPES,
  type SourceRecordInput,
  type SourceRecordType,
  type SourceTopic,
} from '@monitoring/domain';

/**
 * The public source-record format (DESIGN §8) is the domain's contract: the generator writes the
 * records as a sender may write them (`SourceRecordInput`), so a change of the contract that the
 * generator does not follow fails to compile. Field order is the order written to the files.
 */
export type { SourceRecordType, SourceTopic };
export { SOURCE_TOPICS } from '@monitoring/domain';

/** A record of any type, as generated. */
export type GeneratedRecord = { [T in SourceRecordType]: SourceRecordInput<T> }[SourceRecordType];
export type GeneratedMember = SourceRecordInput<'household_registered'>['members'][number];

export const topicOfType = (type: SourceRecordType): SourceTopic => SOURCE_RECORD_TYPES[type].topic;
