import { deadlineStatus, pendingDeadline } from './deadline';

const item = (stage: string, verificationDueAt: string, assistanceDueAt = '2026-04-01T09:00:00+08:00') =>
  ({ stage, verificationDueAt, assistanceDueAt }) as Parameters<typeof deadlineStatus>[0];
const at = (iso: string) => new Date(iso);

describe('deadline countdown', () => {
  it('counts the verification deadline of an open case in Beijing calendar days', () => {
    const open = item('open', '2026-03-08T09:00:00+08:00');
    expect(deadlineStatus(open, at('2026-03-01T09:00:00+08:00'))).toEqual({
      kind: 'due',
      deadline: 'verification',
      dueAt: '2026-03-08T09:00:00+08:00',
      daysLeft: 7,
    });
    // 23:30 on the 7th is one calendar day before the 8th, though only 9.5 hours remain.
    expect(deadlineStatus(open, at('2026-03-07T23:30:00+08:00'))).toMatchObject({ kind: 'due', daysLeft: 1 });
    expect(deadlineStatus(open, at('2026-03-08T08:59:59+08:00'))).toMatchObject({ kind: 'due', daysLeft: 0 });
  });

  it('is overdue from the due instant on, and counts whole days overdue', () => {
    const open = item('open', '2026-03-08T09:00:00+08:00');
    expect(deadlineStatus(open, at('2026-03-08T09:00:00+08:00'))).toMatchObject({
      kind: 'overdue',
      daysOverdue: 0,
    });
    expect(deadlineStatus(open, at('2026-03-09T00:00:00+08:00'))).toMatchObject({
      kind: 'overdue',
      daysOverdue: 1,
    });
    expect(deadlineStatus(open, at('2026-03-18T12:00:00Z'))).toMatchObject({
      kind: 'overdue',
      daysOverdue: 10,
    });
  });

  it('counts days across a browser in another time zone the same way (instants, not local dates)', () => {
    const open = item('open', '2026-03-08T01:00:00+08:00');
    // 2026-03-07T16:30Z is 00:30 on the 8th in Beijing: due today, not tomorrow.
    expect(deadlineStatus(open, at('2026-03-07T16:30:00Z'))).toMatchObject({ kind: 'due', daysLeft: 0 });
  });

  it('follows the assistance deadline once the case is verified', () => {
    const verified = item('verified', '2026-03-08T09:00:00+08:00', '2026-03-31T09:00:00+08:00');
    expect(pendingDeadline(verified)).toEqual({ deadline: 'assistance', dueAt: '2026-03-31T09:00:00+08:00' });
    expect(deadlineStatus(verified, at('2026-03-10T09:00:00+08:00'))).toMatchObject({
      kind: 'due',
      deadline: 'assistance',
      daysLeft: 21,
    });
  });

  it.each(['assisting', 'long_term_follow_up', 'risk_eliminated', 'dismissed'])(
    'has no pending deadline at stage %s',
    (stage) => {
      expect(deadlineStatus(item(stage, '2020-01-01T00:00:00Z'), at('2026-03-10T09:00:00+08:00'))).toEqual({
        kind: 'none',
      });
    },
  );
});
