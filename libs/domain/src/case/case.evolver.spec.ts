import { evolverSpec } from '../testing/given-when-then';
import { evolveCase, initialCaseState } from './case.evolver';
import { isCaseActive, isCaseClosed, isCaseMonitored, isCaseOpened } from './case-state';
import {
  assistanceRecorded,
  assistingCase,
  CASE_ID,
  caseDismissed,
  caseEscalated,
  caseOpened,
  day,
  deadlineMissed,
  dismissedCase,
  eliminatedCase,
  followUpCase,
  HOUSEHOLD_ID,
  OFFICER,
  OPENED_AT,
  openedCase,
  REGION_CODE,
  riskEliminated,
  verificationConfirmed,
  verifiedCase,
} from './testing/case.builders';

const spec = evolverSpec({ initialState: initialCaseState, evolve: evolveCase });

describe('case evolver', () => {
  it('starts with no case', () => {
    spec.given([]).thenStateEquals({ stage: 'none' });
  });

  it('folds a late, escalated, assisted case into its full state', () => {
    spec
      .given([
        caseOpened(),
        deadlineMissed('verification', '2025-03-08T09:00:00.000+08:00', day(7)),
        verificationConfirmed(day(9)),
        caseEscalated('city', 'verification', day(14)),
        assistanceRecorded(day(20)),
        assistanceRecorded(day(25), 'cmd-assist-2'),
      ])
      .thenStateEquals({
        stage: 'assisting',
        caseId: CASE_ID,
        householdId: HOUSEHOLD_ID,
        regionCode: REGION_CODE,
        caseSequence: 1,
        openedAt: OPENED_AT,
        reopenedAt: null,
        verificationDueAt: '2025-03-08T09:00:00.000+08:00',
        assistanceDueAt: '2025-03-31T09:00:00.000+08:00',
        risk: {
          category: 'sudden_hardship',
          score: 60,
          riskLevel: 'high',
          factors: [
            { code: 'medical_cost_very_high', points: 40, evidence: ['claim-1'] },
            { code: 'income_near_standard', points: 20, evidence: ['income-1'] },
          ],
          policyVersion: '41-2024.1',
          assessedAt: OPENED_AT,
        },
        missedDeadlines: [{ deadline: 'verification', dueAt: '2025-03-08T09:00:00.000+08:00' }],
        escalationLevel: 'city',
        assistanceCount: 2,
        confirmation: { category: 'sudden_hardship', officer: OFFICER, visitedAt: day(9) },
      });
  });

  it('ignores events that do not fit the stage instead of failing a replay', () => {
    spec.given([riskEliminated()]).thenStateEquals({ stage: 'none' });
    spec.given([...openedCase(), riskEliminated()]).thenState((state) => expect(state.stage).toBe('open'));
    spec
      .given([...eliminatedCase(), caseDismissed()])
      .thenState((state) => expect(state.stage).toBe('risk_eliminated'));
    spec.given([...verifiedCase(), caseOpened({ score: 99 })]).thenState((state) => {
      expect(state.stage).toBe('verified');
      expect(state.stage !== 'none' && state.risk.score).toBe(60);
    });
  });

  it('classifies stages: opened, active, closed, monitored', () => {
    const table = [
      { events: [], opened: false, active: false, closed: false, monitored: false },
      { events: openedCase(), opened: true, active: true, closed: false, monitored: false },
      { events: verifiedCase(), opened: true, active: true, closed: false, monitored: true },
      { events: assistingCase(), opened: true, active: true, closed: false, monitored: true },
      { events: followUpCase(), opened: true, active: true, closed: false, monitored: true },
      { events: eliminatedCase(), opened: true, active: false, closed: true, monitored: false },
      { events: dismissedCase(), opened: true, active: false, closed: true, monitored: false },
    ];
    for (const row of table) {
      spec.given(row.events).thenState((state) => {
        expect([
          isCaseOpened(state),
          isCaseActive(state),
          isCaseClosed(state),
          isCaseMonitored(state),
        ]).toEqual([row.opened, row.active, row.closed, row.monitored]);
      });
    }
  });
});
