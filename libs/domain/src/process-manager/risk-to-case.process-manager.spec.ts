import { caseDecider } from '../case/case.decider';
import { caseEventId, caseIdFor } from '../case/case-ids';
import { CaseRuleViolation } from '../case/case-rule-violation';
import type { CaseState } from '../case/case-state';
import {
  anAssessment,
  assistingCase,
  CASE_ID,
  CASE_POLICY,
  day,
  dismissedCase,
  eliminatedCase,
  followUpCase,
  HOUSEHOLD_ID,
  openedCase,
} from '../case/testing/case.builders';
import type { CaseEvent } from '../events/case.events';
import { fold } from '../testing/given-when-then';
import { type CaseAction, decideCaseAction, type RiskAssessedInput } from './risk-to-case.process-manager';

const stateOf = (events: readonly CaseEvent[]): CaseState => fold(caseDecider, events);

const input = (overrides: Partial<RiskAssessedInput> = {}): RiskAssessedInput => ({
  assessment: anAssessment().asOf(day(0)).build(),
  latestCase: stateOf([]),
  previousAlert: false,
  triggerEventIds: ['claim-event-1'],
  causationId: 'claim-event-1',
  now: day(0),
  policy: CASE_POLICY,
  ...overrides,
});

/** The events the decided command appends to the case stream as it stands. */
const eventsOf = (action: CaseAction, stream: readonly CaseEvent[]): CaseEvent[] =>
  action.action === 'none' ? [] : caseDecider.decide(action.command, stateOf(stream));

