import { CALLERS, SecurityApp } from './support/security-app';

interface AccessLogPage {
  items: { user: string; householdId: string | null; clientAddress: string | null }[];
}

const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$|^::1$/;

/** Who the client is, as the access log records it, with and without a trusted reverse proxy. */
describe.each([
  ['with TRUST_PROXY=loopback', { TRUST_PROXY: 'loopback' }, true],
  ['without TRUST_PROXY', {}, false],
])('the client address %s', (_label, env, trusted) => {
  let app: SecurityApp;

  beforeAll(async () => {
    app = await SecurityApp.start(trusted ? 'trust_proxy' : 'no_trust_proxy', {
      ...env,
      RATE_LIMIT_READS_PER_MINUTE: '0',
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  async function loggedAddress(householdId: string, forwardedFor?: string): Promise<string | null> {
    const read = app.get(`/api/v1/households/${householdId}`, CALLERS.countyOfficer);
    await (forwardedFor ? read.set('X-Forwarded-For', forwardedFor) : read).expect(404);
    const page = (
      await app.get(`/api/v1/audit/access-log?household=${householdId}`, CALLERS.admin).expect(200)
    ).body as AccessLogPage;
    expect(page.items).toHaveLength(1);
    return page.items[0].clientAddress;
  }

  it(
    trusted ? 'is the one the proxy forwards' : 'is the connecting one, whatever X-Forwarded-For says',
    async () => {
      const address = await loggedAddress('proxied-read', '198.51.100.23, 203.0.113.7');
      if (trusted) expect(address).toBe('203.0.113.7');
      else expect(address).toMatch(LOOPBACK);
    },
  );

  it('is the connecting one when no proxy forwards', async () => {
    expect(await loggedAddress('direct-read')).toMatch(LOOPBACK);
  });
});
