import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import Redis from 'ioredis';
import { withTimeout } from '../health/with-timeout';
import { InjectRedis } from './redis.client';

/** `redis` is up when the shared connection answers PING. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'redis', timeoutMs = 2_000): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const answer = await withTimeout(this.redis.ping(), timeoutMs, `no answer within ${timeoutMs} ms`);
      if (answer !== 'PONG') return indicator.down({ message: `unexpected answer to PING: ${answer}` });
      return indicator.up();
    } catch (err) {
      return indicator.down({ message: err instanceof Error ? err.message : String(err) });
    }
  }
}
