import { parseIsoDateTime, regionPrefix, type ParsedDateTime } from '@monitoring/domain';
import { z } from 'zod';

/** Query-string field schemas shared by the reporting routes. Every value arrives as a string. */

/**
 * `2026-03-01T00:00:00+08:00` written unencoded in a URL reaches us as `...00:00 08:00`: a `+` in a
 * query string means a space. That one misreading is undone; anything else must parse as it is.
 */
const restorePlusOffset = (value: string): string => value.replace(/^(\S+T[\d:.]+) (\d{2}:\d{2})$/, '$1+$2');

/** An instant written ISO 8601 with its UTC offset; parsed to the instant and its own offset. */
export const isoDateTimeParam = z.string().transform((raw, ctx): ParsedDateTime => {
  const parsed = parseIsoDateTime(restorePlusOffset(raw.trim()));
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.value;
});

/** A region code or prefix (2, 4, 6, 9 or 12 digits; zero-padded forms too), as its significant prefix. */
export const regionPrefixParam = z.string().transform((raw, ctx): string => {
  const prefix = regionPrefix(raw.trim());
  if (prefix === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'should be a region code or prefix of 2, 4, 6, 9 or 12 digits starting with a province code',
    });
    return z.NEVER;
  }
  return prefix;
});

/** A county: the 6-digit code of its area (province, city, county). */
export const countyParam = z.string().transform((raw, ctx): string => {
  const value = raw.trim();
  if (!/^\d{6}$/.test(value) || regionPrefix(value) === undefined) {
    ctx.addIssue({ code: 'custom', message: 'should be a 6-digit county code, e.g. 410423' });
    return z.NEVER;
  }
  return value;
});

export const booleanParam = z.string().transform((raw, ctx): boolean => {
  const value = raw.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  ctx.addIssue({ code: 'custom', message: 'should be true or false' });
  return z.NEVER;
});

/** A whole number in [min, max], written in decimal digits. */
export const integerParam = (min: number, max: number) =>
  z.string().transform((raw, ctx): number => {
    const value = raw.trim();
    if (!/^\d{1,9}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: `should be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    const number = Number(value);
    if (number < min || number > max) {
      ctx.addIssue({ code: 'custom', message: `should be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return number;
  });

/**
 * One or more values of an enumeration: `stage=open,verified` or `stage=open&stage=verified`.
 * Duplicates are dropped.
 */
export const enumListParam = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.string(), z.array(z.string())]).transform((raw, ctx): T[number][] => {
    const parts = (Array.isArray(raw) ? raw : [raw])
      .flatMap((part) => part.split(','))
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    if (parts.length === 0) {
      ctx.addIssue({ code: 'custom', message: `should name at least one of ${values.join(', ')}` });
      return z.NEVER;
    }
    const unknown = parts.filter((part) => !values.includes(part));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown value ${JSON.stringify(unknown[0].slice(0, 40))}; expected one of ${values.join(', ')}`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as T[number][];
  });
