/**
 * Statistical division codes (统计用区划代码, DOMAIN.md): 12 digits that nest by prefix —
 * province 2, city 2, county 2, township 3, village 3. Trailing all-zero parts mean "this unit itself"
 * (410000000000 is Henan province, 410423000000 Lushan county). Codes are reissued yearly, so only
 * the shape is checked here, never membership in one year's list.
 */

/** The 31 provincial-level divisions of the mainland, which is where rural households are monitored. */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
};

export const isProvinceCode = (code: string): boolean => Object.hasOwn(PROVINCE_CODES, code);

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

/**
 * Kinds by number range, per the statistical division code rules: townships 001–099 sub-districts,
 * 100–199 towns, 200–399 townships, 400–599 township-like units (state farms, development zones);
 * villages 001–199 residents' committees, 200–399 villagers' committees, 400–499 and 500–599 units
 * like them.
 */
export type TownshipKind = 'sub_district' | 'town' | 'township' | 'township_like';
export type VillageKind =
  'residents_committee' | 'villagers_committee' | 'residents_committee_like' | 'villagers_committee_like';

export interface RegionCode {
  readonly code: string;
  /** The most specific level the code names. */
  readonly level: RegionLevel;
  /** The code's significant prefix: 2, 4, 6, 9 or 12 digits (county digits may be 00, see below). */
  readonly prefix: string;
  readonly provinceCode: string;
  /** 4-digit city prefix, when the code is below province level. */
  readonly cityCode?: string;
  /** 6-digit county prefix, when the code is below city level. */
  readonly countyCode?: string;
  /** 9-digit township prefix, when the code is at township or village level. */
  readonly townshipCode?: string;
  readonly townshipKind?: TownshipKind;
  readonly villageKind?: VillageKind;
}

export type RegionCodeParse = { ok: true; value: RegionCode } | { ok: false; reason: string };

/** The kind of a part by the range it falls in: `[upper bound (exclusive), kind]`, ascending. */
const kindByRange =
  <K>(ranges: readonly (readonly [number, K])[]) =>
  (part: number): K | undefined =>
    part < 1 ? undefined : ranges.find(([below]) => part < below)?.[1];

const townshipKindOf = kindByRange<TownshipKind>([
  [100, 'sub_district'],
  [200, 'town'],
  [400, 'township'],
  [600, 'township_like'],
]);

const villageKindOf = kindByRange<VillageKind>([
  [200, 'residents_committee'],
  [400, 'villagers_committee'],
  [500, 'residents_committee_like'],
  [600, 'villagers_committee_like'],
]);

const TWELVE_DIGITS = /^\d{12}$/;

/**
 * Parses a 12-digit code and checks its nesting: a zero part may only be followed by zero parts, with
 * one exception — county `00` under a city with townships, for the prefecture-level cities that have
 * no counties (东莞 4419, 中山 4420, 儋州 4604, 嘉峪关 6202): 441900003000 is a sub-district of Dongguan.
 */
export const parseRegionCode = (code: string): RegionCodeParse => {
  if (!TWELVE_DIGITS.test(code)) return { ok: false, reason: 'should be 12 digits' };
  const province = code.slice(0, 2);
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  const township = Number(code.slice(6, 9));
  const village = Number(code.slice(9, 12));
  if (!isProvinceCode(province)) {
    return { ok: false, reason: `province part ${province} is not a mainland province code` };
  }
  const townshipKind = townshipKindOf(township);
  const villageKind = villageKindOf(village);
  if (township >= 600)
    return { ok: false, reason: `township part ${code.slice(6, 9)} is out of range (001–599)` };
  if (village >= 600)
    return { ok: false, reason: `village part ${code.slice(9, 12)} is out of range (001–599)` };

  if (city === '00') {
    if (code.slice(4) !== '00000000')
      return { ok: false, reason: 'city part is 00 but a lower part is not zero' };
    return { ok: true, value: { code, level: 'province', prefix: province, provinceCode: province } };
  }
  const cityCode = code.slice(0, 4);
  if (township === 0) {
    if (village !== 0) return { ok: false, reason: 'township part is 000 but the village part is not' };
    return county === '00'
      ? { ok: true, value: { code, level: 'city', prefix: cityCode, provinceCode: province, cityCode } }
      : {
          ok: true,
          value: {
            code,
            level: 'county',
            prefix: code.slice(0, 6),
            provinceCode: province,
            cityCode,
            countyCode: code.slice(0, 6),
          },
        };
  }
  const countyCode = code.slice(0, 6);
  const townshipCode = code.slice(0, 9);
  const base = { code, provinceCode: province, cityCode, countyCode, townshipCode, townshipKind };
  return village === 0
    ? { ok: true, value: { ...base, level: 'township', prefix: townshipCode } }
    : { ok: true, value: { ...base, level: 'village', prefix: code, villageKind } };
};

export const isValidRegionCode = (code: string): boolean => parseRegionCode(code).ok;

export const REGION_PREFIX_LENGTHS: readonly number[] = [2, 4, 6, 9, 12];
const DIGITS = /^\d+$/;

/**
 * The significant prefix of a region code or prefix (2, 4, 6, 9 or 12 digits), with trailing all-zero
 * parts removed: '410000' and '410000000000' both give '41'. Undefined when it is not one.
 */
export const regionPrefix = (codeOrPrefix: string): string | undefined => {
  if (!DIGITS.test(codeOrPrefix) || !REGION_PREFIX_LENGTHS.includes(codeOrPrefix.length)) return undefined;
  if (!isProvinceCode(codeOrPrefix.slice(0, 2))) return undefined;
  let prefix = codeOrPrefix;
  while (prefix.length > 2) {
    const cut = REGION_PREFIX_LENGTHS[REGION_PREFIX_LENGTHS.indexOf(prefix.length) - 1];
    if (!/^0+$/.test(prefix.slice(cut))) break;
    prefix = prefix.slice(0, cut);
  }
  return prefix;
};

/**
 * The region code lies within the area a prefix names: a province (2 digits), city (4), county (6),
 * township (9) or village (12); zero-padded forms work too ('410000' = '41'). An invalid code or prefix
 * is within nothing, so a malformed filter never widens what a user may see.
 */
export const isWithin = (regionCode: string, prefix: string): boolean => {
  const parsed = parseRegionCode(regionCode);
  const area = regionPrefix(prefix);
  return parsed.ok && area !== undefined && regionCode.startsWith(area);
};
