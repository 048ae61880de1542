import { FACTOR_NAMES, format, MESSAGES } from './messages';

describe('messages', () => {
  it('has every text in both languages, with the same parameters', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, zh] of Object.entries(MESSAGES['zh-CN'])) {
      const en = MESSAGES.en[key as keyof (typeof MESSAGES)['en']];
      expect(en).toBeTruthy();
      expect([key, params(en)]).toEqual([key, params(zh)]);
    }
    expect(Object.keys(FACTOR_NAMES.en).sort()).toEqual(Object.keys(FACTOR_NAMES['zh-CN']).sort());
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(format('逾期 {days} 天', { days: 3 })).toBe('逾期 3 天');
    expect(format('{a} {b}', { a: 'x' })).toBe('x {b}');
  });
});
