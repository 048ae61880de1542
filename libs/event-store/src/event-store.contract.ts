import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  EventDataRefused,
  EventIdConflict,
  START,
  WrongExpectedVersion,
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type Subscription,
} from './event-store.port';

/** What an adapter's integration test hands to the contract suite. */
export interface EventStoreContractSubject {
  /** The store under test, shared by the suite's tests. */
  store: EventStore;
  /** Opens another store on the same backend, as a second process would; the suite closes it. */
  openAnother(): Promise<EventStore>;
  /**
   * Starts an append and holds its transaction open after its events took their global positions,
   * just before commit. Only adapters that number events before commit (PostgreSQL) can interleave
   * that way; EventStoreDB orders `$all` by commit, so it leaves this out.
   */
  holdAppendOpen?(streamId: string, events: NewEvent[]): Promise<HeldAppend>;
  /** Releases what the subject created (databases, connections). */
  dispose(): Promise<void>;
}

export interface HeldAppend {
  /** Lets the held transaction commit; resolves with its append result. */
  commit(): Promise<AppendResult>;
}

export interface EventStoreContractOptions {
  /** Names the suite: `<adapter> event store contract`. */
  adapter: string;
  /** Called once before the suite's tests. */
  open(): Promise<EventStoreContractSubject>;
  /** The subject provides `holdAppendOpen`: register the race test that needs it. */
  holdsAppendsOpen: boolean;
}

/**
 * Registers the event store contract for one adapter. Every test works on its own streams, and reads
 * of the global log start from the head seen before the test, so the suite also runs against a shared
 * backend that already holds events.
 */
