import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { authClaimsSchema, type AuthUser } from './auth-user';

export class InvalidToken extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidToken';
  }
}

let lastKey: { secret: string; key: KeyObject } | null = null;

/**
 * The secret as a key object, made once: given the bare string, jsonwebtoken first tries it as a
 * public key and builds the error of that failure, about half a millisecond on every request.
 */
function secretKeyOf(secret: string): KeyObject {
  if (lastKey?.secret !== secret) lastKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return lastKey.key;
}

/** Verifies an HS256 token; `alg: none`, other algorithms, a wrong signature, expiry or missing claims fail. */
export function verifyToken(token: string, secret: string, now: Date = new Date()): AuthUser {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secretKeyOf(secret), {
      algorithms: ['HS256'],
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) throw new InvalidToken('token expired');
    if (err instanceof jwt.JsonWebTokenError) throw new InvalidToken(`invalid token: ${err.message}`);
    throw err;
  }
  if (typeof payload === 'string') throw new InvalidToken('invalid token: payload is not a JSON object');
  const claims = authClaimsSchema.safeParse(payload);
  if (!claims.success) {
    throw new InvalidToken(
      `invalid token claims: ${claims.error.issues.map((i) => `${i.path.join('.') || 'token'}: ${i.message}`).join('; ')}`,
    );
  }
  return claims.data;
}

export interface SignOptions {
  /** Lifetime in seconds (default 12 hours: one working day). */
  expiresInSeconds?: number;
  now?: Date;
}

export function signToken(user: AuthUser, secret: string, options: SignOptions = {}): string {
  const claims = authClaimsSchema.parse(user);
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return jwt.sign({ ...claims, iat }, secretKeyOf(secret), {
    algorithm: 'HS256',
    expiresIn: options.expiresInSeconds ?? 12 * 3600,
  });
}
