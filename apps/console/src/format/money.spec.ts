import { formatYuan, parseYuanToFen, yuanFromFen } from './money';

describe('money', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [99_999, '999.99'],
    [100_000, '1,000.00'],
    [1_234_567, '12,345.67'],
    [1_420_000, '14,200.00'],
    [123_456_789_012, '1,234,567,890.12'],
    [-250_050, '-2,500.50'],
  ])('shows %i fen as %s yuan', (fen, yuan) => {
    expect(yuanFromFen(fen)).toBe(yuan);
  });

  it('refuses fractions of a fen', () => {
    expect(() => yuanFromFen(1.5)).toThrow(RangeError);
  });

  it('labels yuan in each language', () => {
    expect(formatYuan(1_420_000, 'zh-CN')).toBe('14,200.00 元');
    expect(formatYuan(1_420_000, 'en')).toBe('¥14,200.00');
    expect(formatYuan(-100, 'en')).toBe('-¥1.00');
  });

  it.each([
    ['1200', 120_000],
    ['1,200', 120_000],
    ['1,200.5', 120_050],
    ['0.07', 7],
    ['￥3,000', 300_000],
    ['800 元', 80_000],
    [' 12345678.99 ', 1_234_567_899],
  ])('reads %j as %i fen', (input, fen) => {
    expect(parseYuanToFen(input)).toEqual({ ok: true, fen });
  });

  it.each(['', 'abc', '-5', '1.234', '1,20', '12,34,567', '1e5', '.5'])('refuses %j', (input) => {
    expect(parseYuanToFen(input)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses absurd amounts', () => {
    expect(parseYuanToFen('9999999999999')).toEqual({ ok: false, reason: 'too_large' });
  });
});
