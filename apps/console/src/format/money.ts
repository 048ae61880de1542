import type { Lang } from '../i18n/lang';

/** Money arrives in integer fen (DESIGN §3); the console shows yuan, never through a float. */

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `1234567` fen → `12,345.67`; whole yuan keep their `.00` so columns line up. */
export function yuanFromFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

/** `12,345.67 元` in Chinese, `¥12,345.67` in English. */
export function formatYuan(fen: number, lang: Lang): string {
  const amount = yuanFromFen(fen);
  if (lang === 'zh-CN') return `${amount} 元`;
  return amount.startsWith('-') ? `-¥${amount.slice(1)}` : `¥${amount}`;
}

export type ParsedFen = { ok: true; fen: number } | { ok: false; reason: 'format' | 'too_large' };

const MAX_FEN = 100_000_000_000; // a billion yuan: far beyond any single assistance measure

/**
 * What an officer types as a yuan amount (`1,200`, `1200.5`, `￥1200`) → whole fen, by string
 * arithmetic so that `0.1 + 0.2` problems cannot arise. Negative amounts and more than two decimals
 * are refused.
 */
export function parseYuanToFen(input: string): ParsedFen {
  const cleaned = input
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/\s*元$/, '')
    .trim();
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return { ok: false, reason: 'format' };
  const yuan = match[1].replaceAll(',', '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  if (yuan.length > 12) return { ok: false, reason: 'too_large' };
  const fen = Number(yuan) * 100 + Number(cents);
  if (fen > MAX_FEN) return { ok: false, reason: 'too_large' };
  return { ok: true, fen };
}
