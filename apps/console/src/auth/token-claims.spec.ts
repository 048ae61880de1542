import { readToken } from './token-claims';

const encode = (value: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const tokenWith = (claims: unknown) =>
  `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
const now = new Date('2026-03-05T12:00:00Z');
const exp = Math.floor(now.getTime() / 1000) + 3600;

describe('reading a pasted token', () => {
  it('reads who the user is and when the token expires', () => {
    const token = tokenWith({ sub: '官员-17', role: 'county_officer', region: '410423', exp });
    expect(readToken(`  Bearer ${token} `, now)).toEqual({
      ok: true,
      session: { token, sub: '官员-17', role: 'county_officer', region: '410423', expiresAt: exp },
    });
  });

  it('refuses what is not a token', () => {
    expect(readToken('hello', now)).toEqual({ ok: false, reason: 'format' });
    expect(readToken('a.b!.c', now)).toEqual({ ok: false, reason: 'format' });
    expect(readToken('aaa.bbb.ccc', now)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses tokens without the claims the API needs', () => {
    expect(readToken(tokenWith({ sub: 'x', role: 'mayor', region: '41', exp }), now)).toEqual({
      ok: false,
      reason: 'claims',
    });
    expect(readToken(tokenWith({ sub: 'x', role: 'bureau', region: '4', exp }), now)).toEqual({
      ok: false,
      reason: 'claims',
    });
    expect(readToken(tokenWith({ sub: 'x', role: 'bureau', region: '41' }), now)).toEqual({
      ok: false,
      reason: 'claims',
    });
  });

  it('refuses an expired token', () => {
    expect(readToken(tokenWith({ sub: 'x', role: 'bureau', region: '41', exp: exp - 7200 }), now)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});
