import type { NestExpressApplication } from '@nestjs/platform-express';
import { safeText } from '../logging/personal-text';

/** The part of Express' response the error renderer uses (the project has no @types/express). */
interface JsonResponse {
  headersSent: boolean;
  status(code: number): { json(body: unknown): void };
}

/** What body-parser attaches to the errors it raises (http-errors). */
interface BodyParserError extends Error {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  error instanceof Error &&
  typeof (error as BodyParserError).type === 'string' &&
  typeof ((error as BodyParserError).status ?? (error as BodyParserError).statusCode) === 'number';

const ERROR_NAMES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
};

/**
 * Parses JSON request bodies up to `limitBytes` and answers body problems the way Nest answers its own
 * errors (`{statusCode, error, message}`) rather than with Express' HTML page: 413 beyond the limit,
 * 400 for malformed JSON, 415 for an unsupported charset or encoding. `createApplication` calls it
 * (the application is created with `bodyParser: false`); the limit holds for every JSON route and is
 * sized for the ingest endpoints, which take the largest bodies.
 */
export function configureJsonBodyParser(app: NestExpressApplication, limitBytes: number): void {
  if (!Number.isSafeInteger(limitBytes) || limitBytes < 1) {
    throw new RangeError(`the body limit must be a positive number of bytes, got ${limitBytes}`);
  }
  app.useBodyParser('json', { limit: limitBytes });
  app.use(function renderBodyParserError(
    error: unknown,
    _request: unknown,
    response: JsonResponse,
    next: (error?: unknown) => void,
  ) {
    if (!isBodyParserError(error) || response.headersSent) {
      next(error);
      return;
    }
    const statusCode = error.status ?? error.statusCode ?? 400;
    let message: string;
    if (error.type === 'entity.too.large') {
      message = `the request body is larger than the limit of ${limitBytes} bytes: send fewer records per request`;
    } else if (error.type === 'entity.parse.failed') {
      message = `the request body is not valid JSON: ${safeText(error.message, 300)}`;
    } else {
      message = error.expose ? safeText(error.message, 300) : 'the request body could not be read';
    }
    response
      .status(statusCode)
      .json({ statusCode, error: ERROR_NAMES[statusCode] ?? 'Bad Request', message });
  });
}
