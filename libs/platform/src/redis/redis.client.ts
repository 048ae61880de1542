import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

/** Injection token of the process's shared ioredis connection. */
export const REDIS = Symbol('REDIS');

export const InjectRedis = (): ParameterDecorator & PropertyDecorator => Inject(REDIS);

/**
 * Opens the shared connection. Start-up does not wait for Redis: commands queue until it answers and
 * the health check reports it down meanwhile. Only changes of state are logged, not every retry.
 */
export function createRedisClient(url: string, connectionName: string): Redis {
  const logger = new Logger('Redis');
  const redis = new Redis(url, {
    connectionName,
    maxRetriesPerRequest: 2,
    enableReadyCheck: true,
    // ioredis arms this timer even for a socket that already failed, which would hold a stopping process.
    disconnectTimeout: 500,
  });
  let healthy = true;
  redis.on('error', (err: Error) => {
    if (!healthy) return;
    healthy = false;
    logger.warn(`connection lost: ${err.message}; retrying`);
  });
  redis.on('ready', () => {
    if (healthy) return;
    healthy = true;
    logger.log('connection restored');
  });
  return redis;
}

/** Closes the shared connection when the application shuts down. */
@Injectable()
export class RedisShutdown implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    // QUIT lets pending replies arrive; without a live connection there is nothing to wait for.
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
