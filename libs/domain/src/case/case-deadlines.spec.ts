import type { CaseEvent } from '../events/case.events';
import { deciderSpec, fold } from '../testing/given-when-then';
import { caseDecider } from './case.decider';
import {
  deadlineActions,
  deadlinesFrom,
  escalationDue,
  nextDeadlineCheckAt,
  type DeadlineCommand,
} from './case-deadlines';
import type { CaseState } from './case-state';
import {
  assistingCase,
  CASE_ID,
  CASE_POLICY,
  caseEscalated,
  caseReopened,
  confirmVerification,
  day,
  deadlineMissed,
  caseDismissed,
  dismissedCase,
  eliminatedCase,
  escalateTo,
  followUpCase,
  justBefore,
  openedCase,
  recordMissedDeadline,
  ruleViolation,
  verificationConfirmed,
  verificationDismissed,
  verifiedCase,
} from './testing/case.builders';

const spec = deciderSpec(caseDecider);
const stateOf = (events: readonly CaseEvent[]): CaseState => fold(caseDecider, events);
const actionsAt = (events: readonly CaseEvent[], now: string): DeadlineCommand[] =>
  deadlineActions(stateOf(events), CASE_POLICY, now);
const missed = (deadline: 'verification' | 'assistance', now: string): DeadlineCommand =>
  recordMissedDeadline(deadline, now);

/** Runs the commands one after another on the evolving state, as the job handler does. */
const run = (events: readonly CaseEvent[], commands: readonly DeadlineCommand[]): CaseEvent[] => {
  const produced: CaseEvent[] = [];
  for (const command of commands) {
    produced.push(...caseDecider.decide(command, stateOf([...events, ...produced])));
  }
  return produced;
};

const VERIFICATION_DUE = '2025-03-08T09:00:00.000+08:00';
const ASSISTANCE_DUE = '2025-03-31T09:00:00.000+08:00';

describe('deadlines from the opening', () => {
  it('are verificationDays and assistanceDays later, in the offset of the opening', () => {
    expect(deadlinesFrom('2025-03-01T09:00:00+08:00', CASE_POLICY)).toEqual({
      verificationDueAt: VERIFICATION_DUE,
      assistanceDueAt: ASSISTANCE_DUE,
    });
    expect(deadlinesFrom('2024-02-25T23:00:00Z', CASE_POLICY)).toEqual({
      verificationDueAt: '2024-03-03T23:00:00.000Z',
      assistanceDueAt: '2024-03-26T23:00:00.000Z',
    });
  });

  it('escalate 7 and 14 days after the earliest pending deadline', () => {
    expect(escalationDue(stateOf(openedCase()), CASE_POLICY, 'city')).toEqual({
      level: 'city',
      deadline: 'verification',
      escalatesAt: '2025-03-15T09:00:00.000+08:00',
    });
    expect(escalationDue(stateOf(verifiedCase()), CASE_POLICY, 'province')).toEqual({
      level: 'province',
      deadline: 'assistance',
      escalatesAt: '2025-04-14T09:00:00.000+08:00',
    });
    expect(escalationDue(stateOf(assistingCase()), CASE_POLICY, 'city')).toBeNull();
  });
});

describe('recording a missed deadline', () => {
  it('records nothing before the due time', () => {
    spec
      .given(openedCase())
      .when(missed('verification', justBefore(7)))
      .thenNothingHappens();
    spec
      .given(verifiedCase())
      .when(missed('assistance', justBefore(30)))
      .thenNothingHappens();
  });

  it('records the verification deadline missed at and after its due time', () => {
    spec
      .given(openedCase())
      .when(missed('verification', day(7)))
      .then([deadlineMissed('verification', VERIFICATION_DUE, day(7))]);
    spec
      .given(openedCase())
      .when(missed('verification', day(9)))
      .then([deadlineMissed('verification', VERIFICATION_DUE, day(9))]);
  });

  it('records a missed deadline once', () => {
    spec
      .given([...openedCase(), deadlineMissed('verification', VERIFICATION_DUE, day(7))])
      .when(missed('verification', day(8)))
      .thenNothingHappens();
  });

  it('records nothing when the work was done in time', () => {
    spec
      .given(verifiedCase())
      .when(missed('verification', day(8)))
      .thenNothingHappens();
    spec
      .given(assistingCase())
      .when(missed('assistance', day(31)))
      .thenNothingHappens();
  });

  it('records the assistance deadline missed while the case is not assisted, verified or not', () => {
    spec
      .given(verifiedCase())
      .when(missed('assistance', day(30)))
      .then([deadlineMissed('assistance', ASSISTANCE_DUE, day(30))]);
    spec
      .given(openedCase())
      .when(missed('assistance', day(30)))
      .then([deadlineMissed('assistance', ASSISTANCE_DUE, day(30))]);
  });

  it('records nothing on a closed case, and refuses a case not opened', () => {
    spec
      .given(dismissedCase())
      .when(missed('assistance', day(40)))
      .thenNothingHappens();
    spec
      .given(eliminatedCase())
      .when(missed('assistance', day(400)))
      .thenNothingHappens();
    spec
      .given([])
      .when(missed('verification', day(8)))
      .thenThrows(ruleViolation('case_not_opened'));
  });
});

