import type { Random } from './random';

/** Common surnames in Henan, roughly by frequency. */
// prettier-ignore
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 80], ['李', 75], ['张', 72], ['刘', 60], ['陈', 35], ['杨', 32], ['赵', 28], ['郭', 22], ['黄', 14], ['周', 16],
  ['吴', 12], ['孙', 18], ['马', 16], ['朱', 12], ['胡', 10], ['高', 14], ['徐', 10], ['何', 6], ['宋', 12], ['郑', 8],
  ['梁', 8], ['韩', 10], ['冯', 8], ['曹', 8], ['许', 8], ['程', 6], ['袁', 5], ['邓', 4], ['彭', 4], ['田', 8],
  ['董', 7], ['潘', 3], ['魏', 7], ['范', 6], ['贾', 6], ['岳', 4], ['崔', 5], ['付', 6], ['任', 5], ['杜', 6],
];

// prettier-ignore
const MALE_GIVEN = [
  '伟', '强', '军', '磊', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '建', '国', '华', '志', '文', '斌', '鹏', '浩',
  '宇', '俊', '家', '豪', '轩', '博', '德', '福', '振', '海', '春', '生', '保', '全', '东', '新', '永', '长', '红', '民',
];
// prettier-ignore
const FEMALE_GIVEN = [
  '芳', '娟', '敏', '静', '丽', '艳', '霞', '秀', '英', '玲', '梅', '燕', '萍', '红', '桂', '兰', '欣', '怡', '雨', '涵',
  '梓', '琪', '佳', '悦', '凤', '荣', '花', '香', '莲', '珍', '云', '翠', '素', '爱', '彩', '金', '巧', '月', '晓', '婷',
];

export const pickSurname = (random: Random): string => random.weighted(SURNAMES);

/** One or two characters, never the same one twice. */
export const pickGivenName = (random: Random, male: boolean): string => {
  const characters = male ? MALE_GIVEN : FEMALE_GIVEN;
  const first = random.pick(characters);
  if (random.chance(0.3)) return first;
  const second = random.pick(characters);
  return second === first ? first : first + second;
};