export function eventStoreContract({ adapter, open, holdsAppendsOpen }: EventStoreContractOptions): void {
  describe(`${adapter} event store contract`, () => {
    let subject: EventStoreContractSubject;
    let store: EventStore;
    const others: EventStore[] = [];
    const run = randomUUID().slice(0, 8);
    let streams = 0;
    const aStream = (name: string) => `${name}-${run}-${++streams}`;
    const isMine = (event: RecordedEvent) => event.streamId.includes(`-${run}-`);
    const another = async () => {
      const opened = await subject.openAnother();
      others.push(opened);
      return opened;
    };
    const head = async () => (await store.position()).head;
    const readAllMine = async (after: Checkpoint, pageSize = 1_000) => {
      const events: RecordedEvent[] = [];
      for (let checkpoint = after; ;) {
        const page = await store.readAll({ after: checkpoint, limit: pageSize });
        if (page.events.length === 0) return events;
        events.push(...page.events.filter(isMine));
        checkpoint = page.checkpoint;
      }
    };

    // On PostgreSQL the log shows an event only once every older writing transaction of the whole
    // cluster has ended, and other suites write to the same cluster in parallel: wait, never assume.
    const untilVisible = async (after: Checkpoint, count: number): Promise<RecordedEvent[]> => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const events = await readAllMine(after);
        if (events.length >= count || Date.now() > deadline) return events;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });

    afterAll(async () => {
      await Promise.all(others.map((other) => other.close()));
      await subject?.dispose();
    });

    describe('appending and reading back', () => {
      it('returns each event with its content, stream position, global position, checkpoint and recording time', async () => {
        const streamId = aStream('household');
        const events = [anEvent({ n: 1 }), anEvent({ n: 2 })];
        const result = await store.appendToStream(streamId, events, 'no_stream');

        expect(result.streamId).toBe(streamId);
        expect(result.nextExpectedVersion).toBe(2);
        expect(result.events.map((e) => [e.eventId, e.status, e.streamPosition])).toEqual([
          [events[0].eventId, 'appended', 1],
          [events[1].eventId, 'appended', 2],
        ]);
        const read = await store.readStream(streamId);
        expect(read).toHaveLength(2);
        read.forEach((recorded, index) => {
          const sent = events[index];
          expect(recorded).toMatchObject({
            eventId: sent.eventId,
            type: sent.type,
            schemaVersion: sent.schemaVersion,
            data: sent.data,
            metadata: { ...sent.metadata, recordedAt: recorded.recordedAt.toISOString() },
            streamId,
            streamPosition: index + 1,
            globalPosition: result.events[index].globalPosition,
          });
          expect(recorded.globalPosition).toMatch(/^\d+$/);
          expect(recorded.recordedAt).toBeInstanceOf(Date);
          expect(typeof recorded.checkpoint).toBe('string');
          expect(recorded.checkpoint).not.toBe(START);
        });
        expect(BigInt(read[0].globalPosition)).toBeLessThan(BigInt(read[1].globalPosition));
        expect(await store.streamVersion(streamId)).toBe(2);
        expect(await store.streamVersion(aStream('never-written'))).toBe(0);
      });

      it('keeps the recording time under the store: a recordedAt given in metadata is not stored', async () => {
        const streamId = aStream('recorded-at');
        const event = anEvent({ n: 1 }, { recordedAt: '1999-01-01T00:00:00.000Z' });
        await store.appendToStream(streamId, [event], 'any');
        const [read] = await store.readStream(streamId);
        expect(read.metadata.recordedAt).toBe(read.recordedAt.toISOString());
        expect(read.metadata.recordedAt).not.toBe('1999-01-01T00:00:00.000Z');
      });

      it('refuses malformed events before writing anything', async () => {
        const streamId = aStream('malformed');
        await expect(
          store.appendToStream(
            streamId,
            [anEvent({ n: 1 }), { ...anEvent({ n: 2 }), eventId: 'not-a-uuid' }],
            'any',
          ),
        ).rejects.toThrow(TypeError);
        await expect(store.appendToStream(streamId, [anEvent({ n: 1 })], -1)).rejects.toThrow(TypeError);
        expect(await store.streamVersion(streamId)).toBe(0);
      });

      it('refuses data the read models cannot store (a NUL character, a lone surrogate), writing nothing of the call', async () => {
        const good = aStream('storable-good');
        const bad = aStream('storable-bad');
        const base = await head();
        for (const [data, what] of [
          [{ name: 'a\u0000b' }, /NUL/],
          [{ name: '王\ud800' }, /lone surrogate/],
        ] as const) {
          const refused = anEvent(data);
          const attempt = store.appendMany([
            { streamId: good, events: [anEvent({ n: 1 })], expectedVersion: 'any' },
            { streamId: bad, events: [refused], expectedVersion: 'any' },
          ]);
          await expect(attempt).rejects.toThrow(EventDataRefused);
          await expect(attempt).rejects.toThrow(what);
        }
        expect(await store.streamVersion(good)).toBe(0);
        expect(await readAllMine(base)).toEqual([]);
        // Escaped text that only looks like such a character is stored as it is.
        const lookalike = anEvent({ path: '\\u0000 \\ud800' });
        await store.appendToStream(bad, [lookalike], 'any');
        expect((await store.readStream(bad))[0].data).toMatchObject({ path: '\\u0000 \\ud800' });
      });
    });

    describe('expected versions', () => {
      it('an exact expected version must equal the number of events in the stream', async () => {
        const streamId = aStream('exact');
        await store.appendToStream(streamId, [anEvent()], 0);
        await expectWrongVersion(store.appendToStream(streamId, [anEvent()], 0), streamId, 0, 1);
        await expectWrongVersion(store.appendToStream(streamId, [anEvent()], 5), streamId, 5, 1);
        const result = await store.appendToStream(streamId, [anEvent(), anEvent()], 1);
        expect(result.nextExpectedVersion).toBe(3);
        expect(await store.streamVersion(streamId)).toBe(3);
      });

      it("'no_stream' accepts only a stream without events", async () => {
        const streamId = aStream('no-stream');
        await store.appendToStream(streamId, [anEvent()], 'no_stream');
        await expectWrongVersion(
          store.appendToStream(streamId, [anEvent()], 'no_stream'),
          streamId,
          'no_stream',
          1,
        );
        expect(await store.streamVersion(streamId)).toBe(1);
      });

      it("'stream_exists' accepts only a stream with events", async () => {
        const streamId = aStream('stream-exists');
        await expectWrongVersion(
          store.appendToStream(streamId, [anEvent()], 'stream_exists'),
          streamId,
          'stream_exists',
          0,
        );
        expect(await store.streamVersion(streamId)).toBe(0);
        await store.appendToStream(streamId, [anEvent()], 'any');
        const result = await store.appendToStream(streamId, [anEvent()], 'stream_exists');
        expect(result.nextExpectedVersion).toBe(2);
      });

      it("'any' accepts a stream in any state", async () => {
        const streamId = aStream('any');
        expect((await store.appendToStream(streamId, [anEvent()], 'any')).nextExpectedVersion).toBe(1);
        expect((await store.appendToStream(streamId, [anEvent()], 'any')).nextExpectedVersion).toBe(2);
      });

      it('an append of no events checks the expected version and writes nothing', async () => {
        const streamId = aStream('empty-append');
        expect(await store.appendToStream(streamId, [], 'no_stream')).toEqual({
          streamId,
          nextExpectedVersion: 0,
          events: [],
        });
        await store.appendToStream(streamId, [anEvent()], 'any');
        expect((await store.appendToStream(streamId, [], 1)).nextExpectedVersion).toBe(1);
        await expectWrongVersion(store.appendToStream(streamId, [], 'no_stream'), streamId, 'no_stream', 1);
        expect(await store.streamVersion(streamId)).toBe(1);
      });

      it('two writers racing on one stream with the same expected version: exactly one wins', async () => {
        const second = await another();
        const streamId = aStream('race');
        const rounds = 10;
        for (let round = 0; round < rounds; round += 1) {
          const writers = [store, second, store, second];
          const outcomes = await Promise.allSettled(
            writers.map((writer) => writer.appendToStream(streamId, [anEvent({ round })], round)),
          );
          const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          const losers = outcomes.filter((outcome) => outcome.status === 'rejected');
          expect(winners).toHaveLength(1);
          expect(losers).toHaveLength(3);
          for (const loser of losers)
            expect((loser as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
        }
        expect(await store.streamVersion(streamId)).toBe(rounds);
        expect((await store.readStream(streamId)).map((e) => (e.data as { round: number }).round)).toEqual(
          Array.from({ length: rounds }, (_, round) => round),
        );
      });
    });

    describe('idempotency', () => {
      it('re-appending stored events with the same content succeeds and writes nothing, whatever the expected version', async () => {
        const streamId = aStream('idempotent');
        const events = [anEvent({ n: 1 }), anEvent({ n: 2 })];
        const first = await store.appendToStream(streamId, events, 'no_stream');
        await store.appendToStream(streamId, [anEvent({ n: 3 })], 2);
        const base = await head();

        const again = await store.appendToStream(streamId, events.map(reorderedCopy), 'no_stream');

        expect(again.events).toEqual(first.events.map((event) => ({ ...event, status: 'duplicate' })));
        expect(again.nextExpectedVersion).toBe(3);
        expect(await store.streamVersion(streamId)).toBe(3);
        expect(await readAllMine(base)).toEqual([]);
      });

      it('the same event id with different content is an EventIdConflict and nothing of the append is written', async () => {
        const streamId = aStream('conflict');
        const event = anEvent({ n: 1 });
        await store.appendToStream(streamId, [event], 'any');
        const fresh = anEvent({ n: 2 });
        const changed = { ...event, data: { n: 99 } };

        const attempt = store.appendToStream(streamId, [fresh, changed], 'any');

        await expect(attempt).rejects.toBeInstanceOf(EventIdConflict);
        await expect(attempt).rejects.toMatchObject({ eventId: event.eventId, streamId });
        expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual([event.eventId]);
      });

      it('the same event id appended to another stream is an EventIdConflict', async () => {
        const event = anEvent({ n: 1 });
        await store.appendToStream(aStream('conflict-home'), [event], 'any');
        const elsewhere = aStream('conflict-elsewhere');
        await expect(store.appendToStream(elsewhere, [event], 'any')).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.streamVersion(elsewhere)).toBe(0);
      });

      it('stored events mixed with new ones: only the new are written, checked against the stream as it is', async () => {
        const streamId = aStream('mixed');
        const stored = anEvent({ n: 1 });
        await store.appendToStream(streamId, [stored], 'any');
        const fresh = anEvent({ n: 2 });

        await expectWrongVersion(
          store.appendToStream(streamId, [stored, fresh], 'no_stream'),
          streamId,
          'no_stream',
          1,
        );
        const result = await store.appendToStream(streamId, [stored, fresh], 1);

        expect(result.events.map((e) => [e.status, e.streamPosition])).toEqual([
          ['duplicate', 1],
          ['appended', 2],
        ]);
        expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual([
          stored.eventId,
          fresh.eventId,
        ]);
      });

      it('an event id repeated within one call is written once', async () => {
        const streamId = aStream('repeated');
        const event = anEvent({ n: 1 });
        const result = await store.appendToStream(streamId, [event, reorderedCopy(event)], 'no_stream');
        expect(result.events.map((e) => [e.status, e.streamPosition])).toEqual([
          ['appended', 1],
          ['duplicate', 1],
        ]);
        expect(result.nextExpectedVersion).toBe(1);
        await expect(
          store.appendToStream(aStream('repeated-conflict'), [event, { ...event, type: 'Other' }], 'any'),
        ).rejects.toBeInstanceOf(EventIdConflict);
      });

      it('the same events appended concurrently by two writers are written once and both succeed', async () => {
        const second = await another();
        for (let round = 0; round < 5; round += 1) {
          const streamId = aStream('concurrent-retry');
          const events = [anEvent({ n: 1 }), anEvent({ n: 2 })];
          const results = await Promise.all([
            store.appendToStream(streamId, events, 'no_stream'),
            second.appendToStream(streamId, events, 'no_stream'),
          ]);
          expect(results.flatMap((r) => r.events.map((e) => e.status)).sort()).toEqual([
            'appended',
            'appended',
            'duplicate',
            'duplicate',
          ]);
          expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual(
            events.map((e) => e.eventId),
          );
        }
      });
    });

    describe('appendMany', () => {
      it('appends to many streams in one call, each with its own expected version', async () => {
        const existing = aStream('many-existing');
        await store.appendToStream(existing, [anEvent()], 'any');
        const fresh = aStream('many-fresh');
        const results = await store.appendMany([
          { streamId: existing, events: [anEvent(), anEvent()], expectedVersion: 1 },
          { streamId: fresh, events: [anEvent()], expectedVersion: 'no_stream' },
        ]);
        expect(results.map((r) => [r.streamId, r.nextExpectedVersion])).toEqual([
          [existing, 3],
          [fresh, 1],
        ]);
        expect(await store.streamVersion(existing)).toBe(3);
        expect(await store.streamVersion(fresh)).toBe(1);
      });

      it('one wrong expected version fails the whole call and nothing is written', async () => {
        const good = aStream('atomic-good');
        const bad = aStream('atomic-bad');
        await store.appendToStream(bad, [anEvent()], 'any');
        const base = await head();

        const attempt = store.appendMany([
          { streamId: good, events: [anEvent(), anEvent()], expectedVersion: 'no_stream' },
          { streamId: bad, events: [anEvent()], expectedVersion: 0 },
        ]);

        await expectWrongVersion(attempt, bad, 0, 1);
        expect(await store.streamVersion(good)).toBe(0);
        expect(await store.streamVersion(bad)).toBe(1);
        expect(await readAllMine(base)).toEqual([]);
      });

      it('one conflicting event id fails the whole call and nothing is written', async () => {
        const taken = anEvent({ n: 1 });
        await store.appendToStream(aStream('atomic-taken'), [taken], 'any');
        const good = aStream('atomic-good');
        const base = await head();

        const attempt = store.appendMany([
          { streamId: good, events: [anEvent()], expectedVersion: 'any' },
          {
            streamId: aStream('atomic-other'),
            events: [{ ...taken, data: { n: 2 } }],
            expectedVersion: 'any',
          },
        ]);

        await expect(attempt).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.streamVersion(good)).toBe(0);
        expect(await readAllMine(base)).toEqual([]);
      });

      it('refuses a stream given twice in one call', async () => {
        const streamId = aStream('twice');
        await expect(
          store.appendMany([
            { streamId, events: [anEvent()], expectedVersion: 'any' },
            { streamId, events: [anEvent()], expectedVersion: 'any' },
          ]),
        ).rejects.toThrow(TypeError);
        expect(await store.streamVersion(streamId)).toBe(0);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards and backwards, from and to positions, at most maxCount events', async () => {
        const streamId = aStream('read-stream');
        await store.appendToStream(
          streamId,
          [1, 2, 3, 4, 5].map((n) => anEvent({ n })),
          'no_stream',
        );
        const positions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(streamId, options)).map((event) => event.streamPosition);

        expect(await positions({})).toEqual([1, 2, 3, 4, 5]);
        expect(await positions({ from: 2, to: 4 })).toEqual([2, 3, 4]);
        expect(await positions({ from: 3 })).toEqual([3, 4, 5]);
        expect(await positions({ maxCount: 2 })).toEqual([1, 2]);
        expect(await positions({ direction: 'backwards' })).toEqual([5, 4, 3, 2, 1]);
        expect(await positions({ direction: 'backwards', from: 4, to: 2 })).toEqual([4, 3, 2]);
        expect(await positions({ direction: 'backwards', maxCount: 2 })).toEqual([5, 4]);
        expect(await positions({ direction: 'backwards', to: 4 })).toEqual([5, 4]);
        expect(await positions({ from: 6 })).toEqual([]);
        expect(await store.readStream(aStream('missing'))).toEqual([]);
      });

      it('reads long streams in numeric position order', async () => {
        const streamId = aStream('long-stream');
        const events = Array.from({ length: 120 }, (_, n) => anEvent({ n }));
        await store.appendToStream(streamId, events, 'no_stream');
        const expected = Array.from({ length: 120 }, (_, index) => index + 1);
        expect((await store.readStream(streamId)).map((e) => e.streamPosition)).toEqual(expected);
        expect(
          (await store.readStream(streamId, { direction: 'backwards' })).map((e) => e.streamPosition),
        ).toEqual([...expected].reverse());
      });

      it('reads the global log in append order, a page at a time, resuming after each checkpoint', async () => {
        const base = await head();
        const a = aStream('log-a');
        const b = aStream('log-b');
        const appended = [
          ...(await store.appendToStream(a, [anEvent({ n: 1 }), anEvent({ n: 2 })], 'any')).events,
          ...(await store.appendToStream(b, [anEvent({ n: 3 })], 'any')).events,
          ...(await store.appendToStream(a, [anEvent({ n: 4 })], 'any')).events,
        ].map((event) => event.eventId);
        await untilVisible(base, appended.length);

        const first = await store.readAll({ after: base, limit: 2 });
        expect(first.events.map((e) => e.eventId)).toEqual(appended.slice(0, 2));
        expect(first.checkpoint).toBe(first.events[1].checkpoint);
        const rest = await store.readAll({ after: first.checkpoint, limit: 10 });
        expect(rest.events.map((e) => e.eventId)).toEqual(appended.slice(2));
        const none = await store.readAll({ after: rest.checkpoint, limit: 10 });
        expect(none).toEqual({ events: [], checkpoint: rest.checkpoint });
        expect((await readAllMine(base, 1)).map((e) => e.eventId)).toEqual(appended);
      });

      it('reports the head of the log and how many events lie after a checkpoint', async () => {
        const base = await head();
        expect(await store.position(base)).toEqual({ head: base, lag: 0 });
        await store.appendToStream(aStream('position'), [anEvent(), anEvent(), anEvent()], 'any');
        const events = await untilVisible(base, 3);
        expect(await store.position(base)).toEqual({ head: events[2].checkpoint, lag: 3 });
        expect(await store.position(events[0].checkpoint)).toEqual({ head: events[2].checkpoint, lag: 2 });
        expect((await store.position(events[2].checkpoint)).lag).toBe(0);
        expect((await store.position(START)).lag).toBeGreaterThanOrEqual(3);
      });

      it('compares checkpoints in log order, START before every event', async () => {
        const base = await head();
        await store.appendToStream(aStream('compare'), [anEvent(), anEvent()], 'any');
        const [first, second] = await untilVisible(base, 2);
        expect(store.compareCheckpoints(first.checkpoint, second.checkpoint)).toBeLessThan(0);
        expect(store.compareCheckpoints(second.checkpoint, first.checkpoint)).toBeGreaterThan(0);
        expect(store.compareCheckpoints(second.checkpoint, second.checkpoint)).toBe(0);
        expect(store.compareCheckpoints(START, first.checkpoint)).toBeLessThan(0);
        expect(store.compareCheckpoints(first.checkpoint, START)).toBeGreaterThan(0);
        expect(store.compareCheckpoints(START, START)).toBe(0);
      });
    });

    describe('subscriptions', () => {
      it('catches up from a checkpoint, then follows new appends', async () => {
        const base = await head();
        const streamId = aStream('follow');
        const before = (await store.appendToStream(streamId, [anEvent(), anEvent()], 'any')).events;
        const collector = collect(store, base, isMine);
        await collector.waitFor(2);
        const after = (await store.appendToStream(streamId, [anEvent(), anEvent(), anEvent()], 2)).events;
        await collector.waitFor(5);
        await collector.subscription.stop();

        expect(collector.events.map((e) => e.eventId)).toEqual([...before, ...after].map((e) => e.eventId));
        expect(collector.events.map((e) => e.streamPosition)).toEqual([1, 2, 3, 4, 5]);
      });

      it('stops after the batch in flight and resumes from its checkpoint without loss or duplicates', async () => {
        const base = await head();
        const streamId = aStream('resume');
        await store.appendToStream(
          streamId,
          Array.from({ length: 7 }, (_, n) => anEvent({ n })),
          'any',
        );

        const delivered: RecordedEvent[] = [];
        let lastCheckpoint = base;
        let subscription: Subscription | undefined;
        await new Promise<void>((resolve, reject) => {
          subscription = store.subscribeToAll(
            async (events, checkpoint) => {
              delivered.push(...events.filter(isMine));
              lastCheckpoint = checkpoint;
              if (delivered.length >= 3) {
                void subscription!.stop();
                resolve();
              }
            },
            { after: base, batchSize: 3 },
          );
          subscription.done.catch(reject);
        });
        await subscription!.done;
        expect(delivered.length).toBeGreaterThanOrEqual(3);
        expect(delivered.length).toBeLessThan(7);

        await store.appendToStream(streamId, [anEvent({ n: 7 }), anEvent({ n: 8 })], 7);
        const resumed = collect(store, lastCheckpoint, isMine);
        await resumed.waitFor(9 - delivered.length);
        await resumed.subscription.stop();

        const all = [...delivered, ...resumed.events];
        expect(all.map((e) => e.streamPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      });

      it('a handler that throws stops the subscription and done rejects with its error', async () => {
        const base = await head();
        await store.appendToStream(aStream('failing-handler'), [anEvent()], 'any');
        const failure = new Error('projection failed');
        const subscription = store.subscribeToAll(
          async (events) => {
            if (events.some(isMine)) throw failure;
          },
          { after: base },
        );
        await expect(subscription.done).rejects.toBe(failure);
        await expect(subscription.stop()).resolves.toBeUndefined();
      });
    });

    describe('global log under concurrency', () => {
      if (holdsAppendsOpen) {
        it('a transaction that took a lower global position but commits later is delivered, exactly once, to a reader that had passed the later one', async () => {
          const base = await head();
          const subscriber = collect(store, base, isMine);
          const early = anEvent({ n: 'A' });
          const late = anEvent({ n: 'B' });

          if (!subject.holdAppendOpen) throw new Error(`the ${adapter} subject cannot hold an append open`);
          const held = await subject.holdAppendOpen(aStream('race-a'), [early]);
          const committedFirst = await store.appendToStream(aStream('race-b'), [late], 'no_stream');
          const readWhileOpen = await store.readAll({ after: base, limit: 100 });
          const committedLast = await held.commit();
          const readAfter = {
            events: await untilVisible(
              readWhileOpen.checkpoint,
              2 - readWhileOpen.events.filter(isMine).length,
            ),
          };

          // The interleaving really happened: A holds the lower position and committed last.
          expect(BigInt(committedLast.events[0].globalPosition)).toBeLessThan(
            BigInt(committedFirst.events[0].globalPosition),
          );
          const seen = [...readWhileOpen.events, ...readAfter.events].filter(isMine).map((e) => e.eventId);
          expect([...seen].sort()).toEqual([early.eventId, late.eventId].sort());

          await subscriber.waitFor(2);
          await subscriber.subscription.stop();
          expect(subscriber.events.map((e) => e.eventId)).toEqual(
            (await readAllMine(base)).map((e) => e.eventId),
          );
          expect(subscriber.events).toHaveLength(2);
        });
      }

      it('concurrent writers and a reader over 50,000 events: every event seen exactly once, in log order', async () => {
        const total = 50_000;
        const writerCount = 4;
        const streamsPerWriter = 25;
        const eventsPerCall = 250;
        const second = await another();
        const base = await head();
        const reader = collect(store, base, isMine, 1_000);

        const writer = async (writerIndex: number, target: EventStore) => {
          const ids = Array.from({ length: streamsPerWriter }, () => aStream(`load-w${writerIndex}`));
          const versions = new Map(ids.map((id) => [id, 0]));
          for (let written = 0; written < total / writerCount; written += eventsPerCall) {
            const perStream = eventsPerCall / streamsPerWriter;
            const appends = ids.map((streamId) => ({
              streamId,
              expectedVersion: versions.get(streamId)! as ExpectedVersion,
              events: Array.from({ length: perStream }, (_, n) => anEvent({ writerIndex, n: written + n })),
            }));
            for (const result of await target.appendMany(appends)) {
              versions.set(result.streamId, result.nextExpectedVersion);
            }
          }
        };
        await Promise.all(
          Array.from({ length: writerCount }, (_, index) => writer(index, index % 2 === 0 ? store : second)),
        );
        // Wait for the reader to reach the head rather than a count, so a reader that skips fails fast.
        const end = (await store.position()).head;
        await reader.waitForCheckpoint(end);
        await reader.subscription.stop();

        const ids = reader.events.map((e) => e.eventId);
        expect(ids).toHaveLength(total);
        expect(new Set(ids).size).toBe(total);
        const lastPosition = new Map<string, number>();
        for (const event of reader.events) {
          expect(event.streamPosition).toBe((lastPosition.get(event.streamId) ?? 0) + 1);
          lastPosition.set(event.streamId, event.streamPosition);
        }
        expect((await readAllMine(base, 5_000)).map((e) => e.eventId)).toEqual(ids);
      }, 300_000);
    });
  });
}

