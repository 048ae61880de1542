import type { Server } from 'node:http';
import { caseIdFor, caseStreamId, decideCase, foldHousehold, type HouseholdEvent } from '@monitoring/domain';
import {
  aHousehold,
  aHouseholdMember,
  anIncomeAssessment,
  aSocialAssistanceChange,
  build,
} from '@monitoring/domain/testing/household-events.builder';
import type { EventStore } from '@monitoring/event-store';
import { CommandBus } from '@nestjs/cqrs';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { CheckCaseDeadlinesCommand } from './commands/check-case-deadlines/check-case-deadlines.command';
import { CASE_POLICY, CaseWorkflowHarness, COUNTY, OTHER_COUNTY } from './testing/case-workflow.harness';

const DAY_MS = 86_400_000;

/** Runs `afterRead` after each read of a stream, between the reader's read and its append. */
interface ReadHook {
  afterRead?: (streamId: string) => Promise<void>;
}

function interleaving(store: EventStore, hook: ReadHook): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          const events = await target.readStream(...args);
          await hook.afterRead?.(args[0]);
          return events;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('case commands over HTTP', () => {
  const hook: ReadHook = {};
  let harness: CaseWorkflowHarness;
  let server: Server;
  let officer: string;
  let householdCounter = 0;

  beforeAll(async () => {
    harness = await CaseWorkflowHarness.start({
      label: 'case-commands',
      wrapStore: (store) => interleaving(store, hook),
    });
    server = harness.app.getHttpServer() as Server;
    officer = harness.token('county_officer', COUNTY, 'officer-wang');
  });

  afterAll(async () => {
    await harness?.close();
  });

  afterEach(() => {
    hook.afterRead = undefined;
  });

  /** A fresh case opened at the clock's time; the clock then moves two days on. */
  async function freshCase(): Promise<{ caseId: string; householdId: string }> {
    householdCounter += 1;
    const householdId = `H${COUNTY}${String(householdCounter).padStart(6, '0')}`;
    const caseId = await harness.openCase(householdId);
    harness.clock.advance(2 * DAY_MS);
    return { caseId, householdId };
  }

  const visit = () => harness.timeAt(new Date(harness.clock.now().getTime() - DAY_MS));

  const post = (caseId: string, action: string, body: unknown, token = officer) =>
    request(server)
      .post(`/api/v1/cases/${caseId}/${action}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  const confirm = (caseId: string, token = officer) =>
    post(caseId, 'verification', { outcome: 'confirmed', visitedAt: visit(), notes: 'bills seen' }, token);

  const assist = (caseId: string, description = 'medical assistance for the stay') =>
    post(caseId, 'assistance', { measureType: 'medical', description, amountFen: 500_000 });

  describe('POST /cases/{id}/verification', () => {
    it('records a confirmed visit with the officer as actor and answers with the new stage and version', async () => {
      const { caseId } = await freshCase();
      const response = await post(caseId, 'verification', {
        outcome: 'confirmed',
        category: 'unstable',
        visitedAt: visit(),
        notes: 'hospital bills confirmed at the visit',
      }).expect(200);

      expect(response.body).toEqual({
        caseId,
        stage: 'verified',
        version: 2,
        events: ['VerificationRecorded'],
      });
      const [, recorded] = await harness.caseEvents(caseId);
      expect(recorded.type).toBe('VerificationRecorded');
      expect(recorded.metadata.actor).toBe('officer-wang');
      expect(recorded.data).toMatchObject({
        officer: 'officer-wang',
        outcome: 'confirmed',
        confirmedCategory: 'unstable',
      });
    });

    it("confirms with the case's own category when the officer gives none", async () => {
      const { caseId } = await freshCase();
      await confirm(caseId).expect(200);
      const [, recorded] = await harness.caseEvents(caseId);
      expect(recorded.data).toMatchObject({ confirmedCategory: 'sudden_hardship' });
    });

    it('closes the case when the visit dismisses the warning', async () => {
      const { caseId } = await freshCase();
      const response = await post(caseId, 'verification', {
        outcome: 'dismissed',
        visitedAt: visit(),
        notes: 'the bills were paid by a commercial policy',
      }).expect(200);
      expect(response.body).toMatchObject({
        stage: 'dismissed',
        version: 3,
        events: ['VerificationRecorded', 'CaseDismissed'],
      });
    });

    it('records the missed verification deadline first when the visit is recorded late', async () => {
      const { caseId } = await freshCase();
      harness.clock.advance(6 * DAY_MS); // eight days after the opening
      const response = await confirm(caseId).expect(200);
      expect(response.body.events).toEqual(['DeadlineMissed', 'VerificationRecorded']);
      const missed = (await harness.caseEvents(caseId))[1];
      expect(missed.data).toMatchObject({ deadline: 'verification' });
      expect(missed.metadata.actor).toBe('officer-wang');
    });

    it('refuses a second verification with 409 and the rule code', async () => {
      const { caseId } = await freshCase();
      await confirm(caseId).expect(200);
      const response = await confirm(caseId).expect(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'already_verified' });
      expect(response.body.message).toContain('has been verified already');
    });

    it('answers 422 for a visit in the future', async () => {
      const { caseId } = await freshCase();
      const tomorrow = harness.timeAt(new Date(harness.clock.now().getTime() + DAY_MS));
      const response = await post(caseId, 'verification', {
        outcome: 'confirmed',
        visitedAt: tomorrow,
        notes: '',
      }).expect(422);
      expect(response.body).toMatchObject({ code: 'invalid_visit_time' });
    });

    it('answers 400 naming every bad field, and never echoes the values', async () => {
      const { caseId } = await freshCase();
      const response = await post(caseId, 'verification', {
        outcome: 'maybe',
        visitedAt: '2025-03-02 10:00',
        notes: 42,
        confidential: '440524188001010014',
      }).expect(400);

      expect(response.body.code).toBe('invalid_body');
      const fields = (response.body.issues as { field: string }[]).map((issue) => issue.field).sort();
      expect(fields).toEqual(['confidential', 'notes', 'outcome', 'visitedAt']);
      expect(JSON.stringify(response.body)).not.toContain('440524188001010014');
      expect(await harness.caseEvents(caseId)).toHaveLength(1);
    });

    it('answers 400 for a dismissal without notes and for a category on a dismissal', async () => {
      const { caseId } = await freshCase();
      const response = await post(caseId, 'verification', {
        outcome: 'dismissed',
        category: 'marginal',
        visitedAt: visit(),
        notes: '  ',
      }).expect(400);
      const fields = (response.body.issues as { field: string }[]).map((issue) => issue.field).sort();
      expect(fields).toEqual(['category', 'notes']);
    });

    it('answers 400, never 500, for a body that is not a JSON object', async () => {
      const { caseId } = await freshCase();
      const url = `/api/v1/cases/${caseId}/verification`;
      const auth = `Bearer ${officer}`;
      await request(server)
        .post(url)
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send('{"outcome":')
        .expect(400);
      const array = await post(caseId, 'verification', [{ outcome: 'confirmed' }]).expect(400);
      expect(array.body.issues).toEqual([{ field: '', message: 'should be an object, got an array' }]);
      const nulls = await post(caseId, 'verification', {
        outcome: null,
        visitedAt: null,
        notes: null,
      }).expect(400);
      expect((nulls.body.issues as { field: string }[]).map((issue) => issue.field).sort()).toEqual([
        'notes',
        'outcome',
        'visitedAt',
      ]);
    });

    it('answers 400 for a missing body', async () => {
      const { caseId } = await freshCase();
      const response = await request(server)
        .post(`/api/v1/cases/${caseId}/verification`)
        .set('Authorization', `Bearer ${officer}`)
        .expect(400);
      expect((response.body.issues as { field: string }[]).map((issue) => issue.field)).toEqual(
        expect.arrayContaining(['outcome', 'visitedAt', 'notes']),
      );
    });
  });

  describe('who may act', () => {
    it('refuses roles that do not act on cases with 403, and a missing token with 401', async () => {
      const { caseId } = await freshCase();
      for (const role of ['bureau', 'admin', 'ingest'] as const) {
        await confirm(caseId, harness.token(role, COUNTY)).expect(403);
      }
      await request(server).post(`/api/v1/cases/${caseId}/verification`).send({}).expect(401);
      expect(await harness.caseEvents(caseId)).toHaveLength(1);
    });

    it('answers 404 for a case in another county, exactly as for a case that does not exist', async () => {
      const { caseId } = await freshCase();
      const elsewhere = await confirm(caseId, harness.token('county_officer', OTHER_COUNTY)).expect(404);
      const missing = await confirm(caseIdFor('H-never-seen', 1)).expect(404);
      const malformed = await confirm('not-a-case-id').expect(404);

      expect(elsewhere.body).toMatchObject({ statusCode: 404, code: 'case_not_found' });
      expect(missing.body.code).toBe('case_not_found');
      expect(malformed.body.code).toBe('case_not_found');
      expect(await harness.caseEvents(caseId)).toHaveLength(1);
    });

    it('lets province staff act in a county they hold, refuses them province-wide and hides other provinces', async () => {
      const { caseId } = await freshCase();
      const provinceWide = await confirm(caseId, harness.token('province_staff', '41')).expect(403);
      expect(provinceWide.body.code).toBe('region_not_actionable');
      await confirm(caseId, harness.token('province_staff', '61')).expect(404);
      const response = await confirm(caseId, harness.token('province_staff', COUNTY, 'staff-zhao')).expect(
        200,
      );
      expect(response.body.stage).toBe('verified');
      expect((await harness.caseEvents(caseId))[1].metadata.actor).toBe('staff-zhao');
    });
  });

  describe('POST /cases/{id}/assistance', () => {
    it('records a measure in whole fen and moves the case to assisting', async () => {
      const { caseId } = await freshCase();
      await confirm(caseId).expect(200);
      const response = await assist(caseId).expect(200);
      expect(response.body).toEqual({
        caseId,
        stage: 'assisting',
        version: 3,
        events: ['AssistanceRecorded'],
      });
      const recorded = (await harness.caseEvents(caseId))[2];
      expect(recorded.data).toMatchObject({
        measureType: 'medical',
        amountFen: 500_000,
        officer: 'officer-wang',
      });
      expect(recorded.metadata.actor).toBe('officer-wang');
    });

    it('refuses assistance before a confirmed visit with 409 not_confirmed', async () => {
      const { caseId } = await freshCase();
      const response = await assist(caseId).expect(409);
      expect(response.body).toMatchObject({ code: 'not_confirmed' });
    });

    it('answers 400 for money that is not whole fen and an unknown measure', async () => {
      const { caseId } = await freshCase();
      await confirm(caseId).expect(200);
      for (const amountFen of [12.5, '500', -1]) {
        const response = await post(caseId, 'assistance', {
          measureType: 'medical',
          description: 'x',
          amountFen,
        }).expect(400);
        expect((response.body.issues as { field: string }[]).map((issue) => issue.field)).toEqual([
          'amountFen',
        ]);
      }
      const unknown = await post(caseId, 'assistance', { measureType: 'cash', description: '' }).expect(400);
      expect((unknown.body.issues as { field: string }[]).map((issue) => issue.field).sort()).toEqual([
        'description',
        'measureType',
      ]);
    });

    it('applies a request sent again with the same Idempotency-Key once', async () => {
      const { caseId } = await freshCase();
      await confirm(caseId).expect(200);
      const send = () =>
        post(caseId, 'assistance', { measureType: 'employment', description: 'public-welfare job' }).set(
          'Idempotency-Key',
          'assist-7f3c9a21',
        );
      const first = await send().expect(200);
      const again = await send().expect(200);
      expect(first.body).toMatchObject({ stage: 'assisting', version: 3, events: ['AssistanceRecorded'] });
      expect(again.body).toEqual({ caseId, stage: 'assisting', version: 3, events: [] });
      expect(await harness.caseEvents(caseId)).toHaveLength(3);
    });

    it('keeps Idempotency-Keys apart by caller and action, and refuses a malformed one with 400', async () => {
      const { caseId } = await freshCase();
      const key = 'same-key-for-both';
      await post(caseId, 'verification', { outcome: 'confirmed', visitedAt: visit(), notes: '' })
        .set('Idempotency-Key', key)
        .expect(200);
      const other = harness.token('county_officer', COUNTY, 'officer-li');
      const byOther = await post(caseId, 'assistance', { measureType: 'medical', description: 'stay' }, other)
        .set('Idempotency-Key', key)
        .expect(200);
      const bySame = await post(caseId, 'assistance', { measureType: 'housing', description: 'roof' })
        .set('Idempotency-Key', key)
        .expect(200);
      expect([byOther.body.events, bySame.body.events]).toEqual([
        ['AssistanceRecorded'],
        ['AssistanceRecorded'],
      ]);

      const malformed = await post(caseId, 'assistance', { measureType: 'medical', description: 'x' })
        .set('Idempotency-Key', 'no spaces allowed')
        .expect(400);
      expect(malformed.body.code).toBe('invalid_idempotency_key');
      expect(await harness.caseEvents(caseId)).toHaveLength(4);
    });
  });

  describe('POST /cases/{id}/risk-elimination', () => {
    /** Two working members; income well above the standard since mid-2024 (or since `incomeOn`). */
    function household(householdId: string, incomeOn = '2024-06-01', extra: HouseholdEvent[] = []) {
      const builder = aHousehold().withId(householdId).withMembers(2);
      return foldHousehold([
        builder.build(),
        build(anIncomeAssessment().forHousehold(builder).netIncomeYuan(60_000).on(incomeOn)),
        ...extra,
      ]);
    }

    async function assistingCase(): Promise<{ caseId: string; householdId: string }> {
      const opened = await freshCase();
      await confirm(opened.caseId).expect(200);
      await assist(opened.caseId).expect(200);
      return opened;
    }

    it('closes the case when the household is stable, assessed from its projected state now', async () => {
      const { caseId, householdId } = await assistingCase();
      await harness.saveHousehold(householdId, household(householdId));
      const response = await post(caseId, 'risk-elimination', {
        reason: 'income stable, bills covered',
      }).expect(200);
      expect(response.body).toEqual({
        caseId,
        stage: 'risk_eliminated',
        version: 4,
        events: ['RiskEliminated'],
      });
      const eliminated = (await harness.caseEvents(caseId))[3];
      expect(eliminated.metadata.actor).toBe('officer-wang');
    });

    it('refuses with 409 household_not_stable and the unmet conditions when income rose only lately', async () => {
      const { caseId, householdId } = await assistingCase();
      const lately = harness.timeAt(new Date(harness.clock.now().getTime() - 30 * DAY_MS));
      await harness.saveHousehold(householdId, household(householdId, lately));
      const response = await post(caseId, 'risk-elimination', { reason: 'looks fine' }).expect(409);
      expect(response.body).toMatchObject({ code: 'household_not_stable', details: ['income_stable'] });
      expect(response.body.message).toContain('months are needed');
    });

    it('starts long-term follow-up for a household that cannot work and social assistance covers', async () => {
      const { caseId, householdId } = await assistingCase();
      const builder = aHousehold()
        .withId(householdId)
        .withMemberList(aHouseholdMember().unableToWork(), aHouseholdMember().as('spouse').unableToWork());
      const state = foldHousehold([
        builder.build(),
        build(anIncomeAssessment().forHousehold(builder).netIncomeYuan(60_000).on('2024-06-01')),
        build(aSocialAssistanceChange('dibao').forHousehold(householdId).on('2024-07-01')),
      ]);
      await harness.saveHousehold(householdId, state);
      const response = await post(caseId, 'risk-elimination', { reason: 'stable under dibao' }).expect(200);
      expect(response.body).toMatchObject({
        stage: 'long_term_follow_up',
        events: ['LongTermFollowUpStarted'],
      });
    });

    it('refuses an elimination before any assistance with 409 no_assistance_recorded', async () => {
      const { caseId, householdId } = await freshCase();
      await confirm(caseId).expect(200);
      await harness.saveHousehold(householdId, household(householdId));
      const response = await post(caseId, 'risk-elimination', { reason: 'stable' }).expect(409);
      expect(response.body.code).toBe('no_assistance_recorded');
    });

    it('answers 503 while the household state is not projected yet', async () => {
      const { caseId } = await assistingCase();
      const response = await post(caseId, 'risk-elimination', { reason: 'stable' }).expect(503);
      expect(response.body.code).toBe('household_state_unavailable');
      expect(response.headers['retry-after']).toBe('5');
    });

    it('answers 400 without a reason', async () => {
      const { caseId } = await assistingCase();
      const response = await post(caseId, 'risk-elimination', { reason: '' }).expect(400);
      expect(response.body.issues).toEqual([{ field: 'reason', message: 'must not be empty' }]);
    });
  });

  describe('POST /cases/{id}/reopen', () => {
    it('reopens an eliminated case at verified, with a new assistance deadline counted from now', async () => {
      const { caseId, householdId } = await freshCase();
      await confirm(caseId).expect(200);
      await assist(caseId).expect(200);
      await harness.saveHousehold(
        householdId,
        foldHousehold([
          aHousehold().withId(householdId).withMembers(2).build(),
          build(anIncomeAssessment().forHousehold(householdId).netIncomeYuan(60_000).on('2024-06-01')),
        ]),
      );
      await post(caseId, 'risk-elimination', { reason: 'stable' }).expect(200);
      harness.clock.advance(10 * DAY_MS);

      const response = await post(caseId, 'reopen', { reason: 'the household fell ill again' }).expect(200);
      expect(response.body).toEqual({ caseId, stage: 'verified', version: 5, events: ['CaseReopened'] });
      const reopened = (await harness.caseEvents(caseId))[4];
      expect(reopened.metadata.actor).toBe('officer-wang');
      expect(Date.parse((reopened.data as { assistanceDueAt: string }).assistanceDueAt)).toBe(
        harness.clock.now().getTime() + CASE_POLICY.assistanceDays * DAY_MS,
      );
    });

    it('refuses to reopen a case that is not closed with 409 case_not_closed', async () => {
      const { caseId } = await freshCase();
      const response = await post(caseId, 'reopen', { reason: 'why not' }).expect(409);
      expect(response.body.code).toBe('case_not_closed');
    });

    it('refuses to reopen a case the household has a newer case than, with 409 superseded_by_newer_case', async () => {
      const { caseId, householdId } = await freshCase();
      await post(caseId, 'verification', {
        outcome: 'dismissed',
        visitedAt: visit(),
        notes: 'no hardship found',
      }).expect(200);
      await harness.openCase(householdId, 2);
      const response = await post(caseId, 'reopen', { reason: 'dismissed by mistake' }).expect(409);
      expect(response.body.code).toBe('superseded_by_newer_case');
    });
  });

  describe('OpenAPI', () => {
    it('documents the four case actions with their request bodies and answers', () => {
      const document = SwaggerModule.createDocument(harness.app, new DocumentBuilder().build());
      const actions = ['verification', 'assistance', 'risk-elimination', 'reopen'];
      for (const action of actions) {
        const operation = document.paths[`/api/v1/cases/{id}/${action}`]?.post;
        expect(operation?.responses).toEqual(
          expect.objectContaining({
            200: expect.anything(),
            400: expect.anything(),
            404: expect.anything(),
            409: expect.anything(),
          }),
        );
      }
      const verification = document.paths['/api/v1/cases/{id}/verification'].post?.requestBody as {
        content: Record<string, { schema: { required: string[]; properties: Record<string, unknown> } }>;
      };
      const schema = verification.content['application/json'].schema;
      expect(schema.required).toEqual(expect.arrayContaining(['outcome', 'visitedAt', 'notes']));
      expect(Object.keys(schema.properties)).toEqual(['outcome', 'category', 'visitedAt', 'notes']);
    });
  });

  describe('concurrent commands on one case', () => {
    /** Holds the first two reads of the stream until both have happened: both writers decide on one version. */
    function bothReadBeforeEitherWrites(caseId: string): void {
      let waiting = 2;
      let release!: () => void;
      const bothRead = new Promise<void>((resolve) => (release = resolve));
      hook.afterRead = async (streamId) => {
        if (streamId !== caseStreamId(caseId) || waiting === 0) return;
        waiting -= 1;
        if (waiting === 0) release();
        await bothRead;
      };
    }

    it('applies both of two racing assistance records: the loser decides again on the new version', async () => {
      const { caseId } = await freshCase();
      await confirm(caseId).expect(200);
      bothReadBeforeEitherWrites(caseId);

      const [first, second] = await Promise.all([
        assist(caseId, 'medical assistance'),
        assist(caseId, 'temporary relief'),
      ]);

      expect([first.status, second.status]).toEqual([200, 200]);
      expect([first.body.version, second.body.version].sort()).toEqual([3, 4]);
      const events = await harness.caseEvents(caseId);
      expect(events.map((event) => event.type)).toEqual([
        'CaseOpened',
        'VerificationRecorded',
        'AssistanceRecorded',
        'AssistanceRecorded',
      ]);
    });

    it('lets one of two racing verifications win; the other, decided again, is refused as already verified', async () => {
      const { caseId } = await freshCase();
      bothReadBeforeEitherWrites(caseId);

      const responses = await Promise.all([confirm(caseId), confirm(caseId)]);

      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(responses.find((response) => response.status === 409)?.body.code).toBe('already_verified');
      expect(
        (await harness.caseEvents(caseId)).filter((event) => event.type === 'VerificationRecorded'),
      ).toHaveLength(1);
    });

    it('records a missed deadline once when a job and the sweep decide it at the same version at different times', async () => {
      const { caseId } = await freshCase();
      const [opened] = await harness.caseEvents(caseId);
      const dueAt = Date.parse((opened.data as { verificationDueAt: string }).verificationDueAt);
      bothReadBeforeEitherWrites(caseId);
      const bus = harness.app.get(CommandBus);

      // Same deterministic event id, different content (detectedAt): the loser meets the winner's event.
      const results = await Promise.all([
        bus.execute(new CheckCaseDeadlinesCommand(caseId, new Date(dueAt + 1_000))),
        bus.execute(new CheckCaseDeadlinesCommand(caseId, new Date(dueAt + 2_000))),
      ]);

      expect(results.map((result) => result.appended).sort()).toEqual([[], ['DeadlineMissed']]);
      expect(
        (await harness.caseEvents(caseId)).filter((event) => event.type === 'DeadlineMissed'),
      ).toHaveLength(1);
    });

    it('gives up with 409 concurrent_modification when another writer wins every attempt', async () => {
      const { caseId } = await freshCase();
      await confirm(caseId).expect(200);
      let rival = 0;
      hook.afterRead = async (streamId) => {
        if (streamId !== caseStreamId(caseId)) return;
        rival += 1;
        await harness.appendDecided(caseId, (state) =>
          decideCase(
            {
              type: 'RecordAssistance',
              caseId,
              commandId: `rival-${rival}`,
              officer: 'officer-li',
              now: harness.now(),
              measureType: 'education',
              description: `school fees ${rival}`,
            },
            state,
          ),
        );
      };

      const response = await assist(caseId).expect(409);

      expect(response.body).toMatchObject({ code: 'concurrent_modification' });
      expect(response.body.message).toContain('was changed by someone else');
      expect(rival).toBe(5);
      const events = await harness.caseEvents(caseId);
      expect(
        events.filter(
          (event) => event.metadata.actor === 'officer-wang' && event.type === 'AssistanceRecorded',
        ),
      ).toHaveLength(0);
    });
  });
});
