import { Controller, Get, Injectable } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public, Roles } from '@monitoring/auth';
import { PostgresHealthIndicator } from '../database/postgres.health';
import { RedisHealthIndicator } from '../redis/redis.health';
import { LivenessHealthIndicator } from './liveness.health';

/** `GET /api/v1/health`: 200 when the process, PostgreSQL and Redis are up, 503 with details otherwise. */
// @Injectable so TypeScript records the constructor's parameter types, which both subclasses inherit.
@Injectable()
abstract class HealthEndpoint {
  constructor(
    private readonly health: HealthCheckService,
    private readonly liveness: LivenessHealthIndicator,
    private readonly database: PostgresHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.liveness.check(),
      () => this.database.check(),
      () => this.redis.check(),
    ]);
  }
}

/** HEALTH_PUBLIC=true (default): load balancers and orchestrators poll it without a token. */
@Public()
@Controller('health')
export class PublicHealthController extends HealthEndpoint {}

/** HEALTH_PUBLIC=false: only an admin token sees it. */
@Roles('admin')
@Controller('health')
export class AdminHealthController extends HealthEndpoint {}
