import { bullConnection } from './bullmq-connection';

describe('bullConnection', () => {
  it('takes host, port, credentials, database and TLS from the URL', () => {
    expect(bullConnection('rediss://ops:p%40ss@cache.example:6380/3')).toEqual({
      host: 'cache.example',
      port: 6380,
      username: 'ops',
      password: 'p@ss',
      db: 3,
      tls: {},
      maxRetriesPerRequest: null,
      disconnectTimeout: 500,
    });
  });

  it('defaults the port, leaves out what the URL does not give and unwraps IPv6 hosts', () => {
    expect(bullConnection('redis://[::1]')).toEqual({
      host: '::1',
      port: 6379,
      maxRetriesPerRequest: null,
      disconnectTimeout: 500,
    });
    expect(bullConnection('redis://127.0.0.1:6379/')).toEqual({
      host: '127.0.0.1',
      port: 6379,
      maxRetriesPerRequest: null,
      disconnectTimeout: 500,
    });
  });
});