describe('process manager: household risk → case', () => {
  it("opens the household's first case on the first crossing of the threshold", () => {
    const action = decideCaseAction(input());
    expect(action).toEqual({
      action: 'open_case',
      command: {
        type: 'OpenCase',
        caseId: caseIdFor(HOUSEHOLD_ID, 1),
        caseSequence: 1,
        assessment: anAssessment().asOf(day(0)).build(),
        triggerEventIds: ['claim-event-1'],
        policy: CASE_POLICY,
        now: day(0),
        causationId: 'claim-event-1',
      },
    });
    const [opened] = eventsOf(action, []);
    expect(opened).toMatchObject({
      eventId: caseEventId(caseIdFor(HOUSEHOLD_ID, 1), 'CaseOpened'),
      type: 'CaseOpened',
      data: { caseSequence: 1, verificationDueAt: '2025-03-08T09:00:00.000+08:00' },
      metadata: { causationId: 'claim-event-1' },
    });
  });

  it('opens no case for a household below the threshold', () => {
    expect(decideCaseAction(input({ assessment: anAssessment().belowThreshold().build() }))).toEqual({
      action: 'none',
      reason: 'below_threshold',
    });
  });

  it("updates the open case's risk when the assessment changed", () => {
    const worse = anAssessment()
      .withFactors(
        { code: 'medical_cost_very_high', points: 40 },
        { code: 'income_below_standard', points: 40 },
      )
      .asOf(day(2))
      .build();
    const action = decideCaseAction(
      input({
        assessment: worse,
        latestCase: stateOf(openedCase()),
        previousAlert: true,
        causationId: 'income-event-2',
        triggerEventIds: ['income-event-2'],
        now: day(2),
      }),
    );
    expect(action).toMatchObject({
      action: 'update_risk',
      command: { type: 'UpdateCaseRisk', caseId: CASE_ID },
    });
    expect(eventsOf(action, openedCase())).toEqual([
      expect.objectContaining({
        eventId: caseEventId(CASE_ID, 'CaseRiskUpdated', 'income-event-2'),
        type: 'CaseRiskUpdated',
        data: expect.objectContaining({ score: 80, triggerEventIds: ['income-event-2'] }),
      }),
    ]);
  });

  it('does nothing when the same assessment comes again', () => {
    const action = decideCaseAction(
      input({
        latestCase: stateOf(openedCase()),
        previousAlert: true,
        causationId: 'redelivered',
        now: day(1),
      }),
    );
    expect(action).toEqual({ action: 'none', reason: 'risk_unchanged' });
  });

  it('records a confirmed household going back below the threshold on its case', () => {
    const action = decideCaseAction(
      input({
        assessment: anAssessment().belowThreshold().build(),
        latestCase: stateOf(assistingCase()),
        previousAlert: true,
      }),
    );
    expect(action.action).toBe('update_risk');
  });

  it('updates a case under long-term follow-up, which stays open', () => {
    const action = decideCaseAction(
      input({ assessment: anAssessment().belowThreshold(35).build(), latestCase: stateOf(followUpCase()) }),
    );
    expect(action.action).toBe('update_risk');
  });

  it('opens a new case when the risk crosses again after the previous case closed', () => {
    const action = decideCaseAction(
      input({
        latestCase: stateOf(eliminatedCase()),
        previousAlert: false,
        now: day(400),
        causationId: 'claim-9',
      }),
    );
    expect(action).toMatchObject({
      action: 'open_case',
      command: { caseId: caseIdFor(HOUSEHOLD_ID, 2), caseSequence: 2 },
    });
    expect(caseIdFor(HOUSEHOLD_ID, 2)).not.toBe(CASE_ID);
    expect(eventsOf(action, [])).toEqual([
      expect.objectContaining({ type: 'CaseOpened', data: expect.objectContaining({ caseSequence: 2 }) }),
    ]);
  });

  it('opens no new case for a household still above the threshold since its case was dismissed', () => {
    expect(decideCaseAction(input({ latestCase: stateOf(dismissedCase()), previousAlert: true }))).toEqual({
      action: 'none',
      reason: 'no_new_crossing',
    });
    expect(
      decideCaseAction(input({ latestCase: stateOf(dismissedCase()), previousAlert: false })),
    ).toMatchObject({
      action: 'open_case',
      command: { caseSequence: 2 },
    });
  });

  it('derives the same ids from the same inputs, so a replay appends nothing new', () => {
    const crossing = input();
    expect(decideCaseAction(crossing)).toEqual(decideCaseAction(structuredClone(crossing)));
    const firstRun = eventsOf(decideCaseAction(crossing), []);
    const replay = eventsOf(decideCaseAction(structuredClone(crossing)), []);
    expect(replay.map((event) => event.eventId)).toEqual(firstRun.map((event) => event.eventId));

    // A replay with a stale view of the household (no case known) targets the case it opened before,
    // whose stream already holds the opening: nothing is appended, no second case exists.
    expect(eventsOf(decideCaseAction(crossing), firstRun)).toEqual([]);
    // With the case known, the redelivered crossing is an unchanged risk.
    expect(decideCaseAction({ ...crossing, latestCase: stateOf(firstRun), previousAlert: true })).toEqual({
      action: 'none',
      reason: 'risk_unchanged',
    });
  });

  it('derives the same update event id when a changed assessment is redelivered before the case caught up', () => {
    const changed = input({
      assessment: anAssessment()
        .withFactors({ code: 'medical_cost_very_high', points: 40 }, { code: 'no_labour', points: 15 })
        .build(),
      latestCase: stateOf(openedCase()),
      causationId: 'claim-event-5',
    });
    const first = eventsOf(decideCaseAction(changed), openedCase());
    const again = eventsOf(decideCaseAction(structuredClone(changed)), openedCase());
    expect(again.map((event) => event.eventId)).toEqual(first.map((event) => event.eventId));
    expect(eventsOf(decideCaseAction(changed), [...openedCase(), ...first])).toEqual([]);
  });

  it("refuses another household's case", () => {
    const mismatch = () =>
      decideCaseAction(
        input({ assessment: anAssessment().forHousehold('H999').build(), latestCase: stateOf(openedCase()) }),
      );
    expect(mismatch).toThrow(CaseRuleViolation);
    expect(mismatch).toThrow(/household H999/);
  });
});
