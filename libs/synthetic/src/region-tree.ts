import { Random } from './random';

/**
 * The synthetic province's statistical divisions under province 41 (Henan): its real prefecture
 * cities, and counties, townships and villages with valid 12-digit codes. The tree grows with the
 * number of households (a sample of a province, not all 47,000 villages), so a small run still
 * spreads over several counties and a million-household run has all 155 of Henan's prefecture cities' county-level divisions.
 */

export const PROVINCE_CODE = '41';

/** Henan's prefecture cities with their number of county-level divisions. */
const HENAN_CITIES: readonly (readonly [code: string, name: string, counties: number])[] = [
  ['01', '郑州市', 12],
  ['02', '开封市', 9],
  ['03', '洛阳市', 13],
  ['04', '平顶山市', 10],
  ['05', '安阳市', 9],
  ['06', '鹤壁市', 5],
  ['07', '新乡市', 12],
  ['08', '焦作市', 10],
  ['09', '濮阳市', 6],
  ['10', '许昌市', 6],
  ['11', '漯河市', 5],
  ['12', '三门峡市', 6],
  ['13', '南阳市', 13],
  ['14', '商丘市', 9],
  ['15', '信阳市', 10],
  ['16', '周口市', 10],
  ['17', '驻马店市', 10],
];

const MAX_COUNTIES = HENAN_CITIES.reduce((sum, [, , counties]) => sum + counties, 0);

export type CountyKind = 'district' | 'county' | 'county_city';
/** 001–099 sub-districts, 100–199 towns, 200–399 townships. */
export type TownshipKind = 'subdistrict' | 'town' | 'township';
/** 001–199 residents' committees, 200–399 villagers' committees. */
export type VillageKind = 'residents_committee' | 'villagers_committee';

export interface Village {
  code: string;
  name: string;
  kind: VillageKind;
}
export interface Township {
  code: string;
  name: string;
  kind: TownshipKind;
  villages: Village[];
}
export interface County {
  code: string;
  name: string;
  kind: CountyKind;
  /** The county tops up in-county inpatient bills of low-income people to a 10% out-of-pocket cap. */
  outOfPocketCap: boolean;
  townships: Township[];
}
export interface City {
  code: string;
  name: string;
  counties: County[];
}
export interface RegionTree {
  provinceCode: string;
  cities: City[];
}

/** A village where households live, with the county it belongs to. */
export interface VillagePlace {
  village: Village;
  county: County;
}

// prettier-ignore
const NAME_SYLLABLES = [
  '东', '西', '南', '北', '新', '安', '永', '和', '平', '兴', '丰', '宁', '汝', '伊', '洛', '淮', '颍', '清', '河', '山',
  '石', '金', '杨', '柳', '桥', '庄', '集', '岗', '寨', '营', '堂', '湾', '口', '店', '坡', '湖', '泉', '阳', '林', '城',
  '龙', '凤', '马', '白', '黄', '高', '王', '李', '张', '刘', '陈', '赵', '孙', '周', '吴', '郭', '朱', '徐', '胡', '宋',
];

/** How many counties a province of this many households is spread over. */
export const countyCountFor = (households: number): number =>
  Math.max(1, Math.min(MAX_COUNTIES, Math.round(Math.sqrt(households) / 4)));

export const buildRegionTree = (seed: string, households: number): RegionTree => {
  const random = Random.derive(seed, 'regions');
  const countyCount = countyCountFor(households);
  const householdsPerCounty = households / countyCount;
  const villagesPerCounty = Math.max(4, Math.min(400, Math.round(householdsPerCounty / 25)));
  const townshipsPerCounty = Math.max(1, Math.min(30, Math.round(Math.sqrt(villagesPerCounty))));
  const allocation = allocateCounties(countyCount);
  const cities: City[] = [];
  HENAN_CITIES.forEach(([cityDigits, cityName], index) => {
    const count = allocation[index] ?? 0;
    if (count === 0) return;
    const cityCode = PROVINCE_CODE + cityDigits;
    const counters: Record<CountyKind, number> = { district: 1, county: 20, county_city: 80 };
    const counties: County[] = [];
    for (let i = 0; i < count; i += 1) {
      const kind = random.weighted<CountyKind>([
        ['county', 70],
        ['county_city', 20],
        ['district', 10],
      ]);
      counters[kind] += 1;
      const code = cityCode + pad(counters[kind], 2);
      const name = placeName(random) + (kind === 'county' ? '县' : kind === 'county_city' ? '市' : '区');
      const townshipCount = Math.max(1, townshipsPerCounty + random.int(-1, 1));
      const villagesPerTownship = Math.max(1, Math.round(villagesPerCounty / townshipCount));
      counties.push({
        code,
        name,
        kind,
        outOfPocketCap: random.chance(0.3),
        townships: buildTownships(random, code, townshipCount, villagesPerTownship, kind),
      });
    }
    cities.push({ code: cityCode, name: cityName, counties });
  });
  return { provinceCode: PROVINCE_CODE, cities };
};

