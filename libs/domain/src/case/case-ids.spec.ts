import { caseEventId, caseIdFor } from './case-ids';

describe('case ids', () => {
  it('derives the case id as UUID v5 of the household and its case sequence', () => {
    // Python: uuid.uuid5(UUID('6a5c78ad-…'), '["case","H410423000001",1]'), computed independently.
    expect(caseIdFor('H410423000001', 1)).toBe('01c52e1a-5f5b-5407-b8f0-2af4a5084d97');
  });

  it('gives each case of a household, and each household, its own id', () => {
    const ids = new Set([caseIdFor('H1', 1), caseIdFor('H1', 2), caseIdFor('H2', 1), caseIdFor('H2', 2)]);
    expect(ids.size).toBe(4);
  });

  it('refuses a case sequence that is not a positive integer', () => {
    expect(() => caseIdFor('H1', 0)).toThrow(RangeError);
    expect(() => caseIdFor('H1', 1.5)).toThrow(RangeError);
  });

  it('derives event ids from the case and a key, keeping the parts apart', () => {
    expect(caseEventId('c-1', 'CaseOpened')).toBe('f383783f-fa03-5606-b6dc-c4fd66e26c1b');
    expect(caseEventId('c-1', 'a:b', 'c')).not.toBe(caseEventId('c-1', 'a', 'b:c'));
    expect(caseEventId('c-1', 'CaseEscalated', 'city')).not.toBe(caseEventId('c-2', 'CaseEscalated', 'city'));
  });
});
