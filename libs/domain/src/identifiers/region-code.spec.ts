import { isValidRegionCode, isWithin, parseRegionCode, regionPrefix } from './region-code';

const reasonOf = (code: string): string => {
  const parsed = parseRegionCode(code);
  if (parsed.ok) throw new Error(`expected ${code} to be rejected`);
  return parsed.reason;
};

describe('statistical division codes', () => {
  it('takes a village code apart by prefix', () => {
    expect(parseRegionCode('410423203201')).toEqual({
      ok: true,
      value: {
        code: '410423203201',
        level: 'village',
        prefix: '410423203201',
        provinceCode: '41',
        cityCode: '4104',
        countyCode: '410423',
        townshipCode: '410423203',
        townshipKind: 'township',
        villageKind: 'villagers_committee',
      },
    });
  });

  it('reads trailing zero parts as the unit itself', () => {
    const levelOf = (code: string) => {
      const parsed = parseRegionCode(code);
      return parsed.ok ? [parsed.value.level, parsed.value.prefix] : parsed.reason;
    };
    expect(levelOf('410000000000')).toEqual(['province', '41']);
    expect(levelOf('410400000000')).toEqual(['city', '4104']);
    expect(levelOf('410423000000')).toEqual(['county', '410423']);
    expect(levelOf('410423203000')).toEqual(['township', '410423203']);
  });

  it('accepts townships directly under a city without counties (Dongguan)', () => {
    const parsed = parseRegionCode('441900003001');
    expect(parsed.ok && [parsed.value.level, parsed.value.townshipKind, parsed.value.villageKind]).toEqual([
      'village',
      'sub_district',
      'residents_committee',
    ]);
  });

  it('rejects codes that are not 12 digits', () => {
    expect(reasonOf('41042320320')).toBe('should be 12 digits');
    expect(reasonOf('41042320320a')).toBe('should be 12 digits');
  });

  it('rejects a province outside the mainland list', () => {
    expect(reasonOf('100423203201')).toBe('province part 10 is not a mainland province code');
    expect(reasonOf('660423203201')).toBe('province part 66 is not a mainland province code');
    expect(reasonOf('810000000000')).toBe('province part 81 is not a mainland province code');
  });

  it('rejects broken nesting and parts out of range', () => {
    expect(reasonOf('410023203201')).toBe('city part is 00 but a lower part is not zero');
    expect(reasonOf('410423000201')).toBe('township part is 000 but the village part is not');
    expect(reasonOf('410423603201')).toBe('township part 603 is out of range (001–599)');
    expect(reasonOf('410423203700')).toBe('village part 700 is out of range (001–599)');
    expect(isValidRegionCode('410423203201')).toBe(true);
  });

  it('finds the significant prefix of codes and padded prefixes', () => {
    expect(regionPrefix('410000')).toBe('41');
    expect(regionPrefix('410423000000')).toBe('410423');
    expect(regionPrefix('441900003000')).toBe('441900003');
    expect(regionPrefix('4104230')).toBeUndefined();
    expect(regionPrefix('990000')).toBeUndefined();
  });

  it('tells whether a code lies within a province, city, county, township or village', () => {
    const village = '410423203201';
    for (const prefix of ['41', '4104', '410423', '410423203', village, '410000', '410423000000']) {
      expect(isWithin(village, prefix)).toBe(true);
    }
    for (const prefix of ['42', '4105', '410422', '410423204', '410423203202']) {
      expect(isWithin(village, prefix)).toBe(false);
    }
  });

  it('puts nothing within a malformed prefix and a malformed code within nothing', () => {
    expect(isWithin('410423203201', '')).toBe(false);
    expect(isWithin('410423203201', '4')).toBe(false);
    expect(isWithin('410423203201', '41x')).toBe(false);
    expect(isWithin('410423203', '41')).toBe(false);
  });
});
