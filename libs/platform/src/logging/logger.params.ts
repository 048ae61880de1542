import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { LogLevel } from '@monitoring/config';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { stdTimeFunctions, type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { API_PREFIX } from '../application/api-prefix';
import { maskAuthorization, scrubPersonalData, scrubUrl } from './personal-data';

export interface LoggingOptions {
  service: string;
  level: LogLevel;
  /** Where JSON lines go; stdout unless a test captures them. */
  destination?: DestinationStream;
}

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

const HEALTH_PATH = `/${API_PREFIX}/health`;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Structured JSON logs (nestjs-pino) that never carry a credential or a full ID number. */
export function loggerParams({ service, level, destination }: LoggingOptions): Params {
  const options: Options = {
    level,
    base: { service, pid: process.pid, hostname: hostname() },
    timestamp: stdTimeFunctions.isoTime,
    redact: {
      paths: REDACTED_PATHS,
      censor: (value: unknown, path: string[]) =>
        path[path.length - 1] === 'authorization' || path[path.length - 1] === 'proxy-authorization'
          ? maskAuthorization(value)
          : '[redacted]',
    },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrubPersonalData(object),
    },
    serializers: {
      req: (req: { url?: string }) =>
        scrubPersonalData({ ...req, url: req.url === undefined ? undefined : scrubUrl(req.url) }),
    },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // Orchestrators poll health every few seconds; failures still reach the log through Terminus.
    autoLogging: {
      ignore: (req) => req.url === HEALTH_PATH || req.url?.startsWith(`${HEALTH_PATH}?`) === true,
    },
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
    // Express 5 route syntax for "every path"; the library's default `*` draws a deprecation warning.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}
