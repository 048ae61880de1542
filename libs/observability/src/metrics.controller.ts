import { Controller, Get, Header, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public, Roles } from '@monitoring/auth';
import { Registry } from 'prom-client';

/** The scrape path. Exclude it from the API's global prefix to serve it at `/metrics`. */
export const METRICS_PATH = 'metrics';

/** `GET /metrics`: every metric of the process in Prometheus' text format. */
// @Injectable so TypeScript records the constructor's parameter types, which both subclasses inherit.
@Injectable()
abstract class MetricsEndpoint {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Scraped without a token, for a Prometheus inside the private network. */
@Public()
@ApiExcludeController()
@Controller(METRICS_PATH)
export class PublicMetricsController extends MetricsEndpoint {}

/** Scraped with an admin token (Prometheus `authorization: { credentials: <JWT> }`). */
@Roles('admin')
@ApiExcludeController()
@Controller(METRICS_PATH)
export class AdminMetricsController extends MetricsEndpoint {}
