export const LANGS = ['zh-CN', 'en'] as const;
/** Chinese first (issue 9); English for visitors and the bureau's foreign partners. */
export type Lang = (typeof LANGS)[number];
