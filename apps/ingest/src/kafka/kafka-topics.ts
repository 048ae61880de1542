import { SOURCE_TOPICS, type SourceTopic } from '@monitoring/domain';

/** `monitoring.registry`, `monitoring.income`, `monitoring.claims` with the default prefix, by feed. */
export const kafkaTopicsOf = (prefix: string): Map<string, SourceTopic> =>
  new Map(SOURCE_TOPICS.map((topic) => [`${prefix}${topic}`, topic]));

/** Where a topic's rejected messages go (DESIGN §8). */
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;