describe('escalating an overdue case', () => {
  const verificationMissed = () => [
    ...openedCase(),
    deadlineMissed('verification', VERIFICATION_DUE, day(7)),
  ];

  it('escalates to the city 7 days after the missed deadline, not before', () => {
    spec
      .given(verificationMissed())
      .when(escalateTo('city', justBefore(14)))
      .thenNothingHappens();
    spec
      .given(verificationMissed())
      .when(escalateTo('city', day(14)))
      .then([caseEscalated('city', 'verification', day(14))]);
  });

  it('escalates to the province 14 days after the missed deadline', () => {
    const atCity = [...verificationMissed(), caseEscalated('city', 'verification', day(14))];
    spec
      .given(atCity)
      .when(escalateTo('province', justBefore(21)))
      .thenNothingHappens();
    spec
      .given(atCity)
      .when(escalateTo('province', day(21)))
      .then([caseEscalated('province', 'verification', day(21))]);
  });

  it('never escalates twice to the same level, nor downwards', () => {
    const atCity = [...verificationMissed(), caseEscalated('city', 'verification', day(14))];
    spec
      .given(atCity)
      .when(escalateTo('city', day(15)))
      .thenNothingHappens();
    const atProvince = [...atCity, caseEscalated('province', 'verification', day(21))];
    spec
      .given(atProvince)
      .when(escalateTo('city', day(25)))
      .thenNothingHappens();
    spec
      .given(atProvince)
      .when(escalateTo('province', day(25)))
      .thenNothingHappens();
  });

  it('passes through the city on the way to the province, and records the missed deadline first', () => {
    spec
      .given(openedCase())
      .when(escalateTo('province', day(22)))
      .then([
        deadlineMissed('verification', VERIFICATION_DUE, day(22)),
        caseEscalated('city', 'verification', day(22)),
        caseEscalated('province', 'verification', day(22)),
      ]);
  });

  it('does not escalate once the late work is done', () => {
    const verifiedLate = [...verificationMissed(), verificationConfirmed(day(10))];
    spec
      .given(verifiedLate)
      .when(escalateTo('city', day(14)))
      .thenNothingHappens();
  });

  it('escalates for the assistance deadline when that is the work still pending', () => {
    const verifiedLate = [...verificationMissed(), verificationConfirmed(day(10))];
    spec
      .given(verifiedLate)
      .when(escalateTo('city', justBefore(37)))
      .thenNothingHappens();
    spec
      .given([...verifiedLate, deadlineMissed('assistance', ASSISTANCE_DUE, day(30))])
      .when(escalateTo('city', day(37)))
      .then([caseEscalated('city', 'assistance', day(37))]);
  });

  it('does nothing on a closed case', () => {
    spec
      .given(dismissedCase())
      .when(escalateTo('city', day(40)))
      .thenNothingHappens();
  });
});

