import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

/** Injection token of the running service's name (`ingest`, `monitor`, `reporting`, `all-in-one`). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** `liveness` is up whenever the process can answer; it names the service and its uptime. */
@Injectable()
export class LivenessHealthIndicator {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key = 'liveness'): HealthIndicatorResult {
    return this.health.check(key).up({ service: this.service, uptimeSeconds: Math.floor(process.uptime()) });
  }
}
