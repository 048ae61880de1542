import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

/** The OpenAPI document of every route the application maps (reporting and, in one process, the others). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Return-to-poverty dynamic monitoring')
    .setDescription(
      'Alert queues, cases, households (now and as of any date) with their timelines, regional statistics ' +
        'and the access log (DESIGN §8). Every route needs `Authorization: Bearer <JWT>` with `sub`, `role` and ' +
        '`region`; a household or case outside your region answers 404. Instants are ISO 8601 with offset; ' +
        'money is in fen (0.01 yuan).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

interface RouterLike {
  stack: unknown[];
}

/**
 * Serves the document as a page at `/docs` and as JSON at `/docs-json` (outside the `/api/v1` prefix,
 * without a token: it holds no data). Works before or after `app.init()`: Nest adds its not-found
 * handler at init, and routes added to Express after it would never be reached, so the document's
 * routes are moved ahead of everything else (they match only their own paths).
 */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  const router = expressRouter(app);
  const before = router?.stack.length ?? 0;
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH });
  if (router && router.stack.length > before) {
    const added = router.stack.splice(before);
    router.stack.unshift(...added);
  }
  return document;
}

const expressRouter = (app: INestApplication): RouterLike | undefined => {
  const instance = app.getHttpAdapter().getInstance() as { router?: RouterLike; _router?: RouterLike };
  const router = instance.router ?? instance._router;
  return router && Array.isArray(router.stack) ? router : undefined;
};
