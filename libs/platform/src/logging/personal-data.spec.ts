import { maskAuthorization, maskIdNumberValue, scrubPersonalData, scrubUrl } from './personal-data';

const id = '41042319900101123X';

describe('personal data in logs', () => {
  it('keeps the first six and last four characters of an ID number, as the API does', () => {
    expect(maskIdNumberValue(id)).toBe('410423********123X');
    expect(maskIdNumberValue(123)).toBe('***');
  });

  it('masks idNumber fields at any depth, in arrays too, whatever the spelling', () => {
    const record = {
      householdId: 'h-1',
      members: [
        { personId: 'p-1', idNumber: id },
        { personId: 'p-2', id_number: id },
      ],
      nested: { deeper: { IdNumber: id } },
    };
    const scrubbed = scrubPersonalData(record);
    expect(JSON.stringify(scrubbed)).not.toContain(id);
    expect(scrubbed.members[0]).toEqual({ personId: 'p-1', idNumber: '410423********123X' });
    expect(scrubbed.members[1].id_number).toBe('410423********123X');
    expect(scrubbed.nested.deeper.IdNumber).toBe('410423********123X');
    expect(scrubbed.householdId).toBe('h-1');
  });

  it('leaves the caller’s object untouched and returns clean objects as they are', () => {
    const record = { member: { idNumber: id } };
    scrubPersonalData(record);
    expect(record.member.idNumber).toBe(id);
    const clean = { a: 1, b: [{ c: 'x' }] };
    expect(scrubPersonalData(clean)).toBe(clean);
  });

  it('survives cycles and does not walk class instances', () => {
    const cyclic: Record<string, unknown> = { idNumber: id };
    cyclic.self = cyclic;
    expect((scrubPersonalData(cyclic) as { idNumber: string }).idNumber).toBe('410423********123X');
    const error = Object.assign(new Error('boom'), { idNumber: id });
    expect(scrubPersonalData({ err: error }).err).toBe(error);
  });

  it('masks idNumber query parameters in URLs', () => {
    expect(scrubUrl(`/api/v1/households?region=41&idNumber=${id}&page=2`)).toBe(
      '/api/v1/households?region=41&idNumber=410423********123X&page=2',
    );
    expect(scrubUrl('/api/v1/health')).toBe('/api/v1/health');
  });

  it('hides the credential of an Authorization header but keeps the scheme', () => {
    expect(maskAuthorization('Bearer eyJhbGciOi.payload.signature')).toBe('Bearer [redacted]');
    expect(maskAuthorization('opaque-token')).toBe('[redacted]');
  });
});