describe('deadlineActions', () => {
  it('addresses its commands to the case of the state', () => {
    expect(actionsAt(openedCase(), day(7))[0].caseId).toBe(CASE_ID);
  });

  it('has nothing to do before the verification deadline', () => {
    expect(actionsAt(openedCase(), justBefore(7))).toEqual([]);
  });

  it('records the verification deadline at its due time', () => {
    expect(actionsAt(openedCase(), day(7))).toEqual([missed('verification', day(7))]);
  });

  it('has nothing to do between a recorded miss and the city escalation', () => {
    const history = [...openedCase(), deadlineMissed('verification', VERIFICATION_DUE, day(7))];
    expect(actionsAt(history, day(10))).toEqual([]);
    expect(actionsAt(history, justBefore(14))).toEqual([]);
    expect(actionsAt(history, day(14))).toEqual([escalateTo('city', day(14))]);
  });

  it('catches up everything due when the sweep comes late', () => {
    expect(actionsAt(openedCase(), day(21))).toEqual([
      missed('verification', day(21)),
      escalateTo('city', day(21)),
      escalateTo('province', day(21)),
    ]);
    const history = [
      ...openedCase(),
      deadlineMissed('verification', VERIFICATION_DUE, day(7)),
      caseEscalated('city', 'verification', day(14)),
    ];
    expect(actionsAt(history, day(30))).toEqual([
      missed('assistance', day(30)),
      escalateTo('province', day(30)),
    ]);
  });

  it('follows the assistance deadline of a verified case: due, grace, city, province', () => {
    expect(actionsAt(verifiedCase(), justBefore(30))).toEqual([]);
    expect(actionsAt(verifiedCase(), day(30))).toEqual([missed('assistance', day(30))]);
    const missedAssistance = [...verifiedCase(), deadlineMissed('assistance', ASSISTANCE_DUE, day(30))];
    expect(actionsAt(missedAssistance, justBefore(37))).toEqual([]);
    expect(actionsAt(missedAssistance, day(37))).toEqual([escalateTo('city', day(37))]);
    const atCity = [...missedAssistance, caseEscalated('city', 'assistance', day(37))];
    expect(actionsAt(atCity, justBefore(44))).toEqual([]);
    expect(actionsAt(atCity, day(44))).toEqual([escalateTo('province', day(44))]);
    const atProvince = [...atCity, caseEscalated('province', 'assistance', day(44))];
    expect(actionsAt(atProvince, day(400))).toEqual([]);
  });

  it('has nothing to do for assisted, followed-up or closed cases', () => {
    expect(actionsAt(assistingCase(), day(400))).toEqual([]);
    expect(actionsAt(followUpCase(), day(400))).toEqual([]);
    expect(actionsAt(eliminatedCase(), day(400))).toEqual([]);
    expect(actionsAt(dismissedCase(), day(400))).toEqual([]);
    expect(actionsAt([], day(400))).toEqual([]);
  });

  it('appends nothing more when the job and the sweep both run the same actions', () => {
    const history = openedCase();
    const first = run(history, actionsAt(history, day(22)));
    expect(first.map((event) => event.type)).toEqual(['DeadlineMissed', 'CaseEscalated', 'CaseEscalated']);
    expect(actionsAt([...history, ...first], day(22))).toEqual([]);
    expect(run([...history, ...first], actionsAt(history, day(22)))).toEqual([]);
  });

  it('produces the same event ids whichever path records a deadline', () => {
    const bySweep = run(openedCase(), actionsAt(openedCase(), day(8)));
    const byLateVisit = caseDecider.decide(confirmVerification(day(8)), stateOf(openedCase()));
    expect(bySweep[0].eventId).toBe(byLateVisit[0].eventId);
  });

  it('runs the deadlines of a reopened case from the reopening, keeping its escalation level', () => {
    const reopened = [
      ...openedCase(),
      deadlineMissed('verification', VERIFICATION_DUE, day(7)),
      caseEscalated('city', 'verification', day(14)),
      verificationDismissed(day(20)),
      caseDismissed(day(20)),
      caseReopened({
        stage: 'open',
        reopenedAt: day(40),
        verificationDueAt: day(47),
        assistanceDueAt: day(70),
      }),
    ];
    expect(actionsAt(reopened, justBefore(47))).toEqual([]);
    expect(actionsAt(reopened, day(47))).toEqual([missed('verification', day(47))]);
    expect(run(reopened, actionsAt(reopened, day(47)))).toEqual([
      deadlineMissed('verification', day(47), day(47)),
    ]);
    // Already at the city: the next step is the province, 14 days after the new due time.
    expect(actionsAt(reopened, day(54))).toEqual([missed('verification', day(54))]);
    expect(actionsAt(reopened, day(61))).toEqual([
      missed('verification', day(61)),
      escalateTo('province', day(61)),
    ]);
  });
});

describe('nextDeadlineCheckAt', () => {
  it('is the next due time, escalation or deadline, of a case with pending work', () => {
    expect(nextDeadlineCheckAt(stateOf(openedCase()), CASE_POLICY)).toBe(VERIFICATION_DUE);
    const missedVerification = [...openedCase(), deadlineMissed('verification', VERIFICATION_DUE, day(7))];
    expect(nextDeadlineCheckAt(stateOf(missedVerification), CASE_POLICY)).toBe(
      '2025-03-15T09:00:00.000+08:00',
    );
    const atCity = [...missedVerification, caseEscalated('city', 'verification', day(14))];
    expect(nextDeadlineCheckAt(stateOf(atCity), CASE_POLICY)).toBe('2025-03-22T09:00:00.000+08:00');
    const atProvince = [...atCity, caseEscalated('province', 'verification', day(21))];
    expect(nextDeadlineCheckAt(stateOf(atProvince), CASE_POLICY)).toBe(ASSISTANCE_DUE);
    expect(nextDeadlineCheckAt(stateOf(verifiedCase()), CASE_POLICY)).toBe(ASSISTANCE_DUE);
  });

  it('is null when no work is pending', () => {
    expect(nextDeadlineCheckAt(stateOf(assistingCase()), CASE_POLICY)).toBeNull();
    expect(nextDeadlineCheckAt(stateOf(dismissedCase()), CASE_POLICY)).toBeNull();
    expect(nextDeadlineCheckAt(stateOf([]), CASE_POLICY)).toBeNull();
  });

  it('names an instant at which deadlineActions has something to do', () => {
    for (const history of [openedCase(), verifiedCase()]) {
      const at = nextDeadlineCheckAt(stateOf(history), CASE_POLICY);
      expect(at).not.toBeNull();
      expect(actionsAt(history, at as string).length).toBeGreaterThan(0);
    }
  });
});
