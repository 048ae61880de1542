import request from 'supertest';
import { ROLES, signToken } from '@monitoring/auth';
import { aClaim, aHousehold } from '@monitoring/domain/testing/household-events.builder';
import { ProjectionHarness, TEST_JWT_SECRET } from '../projections/testing/projection.harness';

const PATH = '/api/v1/health/projections';

describe('GET /api/v1/health/projections', () => {
  let harness: ProjectionHarness;

  beforeAll(async () => {
    harness = await ProjectionHarness.start({ label: 'projection_health', autoStart: false });
  });

  afterAll(async () => {
    await harness.close();
  });

  const tokenFor = (role: (typeof ROLES)[number]) =>
    signToken({ sub: `user-${role}`, role, region: '41' }, TEST_JWT_SECRET);

  it('refuses a caller without a token', async () => {
    await request(harness.app.getHttpServer()).get(PATH).expect(401);
  });

  it('reports the events appended but not yet projected, to every role, until the projector has caught up', async () => {
    const household = aHousehold().withId('H410423000901');
    await harness.append(
      household.build(),
      aClaim().forHousehold(household).outOfPocketYuan(500).on('2026-10-01').build(),
    );
    const { head } = await harness.store.position();

    for (const role of ROLES) {
      const response = await request(harness.app.getHttpServer())
        .get(PATH)
        .set('Authorization', `Bearer ${tokenFor(role)}`)
        .expect(200);
      expect([role, response.body]).toEqual([role, { checkpoint: '', head, lag: 2 }]);
    }

    harness.projector.start();
    await harness.caughtUp();
    const caughtUp = await request(harness.app.getHttpServer())
      .get(PATH)
      .set('Authorization', `Bearer ${tokenFor('ingest')}`)
      .expect(200);
    expect(caughtUp.body).toEqual({ checkpoint: head, head, lag: 0 });
  });
});
