import type { ValueTransformer } from 'typeorm';

/**
 * pg returns bigint as a string (it can exceed 2^53). Fen amounts and log positions that stay within
 * Number.MAX_SAFE_INTEGER are read as numbers; anything larger fails loudly rather than losing digits.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const number = Number(value);
    if (!Number.isSafeInteger(number)) throw new RangeError(`bigint ${value} exceeds the safe integer range`);
    return number;
  },
};
