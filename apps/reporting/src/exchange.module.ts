import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExchangeBatchEntity } from './exchange/exchange-batch.entity';
import { CreateExchangeBatch1767484800000 } from './exchange/exchange-batch.migration';
import { ExchangeBatchService } from './exchange/exchange-batch.service';
import { ExchangeScheduler } from './exchange/exchange-scheduler';
import {
  EXCHANGE_OPTIONS,
  resolveExchangeOptions,
  type ExchangeModuleOptions,
} from './exchange/exchange.options';
import { ExchangesHttpController } from './exchange/exchanges.http.controller';
import { QuarterlyReportHandler } from './quarterly/quarterly-report.handler';
import { QuarterlyReportHttpController } from './quarterly/quarterly-report.http.controller';

export type { ExchangeModuleOptions } from './exchange/exchange.options';

/** The weekly exchange's TypeORM entities and migrations (never synchronize). */
export const EXCHANGE_ENTITIES = [ExchangeBatchEntity];
export const EXCHANGE_MIGRATIONS = [CreateExchangeBatch1767484800000];

/**
 * The weekly data exchange with the rural-revitalization bureau (每周同步) and the quarterly report
 * (每季度通报). Expects EVENT_STORE, CLOCK and the TypeORM DataSource from the process root, and the
 * monitor's `monitoring_case` read model in the same database for the quarterly report.
 */
@Module({})
export class ExchangeModule {
  static forRootAsync(options: Omit<FactoryProvider<ExchangeModuleOptions>, 'provide'>): DynamicModule {
    return {
      module: ExchangeModule,
      // Registers the entity with the root data source (autoLoadEntities), as the platform expects.
      imports: [TypeOrmModule.forFeature(EXCHANGE_ENTITIES)],
      controllers: [ExchangesHttpController, QuarterlyReportHttpController],
      providers: [
        {
          provide: EXCHANGE_OPTIONS,
          inject: options.inject,
          useFactory: async (...args: unknown[]) => resolveExchangeOptions(await options.useFactory(...args)),
        },
        ExchangeBatchService,
        ExchangeScheduler,
        QuarterlyReportHandler,
      ],
      exports: [ExchangeBatchService, ExchangeScheduler],
    };
  }
}
