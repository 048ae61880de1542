import { setTimeout as sleep } from 'node:timers/promises';
import { signToken, type AuthUser } from '@monitoring/auth';

/** The callers the demo plays. */
export const demoUsers = {
  feed: (province: string): AuthUser => ({ sub: 'demo-department-feed', role: 'ingest', region: province }),
  staff: (province: string): AuthUser => ({
    sub: 'demo-province-staff',
    role: 'province_staff',
    region: province,
  }),
  admin: (province: string): AuthUser => ({ sub: 'demo-admin', role: 'admin', region: province }),
  bureau: (province: string): AuthUser => ({ sub: 'demo-bureau', role: 'bureau', region: province }),
  officer: (county: string): AuthUser => ({
    sub: `demo-officer-${county}`,
    role: 'county_officer',
    region: county,
  }),
};

export class DemoApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DemoApiError';
  }
}

/** Attempts of one request that is answered 429 or 503 (both say to come back later). */
const ATTEMPTS = 5;

/**
 * The public HTTP API as the demo's users call it, each with a bearer token signed with the configured
 * secret. Errors carry the status and the API's message.
 */
export class DemoApi {
  private readonly tokens = new Map<string, string>();

  constructor(
    /** `http://host:port/api/v1` */
    readonly base: string,
    private readonly jwtSecret: string,
  ) {}

  token(user: AuthUser): string {
    const key = `${user.role}/${user.region}/${user.sub}`;
    let token = this.tokens.get(key);
    if (token === undefined) {
      token = signToken(user, this.jwtSecret);
      this.tokens.set(key, token);
    }
    return token;
  }

  get<T>(path: string, user: AuthUser): Promise<T> {
    return this.request<T>('GET', path, user);
  }

  post<T>(path: string, user: AuthUser, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, user, body === undefined ? undefined : JSON.stringify(body));
  }

  /** POST with a body already serialised (the ingest batches are built as text). */
  postText<T>(path: string, user: AuthUser, json: string): Promise<T> {
    return this.request<T>('POST', path, user, json);
  }

  /** A text endpoint outside the API prefix (`/metrics`, public unless configured for admins only). */
  async text(pathFromRoot: string, user: AuthUser): Promise<string> {
    const response = await fetch(new URL(pathFromRoot, this.base).toString(), {
      headers: { authorization: `Bearer ${this.token(user)}` },
    });
    if (!response.ok) throw new DemoApiError(response.status, `GET ${pathFromRoot} -> ${response.status}`);
    return response.text();
  }

  private async request<T>(method: string, path: string, user: AuthUser, body?: string): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token(user)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body,
      });
      if (response.ok) return (await response.json()) as T;
      const retryAfter = Number(response.headers.get('retry-after') ?? '1');
      if ((response.status === 429 || response.status === 503) && attempt < ATTEMPTS) {
        await response.body?.cancel();
        await sleep(Math.min(Number.isFinite(retryAfter) ? retryAfter : 1, 10) * 1000);
        continue;
      }
      const text = await response.text();
      let message = text.slice(0, 300);
      try {
        const parsed = JSON.parse(text) as { message?: unknown };
        if (parsed.message !== undefined) message = JSON.stringify(parsed.message).slice(0, 300);
      } catch {
        // not JSON: keep the text
      }
      throw new DemoApiError(
        response.status,
        `${method} ${path} as ${user.role} -> ${response.status}: ${message}`,
      );
    }
  }
}