/** Largest-remainder allocation of counties to cities, proportional to each city's real count. */
const allocateCounties = (countyCount: number): number[] => {
  const shares = HENAN_CITIES.map(([, , counties]) => (counties * countyCount) / MAX_COUNTIES);
  const allocation = shares.map((share) => Math.floor(share));
  let missing = countyCount - allocation.reduce((sum, count) => sum + count, 0);
  const byRemainder = shares.map((share, index) => ({ index, remainder: share - Math.floor(share) }));
  byRemainder.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing === 0) break;
    allocation[index] = (allocation[index] ?? 0) + 1;
    missing -= 1;
  }
  return allocation;
};

const buildTownships = (
  random: Random,
  countyCode: string,
  count: number,
  villagesPerTownship: number,
  countyKind: CountyKind,
): Township[] => {
  const next: Record<TownshipKind, number> = { subdistrict: 0, town: 100, township: 200 };
  const urban = countyKind === 'district' ? 40 : countyKind === 'county_city' ? 15 : 8;
  const townships: Township[] = [];
  for (let i = 0; i < count; i += 1) {
    // Every county seat is a sub-district or town; the rest are mostly rural towns and townships.
    const kind: TownshipKind =
      i === 0
        ? countyKind === 'county'
          ? 'town'
          : 'subdistrict'
        : random.weighted<TownshipKind>([
            ['subdistrict', urban],
            ['town', 55],
            ['township', 45 - urban / 2],
          ]);
    next[kind] += 1;
    const code = countyCode + pad(next[kind], 3);
    const suffix = kind === 'subdistrict' ? '街道' : kind === 'town' ? '镇' : '乡';
    const villageCount = Math.max(1, villagesPerTownship + random.int(-2, 2));
    townships.push({
      code,
      name: placeName(random) + suffix,
      kind,
      villages: buildVillages(random, code, villageCount, kind),
    });
  }
  return townships;
};

const buildVillages = (
  random: Random,
  townshipCode: string,
  count: number,
  kind: TownshipKind,
): Village[] => {
  const residentsShare = kind === 'subdistrict' ? 0.7 : kind === 'town' ? 0.12 : 0.03;
  let residents = 0;
  let villagers = 199;
  const villages: Village[] = [];
  for (let i = 0; i < count; i += 1) {
    const residential = random.chance(residentsShare) && residents < 199;
    if (!residential && villagers >= 399) break;
    const number = residential ? (residents += 1) : (villagers += 1);
    villages.push({
      code: townshipCode + pad(number, 3),
      name: placeName(random) + (residential ? '社区居委会' : '村委会'),
      kind: residential ? 'residents_committee' : 'villagers_committee',
    });
  }
  return villages;
};

const placeName = (random: Random): string => random.pick(NAME_SYLLABLES) + random.pick(NAME_SYLLABLES);

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Picks villages for households: rural villagers' committees hold most registered households and
 * their sizes vary (log-normal weights), urban residents' committees few.
 */
export class VillagePicker {
  private readonly places: VillagePlace[] = [];
  private readonly cumulative: Float64Array;

  constructor(tree: RegionTree, seed: string) {
    const random = Random.derive(seed, 'village-weights');
    const weights: number[] = [];
    for (const city of tree.cities) {
      for (const county of city.counties) {
        for (const township of county.townships) {
          for (const village of township.villages) {
            this.places.push({ village, county });
            weights.push(random.logNormal(village.kind === 'villagers_committee' ? 1 : 0.25, 0.5));
          }
        }
      }
    }
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((weight, index) => {
      total += weight;
      this.cumulative[index] = total;
    });
  }

  get villageCount(): number {
    return this.places.length;
  }

  pick(random: Random): VillagePlace {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const point = random.next() * total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] ?? 0) > point) high = middle;
      else low = middle + 1;
    }
    return this.places[low] as VillagePlace;
  }
}
