import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

/**
 * Security headers on every answer (helmet's defaults: CSP, HSTS, nosniff, frame denial, no
 * referrer…), `Cache-Control: no-store` so that no browser or proxy keeps personal data (a route may
 * still set its own), and CORS only for the configured origins: none by default, so a page on another
 * site cannot read the API with a user's token.
 */
export function configureHttpHardening(app: NestExpressApplication, corsOrigins: readonly string[]): void {
  app.use(
    helmet({
      // Inside a private network the service may answer over plain HTTP (TLS ends at the proxy): the
      // upgrade would send /docs' scripts to an https port that does not exist.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  app.use(function noStore(_request: unknown, response: HeaderResponse, next: () => void) {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (corsOrigins.length > 0) {
    app.enableCors({
      origin: [...corsOrigins],
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['Retry-After', 'X-Request-Id'],
      credentials: false,
      maxAge: 600,
    });
  }
}
