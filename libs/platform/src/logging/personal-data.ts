import { maskIdNumber } from '@monitoring/domain';
/** Field names that hold a resident ID number (身份证号), in any casing or snake_case. */
const ID_NUMBER_KEY = /^id_?number$/i;
const MAX_DEPTH = 10;

/** An ID number in a log line: the first 6 and last 4 characters kept, as in every API answer (DESIGN §8). */
export function maskIdNumberValue(value: unknown): string {
  return maskIdNumber(String(value));
}

/** Hides the credential of an Authorization header but keeps its scheme (`Bearer [redacted]`). */
export function maskAuthorization(value: unknown): string {
  const scheme = /^\s*(\S+)\s+\S/.exec(String(value))?.[1];
  return scheme ? `${scheme} [redacted]` : '[redacted]';
}

/**
 * Returns a copy of a log object in which every `idNumber` field, at any depth, is masked. Only plain
 * objects and arrays are walked (requests, errors and buffers have their own serializers), and
 * objects that need no change are returned as they are.
 */
export function scrubPersonalData<T>(value: T): T {
  return scrub(value, 0, new WeakSet()) as T;
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || seen.has(value)) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    let changed = false;
    const copy = value.map((item) => {
      const next = scrub(item, depth + 1, seen);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? copy : value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  seen.add(value);
  let copy: Record<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value)) {
    const next =
      ID_NUMBER_KEY.test(key) && inner !== null && inner !== undefined && typeof inner !== 'object'
        ? maskIdNumberValue(inner)
        : scrub(inner, depth + 1, seen);
    if (next !== inner) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = next;
    }
  }
  return copy ?? value;
}

/** Masks `idNumber` query parameters in a logged URL. */
export function scrubUrl(url: string): string {
  return url.replace(
    /([?&]id_?number=)([^&#]*)/gi,
    (_all, name: string, value: string) => name + maskIdNumberValue(decodeURIComponentSafe(value)),
  );
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
