import {
  assistanceRecorded,
  caseDismissed,
  caseOpened,
  deadlineMissed,
  day,
  riskEliminated,
  caseReopened,
  verificationConfirmed,
  verificationDismissed,
} from '@monitoring/domain/case/testing/case.builders';
import { aHousehold, aHouseholdMember } from '@monitoring/domain/testing/household-events.builder';
import type { HouseholdEvent } from '@monitoring/domain';
import { exchangeRowOf, headIdNumberOf } from './exchange-row';

const registered = aHousehold().withMembers(3).build();

describe('exchange row', () => {
  it('reports nothing for a household without an opened case', () => {
    expect(exchangeRowOf([], [registered])).toBeNull();
  });

  it('marks deadlines met when visit and assistance came by their due times', () => {
    const row = exchangeRowOf(
      [caseOpened(), verificationConfirmed(day(3)), assistanceRecorded(day(10))],
      [registered],
    );
    expect(row).toMatchObject({
      stage: 'assisting',
      verifiedAt: day(3),
      firstAssistanceAt: day(10),
      verificationDeadline: 'met',
      assistanceDeadline: 'met',
      measures: 'medical',
      headIdNumber: registered.data.members[0].idNumber,
    });
  });

  it('marks a deadline missed when recorded missed, even if the work came later', () => {
    const opened = caseOpened();
    const row = exchangeRowOf(
      [
        opened,
        deadlineMissed('verification', opened.data.verificationDueAt, day(7)),
        verificationConfirmed(day(8)),
      ],
      [registered],
    );
    expect(row).toMatchObject({ verificationDeadline: 'missed', assistanceDeadline: 'pending' });
  });

  it('marks assistance not applicable on a case dismissed at the visit', () => {
    const row = exchangeRowOf(
      [caseOpened(), verificationDismissed(day(2)), caseDismissed(day(2))],
      [registered],
    );
    expect(row).toMatchObject({ stage: 'dismissed', closedAt: day(2), assistanceDeadline: 'not_applicable' });
  });

  it('counts assistance deadlines from a reopening, keeping the confirmation', () => {
    const row = exchangeRowOf(
      [
        caseOpened(),
        verificationConfirmed(day(3)),
        assistanceRecorded(day(10)),
        riskEliminated(day(220)),
        caseReopened({
          stage: 'verified',
          reopenedAt: day(240),
          verificationDueAt: day(247),
          assistanceDueAt: day(270),
        }),
      ],
      [registered],
    );
    expect(row).toMatchObject({
      stage: 'verified',
      verifiedAt: day(3),
      firstAssistanceAt: null,
      closedAt: null,
      assistanceDueAt: day(270),
      assistanceDeadline: 'pending',
    });
  });

  it("takes the head's ID number after member changes", () => {
    const newHead = aHouseholdMember().as('head').withPersonId('P-new').build('H410423000001', '410423', 7);
    const events: HouseholdEvent[] = [
      registered,
      {
        eventId: 'e-removed',
        type: 'MemberRemoved',
        schemaVersion: 1,
        data: {
          householdId: 'H410423000001',
          personId: registered.data.members[0].personId,
          reason: 'death',
        },
        metadata: { occurredAt: day(1), source: 'civil_affairs' },
      },
      {
        eventId: 'e-added',
        type: 'MemberAdded',
        schemaVersion: 1,
        data: { householdId: 'H410423000001', member: newHead, reason: 'new head' },
        metadata: { occurredAt: day(2), source: 'civil_affairs' },
      },
    ];
    expect(headIdNumberOf(events)).toBe(newHead.idNumber);
    expect(headIdNumberOf(events.slice(0, 2))).toBeNull();
  });
});
