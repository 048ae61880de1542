import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { EventStoreModule } from './event-store.module';
import { EVENT_STORE, type EventStore } from './event-store.port';

const DATABASE_URL = Symbol('DATABASE_URL');

@Injectable()
class NeedsTheStore {
  constructor(@Inject(EVENT_STORE) readonly store: EventStore) {}
}

@Module({ providers: [NeedsTheStore] })
class FeatureModule {}

describe('EventStoreModule', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('event_store_module');
  });

  afterAll(() => database.drop());

  it('provides the configured store to other modules and closes it when the application shuts down', async () => {
    @Module({ providers: [{ provide: DATABASE_URL, useValue: database.url }], exports: [DATABASE_URL] })
    class SettingsModule {}

    const app = await Test.createTestingModule({
      imports: [
        EventStoreModule.forRootAsync({
          imports: [SettingsModule],
          inject: [DATABASE_URL],
          useFactory: (databaseUrl: string) => ({ kind: 'postgres', databaseUrl }),
        }),
        FeatureModule,
      ],
    }).compile();
    const store = app.get(NeedsTheStore).store;
    const streamId = `module-${randomUUID()}`;
    await store.appendToStream(
      streamId,
      [
        {
          eventId: randomUUID(),
          type: 'ModuleChecked',
          schemaVersion: 1,
          data: {},
          metadata: { occurredAt: '2026-03-01T08:00:00+08:00', source: 'module-test' },
        },
      ],
      'no_stream',
    );
    expect(await store.streamVersion(streamId)).toBe(1);

    await app.close();

    await expect(store.streamVersion(streamId)).rejects.toThrow('closed');
  });
});