interface Collector {
  events: RecordedEvent[];
  subscription: Subscription;
  /** Resolves once `count` matching events arrived; rejects if the subscription stops first. */
  waitFor(count: number): Promise<void>;
  /** Resolves once a delivered batch ends at `checkpoint`; rejects if the subscription stops first. */
  waitForCheckpoint(checkpoint: Checkpoint): Promise<void>;
}

function collect(
  store: EventStore,
  after: Checkpoint,
  keep: (event: RecordedEvent) => boolean,
  batchSize?: number,
): Collector {
  const events: RecordedEvent[] = [];
  let reached = after;
  const waiters: { ready: () => boolean; resolve: () => void }[] = [];
  const subscription = store.subscribeToAll(
    async (batch, checkpoint) => {
      events.push(...batch.filter(keep));
      reached = checkpoint;
      for (const waiter of waiters.filter((w) => w.ready())) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    { after, batchSize },
  );
  const waitUntil = (ready: () => boolean, what: string) => {
    if (ready()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      waiters.push({ ready, resolve });
      subscription.done.then(
        () => reject(new Error(`subscription stopped before ${what} (${events.length} events seen)`)),
        reject,
      );
    });
  };
  return {
    events,
    subscription,
    waitFor: (count) => waitUntil(() => events.length >= count, `${count} events`),
    waitForCheckpoint: (checkpoint) => waitUntil(() => reached === checkpoint, `checkpoint ${checkpoint}`),
  };
}

async function expectWrongVersion(
  attempt: Promise<unknown>,
  streamId: string,
  expected: ExpectedVersion,
  actual: number,
): Promise<void> {
  await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersion);
  await expect(attempt).rejects.toMatchObject({ streamId, expected, actual });
}

function anEvent(data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ContractChecked',
    schemaVersion: 1,
    data: { ...data, note: 'contract test event' },
    metadata: { occurredAt: '2026-03-01T08:00:00+08:00', source: 'contract-test', ...metadata },
  };
}

/** The same event with its object keys in another order: still the same content. */
function reorderedCopy(event: NewEvent): NewEvent {
  const reverse = (value: object) => Object.fromEntries(Object.entries(value).reverse());
  return {
    metadata: reverse(event.metadata) as NewEvent['metadata'],
    data: reverse(event.data as object),
    schemaVersion: event.schemaVersion,
    type: event.type,
    eventId: event.eventId.toUpperCase(),
  };
}
