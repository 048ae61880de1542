import { allowedActions, checkAssistance, checkElimination, checkVerification } from './case-actions';

const officer = { role: 'county_officer' as const, region: '410423' };
const inCounty = (stage: Parameters<typeof allowedActions>[1]['stage']) => ({
  stage,
  regionCode: '410423203201',
});

describe('allowed case actions', () => {
  it.each([
    ['open', ['verify']],
    ['verified', ['assist']],
    ['assisting', ['assist', 'eliminate']],
    ['long_term_follow_up', ['assist', 'eliminate']],
    ['risk_eliminated', []],
    ['dismissed', []],
  ] as const)('offers a county officer at stage %s: %j', (stage, actions) => {
    expect(allowedActions(officer, inCounty(stage))).toEqual(actions);
  });

  it('offers nothing outside the officer’s county', () => {
    expect(allowedActions(officer, { stage: 'open', regionCode: '410522100201' })).toEqual([]);
  });

  it('offers province staff actions only in a county their token names', () => {
    expect(allowedActions({ role: 'province_staff', region: '41' }, inCounty('open'))).toEqual([]);
    expect(allowedActions({ role: 'province_staff', region: '410423' }, inCounty('open'))).toEqual([
      'verify',
    ]);
  });

  it.each(['bureau', 'admin', 'ingest'] as const)('offers the %s role nothing', (role) => {
    expect(allowedActions({ role, region: '410423' }, inCounty('open'))).toEqual([]);
  });
});

describe('action forms', () => {
  const now = new Date('2026-03-05T12:00:00+08:00');
  const visit = {
    outcome: 'confirmed',
    category: '',
    visitDate: '2026-03-04',
    visitTime: '10:30',
    notes: '',
  } as const;

  it('turns a confirmed visit into the API body with a Beijing time', () => {
    expect(checkVerification(visit, now)).toEqual({
      ok: true,
      body: { outcome: 'confirmed', visitedAt: '2026-03-04T10:30:00+08:00', notes: '' },
    });
    expect(checkVerification({ ...visit, category: 'marginal', notes: ' 入户核实 ' }, now)).toEqual({
      ok: true,
      body: {
        outcome: 'confirmed',
        category: 'marginal',
        visitedAt: '2026-03-04T10:30:00+08:00',
        notes: '入户核实',
      },
    });
  });

  it('wants notes to dismiss, and never sends a category with a dismissal', () => {
    expect(checkVerification({ ...visit, outcome: 'dismissed', category: 'marginal' }, now)).toEqual({
      ok: false,
      errors: { notes: 'error.dismissNotes' },
    });
    expect(
      checkVerification({ ...visit, outcome: 'dismissed', category: 'marginal', notes: '收入已恢复' }, now),
    ).toEqual({
      ok: true,
      body: { outcome: 'dismissed', visitedAt: '2026-03-04T10:30:00+08:00', notes: '收入已恢复' },
    });
  });

  it('refuses a missing outcome, a bad date and a visit in the future', () => {
    expect(checkVerification({ ...visit, outcome: '', visitDate: '2026-02-30' }, now)).toEqual({
      ok: false,
      errors: { outcome: 'error.required', visitDate: 'error.date' },
    });
    expect(checkVerification({ ...visit, visitDate: '2026-03-06' }, now)).toEqual({
      ok: false,
      errors: { visitDate: 'error.future' },
    });
    expect(checkVerification({ ...visit, visitDate: '2026-03-05', visitTime: '13:00' }, now)).toEqual({
      ok: false,
      errors: { visitTime: 'error.future' },
    });
    expect(checkVerification({ ...visit, visitTime: '' }, now)).toEqual({
      ok: false,
      errors: { visitTime: 'error.time' },
    });
  });

  it('refuses a visit before the warning it verifies, to the second', () => {
    const warnedAt = '2026-03-04T10:30:20+08:00';
    expect(checkVerification({ ...visit, visitTime: '10:30:19' }, now, warnedAt)).toEqual({
      ok: false,
      errors: { visitTime: 'error.beforeWarning' },
    });
    expect(checkVerification({ ...visit, visitTime: '10:30:20' }, now, warnedAt)).toMatchObject({
      ok: true,
      body: { visitedAt: '2026-03-04T10:30:20+08:00' },
    });
  });

  it('sends an assistance amount typed in yuan as whole fen, and leaves it out when empty', () => {
    expect(
      checkAssistance({ measureType: 'medical', description: '临时救助', amountYuan: '1,200.50' }),
    ).toEqual({
      ok: true,
      body: { measureType: 'medical', description: '临时救助', amountFen: 120_050 },
    });
    expect(checkAssistance({ measureType: 'employment', description: '公益岗位', amountYuan: ' ' })).toEqual({
      ok: true,
      body: { measureType: 'employment', description: '公益岗位' },
    });
  });

  it('names every bad assistance field', () => {
    expect(checkAssistance({ measureType: '', description: ' ', amountYuan: '12.345' })).toEqual({
      ok: false,
      errors: { measureType: 'error.required', description: 'error.required', amountYuan: 'error.amount' },
    });
  });

  it('wants a reason to mark the risk eliminated', () => {
    expect(checkElimination({ reason: '  ' })).toEqual({ ok: false, errors: { reason: 'error.required' } });
    expect(checkElimination({ reason: '收入稳定' })).toEqual({ ok: true, body: { reason: '收入稳定' } });
  });
});
