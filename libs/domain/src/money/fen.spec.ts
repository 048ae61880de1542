import fc from 'fast-check';
import { fenProblem, formatFen, formatYuan, isFen, MAX_CLAIM_FEN, yuanToFen } from './fen';

describe('fen', () => {
  it('accepts whole, non-negative amounts up to the cap', () => {
    expect(fenProblem(0, MAX_CLAIM_FEN)).toBeUndefined();
    expect(fenProblem(MAX_CLAIM_FEN, MAX_CLAIM_FEN)).toBeUndefined();
    expect(isFen(1_420_000)).toBe(true);
  });

  it('rejects fractions, negatives, non-finite numbers and amounts over the cap, with a reason', () => {
    expect(fenProblem(14200.5, MAX_CLAIM_FEN)).toBe(
      'should be a whole number of fen (money is sent in fen, not yuan)',
    );
    expect(fenProblem(-1, MAX_CLAIM_FEN)).toBe('should not be negative');
    expect(fenProblem(Number.POSITIVE_INFINITY, MAX_CLAIM_FEN)).toBe('should be a finite number of fen');
    expect(fenProblem(MAX_CLAIM_FEN + 1, MAX_CLAIM_FEN)).toBe(
      'should be at most 10,000,000,000 fen (100,000,000 yuan)',
    );
    expect(isFen('100')).toBe(false);
  });

  it('formats fen and yuan with thousands separators', () => {
    expect(formatFen(1_420_000)).toBe('1,420,000');
    expect(formatYuan(1_420_000)).toBe('14,200');
    expect(formatYuan(1_420_005)).toBe('14,200.05');
    expect(formatYuan(99)).toBe('0.99');
    expect(formatYuan(-150)).toBe('-1.50');
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });

  it('converts yuan with up to two decimals to fen exactly', () => {
    expect(yuanToFen(8300)).toBe(830_000);
    expect(yuanToFen(8300.1)).toBe(830_010);
    expect(yuanToFen(0.29)).toBe(29);
    expect(() => yuanToFen(0.005)).toThrow(RangeError);
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 14 }), (fen) => yuanToFen(fen / 100) === fen));
  });
});
