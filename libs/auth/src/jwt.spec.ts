import jwt from 'jsonwebtoken';
import { InvalidToken, signToken, verifyToken } from './jwt';

const secret = 'test-secret-of-enough-length-0123456789';
const officer = { sub: 'officer-17', role: 'county_officer' as const, region: '410423' };

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidToken) return err.reason;
    throw err;
  }
  throw new Error('expected the token to be refused');
}

describe('JWT verification', () => {
  it('accepts a token it signed and returns the claims', () => {
    expect(verifyToken(signToken(officer, secret), secret)).toEqual(officer);
  });

  it('accepts a token signed elsewhere with the same secret, whichever secret it checked last', () => {
    const token = jwt.sign({ ...officer }, secret, { algorithm: 'HS256' });
    expect(reasonOf(() => verifyToken(token, 'another-secret-another-secret-000'))).toMatch(
      /invalid signature/,
    );
    expect(verifyToken(token, secret)).toEqual(officer);
  });

  it('refuses an expired token', () => {
    const token = signToken(officer, secret, { expiresInSeconds: 60, now: new Date('2026-01-01T00:00:00Z') });
    expect(reasonOf(() => verifyToken(token, secret, new Date('2026-01-01T00:02:00Z')))).toBe(
      'token expired',
    );
  });

  it('refuses an unsigned token (alg: none)', () => {
    const token = jwt.sign({ ...officer }, '', { algorithm: 'none' });
    expect(reasonOf(() => verifyToken(token, secret))).toMatch(/invalid token/);
  });

  it('refuses a token signed with another secret', () => {
    const token = signToken(officer, 'another-secret-another-secret-000');
    expect(reasonOf(() => verifyToken(token, secret))).toMatch(/invalid signature/);
  });

  it('refuses a token signed with another algorithm family', () => {
    const token = jwt.sign({ ...officer }, secret, { algorithm: 'HS512' });
    expect(reasonOf(() => verifyToken(token, secret))).toMatch(/invalid algorithm/);
  });

  it.each([
    ['sub', { role: 'county_officer', region: '410423' }],
    ['role', { sub: 'x', region: '410423' }],
    ['region', { sub: 'x', role: 'county_officer' }],
  ])('refuses a token missing the %s claim', (claim, payload) => {
    const token = jwt.sign(payload, secret, { algorithm: 'HS256' });
    expect(reasonOf(() => verifyToken(token, secret))).toMatch(
      new RegExp(`invalid token claims: .*${claim}`),
    );
  });

  it('refuses an unknown role and a malformed region', () => {
    const badRole = jwt.sign({ sub: 'x', role: 'root', region: '41' }, secret, { algorithm: 'HS256' });
    expect(reasonOf(() => verifyToken(badRole, secret))).toMatch(/role must be one of/);
    const badRegion = jwt.sign({ sub: 'x', role: 'bureau', region: '4104x' }, secret, { algorithm: 'HS256' });
    expect(reasonOf(() => verifyToken(badRegion, secret))).toMatch(/region must be/);
  });
});
