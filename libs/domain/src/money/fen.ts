/**
 * Money is an integer number of fen (0.01 yuan) everywhere, never a float (DESIGN §3).
 *
 * The caps below reject absurd amounts at the border. They sit far above any real figure and far below
 * 2^53, so sums of several amounts stay exact; what they catch is a unit mistake (yuan × 10,000 sent
 * as fen) or garbage.
 */
export type Fen = number;

export const FEN_PER_YUAN = 100;

/** One claim and each of its parts: 10^10 fen = 100 million yuan. */
export const MAX_CLAIM_FEN: Fen = 10_000_000_000;
/** A disaster loss: 10^12 fen = 10 billion yuan. */
export const MAX_LOSS_FEN: Fen = 1_000_000_000_000;
/** An income figure (a household's yearly or monthly income, per-capita income): 10^12 fen. */
export const MAX_INCOME_FEN: Fen = 1_000_000_000_000;

/** Why a value is not an amount of fen within `max`, or undefined when it is one. */
export const fenProblem = (value: number, max: Fen): string | undefined => {
  if (!Number.isFinite(value)) return 'should be a finite number of fen';
  if (!Number.isInteger(value)) return 'should be a whole number of fen (money is sent in fen, not yuan)';
  if (value < 0) return 'should not be negative';
  if (value > max) return `should be at most ${formatFen(max)} fen (${formatYuan(max)} yuan)`;
  return undefined;
};

/** A non-negative whole number of fen, within `max` when given. */
export const isFen = (value: unknown, max: Fen = Number.MAX_SAFE_INTEGER): value is Fen =>
  typeof value === 'number' && fenProblem(value, max) === undefined;

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * `groupThousands` of a whole number's decimal digits, by slicing rather than a lookahead regex:
 * explanations format several amounts on every assessment.
 */
const groupDigits = (digits: string): string => {
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let index = grouped.length; index < digits.length; index += 3) {
    grouped += `,${digits.slice(index, index + 3)}`;
  }
  return grouped;
};

/** `1,420,000`: a fen figure with thousands separators. */
export const formatFen = (fen: Fen): string =>
  `${fen < 0 ? '-' : ''}${groupThousands(String(Math.abs(fen)))}`;

/**
 * Yuan with thousands separators, for explanations: 1_420_000 fen → `14,200`, 1_420_050 → `14,200.50`.
 * Throws RangeError for a fractional number of fen, which would be a bug upstream of the call.
 */
export const formatYuan = (fen: Fen): string => {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const magnitude = Math.abs(fen);
  const whole = groupDigits(String(Math.floor(magnitude / FEN_PER_YUAN)));
  const cents = magnitude % FEN_PER_YUAN;
  return `${fen < 0 ? '-' : ''}${whole}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`;
};

/**
 * Fen of a yuan figure with at most two decimals, as written in policies (8,300 yuan → 830,000 fen).
 * Throws RangeError for finer amounts rather than rounding money silently.
 */
export const yuanToFen = (yuan: number): Fen => {
  const fen = Math.round(yuan * FEN_PER_YUAN);
  // Tolerance of a few units in the last place: 8300.1 × 100 is 830010.0000000001 in binary floating point.
  const tolerance = Math.abs(fen) * 4 * Number.EPSILON + 1e-9;
  if (!Number.isSafeInteger(fen) || Math.abs(fen - yuan * FEN_PER_YUAN) > tolerance) {
    throw new RangeError(`not a yuan amount with at most two decimals: ${yuan}`);
  }
  return fen;
};
