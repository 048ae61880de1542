import { createHash } from 'node:crypto';
import { Logger, type ExecutionContext, type OnModuleDestroy } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import {
  normalizeIp,
  ThrottlerStorageService,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { AuthUser, Role } from './auth-user';
import { IS_PUBLIC, ROLES_ALLOWED } from './auth.decorators';

/** Requests per minute per caller (0: no limit), and where the counters live. */
export interface RateLimitOptions {
  /** Every authenticated route other than ingest: reads, and the few case and exchange actions. */
  readsPerMinute: number;
  /** The ingest endpoints (routes open to the `ingest` role). */
  ingestPerMinute: number;
  /** Counters in Redis are shared by every copy of a service; without it each process counts alone. */
  redis?: { url: string; keyPrefix: string };
}

export const RATE_LIMIT_WINDOW_MS = 60_000;

export type RateLimitCategory = 'reads' | 'ingest';

const reflector = new Reflector();
const targets = (context: ExecutionContext) => [context.getHandler(), context.getClass()];

/** The ingest endpoints are the routes the `ingest` role may call (it may call nothing else). */
export function rateLimitCategory(context: ExecutionContext): RateLimitCategory {
  const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets(context)) ?? [];
  return roles.includes('ingest') ? 'ingest' : 'reads';
}

/**
 * Options for @nestjs/throttler's guard: one fixed one-minute window per caller and category, keyed
 * by the token's `sub` (set by JwtAuthGuard, which runs first), by address when there is none.
 * Public routes (health, metrics) are not limited: orchestrators and Prometheus poll them.
 */
export function rateLimitThrottlerOptions(limits: RateLimitOptions | undefined): ThrottlerModuleOptions {
  const limitOf = (context: ExecutionContext): number =>
    !limits ? 0 : rateLimitCategory(context) === 'ingest' ? limits.ingestPerMinute : limits.readsPerMinute;
  return {
    throttlers: [
      {
        ttl: RATE_LIMIT_WINDOW_MS,
        limit: limitOf,
        skipIf: (context) =>
          limitOf(context) === 0 ||
          reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets(context)) === true,
      },
    ],
    getTracker: (request: { user?: AuthUser; ip?: string }) =>
      request.user ? `sub:${request.user.sub}` : `ip:${normalizeIp(request.ip ?? 'unknown')}`,
    // One bucket per caller and category, whatever the route: 600 reads a minute in all, not per route.
    generateKey: (context, tracker) =>
      `${rateLimitCategory(context)}:${createHash('sha256').update(tracker).digest('hex').slice(0, 32)}`,
    errorMessage: (_context, detail) =>
      `too many requests: at most ${detail.limit} a minute for this token; retry in ${detail.timeToBlockExpire} s`,
  };
}

/** Redis counters when configured, else this process's memory. */
export function rateLimitStorage(limits: RateLimitOptions | undefined): ThrottlerStorage {
  return limits?.redis ? new RedisRateLimitStorage(limits.redis) : new ThrottlerStorageService();
}

/**
 * Counters in Redis (@nest-lab/throttler-storage-redis) on a connection of their own, under the
 * configured key prefix. When Redis does not answer, requests pass (logged once per outage): a
 * monitoring office keeps reading while Redis is down, and the health check reports it.
 */
export class RedisRateLimitStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly store: ThrottlerStorageRedisService;
  private failing = false;

  constructor(redis: { url: string; keyPrefix: string }) {
    this.store = new ThrottlerStorageRedisService(redis.url, {
      keyPrefix: redis.keyPrefix,
      connectionName: 'monitoring-rate-limit',
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
    });
    // ioredis reports connection errors as events; the failed command says what matters.
    this.store.redis.on('error', () => undefined);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.store.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.failing) {
        this.failing = false;
        this.logger.log('rate limits counted in Redis again');
      }
      return record;
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        this.logger.warn(
          `rate limits not enforced while Redis does not answer: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onModuleDestroy(): void {
    this.store.onModuleDestroy();
  }
}
