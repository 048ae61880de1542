import { PassThrough, Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import type { EventStoreDbClient } from './eventstoredb-event-store';

interface StoredRecord {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  created: Date;
  data: unknown;
  metadata: unknown;
  position: Position;
}

interface LiveSubscription {
  stream: PassThrough;
  after: Position | undefined;
  filter: Filter | undefined;
  connection: object;
}

/**
 * An in-memory stand-in for the part of `@eventstore/db-client` the adapter uses, following the
 * server's documented behaviour: revisions from 0, `WrongExpectedVersionError` and
 * `StreamNotFoundError` as the client throws them, `$all` ordered by position with system events
 * (a settings event, and a `$>` link in `$streams` for every new stream) mixed in, catch-up
 * subscriptions that then follow live appends. It lets the contract suite exercise the adapter's own
 * logic where no server is available; the same suite runs against a real server when
 * EVENTSTOREDB_URL is set. `dropSubscriptions()` cuts every subscription as a lost connection would.
 */
export class EventStoreDbStandIn {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly live = new Set<LiveSubscription>();
  private nextPosition = 1_000n;

  constructor() {
    this.record('$settings', '$settings', {}, undefined);
  }

  /** A client connection to the stand-in; disposing it ends only its own subscriptions. */
  connect(): EventStoreDbClient {
    const connection = {
      appendToStream: this.appendToStream.bind(this),
      readStream: this.readStream.bind(this),
      readAll: this.readAll.bind(this),
      subscribeToAll: (options?: { fromPosition?: ReadPosition; filter?: Filter }) =>
        this.subscribeToAll(connection, options),
      dispose: async () => {
        for (const subscription of [...this.live]) {
          if (subscription.connection !== connection) continue;
          this.live.delete(subscription);
          subscription.stream.end();
        }
      },
    };
    return connection as unknown as EventStoreDbClient;
  }

  async appendToStream(
    streamName: string,
    events: EventData | EventData[],
    options: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> {
    const list = Array.isArray(events) ? events : [events];
    const stream = this.streams.get(streamName);
    const current = stream?.length ? stream[stream.length - 1].revision : undefined;
    const expected = options.expectedRevision ?? ANY;
    const matches =
      expected === ANY ||
      (expected === NO_STREAM && current === undefined) ||
      (expected === STREAM_EXISTS && current !== undefined) ||
      (typeof expected === 'bigint' && current === expected);
    if (!matches) {
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: current ?? NO_STREAM,
      });
    }
    if (current === undefined) this.record('$streams', '$>', `0@${streamName}`, undefined);
    let last: StoredRecord | undefined;
    for (const event of list) {
      last = this.record(streamName, event.type, roundTrip(event.data), roundTrip(event.metadata), event.id);
    }
    return {
      success: true,
      nextExpectedRevision: last?.revision ?? current ?? -1n,
      position: last?.position,
    };
  }

  readStream(
    streamName: string,
    options: { direction?: string; fromRevision?: ReadRevision; maxCount?: number | bigint } = {},
  ): Readable {
    const stream = this.streams.get(streamName);
    if (!stream) return failing(new StreamNotFoundError(undefined, streamName));
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision ?? (backwards ? END : START);
    const selected = backwards
      ? stream.filter((r) => from === END || (typeof from === 'bigint' && r.revision <= from)).reverse()
      : stream.filter((r) => from === START || (typeof from === 'bigint' && r.revision >= from));
    return Readable.from(
      selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map(resolved),
    );
  }

  readAll(
    options: { direction?: string; fromPosition?: ReadPosition; maxCount?: number | bigint } = {},
  ): Readable {
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    const selected = backwards
      ? this.log
          .filter((r) => from === END || (typeof from === 'object' && before(r.position, from)))
          .reverse()
      : this.log.filter((r) => from === START || (typeof from === 'object' && !before(r.position, from)));
    return Readable.from(
      selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map(resolved),
    );
  }

  subscribeToAll(
    connection: object,
    options: { fromPosition?: ReadPosition; filter?: Filter } = {},
  ): Readable {
    const stream = new PassThrough({ objectMode: true });
    const from = options.fromPosition;
    const subscription: LiveSubscription = {
      stream,
      after: typeof from === 'object' ? from : undefined,
      filter: options.filter,
      connection,
    };
    const unsubscribe = async () => {
      this.live.delete(subscription);
      stream.end();
    };
    Object.assign(stream, { unsubscribe });
    if (from !== END) for (const record of this.log) this.deliver(subscription, record);
    this.live.add(subscription);
    return stream;
  }

  /** Cuts every live subscription with the error a lost connection gives. */
  dropSubscriptions(): void {
    for (const subscription of [...this.live]) {
      this.live.delete(subscription);
      subscription.stream.destroy(new UnavailableError());
    }
  }

  private record(
    streamId: string,
    type: string,
    data: unknown,
    metadata: unknown,
    id?: string,
  ): StoredRecord {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const position = { commit: this.nextPosition, prepare: this.nextPosition };
    this.nextPosition += 137n;
    const record: StoredRecord = {
      streamId,
      id: id ?? `00000000-0000-4000-8000-${String(this.log.length).padStart(12, '0')}`,
      type,
      revision: BigInt(stream.length),
      created: new Date(),
      data,
      metadata,
      position,
    };
    stream.push(record);
    this.log.push(record);
    for (const subscription of this.live) this.deliver(subscription, record);
    return record;
  }

  private deliver(subscription: LiveSubscription, record: StoredRecord): void {
    if (subscription.after && !before(subscription.after, record.position)) return;
    const filter = subscription.filter as (Filter & { regex?: string; prefixes?: string[] }) | undefined;
    if (filter) {
      const subject = filter.filterOn === 'eventType' ? record.type : record.streamId;
      const passes = filter.regex
        ? new RegExp(filter.regex).test(subject)
        : (filter.prefixes ?? []).some((prefix) => subject.startsWith(prefix));
      if (!passes) return;
    }
    subscription.stream.write(resolved(record));
  }
}

function before(a: Position, b: Position): boolean {
  return a.commit !== b.commit ? a.commit < b.commit : a.prepare < b.prepare;
}

function resolved(record: StoredRecord) {
  return {
    event: {
      streamId: record.streamId,
      id: record.id,
      isJson: true,
      revision: record.revision,
      type: record.type,
      created: record.created,
      data: record.data,
      metadata: record.metadata,
      position: record.position,
    },
    commitPosition: record.position.commit,
  };
}

function failing(error: Error): Readable {
  return new Readable({
    objectMode: true,
    read() {
      this.destroy(error);
    },
  });
}

/** Events are stored serialized, as the server stores them. */
function roundTrip(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
