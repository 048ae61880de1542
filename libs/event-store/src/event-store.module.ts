import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createEventStore, type EventStoreOptions } from './event-store.factory';
import { EVENT_STORE, type EventStore } from './event-store.port';

export interface EventStoreModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  /** Builds the options from the injected dependencies (typically the validated configuration). */
  useFactory: (...args: never[]) => EventStoreOptions | Promise<EventStoreOptions>;
  /** Provide EVENT_STORE to every module (default true). */
  global?: boolean;
}

/** Closes the store last, after the modules that subscribe to it stopped in their destroy hooks. */
@Injectable()
class EventStoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Provides the configured event store under the `EVENT_STORE` token and closes it on shutdown. */
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreOptions & { global?: boolean }): DynamicModule {
    const { global, ...storeOptions } = options;
    return EventStoreModule.forRootAsync({ useFactory: () => storeOptions, global });
  }

  static forRootAsync(options: EventStoreModuleAsyncOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: options.global ?? true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: EVENT_STORE,
          inject: options.inject ?? [],
          useFactory: async (...args: unknown[]) =>
            createEventStore(await options.useFactory(...(args as never[]))),
        },
        EventStoreShutdown,
      ],
      exports: [EVENT_STORE],
    };
  }
}
