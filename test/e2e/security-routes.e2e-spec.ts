import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROLES, type Role } from '@monitoring/auth';
import { mappedRoutes } from './support/test-app';
import { CALLER_OF_ROLE, SecurityApp } from './support/security-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface RouteAccess {
  /** Who passes the guard: `public` needs no token; otherwise the roles allowed (others get 403). */
  allowed: 'public' | readonly Role[];
  /** A concrete request of the route; a refused role must never reach it. */
  path: string;
  body?: unknown;
}

const READERS: readonly Role[] = ['province_staff', 'county_officer', 'admin'];
const CASE_ACTORS: readonly Role[] = ['county_officer', 'province_staff'];

/**
 * Expected access of every route the all-in-one process maps (issue 6). A route added without an
 * entry here fails the first test: decide who may call it, then add it.
 */
const ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /api/v1/health': { allowed: 'public', path: '/api/v1/health' },
  'GET /metrics': { allowed: 'public', path: '/metrics' },
  'POST /api/v1/ingest/:topic': {
    allowed: ['ingest', 'admin'],
    path: '/api/v1/ingest/claims',
    body: { records: [] },
  },
  // Answers 404 unless AUTH_DEV_LOGIN=true, which the configuration refuses in production.
  'GET /api/v1/auth/dev-login': { allowed: 'public', path: '/api/v1/auth/dev-login' },
  'POST /api/v1/auth/dev-login': { allowed: 'public', path: '/api/v1/auth/dev-login', body: {} },
  'GET /api/v1/health/projections': { allowed: ROLES, path: '/api/v1/health/projections' },
  'POST /api/v1/cases/:id/verification': {
    allowed: CASE_ACTORS,
    path: `/api/v1/cases/${UNKNOWN_ID}/verification`,
    body: { outcome: 'confirmed', visitedAt: '2026-11-20T10:00:00+08:00', notes: 'visited' },
  },
  'POST /api/v1/cases/:id/assistance': {
    allowed: CASE_ACTORS,
    path: `/api/v1/cases/${UNKNOWN_ID}/assistance`,
    body: { measureType: 'medical', description: 'medical assistance' },
  },
  'POST /api/v1/cases/:id/risk-elimination': {
    allowed: CASE_ACTORS,
    path: `/api/v1/cases/${UNKNOWN_ID}/risk-elimination`,
    body: { reason: 'income stable' },
  },
  'POST /api/v1/cases/:id/reopen': {
    allowed: CASE_ACTORS,
    path: `/api/v1/cases/${UNKNOWN_ID}/reopen`,
    body: { reason: 'premature' },
  },
  'GET /api/v1/cases': { allowed: READERS, path: '/api/v1/cases' },
  'GET /api/v1/cases/:id': { allowed: READERS, path: `/api/v1/cases/${UNKNOWN_ID}` },
  'GET /api/v1/households/:id': { allowed: READERS, path: '/api/v1/households/H-NOBODY' },
  'GET /api/v1/households/:id/timeline': { allowed: READERS, path: '/api/v1/households/H-NOBODY/timeline' },
  'GET /api/v1/stats/regions/:regionCode': {
    allowed: ['province_staff', 'county_officer', 'bureau', 'admin'],
    path: '/api/v1/stats/regions/410423',
  },
  'GET /api/v1/audit/access-log': { allowed: ['admin'], path: '/api/v1/audit/access-log' },
  'GET /api/v1/exchanges': { allowed: ['bureau', 'admin'], path: '/api/v1/exchanges' },
  'POST /api/v1/exchanges': { allowed: ['bureau', 'admin'], path: '/api/v1/exchanges', body: {} },
  'GET /api/v1/exchanges/:id/files/:name': {
    allowed: ['bureau', 'admin'],
    path: `/api/v1/exchanges/${UNKNOWN_ID}/files/households.jsonl`,
  },
  'POST /api/v1/exchanges/:id/acknowledgement': {
    allowed: ['bureau', 'admin'],
    path: `/api/v1/exchanges/${UNKNOWN_ID}/acknowledgement`,
    body: {},
  },
  'POST /api/v1/exchanges/:id/regeneration': {
    allowed: ['admin'],
    path: `/api/v1/exchanges/${UNKNOWN_ID}/regeneration`,
    body: {},
  },
  'GET /api/v1/reports/quarterly': {
    allowed: ['province_staff', 'bureau', 'admin'],
    path: '/api/v1/reports/quarterly?year=2026&quarter=3',
  },
};

const CALLERS = [...ROLES, 'no token'] as const;
type Caller = (typeof CALLERS)[number];

const expectation = (access: RouteAccess, caller: Caller): 'passes' | 401 | 403 => {
  if (access.allowed === 'public') return 'passes';
  if (caller === 'no token') return 401;
  return access.allowed.includes(caller) ? 'passes' : 403;
};

/** Issue 6: for every route of every app, each role and no token, allowed or refused. */
describe('route access matrix (all-in-one)', () => {
  let app: SecurityApp;
  let exchangeDir: string;

  beforeAll(async () => {
    exchangeDir = await mkdtemp(join(tmpdir(), 'security-routes-'));
    app = await SecurityApp.start('security_routes', {
      EXCHANGE_DIR: exchangeDir,
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_INGEST_PER_MINUTE: '0',
    });
  });

  afterAll(async () => {
    await app?.close();
    await rm(exchangeDir, { recursive: true, force: true });
  });

  it('has an expected access entry for every mapped route, and no entry for a route that is gone', () => {
    expect([...mappedRoutes(app.logs)].sort()).toEqual(Object.keys(ACCESS).sort());
  });

  const cases = Object.entries(ACCESS).flatMap(([route, access]) =>
    CALLERS.map((caller) => [route, caller, expectation(access, caller)] as const),
  );

  it.each(cases)('%s as %s: %s', async (route, caller, expected) => {
    const access = ACCESS[route];
    const user = caller === 'no token' ? undefined : CALLER_OF_ROLE[caller];
    const method = route.split(' ')[0];
    const response =
      method === 'GET' ? await app.get(access.path, user) : await app.post(access.path, access.body, user);

    if (expected === 'passes') {
      // Past the guard: the route itself answers (200, or 404 for an unknown id), never a refusal.
      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
      return;
    }
    expect(response.status).toBe(expected);
    expect(response.body).toMatchObject({
      statusCode: expected,
      message:
        expected === 401
          ? 'missing bearer token (Authorization: Bearer <JWT>)'
          : `role ${String(caller)} may not use this endpoint`,
    });
  });

  it('serves the OpenAPI document without a token, and it holds no data', async () => {
    const response = await app.get('/docs-json').expect(200);
    expect(response.body).toHaveProperty('openapi');
    expect(JSON.stringify(response.body)).not.toMatch(/\d{17}[\dX]/);
  });
});
