/** The console's only way to the server: the public API with the user's bearer token (no back door). */

export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** A file, fetched with the token (a bare link would carry none). */
  download(path: string): Promise<Blob>;
}

export const API_BASE = '/api/v1';

async function errorOf(response: Response): Promise<ApiError> {
  let body: { message?: unknown; code?: unknown; issues?: unknown } = {};
  try {
    body = await response.json();
  } catch {
    // not JSON: keep the status line
  }
  const message = Array.isArray(body.message)
    ? body.message.join('; ')
    : typeof body.message === 'string'
      ? body.message
      : response.statusText;
  const issues = Array.isArray(body.issues)
    ? body.issues.filter(
        (issue): issue is FieldIssue =>
          typeof issue === 'object' && issue !== null && typeof issue.field === 'string',
      )
    : [];
  return new ApiError(
    response.status,
    message,
    typeof body.code === 'string' ? body.code : undefined,
    issues,
  );
}

/** `onUnauthorized` runs on any 401 (expired or revoked token): the console then asks for a new one. */
export function createApiClient(token: string | null, onUnauthorized: () => void): ApiClient {
  async function send(path: string, init: RequestInit, accept: string): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Accept', accept);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetch(`${API_BASE}${path}`, { ...init, headers, credentials: 'omit' });
    } catch {
      throw new ApiError(0, 'network');
    }
    if (response.status === 401 && token) onUnauthorized();
    if (!response.ok) throw await errorOf(response);
    return response;
  }
  return {
    async get<T>(path: string): Promise<T> {
      return (await send(path, { method: 'GET' }, 'application/json')).json() as Promise<T>;
    },
    async post<T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
      const response = await send(
        path,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify(body ?? {}),
        },
        'application/json',
      );
      return response.json() as Promise<T>;
    },
    async download(path: string): Promise<Blob> {
      return (await send(path, { method: 'GET' }, '*/*')).blob();
    },
  };
}
