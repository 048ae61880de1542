import request from 'supertest';
import { ReportingTestApp } from '../testing/reporting-test-app';

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { security?: unknown[]; responses: Record<string, unknown>; parameters?: { name: string }[] }
    >
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

/** Every route Express serves under the API prefix, as `get /api/v1/cases/{id}`. */
function mappedRoutes(harness: ReportingTestApp): string[] {
  const express = harness.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack.flatMap((layer) =>
    layer.route && layer.route.path.startsWith('/api/v1/')
      ? Object.keys(layer.route.methods).map(
          (method) => `${method} ${layer.route?.path.replace(/:(\w+)/g, '{$1}')}`,
        )
      : [],
  );
}

describe('OpenAPI document', () => {
  describe.each(['after-init', 'before-init'] as const)('set up %s', (openApi) => {
    let harness: ReportingTestApp;

    beforeAll(async () => {
      harness = await ReportingTestApp.start({ label: `reporting_openapi_${openApi}`, openApi });
    });

    afterAll(async () => {
      await harness.close();
    });

    it('serves the JSON at /docs-json and the page at /docs, without a token', async () => {
      const json = await request(harness.app.getHttpServer()).get('/docs-json').expect(200);
      expect((json.body as OpenApiDocument).openapi).toMatch(/^3\./);
      const page = await request(harness.app.getHttpServer()).get('/docs').expect(200);
      expect(page.text).toContain('swagger-ui');
    });

    it('lists every route the API maps, each behind the bearer token', async () => {
      const document = (await request(harness.app.getHttpServer()).get('/docs-json').expect(200))
        .body as OpenApiDocument;
      const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method} ${path}`),
      );
      const routes = mappedRoutes(harness);
      expect(routes.sort()).toEqual([
        'get /api/v1/audit/access-log',
        'get /api/v1/cases',
        'get /api/v1/cases/{id}',
        'get /api/v1/households/{id}',
        'get /api/v1/households/{id}/timeline',
        'get /api/v1/stats/regions/{regionCode}',
      ]);
      expect(documented.sort()).toEqual(routes);
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          expect([`${method} ${path}`, operation.security]).toEqual([`${method} ${path}`, [{ bearer: [] }]]);
          expect(Object.keys(operation.responses)).toEqual(
            expect.arrayContaining(['200', '400', '401', '403']),
          );
        }
      }
    });

    it('describes the public response shapes of DESIGN §8', async () => {
      const document = (await request(harness.app.getHttpServer()).get('/docs-json').expect(200))
        .body as OpenApiDocument;
      const { schemas } = document.components;
      expect(Object.keys(schemas.CaseQueuePageDto.properties ?? {}).sort()).toEqual([
        'items',
        'nextCursor',
        'total',
      ]);
      expect(Object.keys(schemas.CaseQueueItemDto.properties ?? {}).sort()).toEqual(
        [
          'caseId',
          'householdId',
          'regionCode',
          'category',
          'stage',
          'score',
          'openedAt',
          'verificationDueAt',
          'assistanceDueAt',
          'overdue',
          'escalationLevel',
        ].sort(),
      );
      expect(Object.keys(schemas.HouseholdRiskDto.properties ?? {})).toEqual(
        expect.arrayContaining([
          'householdId',
          'regionCode',
          'category',
          'score',
          'riskLevel',
          'factors',
          'policyVersion',
          'openCaseId',
          'asOf',
        ]),
      );
      expect(Object.keys(schemas.RiskFactorDto.properties ?? {})).toEqual(
        expect.arrayContaining(['code', 'points', 'explanation', 'evidence']),
      );
      const queueParameters = document.paths['/api/v1/cases'].get.parameters?.map(
        (parameter) => parameter.name,
      );
      expect(queueParameters?.sort()).toEqual(
        [
          'category',
          'county',
          'cursor',
          'limit',
          'openedFrom',
          'openedTo',
          'overdue',
          'region',
          'sort',
          'stage',
        ].sort(),
      );
    });
  });
});
