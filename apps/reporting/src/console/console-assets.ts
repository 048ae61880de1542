import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Where the console is served; its assets need no token (the data they fetch does). */
export const CONSOLE_PATH = '/console';

// Scripts only from this origin; ECharts writes inline styles into its tooltips.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface HttpRequest {
  method: string;
  path: string;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
  status(code: number): HttpResponse;
  type(type: string): HttpResponse;
  send(body: string): void;
  sendFile(path: string, callback: (err?: Error) => void): void;
}
type Next = (err?: unknown) => void;

/**
 * The console's built files (`npm run build` writes them to `dist/console`), found from the package
 * root so the same code serves them from `dist/` and from the sources under test.
 */
export function consoleAssetsDir(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return join(dir, 'dist', 'console');
}

/**
 * Mounts the console at /console: hashed assets cached for a year, and index.html (never cached) for
 * every other path without a file extension, so the single-page routes survive a reload or a shared link.
 */
export function mountConsole(app: NestExpressApplication, dir: string = consoleAssetsDir()): void {
  app.use(CONSOLE_PATH, (_req: HttpRequest, res: HttpResponse, next: Next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.useStaticAssets(dir, {
    prefix: CONSOLE_PATH,
    index: false,
    redirect: false,
    setHeaders: (res, path) => {
      res.setHeader(
        'Cache-Control',
        path.includes(`${join('console', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use(CONSOLE_PATH, (req: HttpRequest, res: HttpResponse, next: Next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /\.[A-Za-z0-9]+$/.test(req.path)) return next();
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The console is not built: run `npm run build`.\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (err) => (err ? next(err) : undefined));
  });
}
