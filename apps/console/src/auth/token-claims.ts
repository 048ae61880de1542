import { ROLES, type Role } from '../api/types';

export interface Session {
  token: string;
  sub: string;
  role: Role;
  region: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export type ReadToken =
  { ok: true; session: Session } | { ok: false; reason: 'format' | 'claims' | 'expired' };

function base64UrlJson(segment: string): unknown {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * Reads a pasted token's claims to know whom to show which pages. It does not verify the signature (the
 * API does, on every request); it only refuses what is plainly not a usable token.
 */
export function readToken(raw: string, now: Date): ReadToken {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const segments = token.split('.');
  if (segments.length !== 3 || segments.some((segment) => !/^[A-Za-z0-9_-]+$/.test(segment))) {
    return { ok: false, reason: 'format' };
  }
  let claims: unknown;
  try {
    claims = base64UrlJson(segments[1]);
  } catch {
    return { ok: false, reason: 'format' };
  }
  if (typeof claims !== 'object' || claims === null) return { ok: false, reason: 'claims' };
  const { sub, role, region, exp } = claims as Record<string, unknown>;
  if (
    typeof sub !== 'string' ||
    sub === '' ||
    typeof role !== 'string' ||
    !(ROLES as readonly string[]).includes(role) ||
    typeof region !== 'string' ||
    !/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(region) ||
    typeof exp !== 'number'
  ) {
    return { ok: false, reason: 'claims' };
  }
  if (exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, session: { token, sub, role: role as Role, region, expiresAt: exp } };
}
