import { SOURCE_TOPICS, type SourceTopic } from '@monitoring/domain';
import type { ProvinceLine } from '@monitoring/synthetic';
import { demoUsers, type DemoApi } from './demo-api';

/** What the departments sent and what ingest made of it. */
export interface FeedTally {
  path: 'http' | 'kafka';
  lines: number;
  byTopic: Record<SourceTopic, number>;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** A few of the reasons given for rejected records. */
  rejectionExamples: string[];
  elapsedMs: number;
}

export type FeedProgress = (tally: FeedTally) => void;

export const emptyTally = (path: FeedTally['path']): FeedTally => ({
  path,
  lines: 0,
  byTopic: { registry: 0, income: 0, claims: 0 },
  accepted: 0,
  duplicates: 0,
  rejected: 0,
  rejectionExamples: [],
  elapsedMs: 0,
});

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

/** What the feed needs of a province line. */
export type FeedLine = Pick<ProvinceLine, 'topic' | 'line' | 'malformation'>;

/** The record as JSON text in a request: a line that is not JSON at all travels as a string, which ingest refuses. */
export const recordText = (line: FeedLine): string =>
  line.malformation === 'broken_json' ? JSON.stringify(line.line) : line.line;

/**
 * Feeds the province to `POST /api/v1/ingest/{topic}` as the departments would, in rounds of at most
 * `batchSize` lines in arrival order: each round's registry records go first, then income, then claims,
 * so a household is registered before its claims arrive (as the generator delivers them). The next
 * round is read from the generator while up to `inFlight` earlier ones are being ingested.
 */
export async function feedOverHttp(
  api: DemoApi,
  province: string,
  lines: AsyncIterable<FeedLine>,
  options: {
    batchSize: number;
    /** Rounds sent at once (default 1: a round's registry records are in before the next round's claims). */
    inFlight?: number;
    onProgress?: FeedProgress;
  },
): Promise<FeedTally> {
  const tally = emptyTally('http');
  const started = performance.now();
  const user = demoUsers.feed(province);
  let round = newRound();
  let size = 0;
  const inFlight: Promise<void>[] = [];
  const limit = Math.max(1, options.inFlight ?? 1);

  const send = async (batch: Record<SourceTopic, string[]>): Promise<void> => {
    for (const topic of SOURCE_TOPICS) {
      const records = batch[topic];
      if (records.length === 0) continue;
      const answer = await api.postText<IngestAnswer>(
        `/ingest/${topic}`,
        user,
        `{"records":[${records.join(',')}]}`,
      );
      tally.accepted += answer.accepted;
      tally.duplicates += answer.duplicates;
      tally.rejected += answer.rejected.length;
      for (const { reason } of answer.rejected) {
        if (tally.rejectionExamples.length < 5) tally.rejectionExamples.push(`${topic}: ${reason}`);
      }
    }
    tally.elapsedMs = performance.now() - started;
    options.onProgress?.(tally);
  };

  for await (const line of lines) {
    round[line.topic].push(recordText(line));
    tally.byTopic[line.topic] += 1;
    tally.lines += 1;
    size += 1;
    if (size >= options.batchSize) {
      if (inFlight.length >= limit) await inFlight.shift();
      const sending = send(round);
      // Handled when awaited later; marked here so that a failure is not "unhandled" meanwhile.
      sending.catch(() => undefined);
      inFlight.push(sending);
      round = newRound();
      size = 0;
    }
  }
  for (const sending of inFlight.splice(0)) await sending;
  if (size > 0) await send(round);
  tally.elapsedMs = performance.now() - started;
  return tally;
}

function newRound(): Record<SourceTopic, string[]> {
  return { registry: [], income: [], claims: [] };
}
