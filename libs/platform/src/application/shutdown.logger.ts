import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';

/** Marks the start and end of a graceful shutdown in the log, so a stop is told apart from a crash. */
@Injectable()
export class ShutdownLogger implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log(signal ? `stopping on ${signal}` : 'stopping');
  }

  onApplicationShutdown(): void {
    this.logger.log('stopped');
  }
}
